// RoutesTest: the fixture of the tests that go through the Router as the server does, on a real
// SQLite store behind a FaultInjectingStore (so that a test can make every store call fail): a
// site "demo" with the origin https://example.test, a CommentService whose moderator publishes
// everything, and the routes registered with Deps that a test may complete first (AddDeps).
// Tests only (included by *_test.cc, built with them).
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/crypto.h"
#include "http/router.h"
#include "http/routes.h"
#include "service/site_service.h"
#include "store/fault_injecting_store.h"

namespace palabre::http {

// A moderator that publishes every comment and remembers nothing.
class PassModerator final : public moderation::Moderator {
 public:
  moderation::Decision Evaluate(const Site&, const Thread&, const Comment&) override { return {}; }
  void Record(const Site&, const Comment&, const moderation::Decision*) override {}
};

class RoutesTest : public ::testing::Test {
 protected:
  explicit RoutesTest(TimestampMs start = 1'700'000'000'000) : clock_(start) {}

  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    static int count = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("palabre_routes_test_" + std::to_string(::getpid()) + "_" + std::to_string(++count));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto base = store::OpenStore((dir_ / "t.db").string());
    ASSERT_TRUE(base.ok()) << base.status().ToString();
    store_ = std::make_unique<store::FaultInjectingStore>(std::move(base).value());
    service::SiteService sites(*store_, clock_);
    service::SiteInput site;
    site.id = "demo";
    site.name = "Demo";
    site.origins = {"https://example.test"};
    ASSERT_TRUE(sites.Add(site).ok());
    comments_ = std::make_unique<service::CommentService>(*store_, moderator_, clock_);
    deps_ = std::make_unique<Deps>(Deps{*comments_, hub_, metrics_, clock_, {}, {}});
    AddDeps(*deps_);
    RegisterRoutes(router_, *deps_);
  }
  void TearDown() override {
    deps_.reset();
    RemoveDeps();
    comments_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Before the routes are registered: what a test's routes need beyond the comments.
  virtual void AddDeps(Deps&) {}
  // After Deps are gone, before the comments: what AddDeps made.
  virtual void RemoveDeps() {}

  // Posts `text` by `author` under "article-1" of "demo", a second after the last post.
  Comment Post(std::string text, std::string author = "Awa") {
    clock_.AdvanceMs(1000);
    service::PostInput in;
    in.site_id = "demo";
    in.key = "article-1";
    in.author = std::move(author);
    in.text = std::move(text);
    auto out = comments_->Post(in);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? out->comment : Comment{};
  }

  // A GET as the server runs it: Router::Begin, then Finish when a worker had to (which
  // `left_blocking`, if given, says).
  Response Get(std::string_view target, std::vector<HeaderField> headers = {},
               bool* left_blocking = nullptr) {
    req_ = Request();
    req_.method = Method::kGet;
    req_.SetTarget(target);
    req_.headers = std::move(headers);
    Response res;
    auto pending = router_.Begin(req_, res);
    if (left_blocking != nullptr) *left_blocking = pending.has_value();
    if (pending) router_.Finish(*pending, req_, res);
    return res;
  }

  std::filesystem::path dir_;
  FakeClock clock_;
  PassModerator moderator_;
  std::unique_ptr<store::FaultInjectingStore> store_;
  std::unique_ptr<service::CommentService> comments_;
  service::EventHub hub_;
  Metrics metrics_;
  Router router_;
  std::unique_ptr<Deps> deps_;
  Request req_;
};

}  // namespace palabre::http
