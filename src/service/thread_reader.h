// ThreadReader: what readers read — a page of a thread as a tree, comment counts of several
// articles, and an author's view of their own comments. Every comment leaves through
// PublicView (comment_view.h) and every key through ThreadKey (thread_key.h). Reads only: a
// thread nobody commented yet is an empty page, never created here. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "service/comment_types.h"
#include "service/site_registry.h"
#include "store/store.h"

namespace palabre::service {

class ThreadReader {
 public:
  ThreadReader(store::Store& store, SiteRegistry& sites, const Clock& clock, const Limits& limits)
      : store_(store), sites_(sites), clock_(clock), limits_(limits) {}

  // kUnknownSite, kKeyInvalid, kInvalidCursor. An unknown key is an empty page, not an error.
  // Replies deeper than the shown depth attach to the deepest shown level ("en réponse à X");
  // deleted comments with nothing visible under them are left out.
  Result<ThreadPage> List(const ListInput& in);

  // kUnknownSite, kTooManyKeys, kKeyInvalid. Keys without comments count 0; order follows
  // `keys`.
  Result<std::vector<store::ThreadCount>> Counts(std::string_view site_id,
                                                 const std::vector<std::string>& keys);
  // The same for a site at hand (a live listener is given the comment's site).
  Result<std::vector<store::ThreadCount>> Counts(const Site& site,
                                                 const std::vector<std::string>& keys);

  // The status of the author's own comments of site `site_id`, each proven by its edit token
  // (any age: the edit window does not apply), in the order asked. The comment is given while
  // published or held, the moderation reasons while held or rejected. kUnknownSite;
  // kInvalidArgument beyond Limits::max_status_items; store failures other than a missing
  // comment.
  Result<std::vector<AuthorView>> AuthorStatuses(std::string_view site_id,
                                                 const std::vector<AuthorQuery>& items,
                                                 text::Lang lang);

 private:
  store::Store& store_;
  SiteRegistry& sites_;
  const Clock& clock_;
  const Limits& limits_;
};

}  // namespace palabre::service
