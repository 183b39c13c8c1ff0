#include "http/query.h"

namespace palabre::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bool IsValidPercentEncoding(std::string_view in) {
  for (std::size_t i = in.find('%'); i != std::string_view::npos; i = in.find('%', i + 1)) {
    if (i + 2 >= in.size()) return false;
    if (HexValue(in[i + 1]) < 0 || HexValue(in[i + 2]) < 0) return false;
    i += 2;
  }
  return true;
}

void PercentDecodeTo(std::string_view in, bool plus_is_space, std::string& out) {
  out.reserve(out.size() + in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%' && i + 2 < in.size()) {
      const int hi = HexValue(in[i + 1]);
      const int lo = HexValue(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
}

std::string PercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  PercentDecodeTo(in, plus_is_space, out);
  return out;
}

std::string PercentEncode(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (const char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

void SplitDecodedTo(std::string_view raw, char sep, bool plus_is_space,
                    std::vector<std::string>& out) {
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t end = raw.find(sep, start);
    if (end == std::string_view::npos) end = raw.size();
    if (end > start) {
      out.emplace_back();
      PercentDecodeTo(raw.substr(start, end - start), plus_is_space, out.back());
    }
    start = end + 1;
  }
}

void QueryParams::Parse(std::string_view raw) {
  size_ = 0;
  std::size_t start = 0;
  while (start < raw.size()) {
    std::size_t end = raw.find('&', start);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view piece = raw.substr(start, end - start);
    start = end + 1;
    if (piece.empty()) continue;
    const std::size_t eq = piece.find('=');
    const std::string_view name = piece.substr(0, eq);
    const std::string_view value =
        eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    if (size_ == params_.size()) params_.emplace_back();
    Param& p = params_[size_++];
    p.name.clear();
    p.value.clear();
    PercentDecodeTo(name, /*plus_is_space=*/true, p.name);
    PercentDecodeTo(value, /*plus_is_space=*/true, p.value);
    p.raw_value = value;
  }
}

std::optional<std::string_view> QueryParams::Get(std::string_view name) const {
  for (std::size_t i = 0; i < size_; ++i) {
    if (params_[i].name == name) return std::string_view(params_[i].value);
  }
  return std::nullopt;
}

std::vector<std::string_view> QueryParams::GetAllRaw(std::string_view name) const {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < size_; ++i) {
    if (params_[i].name == name) out.push_back(params_[i].raw_value);
  }
  return out;
}

std::vector<std::string_view> QueryParams::GetAll(std::string_view name) const {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < size_; ++i) {
    if (params_[i].name == name) out.push_back(params_[i].value);
  }
  return out;
}

}  // namespace palabre::http
