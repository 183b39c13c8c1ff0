// MailMessage: a notification e-mail as palabre composes it, before any transport sees it —
// sender, recipient, subject, a plain-text and an HTML body, and the extra headers
// (List-Unsubscribe…). And the header encodings a transport needs that libcurl does not do:
// RFC 2047 encoded-words for a subject or a display name that is not plain ASCII, and the
// RFC 5322 date. Pure functions, thread-safe. docs/NOTIFICATIONS.md, "E-mail".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace palabre {

struct MailMessage {
  std::string from;       // the deployment's sender address (--mail-from)
  std::string from_name;  // its display name, e.g. the site's name; "" for none
  std::string to;         // the recipient's address
  std::string subject;    // UTF-8, one line
  std::string text;       // the text/plain part, UTF-8
  std::string html;       // the text/html part, UTF-8; "" for a text-only mail
  std::vector<std::pair<std::string, std::string>> headers;  // extra: List-Unsubscribe…
};

// `utf8` as a header's text: unchanged when it is printable ASCII, otherwise one or more
// RFC 2047 encoded-words ("=?UTF-8?B?…?=", each at most 75 characters, never splitting a
// character), separated by spaces. Control characters (CR, LF…) become spaces first, so the
// result can never end a header line.
std::string EncodeHeaderText(std::string_view utf8);

// "Name <address>" for a From or To header, the name quoted or encoded as needed; the bare
// address when `name` is empty.
std::string FormatMailbox(std::string_view name, std::string_view address);

// "Mon, 07 Dec 2026 12:04:36 +0000" (RFC 5322 section 3.3, in UTC).
std::string MailDate(std::int64_t unix_seconds);

// Whether `value` may be sent as a header value: no CR, LF or NUL, at most 998 bytes.
bool IsSafeHeaderValue(std::string_view value);

}  // namespace palabre
