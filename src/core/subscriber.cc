#include "core/subscriber.h"

#include <charconv>

#include "core/crypto.h"
#include "core/webhook.h"

namespace palabre {
namespace {

char PurposeLetter(MailLinkPurpose purpose) {
  return purpose == MailLinkPurpose::kConfirm ? 'c' : 'u';
}

// The site's key for mail links: never the salt itself, which hashes client addresses.
std::string LinkKey(std::string_view site_salt) {
  return HmacSha256Hex(site_salt, "palabre mail links v1");
}

std::string Unsigned(MailLinkPurpose purpose, SubscriberId id, std::int64_t expires_unix) {
  std::string out(1, PurposeLetter(purpose));
  out += '.';
  out += std::to_string(id);
  out += '.';
  out += std::to_string(expires_unix);
  return out;
}

bool ParseNumber(std::string_view s, std::int64_t& out) {
  if (s.empty() || s.size() > 19 || (s.size() > 1 && s[0] == '0')) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && out >= 0;
}

}  // namespace

std::string_view ToString(NotifyOutcome outcome) {
  switch (outcome) {
    case NotifyOutcome::kConfirmSent:
      return "confirm_sent";
    case NotifyOutcome::kConfirmPending:
      return "confirm_pending";
    case NotifyOutcome::kConfirmed:
      return "confirmed";
    case NotifyOutcome::kUnavailable:
      return "unavailable";
  }
  return "unavailable";
}

NotifyOutcome SignUpOutcome(const Subscriber& subscriber, TimestampMs now) {
  if (subscriber.confirmed()) return NotifyOutcome::kConfirmed;
  if (subscriber.confirm_sent_at != 0 && now - subscriber.confirm_sent_at < kConfirmResendMs) {
    return NotifyOutcome::kConfirmPending;
  }
  return NotifyOutcome::kConfirmSent;
}

std::string SignMailLink(MailLinkPurpose purpose, SubscriberId subscriber_id,
                         std::int64_t expires_unix, std::string_view site_salt) {
  const std::string head = Unsigned(purpose, subscriber_id, expires_unix);
  return head + '.' + HmacSha256Hex(LinkKey(site_salt), head);
}

std::optional<MailLink> ParseMailLink(std::string_view token) {
  if (token.size() > 200 || token.size() < 2 || token[1] != '.') return std::nullopt;
  MailLink link;
  if (token[0] == 'c') {
    link.purpose = MailLinkPurpose::kConfirm;
  } else if (token[0] == 'u') {
    link.purpose = MailLinkPurpose::kUnsubscribe;
  } else {
    return std::nullopt;
  }
  std::string_view rest = token.substr(2);
  const std::size_t dot1 = rest.find('.');
  if (dot1 == std::string_view::npos) return std::nullopt;
  const std::size_t dot2 = rest.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return std::nullopt;
  if (!ParseNumber(rest.substr(0, dot1), link.subscriber_id) || link.subscriber_id == 0 ||
      !ParseNumber(rest.substr(dot1 + 1, dot2 - dot1 - 1), link.expires_unix)) {
    return std::nullopt;
  }
  link.mac = std::string(rest.substr(dot2 + 1));
  if (link.mac.size() != 64) return std::nullopt;
  for (char c : link.mac) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  }
  return link;
}

bool VerifyMailLink(const MailLink& link, std::string_view site_salt, std::int64_t now_unix) {
  const std::string expected = HmacSha256Hex(
      LinkKey(site_salt), Unsigned(link.purpose, link.subscriber_id, link.expires_unix));
  if (!ConstantTimeEquals(expected, link.mac)) return false;
  return link.expires_unix == 0 || now_unix <= link.expires_unix;
}

}  // namespace palabre
