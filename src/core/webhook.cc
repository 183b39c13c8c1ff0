#include "core/webhook.h"

#include <sodium.h>

#include <array>
#include <cctype>
#include <utility>

namespace palabre {
namespace {

constexpr std::array<std::pair<WebhookEvent, std::string_view>, 5> kEvents{{
    {WebhookEvent::kCommentPublished, "comment.published"},
    {WebhookEvent::kCommentHeld, "comment.held"},
    {WebhookEvent::kCommentReported, "comment.reported"},
    {WebhookEvent::kCommentRejected, "comment.rejected"},
    {WebhookEvent::kUserBanned, "user.banned"},
}};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost" || host == "[::1]") return true;
  if (!StartsWith(host, "127.")) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return dots == 3;
}

}  // namespace

std::string_view ToString(WebhookEvent event) {
  for (const auto& [value, name] : kEvents) {
    if (value == event) return name;
  }
  if (event == WebhookEvent::kMailConfirm) return "mail.confirm";
  if (event == WebhookEvent::kMailReply) return "mail.reply";
  return "unknown";
}

std::optional<WebhookEvent> ParseWebhookEvent(std::string_view name) {
  for (const auto& [value, known] : kEvents) {
    if (known == name) return value;
  }
  return std::nullopt;
}

Result<std::uint32_t> ParseWebhookEvents(std::string_view list) {
  if (Trim(list).empty())
    return Status(Error::kInvalidArgument, "a webhook needs at least one event");
  std::uint32_t bits = 0;
  while (true) {
    const std::size_t comma = list.find(',');
    const std::string_view name = Trim(list.substr(0, comma));
    if (name == "all") {
      bits |= kAllWebhookEvents;
    } else if (std::optional<WebhookEvent> event = ParseWebhookEvent(name)) {
      bits |= static_cast<std::uint32_t>(*event);
    } else {
      return Status(Error::kInvalidArgument,
                    "unknown event \"" + std::string(name) +
                        "\" (comment.published, comment.held, comment.reported, "
                        "comment.rejected, user.banned or all)");
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return bits;
}

std::vector<std::string_view> WebhookEventNames(std::uint32_t events) {
  std::vector<std::string_view> names;
  for (const auto& [value, name] : kEvents) {
    if ((events & static_cast<std::uint32_t>(value)) != 0) names.push_back(name);
  }
  return names;
}

std::optional<WebhookEvent> EventForStatus(CommentStatus status) {
  switch (status) {
    case CommentStatus::kPublished:
      return WebhookEvent::kCommentPublished;
    case CommentStatus::kHeld:
      return WebhookEvent::kCommentHeld;
    case CommentStatus::kRejected:
      return WebhookEvent::kCommentRejected;
    case CommentStatus::kDeleted:
      return std::nullopt;
  }
  return std::nullopt;
}

std::string_view ToString(WebhookFormat format) {
  switch (format) {
    case WebhookFormat::kPalabre:
      return "palabre";
    case WebhookFormat::kSlack:
      return "slack";
    case WebhookFormat::kTelegram:
      return "telegram";
  }
  return "palabre";
}

std::optional<WebhookFormat> ParseWebhookFormat(std::string_view name) {
  if (name == "palabre") return WebhookFormat::kPalabre;
  if (name == "slack") return WebhookFormat::kSlack;
  if (name == "telegram") return WebhookFormat::kTelegram;
  return std::nullopt;
}

Status ValidateWebhookUrl(std::string_view url, WebhookFormat format) {
  auto invalid = [](std::string why) { return Status(Error::kInvalidArgument, std::move(why)); };
  if (url.size() > 2000) return invalid("webhook URL longer than 2,000 bytes");
  for (char c : url) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) {
      return invalid("webhook URL with a space, a control or a non-ASCII byte (percent-encode it)");
    }
  }
  bool https = StartsWith(url, "https://");
  if (!https && !StartsWith(url, "http://")) return invalid("webhook URL must start with https://");
  std::string_view rest = url.substr(https ? 8 : 7);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    return invalid("webhook URL with a user name or password (put secrets in the path)");
  }
  std::string_view host = authority;
  if (StartsWith(host, "[")) {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos) return invalid("webhook URL with an unclosed [IPv6]");
    host = host.substr(0, close + 1);
  } else {
    host = host.substr(0, host.find(':'));
  }
  if (host.empty()) return invalid("webhook URL without a host");
  if (!https && !IsLoopbackHost(host)) {
    return invalid("webhook URL must use https:// (http:// only to a loopback address)");
  }
  if (format == WebhookFormat::kTelegram) {
    const std::string_view path = rest.substr(authority.size());
    if (!StartsWith(path, "/bot") || path.find("/sendMessage?") == std::string_view::npos ||
        (path.find("?chat_id=") == std::string_view::npos &&
         path.find("&chat_id=") == std::string_view::npos)) {
      return invalid(
          "a Telegram webhook is the Bot API's …/bot<TOKEN>/sendMessage?chat_id=<CHAT> URL");
    }
  }
  return Status::Ok();
}

std::string_view ToString(OutboxState state) {
  switch (state) {
    case OutboxState::kPending:
      return "pending";
    case OutboxState::kSent:
      return "sent";
    case OutboxState::kFailed:
      return "failed";
  }
  return "pending";
}

std::optional<OutboxState> ParseOutboxState(std::string_view name) {
  if (name == "pending") return OutboxState::kPending;
  if (name == "sent") return OutboxState::kSent;
  if (name == "failed") return OutboxState::kFailed;
  return std::nullopt;
}

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  std::string hex(mac.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), mac.data(), mac.size());
  hex.pop_back();
  return hex;
}

std::string SignWebhook(std::string_view secret, std::int64_t unix_seconds, std::string_view body) {
  const std::string t = std::to_string(unix_seconds);
  std::string message;
  message.reserve(t.size() + 1 + body.size());
  message.append(t).append(".").append(body);
  return "t=" + t + ",v1=" + HmacSha256Hex(secret, message);
}

}  // namespace palabre
