// PrivacyStore: personal data on request (GDPR access and erasure by e-mail) and by
// retention (purging hashes, deleting what the pipeline rejected). Part of Store (store.h),
// whose contract applies.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace palabre::store {

class PrivacyStore {
 public:
  PrivacyStore() = default;
  PrivacyStore(const PrivacyStore&) = delete;
  PrivacyStore& operator=(const PrivacyStore&) = delete;
  virtual ~PrivacyStore() = default;

  // GDPR. Every comment (any site, any status) whose e-mail equals `email` (case-insensitive),
  // oldest first. An empty `email` matches nothing (not the comments without an e-mail).
  virtual Result<std::vector<Comment>> ListCommentsByEmail(std::string_view email) = 0;
  // Erases those comments' personal data: text, html, author ("" ), email, client hash and
  // edit token hash emptied, status deleted (counts stay exact; replies keep their place).
  // Held and rejected comments become deleted ones too (tombstones in listings); their reports
  // and votes stay. The address's reply-mail subscribers (every site's) are deleted, with their
  // links and pending mails. Returns how many comments were erased (0 for an empty `email`).
  virtual Result<std::int64_t> EraseCommentsByEmail(std::string_view email) = 0;
  // Retention: empties the e-mail, client hash and replies token (they leave their author's
  // replies feed) of comments created before `cutoff` and the
  // reporter, range and token hashes of reports made before it (they stay, and keep counting
  // if unresolved).
  // Returns the number of comments changed (those that had an e-mail or a client hash).
  virtual Result<std::int64_t> PurgePersonalData(TimestampMs cutoff) = 0;
  // Retention of what the pipeline rejected: deletes the site's comments that are rejected and
  // auto_rejected, created before `cutoff` and answered by no comment (with their votes and
  // reports). Returns how many. An unknown site has none (0).
  virtual Result<std::int64_t> DeleteAutoRejected(std::string_view site_id, TimestampMs cutoff) = 0;
};

}  // namespace palabre::store
