#include "http/message.h"

#include <charconv>

#include "core/text/ascii.h"

namespace palabre::http {
namespace {}  // namespace

std::string_view ToString(Method m) {
  switch (m) {
    case Method::kGet:
      return "GET";
    case Method::kHead:
      return "HEAD";
    case Method::kPost:
      return "POST";
    case Method::kPut:
      return "PUT";
    case Method::kPatch:
      return "PATCH";
    case Method::kDelete:
      return "DELETE";
    case Method::kOptions:
      return "OPTIONS";
    case Method::kOther:
      return "OTHER";
  }
  return "OTHER";
}

bool IsWrite(Method m) {
  return m == Method::kPost || m == Method::kPut || m == Method::kPatch || m == Method::kDelete;
}

void Request::SetTarget(std::string_view t) {
  target = t;
  const std::size_t q = t.find('?');
  if (q == std::string_view::npos) {
    path = t;
    raw_query = {};
  } else {
    path = t.substr(0, q);
    raw_query = t.substr(q + 1);
  }
  // A fragment is never sent by clients; drop one if it is.
  if (const std::size_t h = raw_query.find('#'); h != std::string_view::npos) {
    raw_query = raw_query.substr(0, h);
  }
}

std::string_view Request::Header(std::string_view name) const {
  for (const HeaderField& h : headers) {
    if (text::EqualsIgnoreCase(h.name, name)) return h.value;
  }
  return {};
}

std::string_view Request::Param(std::string_view name) const {
  if (param_index_ == nullptr) return {};
  for (const auto& [param, index] : *param_index_) {
    if (param == name && index < segments.size()) return segments[index];
  }
  return {};
}

void Request::Clear() {
  method = Method::kGet;
  method_name = {};
  version = 11;
  target = path = raw_query = body = client_address = route = {};
  https = false;
  headers.clear();
  query.Clear();
  segments.clear();
  allow.clear();
  param_index_ = nullptr;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  std::size_t start = 0;
  while (start < accept_encoding.size()) {
    std::size_t end = accept_encoding.find(',', start);
    if (end == std::string_view::npos) end = accept_encoding.size();
    std::string_view item = text::TrimAscii(accept_encoding.substr(start, end - start));
    start = end + 1;
    std::string_view q;
    if (const std::size_t semi = item.find(';'); semi != std::string_view::npos) {
      q = text::TrimAscii(item.substr(semi + 1));
      item = text::TrimAscii(item.substr(0, semi));
    }
    if (!text::EqualsIgnoreCase(item, "gzip") && item != "*") continue;
    if (q.starts_with("q=") || q.starts_with("Q=")) {
      const std::string_view v = q.substr(2);
      // q=0, q=0.0, q=0.000: refused; anything else accepts.
      return !(v.starts_with("0") && v.find_first_not_of("0.") == std::string_view::npos);
    }
    return true;
  }
  return false;
}

bool IfNoneMatchHits(std::string_view if_none_match, std::string_view etag) {
  if (etag.empty()) return false;
  if (etag.starts_with("W/")) etag.remove_prefix(2);
  std::size_t start = 0;
  while (start < if_none_match.size()) {
    std::size_t end = if_none_match.find(',', start);
    if (end == std::string_view::npos) end = if_none_match.size();
    std::string_view tag = text::TrimAscii(if_none_match.substr(start, end - start));
    start = end + 1;
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}

text::Lang PreferredLang(const Request& req) {
  if (auto lang = req.query.Get("lang")) {
    if (*lang == "en") return text::Lang::kEn;
    if (*lang == "fr") return text::Lang::kFr;
  }
  const std::string_view accept = req.Header("Accept-Language");
  if (accept.empty()) return text::Lang::kFr;
  return text::LangFromAcceptLanguage(accept);
}

void Response::AddHeader(std::string_view name, std::string_view value) {
  if (value.find_first_of("\r\n") != std::string_view::npos ||
      name.find_first_of("\r\n:") != std::string_view::npos) {
    return;  // never let a value split the head
  }
  headers_.append(name);
  headers_.append(": ");
  headers_.append(value);
  headers_.append("\r\n");
}

void Response::AddHeader(std::string_view name, std::int64_t value) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, value);
  AddHeader(name, std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
}

void Response::Clear() {
  status = 200;
  content_type = kJsonType;
  body.clear();
  shared_body.reset();
  stream.reset();
  close = false;
  headers_.clear();
}

}  // namespace palabre::http
