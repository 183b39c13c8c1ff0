// Query strings and percent-encoding: "?sort=newest&keys=a,b&keys=c" into decoded name/value
// pairs, and path segments into their decoded bytes.
//
// Decoding itself is lenient: "%zz" or a lone "%" stays as written, "+" is a space in a query
// (never in a path), a name without "=" has an empty value, empty pieces ("a=1&&b=2") are
// skipped. The router refuses a request whose path or query has such a malformed escape before
// decoding anything (IsValidPercentEncoding; 400 invalid_percent_encoding): "%zz" cannot be
// read two ways. Validating values is the caller's job. Decoded bytes are not checked for
// UTF-8 (the service does that on every text it keeps).
// QueryParams is a value type (not thread-safe to mutate); the free functions are thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace palabre::http {

// False if some "%" in `in` is not followed by two hexadecimal digits.
bool IsValidPercentEncoding(std::string_view in);

// Appends the percent-decoding of `in` to `out`; with `plus_is_space`, "+" decodes to " ".
void PercentDecodeTo(std::string_view in, bool plus_is_space, std::string& out);
std::string PercentDecode(std::string_view in, bool plus_is_space);

// Percent-encodes every byte outside RFC 3986's unreserved set (A-Z a-z 0-9 - . _ ~).
std::string PercentEncode(std::string_view in);

// Splits `raw` (still percent-encoded) on `sep` and decodes each piece; empty pieces are
// skipped. "a,b%2Cc,,d" -> {"a", "b,c", "d"}: an encoded separator stays in its piece.
void SplitDecodedTo(std::string_view raw, char sep, bool plus_is_space,
                    std::vector<std::string>& out);

class QueryParams {
 public:
  struct Param {
    std::string name;            // decoded
    std::string value;           // decoded
    std::string_view raw_value;  // as in the query string (valid while that string lives)
  };

  // Replaces the contents with the parameters of `raw` (the part after "?", without it).
  // `raw` must outlive the raw_value views. Keeps allocated storage for reuse.
  void Parse(std::string_view raw);
  void Clear() { size_ = 0; }

  // First value of `name`, or nullopt.
  std::optional<std::string_view> Get(std::string_view name) const;
  // Every raw (undecoded) value of `name`, in order ("keys=a,b&keys=c" -> {"a,b", "c"}).
  std::vector<std::string_view> GetAllRaw(std::string_view name) const;
  // Every decoded value of `name`, in order.
  std::vector<std::string_view> GetAll(std::string_view name) const;

  std::size_t size() const { return size_; }
  const Param& operator[](std::size_t i) const { return params_[i]; }

 private:
  std::vector<Param> params_;  // the first size_ are live; the rest keep their capacity
  std::size_t size_ = 0;
};

}  // namespace palabre::http
