#include "http/errors.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace palabre::http {
namespace {

constexpr int kLast = static_cast<int>(Error::kInternal);

TEST(Errors, EveryErrorHasAStatusAndBothMessages) {
  for (int i = 1; i <= kLast; ++i) {
    const auto e = static_cast<Error>(i);
    const ErrorInfo info = Describe(e);
    EXPECT_GE(info.status, 400) << ErrorCode(e);
    EXPECT_LT(info.status, 600) << ErrorCode(e);
    EXPECT_FALSE(info.fr.empty()) << ErrorCode(e);
    EXPECT_FALSE(info.en.empty()) << ErrorCode(e);
    EXPECT_NE(info.fr, info.en) << ErrorCode(e);
  }
}

// docs/API.md's table is the contract: each code listed there has that status here, and every
// code here is listed there.
TEST(Errors, StatusesMatchTheApiDocument) {
  const char* root = std::getenv("PALABRE_SOURCE_DIR");
  const std::string path = std::string(root ? root : PALABRE_SOURCE_DIR_FALLBACK) + "/docs/API.md";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  // Rows "| 400 | `invalid_json`, `invalid_utf8`, ... |". (No std::regex: GCC 12 warns inside
  // it under the sanitizer build.)
  std::map<std::string, int> documented;
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() < 8 || line.compare(0, 2, "| ") != 0 || line.compare(5, 3, " | ") != 0) {
      continue;
    }
    const std::string digits = line.substr(2, 3);
    if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const int status = std::stoi(digits);
    for (std::size_t open = line.find('`'); open != std::string::npos;) {
      const std::size_t close = line.find('`', open + 1);
      if (close == std::string::npos) break;
      documented[line.substr(open + 1, close - open - 1)] = status;
      open = line.find('`', close + 1);
    }
  }
  ASSERT_FALSE(documented.empty());
  for (int i = 1; i <= kLast; ++i) {
    const auto e = static_cast<Error>(i);
    const std::string c(ErrorCode(e));
    ASSERT_TRUE(documented.count(c)) << c << " is missing from docs/API.md";
    EXPECT_EQ(documented[c], HttpStatus(e)) << c;
  }
}

TEST(Errors, BodyHasCodeAndMessageInTheReadersLanguage) {
  std::string fr;
  AppendErrorBody(fr, Error::kTextTooLong, text::Lang::kFr);
  EXPECT_EQ(fr,
            "{\"error\":{\"code\":\"text_too_long\",\"message\":\"Le commentaire est trop "
            "long.\"}}");
  std::string en;
  AppendErrorBody(en, Error::kUnknownSite, text::Lang::kEn);
  EXPECT_EQ(en, "{\"error\":{\"code\":\"unknown_site\",\"message\":\"Unknown site.\"}}");
}

TEST(Errors, RejectedCarriesReasons) {
  moderation::Reason r;
  r.check = "lexicon";
  r.code = "banned_word";
  r.detail = "mot interdit";
  r.score = 0.9;
  const std::vector<moderation::Reason> reasons = {r};
  Response res;
  SetError(res, Status(Error::kRejected, "x"), text::Lang::kFr, 0, &reasons);
  EXPECT_EQ(res.status, 422);
  EXPECT_NE(
      res.body.find("\"reasons\":[{\"check\":\"lexicon\",\"code\":\"banned_word\",\"score\":0.9}]"),
      std::string::npos)
      << res.body;
  EXPECT_EQ(res.body.find("mot interdit"), std::string::npos) << "the author sees no detail";
}

TEST(Errors, RateLimitedAndUnavailableSayWhenToRetry) {
  Response res;
  SetError(res, Status(Error::kRateLimited, ""), text::Lang::kFr, 42);
  EXPECT_EQ(res.status, 429);
  EXPECT_NE(res.extra_headers().find("Retry-After: 42\r\n"), std::string::npos);
  Response unavailable;
  SetError(unavailable, Status(Error::kUnavailable, "db locked"), text::Lang::kFr);
  EXPECT_EQ(unavailable.status, 503);
  EXPECT_NE(unavailable.extra_headers().find("Retry-After: "), std::string::npos);
  EXPECT_EQ(unavailable.body.find("db locked"), std::string::npos);
}

TEST(Errors, EveryTooManyAnswerSaysWhenToRetry) {
  for (const Error e : {Error::kTooManyVotes, Error::kTooManyReports, Error::kApiRateLimited,
                        Error::kAccountLocked}) {
    Response res;
    SetError(res, Status(e, ""), text::Lang::kFr, 120);
    EXPECT_EQ(res.status, 429) << ErrorCode(e);
    EXPECT_NE(res.extra_headers().find("Retry-After: 120\r\n"), std::string::npos) << ErrorCode(e);
  }
  Response no_delay;
  SetError(no_delay, Status(Error::kTooManyVotes, ""), text::Lang::kFr);
  EXPECT_NE(no_delay.extra_headers().find("Retry-After: 1\r\n"), std::string::npos);
}

}  // namespace
}  // namespace palabre::http
