// PgStore as a PrivacyStore: access and erasure by e-mail, retention.
#include "store/postgres/pg_internal.h"

#include <algorithm>
#include <map>
#include <string>

#include "core/text/ascii.h"

namespace palabre::store::pg {

// --- GDPR -------------------------------------------------------------------------------------

Result<std::vector<Comment>> PgStore::ListCommentsByEmail(std::string_view email) {
  std::vector<Comment> none;
  if (email.empty()) return none;  // anonymous comments are nobody's
  const std::string lowered = text::AsciiLower(email);
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Comment>> {
    Result<Rows> rows = c.Run(sql::kCommentsByEmail, Params().Text(lowered));
    if (!rows.ok()) return rows.status();
    std::vector<Comment> out;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, out));
    return out;
  });
}

Result<std::int64_t> PgStore::EraseCommentsByEmail(std::string_view email) {
  if (email.empty()) return std::int64_t{0};
  const std::string lowered = text::AsciiLower(email);
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    return InTransaction(c, [&]() -> Result<std::int64_t> {
      // The comments are locked, so no status changes under us; only these are erased (a
      // comment inserted meanwhile with the same e-mail is left to the next erasure).
      Result<Rows> unsubscribed = c.Run(sql::kDeleteSubscribersByEmail, Params().Text(lowered));
      if (!unsubscribed.ok()) return unsubscribed.status();
      Result<Rows> locked = c.Run(sql::kLockByEmail, Params().Text(lowered));
      if (!locked.ok()) return locked.status();
      if (locked->empty()) return std::int64_t{0};
      std::vector<CommentId> ids;
      std::map<ThreadId, std::int64_t> published;
      for (int r = 0; r < locked->size(); ++r) {
        ids.push_back(locked->Int(r, 0));
        if (locked->View(r, 2) == ToString(CommentStatus::kPublished)) {
          ++published[locked->Int(r, 1)];
        }
      }
      Result<Rows> erased =
          c.Run(sql::kEraseComments, Params().Text(IdArray(ids)).Text(channel_).Text(node_id_));
      if (!erased.ok()) return erased.status();
      for (const auto& [thread, count] : published) {
        Result<Rows> counted = c.Run(sql::kAddToCommentCount, Params().Int(thread).Int(-count));
        if (!counted.ok()) return counted.status();
      }
      return static_cast<std::int64_t>(erased->size());
    });
  });
}

Result<std::int64_t> PgStore::PurgePersonalData(TimestampMs cutoff) {
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    return InTransaction(c, [&]() -> Result<std::int64_t> {
      Result<Rows> comments = c.Run(sql::kPurgeComments, Params().Int(cutoff));
      if (!comments.ok()) return comments.status();
      Result<Rows> reports = c.Run(sql::kPurgeReports, Params().Int(cutoff));
      if (!reports.ok()) return reports.status();
      return comments->affected();
    });
  });
}

Result<std::int64_t> PgStore::DeleteAutoRejected(std::string_view site_id, TimestampMs cutoff) {
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    Result<Rows> deleted = c.Run(sql::kDeleteAutoRejected, Params().Text(site_id).Int(cutoff));
    if (!deleted.ok()) return deleted.status();
    return deleted->affected();
  });
}

}  // namespace palabre::store::pg
