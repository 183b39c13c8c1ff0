// The HTTP API of docs/API.md over real HTTP against the real binary: every endpoint and the
// error codes a client can meet.
#include <set>
#include <thread>

#include "server_fixture.h"

namespace palabre::testing {
namespace {

using boost::json::value;

class ApiTest : public ServerFixture {
 protected:
  static std::string ErrorCodeOf(const HttpResponse& r) {
    const value v = Json(r);
    if (!v.is_object() || !v.as_object().contains("error")) return "(no error object)";
    return std::string(v.at("error").at("code").as_string());
  }
  static std::string ErrorMessageOf(const HttpResponse& r) {
    return std::string(Json(r).at("error").at("message").as_string());
  }
};

TEST_F(ApiTest, HealthzAndMetrics) {
  HttpClient client = Client();
  auto health = client.Get("/healthz");
  ASSERT_EQ(health.status, 200) << health.error;
  EXPECT_EQ(Json(health), value({{"status", "ok"}}));
  auto metrics = client.Get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.Header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(metrics.body.find("palabre_http_requests_total{route=\"/healthz\",status=\"200\"}"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("palabre_comments_posted_total{status=\"published\"}"),
            std::string::npos);
  EXPECT_NE(metrics.body.find("process_resident_memory_bytes "), std::string::npos);
}

// The value of one metrics line ("name{labels}"), -1 when absent.
std::int64_t MetricValue(const std::string& metrics, const std::string& line) {
  const std::size_t at = metrics.find("\n" + line + " ");
  if (at == std::string::npos) return -1;
  return std::stoll(metrics.substr(at + line.size() + 2));
}

TEST_F(ApiTest, EditsCountLikePostsAndEveryCheckCountsItsVerdicts) {
  HttpClient client = Client();
  const std::string before = client.Get("/metrics").body;
  const std::string edited_line = "palabre_comments_edited_total{status=\"published\"}";
  const std::string lexicon_pass =
      "palabre_moderation_check_total{check=\"lexicon\",action=\"pass\"}";
  const std::int64_t edited_before = MetricValue(before, edited_line);
  const std::int64_t pass_before = MetricValue(before, lexicon_pass);
  ASSERT_GE(edited_before, 0) << before;
  ASSERT_GE(pass_before, 0) << before;

  auto posted = PostComment("edit-metrics", "Un premier avis, posé.");
  ASSERT_EQ(posted.status, 201) << posted.body;
  const std::string token(Json(posted).at("edit_token").as_string());
  auto edited = client.Request("PATCH", "/api/v1/comments/" + std::to_string(IdOf(posted)),
                               R"({"edit_token":")" + token + R"(","text":"Un avis revu."})");
  ASSERT_EQ(edited.status, 200) << edited.body;

  const std::string after = client.Get("/metrics").body;
  EXPECT_EQ(MetricValue(after, edited_line), edited_before + 1) << after;
  // The post and the edit each went through the lexicon check, which passed them.
  EXPECT_GE(MetricValue(after, lexicon_pass), pass_before + 2) << after;
  EXPECT_NE(after.find("# TYPE palabre_moderation_check_total counter\n"), std::string::npos);
  for (const char* action : {"flag", "review", "hold", "reject"}) {
    EXPECT_GE(MetricValue(after, "palabre_moderation_check_total{check=\"lexicon\",action=\"" +
                                     std::string(action) + "\"}"),
              0)
        << action;
  }
  EXPECT_GE(MetricValue(after, "palabre_moderation_check_over_budget_total{check=\"lexicon\"}"), 0);
  EXPECT_GE(MetricValue(after, "palabre_moderation_check_failures_total{check=\"lexicon\"}"), 0);
}

TEST_F(ApiTest, PostThenListShowsTheComment) {
  auto posted = PostComment("post-list", "Paix à leurs âmes. **Courage** aux familles.");
  ASSERT_EQ(posted.status, 201) << posted.body;
  EXPECT_EQ(posted.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(posted.Header("Cache-Control"), "no-store");
  const value p = Json(posted);
  EXPECT_EQ(p.at("status").as_string(), "published");
  EXPECT_GE(p.at("edit_token").as_string().size(), 20u);
  const auto& c = p.at("comment").as_object();
  EXPECT_EQ(c.at("html").as_string(),
            "<p>Paix à leurs âmes. <strong>Courage</strong> aux familles.</p>\n");
  EXPECT_EQ(c.at("relative_time").as_string(), "à l'instant");
  EXPECT_TRUE(c.at("parent").is_null());
  EXPECT_FALSE(c.contains("email"));

  HttpClient client = Client();
  auto list = client.Get(CommentsPath("post-list"));
  ASSERT_EQ(list.status, 200);
  const value l = Json(list);
  EXPECT_EQ(l.at("thread").at("count").as_int64(), 1);
  EXPECT_EQ(l.at("thread").at("key").as_string(), "post-list");
  ASSERT_EQ(l.at("comments").as_array().size(), 1u);
  EXPECT_EQ(l.at("comments").as_array()[0].at("id"), c.at("id"));
  EXPECT_TRUE(l.at("next_cursor").is_null());
}

TEST_F(ApiTest, EmailIsNeverReturned) {
  const Reader reader = NewReader();
  HttpClient client = Client();
  auto posted = client.Post(CommentsPath("email"),
                            R"({"author":")" + reader.name +
                                R"(","email":"awa@example.test","text":"Merci pour l'article."})",
                            {{"X-Forwarded-For", reader.address}});
  ASSERT_EQ(posted.status, 201) << posted.body;
  EXPECT_EQ(posted.body.find("awa@example.test"), std::string::npos);
  EXPECT_EQ(client.Get(CommentsPath("email")).body.find("awa@example.test"), std::string::npos);
}

TEST_F(ApiTest, UnknownKeyIsAnEmptyPage) {
  HttpClient client = Client();
  auto r = client.Get(CommentsPath("nobody-commented-yet"));
  ASSERT_EQ(r.status, 200);
  const value v = Json(r);
  EXPECT_EQ(v.at("thread").at("count").as_int64(), 0);
  EXPECT_TRUE(v.at("comments").as_array().empty());
}

TEST_F(ApiTest, KeyThatIsAUrlTravelsAsOneSegment) {
  const std::string key = "https://journal.example/politique/2026/11/article?id=7";
  ASSERT_EQ(PostComment(key, "Bonne analyse de la situation.").status, 201);
  HttpClient client = Client();
  const value v = Json(client.Get(CommentsPath(key)));
  EXPECT_EQ(v.at("thread").at("key").as_string(), key);
  EXPECT_EQ(v.at("thread").at("count").as_int64(), 1);
}

TEST_F(ApiTest, RepliesNestAndDeepOnesSayWhomTheyAnswer) {
  const std::string key = "nesting";
  auto top = PostComment(key, "Premier commentaire sur le sujet.");
  ASSERT_EQ(top.status, 201) << top.body;
  auto r1 = PostComment(key, "Je réponds au premier.", IdOf(top));
  ASSERT_EQ(r1.status, 201) << r1.body;
  auto r2 = PostComment(key, "Et moi à la réponse.", IdOf(r1));
  ASSERT_EQ(r2.status, 201) << r2.body;
  EXPECT_EQ(Json(r2).at("comment").at("depth").as_int64(), 2);

  HttpClient client = Client();
  value v = Json(client.Get(CommentsPath(key)));
  EXPECT_EQ(v.at("thread").at("count").as_int64(), 3);
  const auto& first = v.at("comments").as_array().at(0);
  ASSERT_EQ(first.at("replies").as_array().size(), 1u);
  const auto& reply = first.at("replies").as_array()[0];
  EXPECT_EQ(reply.at("id").as_int64(), IdOf(r1));
  ASSERT_EQ(reply.at("replies").as_array().size(), 1u);
  EXPECT_EQ(reply.at("replies").as_array()[0].at("id").as_int64(), IdOf(r2));

  // depth=1: the second-level reply is shown beside its parent, "en réponse à".
  v = Json(client.Get(CommentsPath(key, "depth=1")));
  const auto& shallow = v.at("comments").as_array().at(0).at("replies").as_array();
  ASSERT_EQ(shallow.size(), 2u);
  EXPECT_EQ(shallow[1].at("id").as_int64(), IdOf(r2));
  EXPECT_EQ(shallow[1].at("reply_to").at("id").as_int64(), IdOf(r1));
  EXPECT_EQ(shallow[1].at("reply_to").at("author"), Json(r1).at("comment").at("author"));
}

TEST_F(ApiTest, ReplyToACommentOfAnotherThreadIs409UnknownParent) {
  auto elsewhere = PostComment("parent-a", "Un commentaire ailleurs.");
  ASSERT_EQ(elsewhere.status, 201);
  ASSERT_EQ(PostComment("parent-b", "Début du fil.").status, 201);
  auto r = PostComment("parent-b", "Réponse égarée.", IdOf(elsewhere));
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(ErrorCodeOf(r), "unknown_parent");
}

TEST_F(ApiTest, PaginationWalkWithCursors) {
  const std::string key = "pagination";
  std::set<std::int64_t> posted;
  for (int i = 0; i < 23; ++i) {
    auto r = PostComment(key, "Commentaire numéro " + std::to_string(i) + " sur la page.");
    ASSERT_EQ(r.status, 201) << r.body;
    posted.insert(IdOf(r));
  }
  for (const char* sort : {"oldest", "newest"}) {
    HttpClient client = Client();
    std::vector<std::int64_t> seen;
    std::string cursor;
    int pages = 0;
    do {
      std::string q = std::string("sort=") + sort + "&limit=10";
      if (!cursor.empty()) q += "&cursor=" + cursor;
      auto r = client.Get(CommentsPath(key, q));
      ASSERT_EQ(r.status, 200) << r.body;
      const value v = Json(r);
      for (const auto& c : v.at("comments").as_array()) seen.push_back(c.at("id").as_int64());
      cursor = v.at("next_cursor").is_null() ? "" : std::string(v.at("next_cursor").as_string());
      ++pages;
    } while (!cursor.empty() && pages < 10);
    EXPECT_EQ(pages, 3) << sort;
    EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()), posted) << sort;
    EXPECT_EQ(seen.size(), posted.size()) << sort;
    if (std::string(sort) == "oldest") {
      EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    } else {
      EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend()));
    }
  }
  HttpClient client = Client();
  auto bad = client.Get(CommentsPath(key, "cursor=not-a-cursor!"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ErrorCodeOf(bad), "invalid_cursor");
  for (const char* q : {"limit=0", "limit=abc", "sort=random", "depth=11"}) {
    auto r = client.Get(CommentsPath(key, q));
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_EQ(ErrorCodeOf(r), "invalid_argument") << q;
  }
}

