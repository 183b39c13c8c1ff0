// SqliteStore as an ExportStore: a site's threads and comments, page by page, in id order.
#include "store/sqlite/sqlite_internal.h"

namespace palabre::store::sqlite {

Result<std::vector<Thread>> SqliteStore::ListSiteThreads(std::string_view site_id, ThreadId after,
                                                         int limit) {
  std::vector<Thread> threads;
  if (limit < 1) return threads;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListSiteThreads);
  stmt.BindText(1, site_id).BindInt(2, after).BindInt(3, limit);
  for (;;) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    threads.push_back(ReadThread(stmt));
  }
  return threads;
}

Result<std::vector<Comment>> SqliteStore::ListThreadComments(ThreadId thread, CommentId after,
                                                             int limit) {
  std::vector<Comment> comments;
  if (limit < 1) return comments;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListThreadComments);
  stmt.BindInt(1, thread).BindInt(2, after).BindInt(3, limit);
  PALABRE_RETURN_IF_ERROR(ReadComments(stmt, comments));
  return comments;
}

}  // namespace palabre::store::sqlite
