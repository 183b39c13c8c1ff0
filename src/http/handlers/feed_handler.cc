#include "http/handlers/feed_handler.h"

#include <array>
#include <charconv>
#include <chrono>
#include <memory>

#include "core/text/relative_time.h"
#include "http/errors.h"
#include "http/query.h"
#include "service/thread_key.h"

namespace palabre::http::handlers {
namespace {

constexpr std::string_view kAtomType = "application/atom+xml; charset=utf-8";
constexpr std::array<std::string_view, 7> kDays = {"Thu", "Fri", "Sat", "Sun",
                                                   "Mon", "Tue", "Wed"};  // 1970-01-01: Thu
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "?limit=": the service's cap, its default when absent; nullopt (400 answered) when invalid.
std::optional<int> Limit(const Request& req, Response& res, const service::FeedLimits& limits) {
  const auto raw = req.query.Get("limit");
  if (!raw) return limits.default_items;
  int v = 0;
  const auto r = std::from_chars(raw->data(), raw->data() + raw->size(), v);
  if (raw->empty() || r.ec != std::errc() || r.ptr != raw->data() + raw->size() || v < 1 ||
      v > limits.max_items) {
    SetError(res, Status(Error::kInvalidArgument, "limit out of range"), PreferredLang(req));
    return std::nullopt;
  }
  return v;
}

// The feed's own URL for rel="self", canonical and relative to the server (RFC 4287, 4.2.7:
// an IRI reference, resolved against the feed's URL): never the request's Host, which the
// client chooses, and one cached feed whatever the request's spelling. "?limit=" unless default.
std::string SelfUrl(std::string path, int limit, const service::FeedLimits& limits) {
  path.append("/feed.atom");
  if (limit != limits.default_items) path.append("?limit=").append(std::to_string(limit));
  return path;
}

// The feed-level <updated> of a body that WriteAtom wrote (its first <updated>).
TimestampMs FeedUpdated(std::string_view body) {
  constexpr std::string_view open = "<updated>";
  const auto begin = body.find(open);
  const auto end = body.find("</updated>", begin);
  if (begin == std::string_view::npos || end == std::string_view::npos) return 0;
  auto t = text::ParseIso8601(body.substr(begin + open.size(), end - begin - open.size()));
  return t.ok() ? *t : 0;
}

// Headers and conditions common to both feeds, then the body (or 304).
void Serve(const Request& req, Response& res, const std::shared_ptr<const CachedBody>& entry) {
  res.AddHeader("Cache-Control", "private, no-cache");
  const TimestampMs updated = FeedUpdated(entry->body);
  res.AddHeader("Last-Modified", HttpDate(updated));
  // RFC 9110, 13.2.2: If-Modified-Since only when If-None-Match is absent.
  if (req.Header("If-None-Match").empty()) {
    const auto since = ParseHttpDate(req.Header("If-Modified-Since"));
    if (since && updated / 1000 <= *since / 1000) {
      // The validator of the representation a 200 would carry (ServeCached's choice).
      const bool gzip = AcceptsGzip(req.Header("Accept-Encoding")) && !entry->Gzip().empty();
      res.AddHeader("ETag", gzip ? entry->GzipEtag() : entry->etag);
      res.AddHeader("Vary", "Accept-Encoding");
      res.status = 304;
      res.content_type = {};
      return;
    }
  }
  ServeCached(req, res, entry);
  if (res.status != 304) res.content_type = kAtomType;
}

}  // namespace

std::string HttpDate(TimestampMs t) {
  using namespace std::chrono;
  const sys_seconds s = floor<seconds>(sys_time<milliseconds>(milliseconds(t)));
  const sys_days day = floor<days>(s);
  const year_month_day ymd(day);
  const hh_mm_ss hms(s - day);
  const auto weekday = ((day.time_since_epoch().count() % 7) + 7) % 7;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT", kDays[weekday].data(),
                static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1].data(),
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

std::optional<TimestampMs> ParseHttpDate(std::string_view s) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": 29 characters at fixed places.
  if (s.size() != 29 || s.substr(3, 2) != ", " || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' ||
      s[19] != ':' || s[22] != ':' || s.substr(25) != " GMT") {
    return std::nullopt;
  }
  const auto number = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    int v = 0;
    const auto r = std::from_chars(s.data() + at, s.data() + at + n, v);
    if (r.ec != std::errc() || r.ptr != s.data() + at + n) return std::nullopt;
    return v;
  };
  unsigned month = 0;
  while (month < 12 && kMonths[month] != s.substr(8, 3)) ++month;
  const auto d = number(5, 2), y = number(12, 4), h = number(17, 2), m = number(20, 2),
             sec = number(23, 2);
  if (month == 12 || !d || !y || !h || !m || !sec || *h > 23 || *m > 59 || *sec > 60) {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day ymd{year(*y), std::chrono::month(month + 1), day(static_cast<unsigned>(*d))};
  if (!ymd.ok()) return std::nullopt;
  const auto t = sys_days(ymd) + hours(*h) + minutes(*m) + seconds(*sec);
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

void FeedHandler::Thread(Request& req, Response& res) {
  const auto limit = Limit(req, res, feeds_.limits());
  if (!limit) return;
  const std::string_view site = req.Param("site");
  // The one key rule, as the thread's version is kept under the thread's stored key.
  auto key = service::ThreadKey(req.Param("key"), deps_.comments.limits().max_key);
  if (!key.ok()) return SetError(res, key.status(), PreferredLang(req));
  const std::string self =
      SelfUrl("/api/v1/threads/" + PercentEncode(site) + "/" + PercentEncode(*key), *limit,
              feeds_.limits());
  std::string cache_key;
  cache_key.append(site).push_back('\x1f');
  cache_key.append(*key).push_back('\x1f');
  cache_key.append(std::to_string(*limit));
  // The version is read before the thread: a write meanwhile makes this entry stale at once.
  const std::uint64_t version = deps_.comments.ThreadVersion(site, *key);
  const auto now = ResponseCache::Clock::now();
  auto entry = cache_.Get(cache_key, version, now);
  if (entry) {
    deps_.metrics.CacheHit();
  } else {
    deps_.metrics.CacheMiss();
    auto feed = feeds_.ThreadFeed(site, *key, *limit, self);
    if (!feed.ok()) return SetError(res, feed.status(), PreferredLang(req));
    entry = cache_.Put(std::move(cache_key), service::WriteAtom(*feed), version, now);
  }
  Serve(req, res, entry);
}

void FeedHandler::Site(Request& req, Response& res) {
  const auto limit = Limit(req, res, feeds_.limits());
  if (!limit) return;
  const std::string_view site = req.Param("site");
  auto feed = feeds_.SiteFeed(
      site, *limit, SelfUrl("/api/v1/sites/" + PercentEncode(site), *limit, feeds_.limits()));
  if (!feed.ok()) return SetError(res, feed.status(), PreferredLang(req));
  auto entry = std::make_shared<CachedBody>();
  entry->body = service::WriteAtom(*feed);
  entry->etag = ResponseCache::MakeEtag(entry->body);
  Serve(req, res, entry);
}

void FeedHandler::Replies(Request& req, Response& res) {
  const auto limit = Limit(req, res, feeds_.limits());
  if (!limit) return;
  const std::string_view site = req.Param("site");
  const std::string_view token = req.Param("token");
  auto feed = feeds_.RepliesFeed(
      site, token, *limit,
      SelfUrl("/api/v1/sites/" + PercentEncode(site) + "/replies/" + PercentEncode(token), *limit,
              feeds_.limits()));
  if (!feed.ok()) return SetError(res, feed.status(), PreferredLang(req));
  auto entry = std::make_shared<CachedBody>();
  entry->body = service::WriteAtom(*feed);
  entry->etag = ResponseCache::MakeEtag(entry->body);
  res.AddHeader("Referrer-Policy", "no-referrer");
  Serve(req, res, entry);
}

}  // namespace palabre::http::handlers
