// libFuzzer target: any Cookie header is read without crashing, within the limits, into pairs
// that are views of the input and well-formed; what SetCookieValue writes reads back.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "http/cookies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<palabre::http::Cookie> cookies;
  palabre::http::ParseCookieHeader(input, cookies);
  if (cookies.size() > palabre::http::kMaxCookies) std::abort();
  for (const auto& c : cookies) {
    if (c.name.empty() || c.name.data() < input.data() ||
        c.name.data() + c.name.size() > input.data() + input.size()) {
      std::abort();
    }
    if (c.value.find_first_of("; \t,\"\\") != std::string_view::npos) std::abort();
  }

  palabre::http::Request req;
  req.headers.push_back({"Cookie", input});
  req.headers.push_back({"Host", input});
  req.headers.push_back({"Origin", input});
  (void)palabre::http::FindCookie(req, "palabre_session");
  (void)palabre::http::IsLoopbackHost(input);
  (void)palabre::http::WantsSecureCookie(req);
  (void)palabre::http::SameOriginOrAbsent(req);

  // Round trip: a value that SetCookieValue accepts is found again under its name.
  const std::string set =
      palabre::http::SetCookieValue({"palabre_session", std::string(input), 60, true});
  if (!set.empty()) {
    const std::string pair = set.substr(0, set.find(';'));
    palabre::http::Request back;
    back.headers.push_back({"Cookie", pair});
    const auto found = palabre::http::FindCookie(back, "palabre_session");
    if (pair.size() + 1 <= palabre::http::kMaxCookieBytes && (!found || *found != input)) {
      std::abort();
    }
  }
  return 0;
}
