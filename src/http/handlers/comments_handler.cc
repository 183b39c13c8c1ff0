#include "http/handlers/comments_handler.h"

#include <charconv>

#include "http/cors.h"
#include "http/errors.h"
#include "http/handlers/comment_write_answer.h"
#include "http/handlers/common.h"
#include "service/thread_key.h"

namespace palabre::http::handlers {
namespace {

// An integer query parameter within [lo, hi]; `fallback` when absent.
Result<int> IntParam(const Request& req, std::string_view name, int lo, int hi, int fallback) {
  const auto raw = req.query.Get(name);
  if (!raw) return fallback;
  int v = 0;
  const auto r = std::from_chars(raw->data(), raw->data() + raw->size(), v);
  if (raw->empty() || r.ec != std::errc() || r.ptr != raw->data() + raw->size() || v < lo ||
      v > hi) {
    return Status(Error::kInvalidArgument, std::string(name) + " out of range");
  }
  return v;
}

}  // namespace

struct CommentsHandler::ListRequest {
  text::Lang lang = text::Lang::kFr;
  service::ListInput in;
  std::string cache_key;
};

bool CommentsHandler::ParseList(Request& req, Response& res, ListRequest& out) const {
  const text::Lang lang = PreferredLang(req);
  out.lang = lang;
  service::ListInput& in = out.in;
  in.site_id = req.Param("site");
  in.lang = lang;
  if (auto sort = req.query.Get("sort")) {
    auto parsed = ParseSort(*sort);
    if (!parsed) {
      SetError(res, Error::kInvalidArgument, lang);
      return false;
    }
    in.sort = *parsed;
  }
  const auto& limits = deps_.comments.limits();
  auto limit = IntParam(req, "limit", 1, limits.max_page, limits.default_page);
  auto depth = IntParam(req, "depth", 0, 10, limits.max_depth);
  for (const Status& s : {limit.status(), depth.status()}) {
    if (!s.ok()) {
      SetError(res, s, lang);
      return false;
    }
  }
  in.limit = *limit;
  in.max_depth = *depth;
  in.cursor = req.query.Get("cursor").value_or("");
  auto key = service::ThreadKey(req.Param("key"), deps_.comments.limits().max_key);
  if (!key.ok()) {
    SetError(res, key.status(), lang);
    return false;
  }
  in.key = std::move(key).value();

  std::string& cache_key = out.cache_key;
  cache_key.reserve(in.site_id.size() + in.key.size() + in.cursor.size() + 24);
  cache_key.append(in.site_id).push_back('\x1f');
  cache_key.append(in.key).push_back('\x1f');
  cache_key.append(ToString(in.sort)).push_back('\x1f');
  cache_key.append(std::to_string(in.limit)).push_back('\x1f');
  cache_key.append(std::to_string(in.max_depth)).push_back('\x1f');
  cache_key.append(text::ToString(lang)).push_back('\x1f');
  cache_key.append(in.cursor);
  return true;
}

bool CommentsHandler::ListCached(Request& req, Response& res) {
  const std::optional<Site> site = deps_.comments.KnownSite(req.Param("site"));
  if (!site) return false;
  Response scratch;  // an invalid request is answered by List, on a worker, as always
  ListRequest list;
  if (!ParseList(req, scratch, list)) return false;
  const std::uint64_t version = deps_.comments.ThreadVersion(list.in.site_id, list.in.key);
  auto entry = cache_.Get(list.cache_key, version, ResponseCache::Clock::now());
  if (!entry) return false;
  deps_.metrics.CacheHit();
  Cors::ApplyToRead(req, res, *site);
  res.AddHeader("Cache-Control", "private, no-cache");
  res.AddHeader("Vary", "Accept-Language");
  ServeCached(req, res, entry);
  return true;
}

void CommentsHandler::List(Request& req, Response& res) {
  ListRequest list;
  if (!ParseList(req, res, list)) return;
  // The version is read before the thread: a write meanwhile makes this entry stale at once.
  const std::uint64_t version = deps_.comments.ThreadVersion(list.in.site_id, list.in.key);
  const auto now = ResponseCache::Clock::now();
  auto entry = cache_.Get(list.cache_key, version, now);
  if (entry) {
    deps_.metrics.CacheHit();
  } else {
    deps_.metrics.CacheMiss();
    auto page = deps_.comments.List(list.in);
    if (!page.ok()) return SetError(res, page.status(), list.lang);
    std::string body;
    body.reserve(512 + page->comments.size() * 700);
    AppendThreadPage(body, *page);
    entry = cache_.Put(std::move(list.cache_key), std::move(body), version, now);
  }
  res.AddHeader("Cache-Control", "private, no-cache");
  res.AddHeader("Vary", "Accept-Language");
  ServeCached(req, res, entry);
}

void CommentsHandler::Post(Request& req, Response& res) {
  const text::Lang lang = PreferredLang(req);
  auto body = ParseJsonBody(req, deps_.options.json);
  if (!body.ok()) return SetError(res, body.status(), lang);
  service::PostInput in;
  in.site_id = req.Param("site");
  in.key = req.Param("key");
  auto author = body->String("author");
  auto text = body->String("text");
  auto email = body->String("email");
  auto notify_email = body->String("notify_email");
  auto title = body->String("title");
  auto parent = body->Int("parent");
  for (const Status& s : {author.status(), text.status(), email.status(), notify_email.status(),
                          title.status(), parent.status()}) {
    if (!s.ok()) return SetError(res, s, lang);
  }
  in.author = author->value_or("");
  in.text = text->value_or("");
  in.email = email->value_or("");
  in.notify_email = notify_email->value_or("");
  auto token = body->String("token");
  if (!token.ok()) return SetError(res, token.status(), lang);
  in.reader_token = token->value_or("");
  in.title = title->value_or("");
  in.parent_id = *parent;
  in.client_address = req.client_address;
  in.origin = req.Header("Origin");

  auto out = deps_.comments.Post(in);
  if (!out.ok()) return SetError(res, out.status(), lang);
  AnswerWrite(res, WriteKind::kPost, *out, lang, deps_.clock.NowMs(), deps_.metrics);
}

}  // namespace palabre::http::handlers
