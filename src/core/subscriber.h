// Reply e-mails, in the domain's terms: a site's subscriber (an address that asked for the
// replies to its comments), what a sign-up did, and the signed links of the mails.
//
// Nothing is ever sent to an address before its owner confirms it: a sign-up (the comment POST's
// "notify_email") queues one confirmation mail, whose link carries a MailLink token of purpose
// kConfirm, valid 24 hours. Reply mails carry a kUnsubscribe token, valid as long as the
// subscriber exists (an unsubscribe link must keep working in an old mail). Tokens are
// HMAC-SHA256 over the purpose, the subscriber and the expiry, keyed from the site's secret
// salt: nobody can make one for another subscriber. docs/NOTIFICATIONS.md, "Reply e-mails".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"

namespace palabre {

using SubscriberId = std::int64_t;

// An address of one site (the same address on two sites is two subscribers).
struct Subscriber {
  SubscriberId id = 0;
  std::string site_id;
  std::string email;                // as given; compared without ASCII case
  TimestampMs created_at = 0;       // the first sign-up
  TimestampMs confirmed_at = 0;     // 0 until its owner opens the confirmation link
  TimestampMs confirm_sent_at = 0;  // the last confirmation mail queued, 0 if none
  bool confirmed() const { return confirmed_at != 0; }
};

// What a sign-up did, as the comment POST's answer says it ("notify").
enum class NotifyOutcome {
  kConfirmSent,     // a confirmation mail was queued
  kConfirmPending,  // one was queued less than kConfirmResendMs ago: no other
  kConfirmed,       // the address was confirmed before: replies to this comment will be mailed
  kUnavailable,     // this deployment sends no mail (or the sign-up could not be stored)
};
std::string_view ToString(NotifyOutcome outcome);  // "confirm_sent", ...

// A second confirmation mail to an unconfirmed address waits this long after the first.
inline constexpr TimestampMs kConfirmResendMs = 60 * 60 * 1000;
// How long a confirmation link works.
inline constexpr TimestampMs kConfirmValidMs = 24 * 60 * 60 * 1000;

// What a sign-up for `subscriber` (as stored before it) does at `now`: nothing to send if the
// address is confirmed, or if its last confirmation was queued less than kConfirmResendMs ago;
// otherwise a confirmation mail.
NotifyOutcome SignUpOutcome(const Subscriber& subscriber, TimestampMs now);

// The result of Store::Subscribe.
struct Subscription {
  Subscriber subscriber;
  NotifyOutcome outcome = NotifyOutcome::kConfirmSent;
};

enum class MailLinkPurpose { kConfirm, kUnsubscribe };

// A mail link's token, "<c|u>.<subscriber id>.<expiry, unix seconds; 0: none>.<64 hex>".
struct MailLink {
  MailLinkPurpose purpose = MailLinkPurpose::kConfirm;
  SubscriberId subscriber_id = 0;
  std::int64_t expires_unix = 0;  // 0: never (unsubscribe links)
  std::string mac;                // hex HMAC-SHA256
};

// The token of a link for `subscriber_id`, signed with a key derived from `site_salt`.
std::string SignMailLink(MailLinkPurpose purpose, SubscriberId subscriber_id,
                         std::int64_t expires_unix, std::string_view site_salt);
// The token's parts, or nullopt when it is not one SignMailLink makes (at most 200 bytes).
std::optional<MailLink> ParseMailLink(std::string_view token);
// Whether `link` was signed with `site_salt`'s key and, if it expires, has not at `now_unix`.
bool VerifyMailLink(const MailLink& link, std::string_view site_salt, std::int64_t now_unix);

}  // namespace palabre
