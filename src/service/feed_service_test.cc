// FeedService on a real SQLite store: only published comments, newest first, capped; the
// fields of an entry (author's name only, sanitised HTML, link to the comment); unknown sites
// and threads; every feed valid under RFC 4287's schema.
#include "service/feed_service.h"

#include <gtest/gtest.h>

#include "service/atom_schema_testing.h"
#include "service/comment_service_testing.h"

namespace palabre::service {
namespace {

class FeedServiceTest : public CommentServiceTest {
 protected:
  void SetUp() override {
    CommentServiceTest::SetUp();
    feeds_ = std::make_unique<FeedService>(*store_, service_->sites(), service_->limits());
  }
  void TearDown() override {
    feeds_.reset();
    CommentServiceTest::TearDown();
  }

  AtomFeed MustThreadFeed(int items = 50, std::string key = "article-1") {
    auto feed = feeds_->ThreadFeed("demo", key, items, "http://h/feed.atom");
    EXPECT_TRUE(feed.ok()) << feed.status().ToString();
    if (!feed.ok()) return {};
    EXPECT_EQ(AtomSchemaErrors(WriteAtom(*feed)), "");
    return std::move(feed).value();
  }
  AtomFeed MustSiteFeed(int items = 50) {
    auto feed = feeds_->SiteFeed("demo", items, "");
    EXPECT_TRUE(feed.ok()) << feed.status().ToString();
    if (!feed.ok()) return {};
    EXPECT_EQ(AtomSchemaErrors(WriteAtom(*feed)), "");
    return std::move(feed).value();
  }
  // The entries' titles, in the feed's order.
  static std::vector<std::string> Titles(const AtomFeed& feed) {
    std::vector<std::string> out;
    for (const AtomEntry& e : feed.entries) out.push_back(e.title);
    return out;
  }
  PostOutput PostAt(std::string text, std::optional<CommentId> parent = std::nullopt,
                    std::string key = "article-1") {
    clock_.AdvanceMs(60'000);
    return MustPost(std::move(text), parent, std::move(key));
  }

  std::unique_ptr<FeedService> feeds_;
};

TEST_F(FeedServiceTest, ListsOnlyPublishedCommentsNewestFirstRepliesIncluded) {
  const auto first = PostAt("premier");
  moderator_.next.action = moderation::Action::kHold;
  PostAt("retenu");
  moderator_.next.action = moderation::Action::kReject;
  PostAt("refusé");
  moderator_.next = {};
  const auto reply = PostAt("réponse", first.comment.id);
  const auto gone = PostAt("effacé");
  ASSERT_TRUE(service_->Delete(gone.comment.id, gone.edit_token).ok());
  const auto unpublished = PostAt("dépublié");
  ASSERT_TRUE(store_->SetCommentStatus(unpublished.comment.id, CommentStatus::kHeld).ok());
  moderator_.next.action = moderation::Action::kReview;  // published, queued for a second look
  PostAt("à revoir");

  const AtomFeed feed = MustThreadFeed();
  EXPECT_EQ(Titles(feed),
            (std::vector<std::string>{"Awa: à revoir", "Awa: réponse", "Awa: premier"}));
  EXPECT_EQ(feed.entries[1].published, reply.comment.created_at);
  EXPECT_EQ(feed.updated, feed.entries[0].updated);
  EXPECT_EQ(Titles(MustSiteFeed()),
            (std::vector<std::string>{"Awa · article-1: à revoir", "Awa · article-1: réponse",
                                      "Awa · article-1: premier"}));
}

TEST_F(FeedServiceTest, AnEntryShowsTheNameAndTheSanitisedHtmlNeverTheEmail) {
  PostInput in;
  in.author = "Aïssatou";
  in.email = "aissatou@example.com";
  in.text = "Un **lien** <script>alert(1)</script> https://example.org";
  in.client_address = "203.0.113.9";
  auto out = Post(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();

  const AtomFeed feed = MustThreadFeed();
  ASSERT_EQ(feed.entries.size(), 1u);
  const AtomEntry& e = feed.entries[0];
  EXPECT_EQ(e.author, "Aïssatou");
  EXPECT_EQ(e.html, out->comment.html);  // the rendering readers see in the widget
  EXPECT_NE(e.html.find("<strong>lien</strong>"), std::string::npos) << e.html;
  EXPECT_EQ(e.html.find("<script"), std::string::npos) << e.html;
  EXPECT_EQ(e.published, out->comment.created_at);
  EXPECT_TRUE(e.id.starts_with("urn:uuid:"));
  const std::string xml = WriteAtom(feed);
  EXPECT_EQ(xml.find("example.com"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("203.0.113.9"), std::string::npos);
  EXPECT_EQ(e.link, "");  // the key "article-1" does not say where the article is
}

TEST_F(FeedServiceTest, CapsTheEntriesAndKeepsTheNewest) {
  for (int i = 0; i < 12; ++i) PostAt("n" + std::to_string(i));
  const AtomFeed feed = MustThreadFeed(5);
  EXPECT_EQ(Titles(feed),
            (std::vector<std::string>{"Awa: n11", "Awa: n10", "Awa: n9", "Awa: n8", "Awa: n7"}));
  EXPECT_EQ(MustSiteFeed(3).entries.size(), 3u);
  EXPECT_EQ(feeds_->ThreadFeed("demo", "article-1", 0, "").error(), Error::kInvalidArgument);
  EXPECT_EQ(feeds_->ThreadFeed("demo", "article-1", 101, "").error(), Error::kInvalidArgument);
  EXPECT_EQ(feeds_->SiteFeed("demo", 101, "").error(), Error::kInvalidArgument);
}

TEST_F(FeedServiceTest, HeldCommentsDoNotShortenTheFeeds) {
  // Many held comments newer than the published ones: the feeds still have all they asked for.
  for (int i = 0; i < 5; ++i) PostAt("n" + std::to_string(i));
  moderator_.next.action = moderation::Action::kHold;
  for (int i = 0; i < 300; ++i) PostAt("held " + std::to_string(i));
  moderator_.next = {};
  EXPECT_EQ(Titles(MustThreadFeed(4)),
            (std::vector<std::string>{"Awa: n4", "Awa: n3", "Awa: n2", "Awa: n1"}));
  EXPECT_EQ(MustSiteFeed(5).entries.size(), 5u);
}

TEST_F(FeedServiceTest, TheSiteFeedNamesEachThreadAndSkipsOtherSites) {
  PostAt("ici", std::nullopt, "article-1");
  PostAt("là", std::nullopt, "article-2");
  SiteService sites(*store_, clock_);
  SiteInput other;
  other.id = "other";
  other.name = "Other";
  ASSERT_TRUE(sites.Add(other).ok());
  PostInput in;
  in.site_id = "other";
  in.key = "article-1";
  in.author = "Moussa";
  in.text = "ailleurs";
  ASSERT_TRUE(Post(in).ok());
  EXPECT_EQ(Titles(MustSiteFeed()),
            (std::vector<std::string>{"Awa · article-2: là", "Awa · article-1: ici"}));
}

TEST_F(FeedServiceTest, AnEmptyThreadHasAValidFeedDatedFromTheThread) {
  PostAt("x");
  auto thread = store_->GetThread("demo", "article-1");
  ASSERT_TRUE(thread.ok());
  ASSERT_TRUE(store_->SetCommentStatus(1, CommentStatus::kHeld).ok());
  const AtomFeed feed = MustThreadFeed();
  EXPECT_TRUE(feed.entries.empty());
  EXPECT_EQ(feed.updated, thread->created_at);
}

TEST_F(FeedServiceTest, UnknownSitesThreadsAndKeys) {
  EXPECT_EQ(feeds_->ThreadFeed("nope", "article-1", 5, "").error(), Error::kUnknownSite);
  EXPECT_EQ(feeds_->ThreadFeed("demo", "never-posted", 5, "").error(), Error::kUnknownThread);
  EXPECT_EQ(feeds_->ThreadFeed("demo", "   ", 5, "").error(), Error::kKeyInvalid);
  EXPECT_EQ(feeds_->SiteFeed("nope", 5, "").error(), Error::kUnknownSite);
}

TEST_F(FeedServiceTest, FeedAndEntryIdsAreStable) {
  PostAt("x");
  const AtomFeed a = MustThreadFeed();
  PostAt("y");
  const AtomFeed b = MustThreadFeed();
  EXPECT_EQ(a.id, b.id);
  ASSERT_EQ(b.entries.size(), 2u);
  EXPECT_EQ(a.entries[0].id, b.entries[1].id);
  EXPECT_NE(b.entries[0].id, b.entries[1].id);
  EXPECT_NE(a.id, MustSiteFeed().id);
  EXPECT_EQ(a.entries[0].id, MustSiteFeed().entries[1].id);
}

TEST(FeedUrlsTest, ACommentIsLinkedOnItsArticleWhenTheKeySaysWhere) {
  Site site;
  site.origins = {"https://example.com", "https://blog.example.com"};
  Thread thread;
  thread.key = "https://blog.example.com/a?x=1";
  EXPECT_EQ(CommentUrl(site, thread, 7), "https://blog.example.com/a?x=1#palabre-c7");
  thread.key = "https://blog.example.com/a#top";
  EXPECT_EQ(CommentUrl(site, thread, 7), "https://blog.example.com/a#palabre-c7");
  thread.key = "https://example.com";
  EXPECT_EQ(CommentUrl(site, thread, 7), "https://example.com#palabre-c7");
  // An absolute key elsewhere than the site's origins: anyone may open a thread under any key.
  thread.key = "https://phishing.example/login";
  EXPECT_EQ(CommentUrl(site, thread, 7), "");
  thread.key = "https://example.com.phishing.example/a";
  EXPECT_EQ(CommentUrl(site, thread, 7), "");
  thread.key = "http://example.com/a";  // another scheme, another origin
  EXPECT_EQ(CommentUrl(site, thread, 7), "");
  thread.key = "/2024/05/article";  // the widget's default key: the page's path
  EXPECT_EQ(ArticleUrl(site, thread), "https://example.com/2024/05/article");
  EXPECT_EQ(CommentUrl(site, thread, 7), "https://example.com/2024/05/article#palabre-c7");
  thread.key = "//evil.example/x";  // a network-path reference: another host
  EXPECT_EQ(CommentUrl(site, thread, 7), "");
  thread.key = "article-1";
  EXPECT_EQ(CommentUrl(site, thread, 7), "");
  thread.key = "javascript:alert(1)";
  EXPECT_EQ(CommentUrl(site, thread, 7), "");
  site.origins.clear();
  thread.key = "/a";
  EXPECT_EQ(CommentUrl(site, thread, 7), "");
}

}  // namespace
}  // namespace palabre::service