TEST_F(ApiTest, RelativeTimeAndMessagesFollowTheReadersLanguage) {
  ASSERT_EQ(PostComment("language", "Un avis bien tranché.").status, 201);
  HttpClient client = Client();
  auto fr = Json(client.Get(CommentsPath("language")));
  EXPECT_EQ(fr.at("comments").as_array()[0].at("relative_time").as_string(), "à l'instant");
  auto en = Json(client.Get(CommentsPath("language"), {{"Accept-Language", "en-US,en;q=0.9"}}));
  EXPECT_EQ(en.at("comments").as_array()[0].at("relative_time").as_string(), "just now");
  auto prefer_fr =
      Json(client.Get(CommentsPath("language"), {{"Accept-Language", "en;q=0.5, fr-SN;q=0.9"}}));
  EXPECT_EQ(prefer_fr.at("comments").as_array()[0].at("relative_time").as_string(), "à l'instant");
  auto forced = Json(client.Get(CommentsPath("language", "lang=en")));
  EXPECT_EQ(forced.at("comments").as_array()[0].at("relative_time").as_string(), "just now");

  auto error_en = client.Get("/api/v1/threads/nosuchsite/k/comments", {{"Accept-Language", "en"}});
  EXPECT_EQ(ErrorMessageOf(error_en), "Unknown site.");
  EXPECT_EQ(ErrorMessageOf(client.Get("/api/v1/threads/nosuchsite/k/comments")), "Site inconnu.");
}

