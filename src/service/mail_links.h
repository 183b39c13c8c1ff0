// MailLinks: the signed links of the mails to subscribers (core/subscriber.h), under the
// deployment's public URL (`serve --public-url`), and what opening them does. A confirmation
// link works 24 hours from its mail; an unsubscribe link as long as the subscriber exists.
// Opening a link checks its signature with its site's key: a malformed, forged, expired link,
// one of another purpose, or one of a subscriber that is gone is kUnknownSubscriber, whatever
// the reason (the answer tells a prober nothing). Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "core/subscriber.h"
#include "store/store.h"

namespace palabre::service {

// A link's subscriber and its site, once the link is checked.
struct MailLinkTarget {
  Subscriber subscriber;
  Site site;
};

class MailLinks {
 public:
  // `public_url` without a trailing slash, "https://commentaires.lejournal.example".
  MailLinks(store::Store& store, const Clock& clock, std::string public_url)
      : store_(store), clock_(clock), public_url_(std::move(public_url)) {}

  std::string ConfirmUrl(const Site& site, SubscriberId id) const;      // …/mail/confirm/TOKEN
  std::string UnsubscribeUrl(const Site& site, SubscriberId id) const;  // …/mail/unsubscribe/…

  // The subscriber of a valid link of `purpose`; changes nothing (an unsubscribe page's GET).
  Result<MailLinkTarget> Open(std::string_view token, MailLinkPurpose purpose);
  // Confirms the address of a valid confirmation link (again: no change).
  Result<MailLinkTarget> Confirm(std::string_view token);
  // Deletes the subscriber of a valid unsubscribe link, with its links and pending mails.
  Result<MailLinkTarget> Unsubscribe(std::string_view token);

 private:
  store::Store& store_;
  const Clock& clock_;
  const std::string public_url_;
};

}  // namespace palabre::service
