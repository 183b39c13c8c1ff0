// libFuzzer target: query strings and percent-decoding never crash, and what PercentEncode
// writes decodes back to the same bytes through a whole query string.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/query.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  palabre::http::QueryParams q;
  q.Parse(input);
  for (std::size_t i = 0; i < q.size(); ++i) {
    // Decoding never grows the text.
    if (q[i].value.size() > q[i].raw_value.size()) std::abort();
  }
  std::vector<std::string> pieces;
  palabre::http::SplitDecodedTo(input, ',', true, pieces);

  (void)palabre::http::IsValidPercentEncoding(input);
  // Round trip: the input as one value, encoded, is well-formed and parses back to itself.
  const std::string query = "v=" + palabre::http::PercentEncode(input);
  if (!palabre::http::IsValidPercentEncoding(query)) std::abort();
  q.Parse(query);
  if (q.size() != 1 || q.Get("v") != input) std::abort();
  return 0;
}
