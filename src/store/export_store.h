// ExportStore: the reads of `palabre export`, which pages through a whole site in id order with
// bounded memory. Part of Store (store.h), whose contract applies, except that these listings
// return comments in every status (held, rejected and auto-rejected ones included).
#pragma once

#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace palabre::store {

class ExportStore {
 public:
  ExportStore() = default;
  ExportStore(const ExportStore&) = delete;
  ExportStore& operator=(const ExportStore&) = delete;
  virtual ~ExportStore() = default;

  // At most `limit` threads of the site whose id is greater than `after`, by id. None for an
  // unknown site or a limit below 1.
  virtual Result<std::vector<Thread>> ListSiteThreads(std::string_view site_id, ThreadId after,
                                                      int limit) = 0;
  // At most `limit` comments of the thread, any status, whose id is greater than `after`, by
  // id (so a parent comes before its replies). None for an unknown thread or a limit below 1.
  virtual Result<std::vector<Comment>> ListThreadComments(ThreadId thread, CommentId after,
                                                          int limit) = 0;
};

}  // namespace palabre::store