TEST_F(ApiTest, EditAndDeleteNeedTheToken) {
  auto posted = PostComment("edit-delete", "Texte d'origine.");
  ASSERT_EQ(posted.status, 201);
  const std::int64_t id = IdOf(posted);
  const std::string token(Json(posted).at("edit_token").as_string());
  const std::string path = "/api/v1/comments/" + std::to_string(id);
  HttpClient client = Client();

  auto no_token = client.Request("PATCH", path, R"({"text":"Texte modifié."})");
  EXPECT_EQ(no_token.status, 403);
  EXPECT_EQ(ErrorCodeOf(no_token), "bad_edit_token");
  auto wrong = client.Request("PATCH", path, R"({"edit_token":"nope","text":"Texte modifié."})");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(ErrorCodeOf(wrong), "bad_edit_token");

  auto edited = client.Request("PATCH", path,
                               R"({"edit_token":")" + token + R"(","text":"Texte *modifié*."})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(Json(edited).at("comment").at("html").as_string(), "<p>Texte <em>modifié</em>.</p>\n");
  EXPECT_FALSE(Json(edited).at("comment").at("edited_at").is_null());
  // The edit shows at once (the cached page is not served).
  auto listed = Json(client.Get(CommentsPath("edit-delete")));
  EXPECT_EQ(listed.at("comments").as_array()[0].at("html").as_string(),
            "<p>Texte <em>modifié</em>.</p>\n");

  auto delete_no_token = client.Request("DELETE", path);
  EXPECT_EQ(delete_no_token.status, 403);
  EXPECT_EQ(ErrorCodeOf(delete_no_token), "bad_edit_token");
  auto deleted = client.Request("DELETE", path, {}, {{"X-Edit-Token", token}});
  EXPECT_EQ(deleted.status, 204);
  EXPECT_TRUE(deleted.body.empty());
  listed = Json(client.Get(CommentsPath("edit-delete")));
  EXPECT_TRUE(listed.at("comments").as_array().empty());
  EXPECT_EQ(listed.at("thread").at("count").as_int64(), 0);
  auto again = client.Request("DELETE", path, R"({"edit_token":")" + token + R"("})");
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(ErrorCodeOf(again), "unknown_comment");
  EXPECT_EQ(
      client.Request("PATCH", "/api/v1/comments/999999", R"({"edit_token":"x","text":"y"})").status,
      404);
}

TEST_F(ApiTest, VotesOnePerReader) {
  auto posted = PostComment("votes", "Votez pour moi.");
  ASSERT_EQ(posted.status, 201);
  const std::string path = "/api/v1/comments/" + std::to_string(IdOf(posted)) + "/votes";
  HttpClient client = Client();
  const Headers reader1 = {{"X-Forwarded-For", "192.0.2.10"}};
  const Headers reader2 = {{"X-Forwarded-For", "198.51.100.10"}};
  auto up = client.Post(path, R"({"vote":"up","token":"widget-token-00001"})", reader1);
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(Json(up),
            value({{"id", IdOf(posted)}, {"upvotes", 1}, {"downvotes", 0}, {"score", 1}}));
  auto twice = client.Post(path, R"({"vote":"up","token":"widget-token-00001"})", reader1);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(ErrorCodeOf(twice), "already_voted");
  auto down = client.Post(path, R"({"vote":"down"})", reader1);
  ASSERT_EQ(down.status, 200);
  EXPECT_EQ(Json(down).at("score").as_int64(), -1);
  auto other = client.Post(path, R"({"vote":"up"})", reader2);
  EXPECT_EQ(Json(other).at("score").as_int64(), 0);
  auto bad_token = client.Post(path, R"({"vote":"up","token":"x"})", reader2);
  EXPECT_EQ(bad_token.status, 400);
  EXPECT_EQ(ErrorCodeOf(bad_token), "invalid_argument");
  auto invalid = client.Post(path, R"({"vote":"sideways"})");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(ErrorCodeOf(invalid), "invalid_vote");
  auto unknown = client.Post("/api/v1/comments/987654/votes", R"({"vote":"up"})");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(ErrorCodeOf(unknown), "unknown_comment");
  // The thread shows the votes at once.
  auto listed = Json(client.Get(CommentsPath("votes")));
  EXPECT_EQ(listed.at("comments").as_array()[0].at("upvotes").as_int64(), 1);
  EXPECT_EQ(listed.at("comments").as_array()[0].at("downvotes").as_int64(), 1);
}

TEST_F(ApiTest, CountsOfUpTo100Articles) {
  ASSERT_EQ(PostComment("count-0", "Un.").status, 201);
  ASSERT_EQ(PostComment("count-0", "Deux.").status, 201);
  ASSERT_EQ(PostComment("https://x.example/a,b", "Avec une virgule.").status, 201);
  std::string keys = "count-0,https%3A%2F%2Fx.example%2Fa%2Cb";
  for (int i = 2; i < 100; ++i) keys += ",count-" + std::to_string(i);
  HttpClient client = Client();
  auto r = client.Get("/api/v1/counts?site=demo&keys=" + keys);
  ASSERT_EQ(r.status, 200) << r.body;
  const boost::json::value all = Json(r);
  const auto& counts = all.at("counts").as_object();
  EXPECT_EQ(counts.size(), 100u);
  EXPECT_EQ(counts.at("count-0").as_int64(), 2);
  EXPECT_EQ(counts.at("https://x.example/a,b").as_int64(), 1);
  EXPECT_EQ(counts.at("count-99").as_int64(), 0);

  auto too_many = client.Get("/api/v1/counts?site=demo&keys=" + keys + ",count-100");
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(ErrorCodeOf(too_many), "too_many_keys");
  // Repeated "keys" parameters add up.
  auto repeated = client.Get("/api/v1/counts?site=demo&keys=count-0&keys=count-1");
  EXPECT_EQ(Json(repeated).at("counts").as_object().size(), 2u);
  // A new comment shows in the counts at once.
  ASSERT_EQ(PostComment("count-1", "Trois.").status, 201);
  repeated = client.Get("/api/v1/counts?site=demo&keys=count-0&keys=count-1");
  EXPECT_EQ(Json(repeated).at("counts").at("count-1").as_int64(), 1);
  auto unknown = client.Get("/api/v1/counts?site=nosuchsite&keys=a");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(ErrorCodeOf(unknown), "unknown_site");
}

TEST_F(ApiTest, NotFoundAndMethodNotAllowed) {
  HttpClient client = Client();
  auto site =
      client.Post("/api/v1/threads/nosuchsite/x/comments", R"({"author":"Awa","text":"Bonjour."})");
  EXPECT_EQ(site.status, 404);
  EXPECT_EQ(ErrorCodeOf(site), "unknown_site");
  auto route = client.Get("/api/v1/nothing-here");
  EXPECT_EQ(route.status, 404);
  EXPECT_EQ(ErrorCodeOf(route), "not_found");
  auto method = client.Request("PUT", CommentsPath("x"), "{}");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(ErrorCodeOf(method), "method_not_allowed");
  EXPECT_EQ(method.Header("Allow"), "GET, POST, HEAD, OPTIONS");
}

TEST_F(ApiTest, BodyTooLargeIs413) {
  HttpClient client = Client();
  const std::string text(70 * 1024, 'a');
  auto r = client.Post(CommentsPath("big"), R"({"author":"Awa","text":")" + text + "\"}");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(ErrorCodeOf(r), "body_too_large");
}

