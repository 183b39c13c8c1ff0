// The live streams after the change feed was cut off: a kResync from the feed reaches every open
// stream of the node as a `reset` event, and the reload it asks for shows what the node missed.
// The routes as RegisterRoutes installs them, on a real SQLite store; two CommentServices on it
// stand for two nodes, and a fake ChangeFeed for the node's feed.
#include "http/handlers/events_handler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "http/router.h"
#include "service/site_service.h"
#include "service/test_store.h"
#include "store/change_feed.h"

namespace palabre::http::handlers {
namespace {

class PassModerator final : public moderation::Moderator {
 public:
  moderation::Decision Evaluate(const Site&, const Thread&, const Comment&) override { return {}; }
  void Record(const Site&, const Comment&, const moderation::Decision*) override {}
};

// A feed the test drives: Deliver calls the callback as the feed's thread would.
class FakeChangeFeed final : public store::ChangeFeed {
 public:
  Status Start(Callback callback) override {
    callback_ = std::move(callback);
    return Status::Ok();
  }
  void Stop() override { callback_ = nullptr; }
  bool WaitListening(std::chrono::milliseconds) override { return true; }
  void Deliver(const store::Change& change) {
    if (callback_) callback_(change);
  }

 private:
  Callback callback_;
};

// One open stream, as the server would hold it.
struct OpenStream {
  std::shared_ptr<StreamSource> source;
  std::atomic<int> wakes{0};

  std::string Read() {
    std::vector<StreamChunk> chunks;
    EXPECT_TRUE(source->Poll(chunks));
    std::string out;
    for (const StreamChunk& c : chunks) out.append(c.bytes);
    return out;
  }
};

class EventsResetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    ASSERT_NE(store_.get(), nullptr);
    service::SiteService sites(*store_.get(), clock_);
    service::SiteInput site;
    site.id = "demo";
    site.name = "Demo";
    ASSERT_TRUE(sites.Add(site).ok());
    RegisterRoutes(router_, deps_);
    ASSERT_TRUE(feed_.Start([this](const store::Change& c) { here_.OnRemoteChange(c); }).ok());
  }

  Response Get(std::string_view target) {
    Request req;
    req.method = Method::kGet;
    req.SetTarget(target);
    Response res;
    router_.Dispatch(req, res);
    return res;
  }

  std::unique_ptr<OpenStream> Open(const std::string& key) {
    Response res = Get("/api/v1/threads/demo/" + key + "/events");
    EXPECT_EQ(res.status, 200) << res.body;
    EXPECT_NE(res.body.find("event: count"), std::string::npos);
    auto stream = std::make_unique<OpenStream>();
    stream->source = res.stream;
    if (stream->source == nullptr) {
      ADD_FAILURE() << "no stream";
      return nullptr;
    }
    OpenStream* raw = stream.get();
    stream->source->Start([raw] { raw->wakes.fetch_add(1); });
    return stream;
  }

  // Posted through the other node: this one hears of it only through its feed.
  CommentId PostElsewhere(const std::string& key, const std::string& text) {
    service::PostInput in;
    in.site_id = "demo";
    in.key = key;
    in.author = "Awa";
    in.text = text;
    auto out = there_.Post(in);
    EXPECT_TRUE(out.ok()) << out.status().ToString();
    return out.ok() ? out->comment.id : 0;
  }

  FakeClock clock_;
  service::TempStore store_{"events_reset_test"};
  PassModerator moderator_;
  service::CommentService here_{*store_.get(), moderator_, clock_};
  service::CommentService there_{*store_.get(), moderator_, clock_};
  service::EventHub hub_;
  Metrics metrics_;
  Router router_;
  Deps deps_{here_, hub_, metrics_, clock_, {}, {}};
  FakeChangeFeed feed_;
};

constexpr char kReset[] = "event: reset\ndata: {\"reason\":\"resync\"}\n\n";

TEST_F(EventsResetTest, AResyncSendsResetToEveryOpenStream) {
  std::unique_ptr<OpenStream> a = Open("article-1");
  std::unique_ptr<OpenStream> also_a = Open("article-1");
  std::unique_ptr<OpenStream> b = Open("article-2");
  ASSERT_TRUE(a && also_a && b);
  for (OpenStream* s : {a.get(), also_a.get(), b.get()}) EXPECT_EQ(s->Read(), "");

  feed_.Deliver(store::Change{});  // kResync
  for (OpenStream* s : {a.get(), also_a.get(), b.get()}) {
    EXPECT_EQ(s->wakes.load(), 1);
    EXPECT_EQ(s->Read(), kReset);
  }
  // The streams stay open and carry the next events as before.
  const CommentId id = PostElsewhere("article-1", "Après la reprise");
  feed_.Deliver(store::Change{store::ChangeKind::kCommentInserted, "demo", "article-1", id});
  const std::string next = a->Read();
  EXPECT_EQ(next.rfind("event: comment\n", 0), 0u) << next;
  EXPECT_EQ(b->Read(), "");
}

TEST_F(EventsResetTest, TheReloadAfterAResetShowsACommentTheFeedMissed) {
  const std::string comments = "/api/v1/threads/demo/article-1/comments";
  const std::string counts = "/api/v1/counts?site=demo&keys=article-1";
  Response before = Get(comments);  // served, and cached, before anything is posted
  ASSERT_EQ(before.status, 200) << before.Body();
  Response counted = Get(counts);
  EXPECT_NE(counted.Body().find("\"article-1\":0"), std::string::npos) << counted.Body();
  std::unique_ptr<OpenStream> live = Open("article-1");
  ASSERT_TRUE(live);

  // Posted while the feed was cut off: its notification never comes.
  const CommentId missed = PostElsewhere("article-1", "Pendant la coupure");
  ASSERT_GT(missed, 0);
  EXPECT_EQ(live->Read(), "");
  feed_.Deliver(store::Change{});  // the feed is back: kResync
  EXPECT_EQ(live->Read(), kReset);

  Response after = Get(comments);
  ASSERT_EQ(after.status, 200) << after.Body();
  EXPECT_NE(after.Body().find("\"id\":" + std::to_string(missed)), std::string::npos)
      << after.Body();
  counted = Get(counts);
  EXPECT_NE(counted.Body().find("\"article-1\":1"), std::string::npos) << counted.Body();
}

TEST_F(EventsResetTest, AResetTakesThePlaceOfWhatAStreamHadWaiting) {
  std::unique_ptr<OpenStream> live = Open("article-1");
  ASSERT_TRUE(live);
  const CommentId id = PostElsewhere("article-1", "Avant la coupure");
  feed_.Deliver(store::Change{store::ChangeKind::kCommentInserted, "demo", "article-1", id});
  feed_.Deliver(store::Change{});  // before the stream read the comment: moot, it reloads
  EXPECT_EQ(live->Read(), kReset);
}

}  // namespace
}  // namespace palabre::http::handlers
