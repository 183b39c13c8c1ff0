// SqliteStore as a PrivacyStore: access and erasure by e-mail, retention.
#include "store/sqlite/sqlite_internal.h"

#include <algorithm>
#include <string>

#include "core/text/ascii.h"

namespace palabre::store::sqlite {

// --- GDPR -------------------------------------------------------------------------------------

Result<std::vector<Comment>> SqliteStore::ListCommentsByEmail(std::string_view email) {
  std::vector<Comment> comments;
  if (email.empty()) return comments;  // anonymous comments are nobody's
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kCommentsByEmail);
  stmt.BindText(1, text::AsciiLower(email));
  PALABRE_RETURN_IF_ERROR(ReadComments(stmt, comments));
  return comments;
}

Result<std::int64_t> SqliteStore::EraseCommentsByEmail(std::string_view email) {
  if (email.empty()) return std::int64_t{0};
  const std::string lowered = text::AsciiLower(email);
  return Write([&](Db& db) -> Result<std::int64_t> {
    std::vector<std::pair<ThreadId, std::int64_t>> published;
    {
      PALABRE_PREPARE_OR_RETURN(stmt, db, sql::kPublishedByEmail);
      stmt.BindText(1, lowered);
      while (true) {
        PALABRE_STEP_OR_RETURN(row, stmt);
        if (!row) break;
        published.emplace_back(stmt.ColumnInt(0), stmt.ColumnInt(1));
      }
    }
    std::int64_t erased = 0;
    {
      PALABRE_PREPARE_OR_RETURN(erase, db, sql::kEraseByEmail);
      erase.BindText(1, lowered);
      PALABRE_RETURN_IF_ERROR(erase.Run());
      erased = db.Changes();
    }
    for (const auto& [thread, count] : published) {
      PALABRE_RETURN_IF_ERROR(AddToCommentCount(db, thread, -count));
    }
    PALABRE_PREPARE_OR_RETURN(unsubscribe, db, sql::kDeleteSubscribersByEmail);
    unsubscribe.BindText(1, lowered);
    PALABRE_RETURN_IF_ERROR(unsubscribe.Run());
    return erased;
  });
}

Result<std::int64_t> SqliteStore::PurgePersonalData(TimestampMs cutoff) {
  return Write([&](Db& db) -> Result<std::int64_t> {
    std::int64_t changed = 0;
    {
      PALABRE_PREPARE_OR_RETURN(purge, db, sql::kPurgeComments);
      purge.BindInt(1, cutoff);
      PALABRE_RETURN_IF_ERROR(purge.Run());
      changed = db.Changes();
    }
    PALABRE_PREPARE_OR_RETURN(purge, db, sql::kPurgeReports);
    purge.BindInt(1, cutoff);
    PALABRE_RETURN_IF_ERROR(purge.Run());
    return changed;
  });
}

Result<std::int64_t> SqliteStore::DeleteAutoRejected(std::string_view site_id, TimestampMs cutoff) {
  return Write([&](Db& db) -> Result<std::int64_t> {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteAutoRejected);
    remove.BindText(1, site_id).BindInt(2, cutoff);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    return db.Changes();
  });
}

}  // namespace palabre::store::sqlite
