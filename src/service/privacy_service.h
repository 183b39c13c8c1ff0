// PrivacyService: a reader's data on request, and retention (GDPR).
//
// Export gives a person every comment written with their e-mail address, on every site, as
// one JSON document; Erase empties those comments' personal data (text, author, e-mail, client
// hash) and marks them deleted, keeping replies in place; Purge forgets the e-mails and client
// hashes of comments (and the reporter hashes of reports) older than the retention period;
// PurgeAutoRejected deletes what the pipeline rejected once the site's keep_rejected_days pass.
// Used by `palabre user-data export|erase` and by `palabre serve` (hourly purge).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"
#include "service/comment_service.h"
#include "store/store.h"

namespace palabre::service {

class PrivacyService {
 public:
  // `comments` may be null (command line): erasures then bump no version (no cache to keep).
  PrivacyService(store::Store& store, CommentService* comments, const Clock& clock);

  // {"email":"…","exported_at":"…Z","comments":[{"id","site","thread_key","thread_title",
  //   "parent","author","text","status","created_at","edited_at","upvotes","downvotes"}]}
  // oldest first. kEmailInvalid if `email` does not look like one.
  Result<std::string> Export(std::string_view email);

  // Erases every comment with this e-mail (any site, any status); returns how many.
  // kEmailInvalid.
  Result<std::int64_t> Erase(std::string_view email);

  // Forgets personal data older than `retention_days` (> 0; 0 keeps everything and returns 0).
  // Returns the number of comments changed.
  Result<std::int64_t> Purge(int retention_days);

  // Deletes, site by site, the comments the pipeline rejected (Comment::auto_rejected) longer
  // ago than the site's keep_rejected_days (service/site_settings.h; 0: every one of them).
  // Returns how many; the store's errors as they come (sites done before it stay done).
  Result<std::int64_t> PurgeAutoRejected();

 private:
  store::Store& store_;
  CommentService* comments_;
  const Clock& clock_;
};

}  // namespace palabre::service
