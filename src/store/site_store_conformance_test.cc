// The Store conformance suite (store_conformance_testing.h), SiteStore: sites, threads,
// site settings, API keys.
#include "store/store_conformance_testing.h"

namespace palabre::store {
namespace {

// -------------------------------------------------------------------------------------------------

TEST_P(StoreTest, CreateSiteThenGetSiteReturnsEveryField) {
  Site site = MakeSite("dakaractu");
  site.locale = "en";
  site.auto_create_threads = false;
  ASSERT_OK(store().CreateSite(site));
  Result<Site> got = store().GetSite("dakaractu");
  ASSERT_OK(got);
  EXPECT_EQ(got->id, "dakaractu");
  EXPECT_EQ(got->name, site.name);
  EXPECT_EQ(got->origins, site.origins);
  EXPECT_EQ(got->locale, "en");
  EXPECT_EQ(got->time_zone, "Africa/Dakar");
  EXPECT_FALSE(got->auto_create_threads);
  EXPECT_EQ(got->salt, site.salt);
  EXPECT_EQ(got->created_at, kT0);
}

TEST_P(StoreTest, SiteWithoutOriginsKeepsAnEmptyList) {
  Site site = MakeSite("sans-origine");
  site.origins.clear();
  ASSERT_OK(store().CreateSite(site));
  Result<Site> got = store().GetSite("sans-origine");
  ASSERT_OK(got);
  EXPECT_THAT(got->origins, IsEmpty());
}

TEST_P(StoreTest, CreateSiteTwiceIsSiteExists) {
  AddSite("seneweb");
  Site again = MakeSite("seneweb");
  again.name = "Autre";
  EXPECT_EQ(store().CreateSite(again).error(), Error::kSiteExists);
  Result<Site> got = store().GetSite("seneweb");
  ASSERT_OK(got);
  EXPECT_EQ(got->name, "Site seneweb");  // the first one is kept
}

TEST_P(StoreTest, GetUnknownSiteIsUnknownSite) {
  EXPECT_EQ(store().GetSite("absent").error(), Error::kUnknownSite);
}

TEST_P(StoreTest, UpdateSiteChangesItsFields) {
  AddSite("lefaso");
  Site changed = MakeSite("lefaso");
  changed.name = "Lefaso.net";
  changed.origins = {"https://lefaso.net"};
  changed.locale = "en";
  changed.time_zone = "UTC";
  changed.auto_create_threads = false;
  changed.salt = "new-salt";
  ASSERT_OK(store().UpdateSite(changed));
  Result<Site> got = store().GetSite("lefaso");
  ASSERT_OK(got);
  EXPECT_EQ(got->name, "Lefaso.net");
  EXPECT_THAT(got->origins, ElementsAre("https://lefaso.net"));
  EXPECT_EQ(got->locale, "en");
  EXPECT_EQ(got->time_zone, "UTC");
  EXPECT_FALSE(got->auto_create_threads);
  EXPECT_EQ(got->salt, "new-salt");
}

TEST_P(StoreTest, UpdateUnknownSiteIsUnknownSite) {
  EXPECT_EQ(store().UpdateSite(MakeSite("absent")).error(), Error::kUnknownSite);
  EXPECT_EQ(store().GetSite("absent").error(), Error::kUnknownSite);  // not created either
}

TEST_P(StoreTest, ListSitesIsOrderedById) {
  Result<std::vector<Site>> none = store().ListSites();
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
  AddSite("b-site");
  AddSite("c-site");
  AddSite("a-site");
  Result<std::vector<Site>> sites = store().ListSites();
  ASSERT_OK(sites);
  std::vector<std::string> ids;
  for (const Site& s : *sites) ids.push_back(s.id);
  EXPECT_THAT(ids, ElementsAre("a-site", "b-site", "c-site"));
}

TEST_P(StoreTest, RemoveSiteRemovesItsThreadsCommentsAndVotes) {
  AddSite("gone");
  AddSite("kept");
  Thread gone_thread = AddThread("gone", "article-1");
  Thread kept_thread = AddThread("kept", "article-1");
  Comment root = Post(gone_thread.id, std::nullopt, kT0);
  Comment reply = Post(gone_thread.id, root.id, kT0 + 1);
  ASSERT_OK(store().Vote(root.id, "voter", "", 1, kT0 + 2));
  Comment kept = Post(kept_thread.id, std::nullopt, kT0);
  ASSERT_OK(store().Vote(kept.id, "voter", "", 1, kT0 + 2));

  ASSERT_OK(store().RemoveSite("gone"));
  EXPECT_EQ(store().GetSite("gone").error(), Error::kUnknownSite);
  EXPECT_EQ(store().GetThreadById(gone_thread.id).error(), Error::kUnknownThread);
  EXPECT_EQ(store().GetThread("gone", "article-1").error(), Error::kUnknownThread);
  EXPECT_EQ(store().GetComment(root.id).error(), Error::kUnknownComment);
  EXPECT_EQ(store().GetComment(reply.id).error(), Error::kUnknownComment);
  EXPECT_EQ(store().RemoveSite("gone").error(), Error::kUnknownSite);

  // The other site is untouched.
  Result<Comment> still = store().GetComment(kept.id);
  ASSERT_OK(still);
  EXPECT_EQ(still->upvotes, 1);
  EXPECT_EQ(CountOf(kept_thread.id), 1);

  // A site re-created with the same id starts empty: no thread, and the old votes are gone.
  AddSite("gone");
  Thread fresh = AddThread("gone", "article-1");
  EXPECT_EQ(fresh.comment_count, 0);
  Comment again = Post(fresh.id, std::nullopt, kT0 + 10);
  Result<Comment> voted = store().Vote(again.id, "voter", "", 1, kT0 + 11);
  ASSERT_OK(voted);
  EXPECT_EQ(voted->upvotes, 1);
}

TEST_P(StoreTest, IdsAreNeverReusedAfterARemoval) {
  AddSite("kept");
  Thread kept_thread = AddThread("kept", "k");
  Post(kept_thread.id, std::nullopt, kT0);
  AddSite("gone");
  Thread gone_thread = AddThread("gone", "k");
  Comment last = Post(gone_thread.id, std::nullopt, kT0);  // the highest ids so far
  ASSERT_OK(store().Vote(last.id, "voter", "", 1, kT0));
  ASSERT_OK(store().RemoveSite("gone"));

  AddSite("new");
  Thread new_thread = AddThread("new", "k");
  EXPECT_GT(new_thread.id, gone_thread.id);
  Comment fresh = Post(new_thread.id, std::nullopt, kT0);
  EXPECT_GT(fresh.id, last.id);
  Result<Comment> voted = store().Vote(fresh.id, "voter", "", 1, kT0);  // no vote left behind
  ASSERT_OK(voted);
  EXPECT_EQ(voted->upvotes, 1);
}

TEST_P(StoreTest, RemoveUnknownSiteIsUnknownSite) {
  EXPECT_EQ(store().RemoveSite("absent").error(), Error::kUnknownSite);
}

// -------------------------------------------------------------------------------------------------

TEST_P(StoreTest, EnsureThreadCreatesThenReturnsTheSameThread) {
  AddSite("s");
  Thread in;
  in.site_id = "s";
  in.key = "https://s.example.sn/politique/2024/03/12/article";
  in.title = "Élection présidentielle";
  in.body = "Le texte de l'article.";
  in.created_at = kT0;
  Result<Thread> created = store().EnsureThread(in);
  ASSERT_OK(created);
  EXPECT_GT(created->id, 0);
  EXPECT_EQ(created->site_id, "s");
  EXPECT_EQ(created->key, in.key);
  EXPECT_EQ(created->title, in.title);
  EXPECT_EQ(created->body, in.body);
  EXPECT_FALSE(created->closed);
  EXPECT_EQ(created->comment_count, 0);
  EXPECT_EQ(created->created_at, kT0);

  Thread other = in;
  other.title = "Autre titre";
  other.body = "Autre texte";
  other.created_at = kT0 + 5000;
  Result<Thread> again = store().EnsureThread(other);
  ASSERT_OK(again);
  EXPECT_EQ(again->id, created->id);
  EXPECT_EQ(again->title, in.title);  // a non-empty title is never replaced
  EXPECT_EQ(again->body, in.body);
  EXPECT_EQ(again->created_at, kT0);

  Result<Thread> by_key = store().GetThread("s", in.key);
  ASSERT_OK(by_key);
  EXPECT_EQ(by_key->id, created->id);
  Result<Thread> by_id = store().GetThreadById(created->id);
  ASSERT_OK(by_id);
  EXPECT_EQ(by_id->key, in.key);
  EXPECT_EQ(by_id->title, in.title);
}

TEST_P(StoreTest, EnsureThreadFillsAnEmptyTitleAndBodyOnly) {
  AddSite("s");
  Thread bare;
  bare.site_id = "s";
  bare.key = "k";
  Result<Thread> created = store().EnsureThread(bare);
  ASSERT_OK(created);
  EXPECT_EQ(created->title, "");
  ASSERT_OK(store().SetThreadClosed(created->id, true));
  Post(created->id, std::nullopt, kT0);

  Thread titled = bare;
  titled.title = "Le titre";
  titled.body = "Le corps";
  titled.closed = false;
  Result<Thread> filled = store().EnsureThread(titled);
  ASSERT_OK(filled);
  EXPECT_EQ(filled->id, created->id);
  EXPECT_EQ(filled->title, "Le titre");
  EXPECT_EQ(filled->body, "Le corps");
  EXPECT_TRUE(filled->closed);  // nothing else changes
  EXPECT_EQ(filled->comment_count, 1);

  Thread retitled = bare;
  retitled.title = "Un autre titre";
  Result<Thread> kept = store().EnsureThread(retitled);
  ASSERT_OK(kept);
  EXPECT_EQ(kept->title, "Le titre");
}

TEST_P(StoreTest, EnsureThreadOfUnknownSiteIsUnknownSite) {
  Thread thread;
  thread.site_id = "absent";
  thread.key = "k";
  EXPECT_EQ(store().EnsureThread(thread).error(), Error::kUnknownSite);
}

TEST_P(StoreTest, ThreadKeysAreScopedBySite) {
  AddSite("a");
  AddSite("b");
  Thread a = AddThread("a", "same-key");
  Thread b = AddThread("b", "same-key");
  EXPECT_NE(a.id, b.id);
  EXPECT_EQ(store().GetThread("c", "same-key").error(), Error::kUnknownThread);
}

TEST_P(StoreTest, UnknownThreadIsUnknownThread) {
  AddSite("s");
  EXPECT_EQ(store().GetThread("s", "absent").error(), Error::kUnknownThread);
  EXPECT_EQ(store().GetThreadById(424242).error(), Error::kUnknownThread);
  EXPECT_EQ(store().SetThreadClosed(424242, true).error(), Error::kUnknownThread);
}

TEST_P(StoreTest, SetThreadClosedOpensAndCloses) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  ASSERT_OK(store().SetThreadClosed(thread.id, true));
  Result<Thread> closed = store().GetThreadById(thread.id);
  ASSERT_OK(closed);
  EXPECT_TRUE(closed->closed);
  ASSERT_OK(store().SetThreadClosed(thread.id, true));  // again: still OK
  ASSERT_OK(store().SetThreadClosed(thread.id, false));
  Result<Thread> open = store().GetThread("s", "k");
  ASSERT_OK(open);
  EXPECT_FALSE(open->closed);
}

TEST_P(StoreTest, SetThreadTitleReplacesTheTitle) {
  AddSite("s");
  Thread thread = AddThread("s", "k");
  ASSERT_OK(store().SetThreadTitle(thread.id, "Le titre de l'éditeur"));
  Result<Thread> titled = store().GetThread("s", "k");
  ASSERT_OK(titled);
  EXPECT_EQ(titled->title, "Le titre de l'éditeur");
  ASSERT_OK(store().SetThreadTitle(thread.id, "Un autre"));
  titled = store().GetThreadById(thread.id);
  ASSERT_OK(titled);
  EXPECT_EQ(titled->title, "Un autre");
  EXPECT_EQ(store().SetThreadTitle(thread.id + 1000, "x").error(), Error::kUnknownThread);
}

TEST_P(StoreTest, CountCommentsOfPresentAndAbsentKeys) {
  AddSite("s");
  AddSite("other");
  Thread one = AddThread("s", "one");
  Thread two = AddThread("s", "two");
  AddThread("s", "empty");
  Thread elsewhere = AddThread("other", "one");
  Post(one.id, std::nullopt, kT0);
  Comment root = Post(two.id, std::nullopt, kT0);
  Post(two.id, root.id, kT0 + 1);
  Post(two.id, std::nullopt, kT0 + 2, CommentStatus::kHeld);
  Post(elsewhere.id, std::nullopt, kT0);
  Post(elsewhere.id, std::nullopt, kT0);

  std::vector<std::string> keys = {"two", "absent", "empty", "one"};
  Result<std::vector<ThreadCount>> counts = store().CountComments("s", keys);
  ASSERT_OK(counts);
  ASSERT_EQ(counts->size(), 3u);  // "absent" has no thread
  std::map<std::string, std::int64_t> by_key;
  for (const ThreadCount& c : *counts) by_key[c.key] = c.count;
  EXPECT_EQ(by_key["two"], 2);  // replies count, held comments do not
  EXPECT_EQ(by_key["empty"], 0);
  EXPECT_EQ(by_key["one"], 1);  // the other site's "one" is not mixed in
  EXPECT_EQ(by_key.count("absent"), 0u);

  Result<std::vector<ThreadCount>> none = store().CountComments("s", {});
  ASSERT_OK(none);
  EXPECT_THAT(*none, IsEmpty());
  std::vector<std::string> unknown_site_keys = {"one"};
  Result<std::vector<ThreadCount>> unknown = store().CountComments("absent", unknown_site_keys);
  ASSERT_OK(unknown);
  EXPECT_THAT(*unknown, IsEmpty());
}

// -------------------------------------------------------------------------------------------------

TEST_P(StoreTest, SiteSettingsAreKeptAsGivenAndDefaultToAnEmptyObject) {
  AddSite("plain");
  Result<Site> plain = store().GetSite("plain");
  ASSERT_OK(plain);
  EXPECT_EQ(plain->settings, "{}");

  Site site = MakeSite("tuned");
  site.settings = R"({"max_depth":3,"premoderation":true})";
  ASSERT_OK(store().CreateSite(site));
  Result<Site> got = store().GetSite("tuned");
  ASSERT_OK(got);
  EXPECT_EQ(got->settings, site.settings);

  site.settings = R"({"max_depth":5})";
  ASSERT_OK(store().UpdateSite(site));
  Result<std::vector<Site>> sites = store().ListSites();
  ASSERT_OK(sites);
  ASSERT_EQ(sites->size(), 2u);
  EXPECT_EQ((*sites)[0].settings, "{}");
  EXPECT_EQ((*sites)[1].settings, R"({"max_depth":5})");

  site.settings = "";  // empty: the defaults again
  ASSERT_OK(store().UpdateSite(site));
  got = store().GetSite("tuned");
  ASSERT_OK(got);
  EXPECT_EQ(got->settings, "{}");
}

// -------------------------------------------------------------------------------------------------

TEST_P(StoreTest, ApiKeysAreCreatedFoundByHashListedAndRemoved) {
  AddSite("a");
  AddSite("b");
  ApiKey key;
  key.site_id = "a";
  key.name = "CMS";
  key.key_hash = "hash-1";
  key.hint = "plb_abcd";
  key.per_minute = 30;
  key.created_at = kT0;
  Result<ApiKey> one = store().CreateApiKey(key);
  ASSERT_OK(one);
  EXPECT_GT(one->id, 0);
  key.name = "Outil";
  key.key_hash = "hash-2";
  key.per_minute = 60;
  Result<ApiKey> two = store().CreateApiKey(key);
  ASSERT_OK(two);
  EXPECT_GT(two->id, one->id);
  key.site_id = "b";
  key.key_hash = "hash-3";
  ASSERT_OK(store().CreateApiKey(key));

  Result<ApiKey> found = store().FindApiKey("hash-1");
  ASSERT_OK(found);
  EXPECT_EQ(found->id, one->id);
  EXPECT_EQ(found->site_id, "a");
  EXPECT_EQ(found->name, "CMS");
  EXPECT_EQ(found->hint, "plb_abcd");
  EXPECT_EQ(found->per_minute, 30);
  EXPECT_EQ(found->created_at, kT0);
  EXPECT_EQ(store().FindApiKey("hash-9").error(), Error::kUnknownApiKey);
  Result<std::vector<ApiKey>> listed = store().ListApiKeys("a");
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "CMS");
  EXPECT_EQ((*listed)[1].name, "Outil");

  // A key is removed from its own site only.
  EXPECT_EQ(store().RemoveApiKey("b", one->id).error(), Error::kUnknownApiKey);
  ASSERT_OK(store().RemoveApiKey("a", one->id));
  EXPECT_EQ(store().FindApiKey("hash-1").error(), Error::kUnknownApiKey);
  EXPECT_EQ(store().RemoveApiKey("a", one->id).error(), Error::kUnknownApiKey);

  key.site_id = "nowhere";
  key.key_hash = "hash-4";
  EXPECT_EQ(store().CreateApiKey(key).error(), Error::kUnknownSite);
  key.site_id = "a";
  key.key_hash = "";
  EXPECT_EQ(store().CreateApiKey(key).error(), Error::kInvalidArgument);
  // A site's keys go with it.
  ASSERT_OK(store().RemoveSite("a"));
  EXPECT_EQ(store().FindApiKey("hash-2").error(), Error::kUnknownApiKey);
  EXPECT_OK(store().FindApiKey("hash-3"));
}

}  // namespace
}  // namespace palabre::store
