#include "core/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace palabre {
namespace {

TEST(StatusTest, DefaultIsOk) {
  const Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.error(), Error::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "ok");
  EXPECT_TRUE(Status::Ok().ok());
}

TEST(StatusTest, CarriesErrorAndMessage) {
  const Status s(Error::kTextTooLong, "4001 > 4000 characters");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.error(), Error::kTextTooLong);
  EXPECT_EQ(s.message(), "4001 > 4000 characters");
  EXPECT_EQ(s.ToString(), "text_too_long: 4001 > 4000 characters");
}

TEST(StatusTest, ToStringWithoutMessageIsTheCode) {
  EXPECT_EQ(Status(Error::kUnknownSite, "").ToString(), "unknown_site");
}

TEST(StatusTest, OkWithMessageIsStillOk) {
  const Status s(Error::kOk, "ignored");
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(ResultTest, HoldsAValue) {
  Result<int> r(42);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(r.error(), Error::kOk);
  EXPECT_TRUE(r.status().ok());
  r.value() = 7;
  EXPECT_EQ(*r, 7);
}

TEST(ResultTest, HoldsAnError) {
  const Result<int> r(Error::kUnknownThread, "thread 9");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::kUnknownThread);
  EXPECT_EQ(r.status().message(), "thread 9");
  EXPECT_EQ(r.status().ToString(), "unknown_thread: thread 9");
}

TEST(ResultTest, BuiltFromAFailedStatus) {
  const Result<std::string> r(Status(Error::kUnavailable, "database locked"));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.error(), Error::kUnavailable);
}

TEST(ResultTest, ArrowAndMoveOut) {
  Result<std::string> r(std::string("Awa"));
  EXPECT_EQ(r->size(), 3u);
  const std::string moved = std::move(r).value();
  EXPECT_EQ(moved, "Awa");

  Result<std::unique_ptr<int>> p(std::make_unique<int>(5));
  ASSERT_TRUE(p.ok());
  std::unique_ptr<int> owned = std::move(p).value();
  EXPECT_EQ(*owned, 5);
}

Status FailIf(bool fail) { return fail ? Status(Error::kRateLimited, "flood") : Status::Ok(); }

Status TwoSteps(bool fail_first, int& reached) {
  reached = 0;
  PALABRE_RETURN_IF_ERROR(FailIf(fail_first));
  reached = 1;
  PALABRE_RETURN_IF_ERROR(FailIf(false));
  reached = 2;
  return Status::Ok();
}

TEST(StatusTest, ReturnIfErrorStopsAtTheFirstFailure) {
  int reached = -1;
  const Status failed = TwoSteps(true, reached);
  EXPECT_EQ(failed.error(), Error::kRateLimited);
  EXPECT_EQ(failed.message(), "flood");
  EXPECT_EQ(reached, 0);

  EXPECT_TRUE(TwoSteps(false, reached).ok());
  EXPECT_EQ(reached, 2);
}

}  // namespace
}  // namespace palabre
