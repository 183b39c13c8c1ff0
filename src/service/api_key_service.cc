#include "service/api_key_service.h"

#include "core/crypto.h"
#include "core/text/utf8.h"

namespace palabre::service {
namespace {

constexpr std::string_view kPrefix = "plb_";
constexpr TimestampMs kMinuteMs = 60'000;
constexpr std::size_t kMaxName = 100;
constexpr std::size_t kMaxWindows = 10'000;

}  // namespace

Result<NewApiKey> CreateApiKey(store::Store& store, const Clock& clock, std::string_view site_id,
                               std::string_view name, int per_minute) {
  auto cleaned = text::NormalizeUserText(name, /*single_line=*/true);
  if (!cleaned.ok()) return cleaned.status();
  if (text::CodePointCount(*cleaned) > kMaxName) {
    return Status(Error::kInvalidArgument, "name: 100 characters at most");
  }
  if (per_minute < 1 || per_minute > 10'000) {
    return Status(Error::kInvalidArgument, "per_minute: 1..10000");
  }
  NewApiKey out;
  out.secret = std::string(kPrefix) + RandomToken(32);
  out.key.site_id = std::string(site_id);
  out.key.name = std::move(cleaned).value();
  out.key.key_hash = HashHex(out.secret);
  out.key.hint = out.secret.substr(0, 8);
  out.key.per_minute = per_minute;
  out.key.created_at = clock.NowMs();
  auto stored = store.CreateApiKey(out.key);
  if (!stored.ok()) return stored.status();
  out.key = std::move(stored).value();
  return out;
}

Result<Admission> ApiKeyService::Admit(std::string_view secret) {
  if (secret.empty()) return Status(Error::kApiKeyMissing, "no API key");
  // Anything that cannot be a key is refused without a database read.
  if (secret.size() > 128 || !secret.starts_with(kPrefix)) {
    return Status(Error::kApiKeyInvalid, "not an API key");
  }
  auto key = store_.FindApiKey(HashHex(secret));
  if (!key.ok()) {
    if (key.error() == Error::kUnknownApiKey) return Status(Error::kApiKeyInvalid, "unknown key");
    return key.status();
  }
  Admission out;
  out.key = std::move(key).value();
  const TimestampMs now = clock_.NowMs();
  MutexLock lock(mu_);
  if (windows_.size() > kMaxWindows) {
    std::erase_if(windows_, [now](const auto& kv) { return now - kv.second.start >= kMinuteMs; });
  }
  Window& w = windows_[out.key.id];
  if (now - w.start >= kMinuteMs) w = Window{now, 0};
  if (w.used >= out.key.per_minute) {
    out.retry_after_s =
        static_cast<int>(std::max<TimestampMs>(1, (w.start + kMinuteMs - now + 999) / 1000));
    return out;
  }
  ++w.used;
  return out;
}

}  // namespace palabre::service
