// PgStore as an ExportStore: a site's threads and comments, page by page, in id order.
#include "store/postgres/pg_internal.h"

namespace palabre::store::pg {

Result<std::vector<Thread>> PgStore::ListSiteThreads(std::string_view site_id, ThreadId after,
                                                     int limit) {
  std::vector<Thread> none;
  if (limit < 1) return none;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Thread>> {
    Result<Rows> rows = c.Run(sql::kListSiteThreads, Params().Text(site_id).Int(after).Int(limit));
    if (!rows.ok()) return rows.status();
    std::vector<Thread> out;
    out.reserve(static_cast<std::size_t>(rows->size()));
    for (int r = 0; r < rows->size(); ++r) out.push_back(ReadThread(*rows, r));
    return out;
  });
}

Result<std::vector<Comment>> PgStore::ListThreadComments(ThreadId thread, CommentId after,
                                                         int limit) {
  std::vector<Comment> none;
  if (limit < 1) return none;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Comment>> {
    Result<Rows> rows = c.Run(sql::kListThreadComments, Params().Int(thread).Int(after).Int(limit));
    if (!rows.ok()) return rows.status();
    std::vector<Comment> out;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, out));
    return out;
  });
}

}  // namespace palabre::store::pg
