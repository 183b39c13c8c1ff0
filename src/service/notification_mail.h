// The e-mails palabre sends readers, in French or English (the site's language): the one-time
// confirmation of an address that asked for replies, the reply notification (one reply, or a
// digest of those that came in between two mails), and the test message of `palabre mail
// test`. Each has a plain-text and an HTML part; what readers wrote is escaped in the HTML and
// quoted in the text; times are in the site's time zone. Reply mails carry the one-click
// unsubscribe headers of RFC 8058. Pure: no store, no network, no clock.
// docs/NOTIFICATIONS.md, "E-mail".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/mail.h"
#include "core/model.h"

namespace palabre::service {

// Who sends: the deployment's address (--mail-from); the site's name is the display name.
struct MailSender {
  std::string address;
};

// The mail asking `to` to confirm that it wants replies to its comments under `thread_title`,
// with the signed link `confirm_url` (valid 24 hours).
MailMessage ConfirmationMail(const Site& site, const MailSender& sender, std::string_view to,
                             std::string_view thread_title, std::string_view confirm_url);

// One reply as a reply mail shows it.
struct MailReply {
  std::string author;
  std::string text;  // as written; escaped here
  std::string url;   // the reply in its page; "" when not known (no link then)
  TimestampMs created_at = 0;
};

// The mail telling `to` that `replies` (one or more, oldest first) answered its comment under
// `thread_title`; `unsubscribe_url` is both the footer's link and the List-Unsubscribe target
// (a POST to it unsubscribes, RFC 8058).
MailMessage ReplyMail(const Site& site, const MailSender& sender, std::string_view to,
                      std::string_view thread_title, const std::vector<MailReply>& replies,
                      std::string_view unsubscribe_url);

// The message `palabre mail test` sends to check a deployment's SMTP settings.
MailMessage TestMail(const Site& site, const MailSender& sender, std::string_view to);

// "7 décembre 2026 à 12:04" / "7 December 2026 at 12:04", in the site's zone and language.
std::string MailTime(const Site& site, TimestampMs t);

}  // namespace palabre::service
