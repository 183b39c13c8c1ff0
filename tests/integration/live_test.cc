// Live updates over Server-Sent Events against the real binary: a reader's stream receives the
// comment another reader posts, in its own language, and the new count.
#include <thread>

#include "server_fixture.h"

namespace palabre::testing {
namespace {

using namespace std::chrono_literals;

class LiveTest : public ServerFixture {
 protected:
  static std::string EventsPath(const std::string& key, const std::string& query = {}) {
    std::string path = CommentsPath(key, query);
    return path.replace(path.find("/comments"), 9, "/events");
  }
};

TEST_F(LiveTest, StreamReceivesACommentPostedByAnotherClient) {
  ASSERT_EQ(PostComment("live", "Déjà là avant l'ouverture du flux.").status, 201);
  SseClient sse("127.0.0.1", port());
  ASSERT_EQ(sse.Open(EventsPath("live"), {{"Origin", "https://example.test"}}), 200);
  EXPECT_EQ(sse.Header("Content-Type"), "text/event-stream; charset=utf-8");
  EXPECT_EQ(sse.Header("Access-Control-Allow-Origin"), "https://example.test");
  auto opening = sse.Next(5s);
  ASSERT_TRUE(opening.has_value());
  EXPECT_EQ(opening->event, "count");
  EXPECT_EQ(opening->data, "{\"count\":1}");
  EXPECT_GT(sse.retry_ms(), 0);

  auto posted = PostComment("live", "Une nouvelle arrive en direct.");
  ASSERT_EQ(posted.status, 201);
  auto comment = sse.Next(5s);
  ASSERT_TRUE(comment.has_value()) << "no event";
  EXPECT_EQ(comment->event, "comment");
  const auto v = boost::json::parse(comment->data).as_object();
  EXPECT_EQ(v.at("id").as_int64(), IdOf(posted));
  EXPECT_EQ(v.at("html").as_string(), "<p>Une nouvelle arrive en direct.</p>\n");
  EXPECT_EQ(v.at("relative_time").as_string(), "à l'instant");
  EXPECT_FALSE(v.contains("email"));
  auto count = sse.Next(5s);
  ASSERT_TRUE(count.has_value());
  EXPECT_EQ(count->event, "count");
  EXPECT_EQ(count->data, "{\"count\":2}");
}

TEST_F(LiveTest, EventsComeInTheReadersLanguageAndOnlyForTheirThread) {
  SseClient en("127.0.0.1", port());
  ASSERT_EQ(en.Open(EventsPath("live-lang"), {{"Accept-Language", "en"}}), 200);
  ASSERT_TRUE(en.Next(5s).has_value());  // opening count
  SseClient other("127.0.0.1", port());
  ASSERT_EQ(other.Open(EventsPath("live-other")), 200);
  ASSERT_TRUE(other.Next(5s).has_value());

  ASSERT_EQ(PostComment("live-lang", "Hello from Dakar.").status, 201);
  auto comment = en.Next(5s);
  ASSERT_TRUE(comment.has_value());
  EXPECT_EQ(boost::json::parse(comment->data).at("relative_time").as_string(), "just now");
  EXPECT_FALSE(other.Next(300ms).has_value());  // another thread's stream stays quiet
}

TEST_F(LiveTest, UnknownSiteIs404) {
  SseClient sse("127.0.0.1", port());
  EXPECT_EQ(sse.Open("/api/v1/threads/nosuchsite/k/events"), 404);
}

TEST_F(LiveTest, ManySubscribersAllReceive) {
  std::vector<std::unique_ptr<SseClient>> readers;
  for (int i = 0; i < 50; ++i) {
    readers.push_back(std::make_unique<SseClient>("127.0.0.1", port()));
    ASSERT_EQ(readers.back()->Open(EventsPath("live-many")), 200);
    ASSERT_TRUE(readers.back()->Next(5s).has_value());
  }
  auto posted = PostComment("live-many", "Pour tout le monde.");
  ASSERT_EQ(posted.status, 201);
  for (auto& r : readers) {
    auto e = r->Next(5s);
    ASSERT_TRUE(e.has_value());
    EXPECT_EQ(e->event, "comment");
  }
}

}  // namespace
}  // namespace palabre::testing
