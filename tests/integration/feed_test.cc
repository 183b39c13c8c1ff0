// The Atom feeds over real HTTP against the real binary (docs/NOTIFICATIONS.md, "Feeds"): the
// routes, their content type and validity under RFC 4287's schema, ETag and Last-Modified with
// 304, gzip, the cap, the API's JSON 404s, and that held and deleted comments never appear;
// a reader's replies feed behind the token the post's answer gives the author.
#include <gmock/gmock.h>

#include "server_fixture.h"
#include "service/atom_schema_testing.h"

namespace palabre::testing {
namespace {

class FeedTest : public ServerFixture {
 protected:
  static std::string FeedPath(const std::string& key, const std::string& query = {}) {
    std::string path = CommentsPath(key);
    path.resize(path.size() - std::string_view("comments").size());
    return path + "feed.atom" + (query.empty() ? "" : "?" + query);
  }
  static int Count(std::string_view body, std::string_view what) {
    int n = 0;
    for (auto at = body.find(what); at != std::string_view::npos; at = body.find(what, at + 1)) {
      ++n;
    }
    return n;
  }
};

TEST_F(FeedTest, AThreadsFeedListsItsPublishedCommentsNewestFirst) {
  const std::string key = "/2026/12/feed-article";
  const auto first = PostComment(key, "Premier avis <b>gras</b> & 1 < 2, ]]> fin.");
  ASSERT_EQ(first.status, 201) << first.body;
  const auto reply = PostComment(key, "Une réponse au premier avis.", IdOf(first));
  ASSERT_EQ(reply.status, 201) << reply.body;
  const auto held =
      PostComment(key, "Le communiqué complet est sur https://mairie-kayes.example/c.");
  ASSERT_EQ(held.status, 202) << held.body;

  HttpClient client = Client();
  const auto feed = client.Get(FeedPath(key));
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.Header("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_EQ(feed.Header("Cache-Control"), "private, no-cache");
  EXPECT_FALSE(feed.Header("ETag").empty());
  EXPECT_FALSE(feed.Header("Last-Modified").empty());
  EXPECT_EQ(service::AtomSchemaErrors(feed.body), "") << feed.body;
  EXPECT_EQ(Count(feed.body, "<entry>"), 2) << feed.body;
  EXPECT_EQ(feed.body.find("mairie-kayes"), std::string::npos) << "a held comment is listed";
  const auto at_reply = feed.body.find("Une réponse");
  const auto at_first = feed.body.find("Premier avis");
  ASSERT_NE(at_reply, std::string::npos);
  ASSERT_NE(at_first, std::string::npos);
  EXPECT_LT(at_reply, at_first);  // newest first
  // The text is escaped once as the widget's HTML, then once more as XML.
  EXPECT_EQ(feed.body.find("<b>"), std::string::npos);
  EXPECT_EQ(feed.body.find("]]>"), std::string::npos);
  // Each entry links to its comment on the article page (the site's origin and the path key).
  EXPECT_NE(feed.body.find("href=\"https://example.test/2026/12/feed-article#palabre-c" +
                           std::to_string(IdOf(first)) + "\""),
            std::string::npos)
      << feed.body;
  // rel="self": the canonical path, never the request's Host.
  EXPECT_NE(feed.body.find("<link rel=\"self\" type=\"application/atom+xml\" "
                           "href=\"/api/v1/threads/demo/%2F2026%2F12%2Ffeed-article/feed.atom\"/>"),
            std::string::npos)
      << feed.body;
  const auto spoofed = client.Get(FeedPath(key), {{"Host", "evil.example"}});
  EXPECT_EQ(spoofed.body, feed.body);
  // The cap.
  const auto one = client.Get(FeedPath(key, "limit=1"));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(Count(one.body, "<entry>"), 1);
  EXPECT_NE(one.body.find("Une réponse"), std::string::npos);
  EXPECT_NE(one.body.find("feed.atom?limit=1\"/>"), std::string::npos);
  EXPECT_EQ(CodeOf(client.Get(FeedPath(key, "limit=0"))), "invalid_argument");
  EXPECT_EQ(CodeOf(client.Get(FeedPath(key, "limit=101"))), "invalid_argument");
}

TEST_F(FeedTest, ConditionalRequestsAnswer304UntilACommentIsPublishedOrRemoved) {
  const std::string key = "feed-conditional";
  const auto posted = PostComment(key, "Un premier avis pour le flux.");
  ASSERT_EQ(posted.status, 201) << posted.body;
  HttpClient client = Client();
  const auto feed = client.Get(FeedPath(key));
  ASSERT_EQ(feed.status, 200);
  const std::string etag = feed.Header("ETag");
  const std::string modified = feed.Header("Last-Modified");
  ASSERT_TRUE(etag.starts_with("\"")) << etag;

  const auto same = client.Get(FeedPath(key), {{"If-None-Match", etag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_EQ(same.body, "");
  EXPECT_EQ(same.Header("ETag"), etag);
  EXPECT_EQ(client.Get(FeedPath(key), {{"If-Modified-Since", modified}}).status, 304);
  EXPECT_EQ(
      client.Get(FeedPath(key), {{"If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"}}).status,
      200);
  // If-None-Match wins over If-Modified-Since (RFC 9110, 13.2.2).
  EXPECT_EQ(
      client.Get(FeedPath(key), {{"If-None-Match", "\"other\""}, {"If-Modified-Since", modified}})
          .status,
      200);

  // Published: a new ETag.
  const auto second = PostComment(key, "Un second avis, publié ensuite.");
  ASSERT_EQ(second.status, 201) << second.body;
  const auto grown = client.Get(FeedPath(key), {{"If-None-Match", etag}});
  ASSERT_EQ(grown.status, 200);
  EXPECT_NE(grown.Header("ETag"), etag);
  EXPECT_NE(grown.body.find("Un second avis"), std::string::npos);

  // Removed by its author: a new ETag again, and the comment is gone.
  const std::string token(Json(second).at("edit_token").as_string());
  ASSERT_EQ(client
                .Request("DELETE", "/api/v1/comments/" + std::to_string(IdOf(second)), {},
                         {{"X-Edit-Token", token}})
                .status,
            204);
  const auto shrunk = client.Get(FeedPath(key), {{"If-None-Match", grown.Header("ETag")}});
  ASSERT_EQ(shrunk.status, 200);
  EXPECT_EQ(shrunk.body.find("Un second avis"), std::string::npos);
  EXPECT_EQ(shrunk.Header("ETag"), etag);  // the same feed as before the second comment
}

TEST_F(FeedTest, GzipWhenAccepted) {
  const std::string key = "feed-gzip";
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(
        PostComment(key, "Un avis assez long pour que la compression vaille la peine, numéro " +
                             std::to_string(i) + ".")
            .status,
        201);
  }
  HttpClient client = Client();
  const auto plain = client.Get(FeedPath(key));
  const auto gzip = client.Get(FeedPath(key), {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(gzip.status, 200);
  EXPECT_EQ(gzip.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(gzip.Header("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_LT(gzip.body.size(), plain.body.size());
  EXPECT_NE(gzip.Header("ETag"), plain.Header("ETag"));
  EXPECT_EQ(
      client
          .Get(FeedPath(key), {{"Accept-Encoding", "gzip"}, {"If-None-Match", gzip.Header("ETag")}})
          .status,
      304);
  const auto since = client.Get(
      FeedPath(key),
      {{"Accept-Encoding", "gzip"}, {"If-Modified-Since", gzip.Header("Last-Modified")}});
  EXPECT_EQ(since.status, 304);
  EXPECT_EQ(since.Header("ETag"), gzip.Header("ETag"));
}

TEST_F(FeedTest, ASitesFeedListsItsLatestPublishedComments) {
  ASSERT_EQ(PostComment("feed-site-a", "Un avis sur le premier article du site.").status, 201);
  ASSERT_EQ(PostComment("feed-site-b", "Un avis sur le second article du site.").status, 201);
  ASSERT_EQ(PostComment("feed-site-b", "Voir https://mairie-kayes.example/site pour tout.").status,
            202);
  HttpClient client = Client();
  const auto feed = client.Get("/api/v1/sites/demo/feed.atom");
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.Header("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_EQ(service::AtomSchemaErrors(feed.body), "") << feed.body;
  const auto b = feed.body.find("second article");
  const auto a = feed.body.find("premier article");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  EXPECT_LT(b, a);
  EXPECT_EQ(feed.body.find("mairie-kayes.example/site"), std::string::npos);
  EXPECT_EQ(
      client.Get("/api/v1/sites/demo/feed.atom", {{"If-None-Match", feed.Header("ETag")}}).status,
      304);
  EXPECT_EQ(Count(client.Get("/api/v1/sites/demo/feed.atom?limit=1").body, "<entry>"), 1);
}

TEST_F(FeedTest, AReadersRepliesFeedHasTheOthersPublishedRepliesToTheirComments) {
  const std::string key = "feed-replies";
  const std::string token = "reader-token-0123456789abcdef";
  HttpClient client = Client();
  // A post with the widget's reader token: the answer gives its author the feed's address.
  const auto mine = client.Post(
      CommentsPath(key),
      R"({"author":"Awa","text":"Mon avis sur la question.","token":")" + token + R"("})",
      {{"X-Forwarded-For", "10.66.0.1"}});
  ASSERT_EQ(mine.status, 201) << mine.body;
  const std::string feed_path = Json(mine).at("replies_feed").as_string().c_str();
  EXPECT_THAT(feed_path,
              ::testing::MatchesRegex("/api/v1/sites/demo/replies/[0-9a-f]{64}/feed\\.atom"));
  EXPECT_EQ(feed_path.find(token), std::string::npos) << "the reader token stays in the browser";
  const std::int64_t id = IdOf(mine);

  ASSERT_EQ(PostComment(key, "Une vraie reponse a Awa.", id).status, 201);
  ASSERT_EQ(PostComment(key, "Voir https://mairie-kayes.example/r pour tout.", id).status, 202);
  // Awa answering under her own comment from the same browser (its token), under another name
  // and from another address: not a reply to her.
  const auto own = client.Post(CommentsPath(key),
                               R"({"author":"Awa D.","text":"Je precise mon avis.","parent":)" +
                                   std::to_string(id) + R"(,"token":")" + token + R"("})",
                               {{"X-Forwarded-For", "10.66.0.2"}});
  ASSERT_EQ(own.status, 201) << own.body;
  ASSERT_EQ(PostComment(key, "Un avis sans rapport.").status, 201);

  const auto feed = client.Get(feed_path);
  ASSERT_EQ(feed.status, 200) << feed.body;
  EXPECT_EQ(feed.Header("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_EQ(feed.Header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(service::AtomSchemaErrors(feed.body), "") << feed.body;
  EXPECT_EQ(Count(feed.body, "<entry>"), 1) << feed.body;
  EXPECT_NE(feed.body.find("Une vraie reponse a Awa."), std::string::npos);
  EXPECT_EQ(client.Get(feed_path, {{"If-None-Match", feed.Header("ETag")}}).status, 304);
  // Another token's feed is empty (not an error: a token says nothing); a malformed one is.
  const auto other =
      client.Get("/api/v1/sites/demo/replies/" + std::string(64, 'a') + "/feed.atom");
  ASSERT_EQ(other.status, 200);
  EXPECT_EQ(Count(other.body, "<entry>"), 0);
  EXPECT_EQ(CodeOf(client.Get("/api/v1/sites/demo/replies/xyz/feed.atom")), "invalid_argument");
  const auto bad =
      client.Post(CommentsPath(key), R"({"author":"Awa","text":"Encore.","token":"a b"})",
                  {{"X-Forwarded-For", "10.66.0.1"}});
  EXPECT_EQ(CodeOf(bad), "invalid_argument");
}

TEST_F(FeedTest, UnknownSitesAndThreadsAreTheApisJson404s) {
  HttpClient client = Client();
  const auto site = client.Get("/api/v1/sites/nope/feed.atom");
  EXPECT_EQ(site.status, 404);
  EXPECT_EQ(CodeOf(site), "unknown_site");
  EXPECT_EQ(CodeOf(client.Get("/api/v1/threads/nope/a/feed.atom")), "unknown_site");
  const auto thread = client.Get(FeedPath("feed-never-posted"));
  EXPECT_EQ(thread.status, 404);
  EXPECT_EQ(CodeOf(thread), "unknown_thread");
  EXPECT_EQ(thread.Header("Content-Type"), "application/json; charset=utf-8");
}

TEST_F(FeedTest, ReadsFromTheSitesOriginGetCors) {
  ASSERT_EQ(PostComment("feed-cors", "Un avis lu depuis le site.").status, 201);
  HttpClient client = Client();
  const auto ours = client.Get(FeedPath("feed-cors"), {{"Origin", "https://example.test"}});
  ASSERT_EQ(ours.status, 200);
  EXPECT_EQ(ours.Header("Access-Control-Allow-Origin"), "https://example.test");
  const auto other = client.Get(FeedPath("feed-cors"), {{"Origin", "https://elsewhere.test"}});
  ASSERT_EQ(other.status, 200);  // served, and the browser hides it
  EXPECT_EQ(other.Header("Access-Control-Allow-Origin"), "");
}

}  // namespace
}  // namespace palabre::testing