TEST_F(ApiTest, TextTooLongIs422) {
  const Reader reader = NewReader();
  HttpClient client = Client();
  std::string text;
  for (int i = 0; i < 1200; ++i) text += "mot ";  // 4800 + ... over 5000 code points below
  text += std::string(300, 'e');
  auto r = client.Post(CommentsPath("long"),
                       R"({"author":")" + reader.name + R"(","text":")" + text + "\"}",
                       {{"X-Forwarded-For", reader.address}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(ErrorCodeOf(r), "text_too_long");
}

TEST_F(ApiTest, WrongMediaTypeIs415) {
  HttpClient client = Client();
  auto r = client.Post(CommentsPath("media"), R"({"author":"Awa","text":"Bonjour."})",
                       {{"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 415);
  EXPECT_EQ(ErrorCodeOf(r), "unsupported_media_type");
}

TEST_F(ApiTest, MalformedBodiesAre400) {
  HttpClient client = Client();
  auto json = client.Post(CommentsPath("bad"), R"({"author":"Awa","text":)");
  EXPECT_EQ(json.status, 400);
  EXPECT_EQ(ErrorCodeOf(json), "invalid_json");
  auto array = client.Post(CommentsPath("bad"), R"(["author","text"])");
  EXPECT_EQ(ErrorCodeOf(array), "invalid_json");
  auto utf8 = client.Post(CommentsPath("bad"), "{\"author\":\"Awa\",\"text\":\"caf\xE9\"}");
  EXPECT_EQ(utf8.status, 400);
  EXPECT_EQ(ErrorCodeOf(utf8), "invalid_utf8");
  auto type = client.Post(CommentsPath("bad"), R"({"author":"Awa","text":12})");
  EXPECT_EQ(type.status, 400);
  EXPECT_EQ(ErrorCodeOf(type), "invalid_argument");
  auto empty = PostComment("bad", "   ");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(ErrorCodeOf(empty), "text_empty");
  auto anonymous = client.Post(CommentsPath("bad"), R"({"text":"Sans nom."})");
  EXPECT_EQ(anonymous.status, 400);
  EXPECT_EQ(ErrorCodeOf(anonymous), "author_missing");
}

TEST_F(ApiTest, CorsForAllowedOriginsOnly) {
  const Reader reader = NewReader();
  HttpClient client = Client();
  const std::string body =
      R"({"author":")" + reader.name + R"(","text":"Depuis le site du journal."})";
  auto allowed =
      client.Post(CommentsPath("cors"), body,
                  {{"Origin", "https://example.test"}, {"X-Forwarded-For", reader.address}});
  EXPECT_EQ(allowed.status, 201) << allowed.body;
  EXPECT_EQ(allowed.Header("Access-Control-Allow-Origin"), "https://example.test");
  EXPECT_NE(allowed.Header("Vary").find("Origin"), std::string::npos);

  auto refused = client.Post(CommentsPath("cors"), body, {{"Origin", "https://evil.test"}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(ErrorCodeOf(refused), "origin_not_allowed");
  EXPECT_TRUE(refused.Header("Access-Control-Allow-Origin").empty());

  auto read_elsewhere = client.Get(CommentsPath("cors"), {{"Origin", "https://evil.test"}});
  EXPECT_EQ(read_elsewhere.status, 200);
  EXPECT_TRUE(read_elsewhere.Header("Access-Control-Allow-Origin").empty());

  auto preflight = client.Request(
      "OPTIONS", CommentsPath("cors"), {},
      {{"Origin", "https://example.test"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.Header("Access-Control-Allow-Origin"), "https://example.test");
  EXPECT_NE(preflight.Header("Access-Control-Allow-Methods").find("POST"), std::string::npos);
  // Edits, found through the comment's site.
  const std::string path = "/api/v1/comments/" + std::to_string(IdOf(allowed));
  auto edit_preflight = client.Request(
      "OPTIONS", path, {},
      {{"Origin", "https://example.test"}, {"Access-Control-Request-Method", "PATCH"}});
  EXPECT_EQ(edit_preflight.status, 204);
  EXPECT_NE(edit_preflight.Header("Access-Control-Allow-Methods").find("PATCH"), std::string::npos);
  auto foreign_vote =
      client.Post(path + "/votes", R"({"vote":"up"})", {{"Origin", "https://evil.test"}});
  EXPECT_EQ(foreign_vote.status, 403);
  EXPECT_EQ(ErrorCodeOf(foreign_vote), "origin_not_allowed");
}

TEST_F(ApiTest, EtagGives304UntilTheThreadChanges) {
  ASSERT_EQ(PostComment("etag", "Premier.").status, 201);
  HttpClient client = Client();
  auto first = client.Get(CommentsPath("etag"));
  const std::string etag = first.Header("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first.Header("Cache-Control"), "private, no-cache");
  auto same = client.Get(CommentsPath("etag"), {{"If-None-Match", etag}});
  EXPECT_EQ(same.status, 304);
  EXPECT_TRUE(same.body.empty());
  ASSERT_EQ(PostComment("etag", "Deuxième.").status, 201);
  auto changed = client.Get(CommentsPath("etag"), {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(Json(changed).at("thread").at("count").as_int64(), 2);
}

TEST_F(ApiTest, ACachedThreadIsNeverServedAfterAWrite) {
  HttpClient client = Client();
  for (int i = 0; i < 5; ++i) {
    auto before = client.Get(CommentsPath("fresh"));  // cached
    ASSERT_EQ(before.status, 200);
    ASSERT_EQ(PostComment("fresh", "Commentaire frais " + std::to_string(i) + ".").status, 201);
    auto after = Json(client.Get(CommentsPath("fresh")));
    EXPECT_EQ(after.at("thread").at("count").as_int64(), i + 1);
    EXPECT_EQ(after.at("comments").as_array().size(), static_cast<std::size_t>(i + 1));
  }
}

TEST_F(ApiTest, KeepAliveServesManyRequestsOnOneConnection) {
  HttpClient client = Client();
  for (int i = 0; i < 20; ++i) {
    const auto r = i % 2 ? client.Get("/healthz") : client.Get(CommentsPath("keep-alive"));
    ASSERT_EQ(r.status, 200) << r.error;
  }
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(ApiTest, HeadHasTheHeadersOfGet) {
  HttpClient client = Client();
  auto get = client.Get(CommentsPath("head"));
  auto head = client.Request("HEAD", CommentsPath("head"));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("Content-Length"), get.Header("Content-Length"));
  EXPECT_TRUE(head.body.empty());
}

TEST_F(ApiTest, FloodIsRateLimitedWithRetryAfter) {
  const Reader reader = NewReader();
  HttpClient client = Client();
  HttpResponse last;
  for (int i = 0; i < 6 && last.status != 429; ++i) {
    last = client.Post(CommentsPath("flood"),
                       R"({"author":")" + reader.name + R"(","text":"Message numéro )" +
                           std::to_string(i) + R"( du même lecteur."})",
                       {{"X-Forwarded-For", reader.address}});
  }
  ASSERT_EQ(last.status, 429) << last.body;
  EXPECT_EQ(ErrorCodeOf(last), "rate_limited");
  EXPECT_GE(std::stoi(last.Header("Retry-After")), 1);
}

}  // namespace
}  // namespace palabre::testing
