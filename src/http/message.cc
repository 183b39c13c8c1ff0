#include "http/message.h"

#include <charconv>

namespace palabre::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool EqualsLower(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

}  // namespace

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
    if (EqualsIgnoreCase(h.name, name)) return h.value;
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
    std::string_view item = Trim(accept_encoding.substr(start, end - start));
    start = end + 1;
    std::string_view q;
    if (const std::size_t semi = item.find(';'); semi != std::string_view::npos) {
      q = Trim(item.substr(semi + 1));
      item = Trim(item.substr(0, semi));
    }
    if (!EqualsLower(item, "gzip") && item != "*") continue;
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
    std::string_view tag = Trim(if_none_match.substr(start, end - start));
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
