// The moderator console's HTTP API against the real binary, continued (admin_fixture.h): reader
// reports (docs/API.md, "Reader reports") and their bursts, review after publishing, API keys
// from the sites page, and an author's view of their own comments' statuses.
#include "admin_fixture.h"

namespace palabre::testing {
namespace {

TEST_F(AdminTest, ReaderReportsHoldACommentAtTheThreshold) {
  const Session admin = Login("admin@demo.test");
  ASSERT_EQ(PutSettings(admin, R"({"report_threshold":2,"premoderation":"none"})").status, 200);
  const auto posted = Post("reports", "Lecteur Signalé", "Un avis tranché sur la question.");
  ASSERT_EQ(posted.status, 201) << posted.body;
  const std::string path = "/api/v1/comments/" + std::to_string(IdOf(posted)) + "/reports";
  HttpClient client = Client();

  // Each reader from a network of their own.
  const Headers reader1 = {{"X-Forwarded-For", "192.0.2.31"}};
  const Headers reader2 = {{"X-Forwarded-For", "198.51.100.32"}};
  const Headers reader3 = {{"X-Forwarded-For", "203.0.113.33"}};
  auto r = client.Post(path, R"({"reason":"abuse","token":"browser-token-00001"})",
                       {{"Origin", "https://example.test"}, reader1[0]});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Json(r).at("reports").as_int64(), 1);
  EXPECT_EQ(r.Header("Access-Control-Allow-Origin"), "https://example.test");
  EXPECT_EQ(CodeOf(client.Post(path, R"({"reason":"abuse"})", reader1)), "already_reported");
  EXPECT_EQ(CodeOf(client.Post(path, R"({"reason":"boring"})", reader2)), "invalid_argument");
  EXPECT_EQ(CodeOf(client.Post(path, R"({"reason":"spam"})",
                               {{"Origin", "https://evil.example"}, reader2[0]})),
            "origin_not_allowed");
  EXPECT_TRUE(InPublicThread("reports", IdOf(posted)));

  r = client.Post(path, R"({"reason":"hate","note":"insultant"})", reader2);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Json(r).at("reports").as_int64(), 2);
  EXPECT_FALSE(InPublicThread("reports", IdOf(posted)));
  // Now held: no more reports, and the moderators see why.
  EXPECT_EQ(CodeOf(client.Post(path, R"({"reason":"spam"})", reader3)), "comment_not_published");
  auto queue = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=reported");
  ASSERT_EQ(queue.status, 200) << queue.body;
  bool found = false;
  const value items = Json(queue);
  for (const auto& i : items.at("items").as_array()) {
    if (i.at("id").as_int64() != IdOf(posted)) continue;
    found = true;
    EXPECT_EQ(i.at("open_reports").as_int64(), 2);
    ASSERT_EQ(i.at("reports").as_array().size(), 2u);
    EXPECT_EQ(i.at("reports").as_array()[1].at("note").as_string(), "insultant");
  }
  EXPECT_TRUE(found) << queue.body;
  EXPECT_EQ(CodeOf(client.Post("/api/v1/comments/999999/reports", R"({"reason":"spam"})", reader3)),
            "unknown_comment");
}

// A site's settings send what two checks find to review: such comments are published at once
// (201, nothing said of the review), listed in the review queue riskiest first, and leave it
// when a moderator decides; analyze and the Perspective-compatible endpoint say "review".
TEST_F(AdminTest, ReviewAfterPublishing) {
  const Session admin = Login("admin@demo.test");
  auto put = PutSettings(admin, R"({"premoderation":"none","suspect_words":["corrompu"],
      "checks":{"shouting.action":"review","lexicon.suspect_action":"review"}})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(Json(put).at("settings").at("checks").at("shouting.action").as_string(), "review");

  const auto shouted =
      Post("review", "Kadiatou", "LES ROUTES DE KAYES SONT DANS UN ÉTAT LAMENTABLE");
  const auto suspect = Post("review", "Seydou", "Ce préfet est corrompu, tout le monde le sait.");
  const auto exclaimed = Post("review", "Fanta", "Les routes de Kayes, encore et toujours !!!!");
  const auto calm = Post("review", "Awa", "Merci pour cet article sur les routes.");
  for (const auto* r : {&shouted, &suspect, &exclaimed, &calm}) {
    ASSERT_EQ(r->status, 201) << r->body;
    const value v = Json(*r);
    EXPECT_EQ(v.at("status").as_string(), "published");
    // Readers' answers say nothing of the review.
    EXPECT_FALSE(v.as_object().contains("reasons")) << r->body;
    EXPECT_FALSE(v.at("comment").as_object().contains("review")) << r->body;
    EXPECT_EQ(r->body.find("review"), std::string::npos) << r->body;
    EXPECT_TRUE(InPublicThread("review", IdOf(*r)));
  }

  auto queue = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=review");
  ASSERT_EQ(queue.status, 200) << queue.body;
  std::vector<std::int64_t> ids;
  {
    const value q = Json(queue);
    for (const auto& i : q.at("items").as_array()) {
      ids.push_back(i.at("id").as_int64());
      EXPECT_EQ(i.at("status").as_string(), "published");
      EXPECT_TRUE(i.at("review").as_bool());
    }
    ASSERT_EQ(ids, (std::vector<std::int64_t>{IdOf(shouted), IdOf(suspect), IdOf(exclaimed)}))
        << queue.body;  // risk 1.0 (all capitals), 0.6 (suspect word), 0.5 (!!!!)
    const auto& second = q.at("items").as_array()[1];
    EXPECT_DOUBLE_EQ(second.at("risk").to_number<double>(), 0.6);
    const auto& reason = second.at("reasons").as_array().at(0);
    EXPECT_EQ(reason.at("code").as_string(), "suspect_word");
    EXPECT_EQ(reason.at("action").as_string(), "review");
    ASSERT_FALSE(reason.at("spans").as_array().empty());
    const auto& span = reason.at("spans").as_array()[0].as_array();
    const std::string text(second.at("text").as_string());
    EXPECT_EQ(text.substr(span[0].as_int64(), span[1].as_int64() - span[0].as_int64()), "corrompu");
  }
  // Pages of one, by risk: the cursor walks the same order.
  auto first = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=review&limit=1");
  ASSERT_EQ(first.status, 200);
  const std::string cursor(Json(first).at("next_cursor").as_string());
  auto next =
      Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=review&limit=1&cursor=" + cursor);
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(Json(next).at("items").as_array().at(0).at("id").as_int64(), IdOf(suspect));

  // Approve: stays published, leaves the queue.
  auto approved =
      Call(&admin, "POST", "/api/v1/admin/comments/" + std::to_string(IdOf(suspect)) + "/approve");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(Json(approved).at("comment").at("status").as_string(), "published");
  EXPECT_FALSE(Json(approved).at("comment").at("review").as_bool());
  EXPECT_TRUE(InPublicThread("review", IdOf(suspect)));
  // Unpublish: leaves the thread and the queue.
  auto unpublished =
      Call(&admin, "POST", "/api/v1/admin/comments/" + std::to_string(IdOf(shouted)) + "/unpublish",
           "{}");
  ASSERT_EQ(unpublished.status, 200) << unpublished.body;
  EXPECT_EQ(Json(unpublished).at("comment").at("status").as_string(), "held");
  EXPECT_FALSE(InPublicThread("review", IdOf(shouted)));
  queue = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=review");
  ASSERT_EQ(queue.status, 200);
  {
    const value q = Json(queue);
    ASSERT_EQ(q.at("items").as_array().size(), 1u) << queue.body;
    EXPECT_EQ(q.at("items").as_array()[0].at("id").as_int64(), IdOf(exclaimed));
  }
  // Both decisions are in the audit log as reviews.
  auto audit = Call(&admin, "GET", "/api/v1/admin/sites/demo/audit?limit=10");
  ASSERT_EQ(audit.status, 200);
  {
    const value entries = Json(audit);
    const auto& newest = entries.at("entries").as_array();
    ASSERT_GE(newest.size(), 2u);
    EXPECT_EQ(newest[0].at("action").as_string(), "unpublish");
    EXPECT_EQ(newest[0].at("reason").as_string(), "review: shouting");
    EXPECT_TRUE(newest[0].at("detail").at("review").as_bool());
    EXPECT_EQ(newest[1].at("action").as_string(), "approve");
    EXPECT_TRUE(newest[1].at("detail").at("review").as_bool());
  }
  // A bad queue kind is refused.
  EXPECT_EQ(Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=revue").status, 400);

  // POST /api/v1/analyze judges with the key's site settings: the outcome is "review".
  auto made = Call(&admin, "POST", "/api/v1/admin/sites/demo/keys", R"({"name":"revue"})");
  ASSERT_EQ(made.status, 201) << made.body;
  const Headers with_key = {{"X-Api-Key", std::string(Json(made).at("secret").as_string())}};
  HttpClient client = Client();
  auto analyzed = client.Post("/api/v1/analyze",
                              R"({"text":"LES ROUTES SONT DANS UN ÉTAT LAMENTABLE"})", with_key);
  ASSERT_EQ(analyzed.status, 200) << analyzed.body;
  EXPECT_EQ(Json(analyzed).at("action").as_string(), "review");
  EXPECT_EQ(Json(analyzed).at("reasons").as_array().at(0).at("action").as_string(), "review");
  auto plain = client.Post("/api/v1/analyze", R"({"text":"Merci pour l'article."})", with_key);
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_EQ(Json(plain).at("action").as_string(), "publish");
  ASSERT_EQ(PutSettings(admin, "{}").status, 200);

  // The Perspective-compatible endpoint judges with the server's defaults under the key's
  // site settings: a server whose configuration sends shouting to review says so beside the
  // attribute scores.
  TempDir other_dir;
  const auto config = other_dir.path() / "moderation.conf";
  std::ofstream(config) << "moderation.toxicity.enabled = false\n"
                           "moderation.shouting.action = review\n";
  const std::string other_db = (other_dir.path() / "other.db").string();
  std::string out;
  ASSERT_EQ(RunPalabre({"site", "add", "news", "--name", "News", "--db", other_db}, &out), 0)
      << out;
  ASSERT_EQ(
      RunPalabre({"site", "key", "add", "news", "--name", "perspective", "--db", other_db}, &out),
      0)
      << out;
  const auto plb = out.find("plb_");
  ASSERT_NE(plb, std::string::npos) << out;
  const std::string other_key = out.substr(plb, out.find('\n', plb) - plb);
  PalabreServer other;
  ASSERT_TRUE(other.Start(other_db, {"--moderation-config", config.string()})) << other.log();
  HttpClient perspective("127.0.0.1", other.port());
  const std::string request =
      R"({"comment":{"text":"%s"},"requestedAttributes":{"TOXICITY":{},"SPAM":{}}})";
  for (const auto& [text, action] : std::vector<std::pair<std::string, std::string>>{
           {"LES ROUTES SONT DANS UN ÉTAT LAMENTABLE", "review"},
           {"Merci pour l'article.", "publish"},
           {"Appelez le +223 76 12 34 56 sur WhatsApp", "hold"}}) {
    std::string body = request;
    body.replace(body.find("%s"), 2, text);
    auto r = perspective.Post("/v1alpha1/comments:analyze?key=" + other_key, body);
    ASSERT_EQ(r.status, 200) << r.body;
    const value v = Json(r);
    EXPECT_TRUE(v.at("attributeScores").at("TOXICITY").at("summaryScore").at("value").is_number());
    EXPECT_EQ(v.at("palabre").at("action").as_string(), action) << text;
  }
}

TEST_F(AdminTest, ABurstOfReportsRaisesTheConsolesAlert) {
  const Session admin = Login("admin@demo.test");
  ASSERT_EQ(PutSettings(admin, R"({"report_threshold":3,"premoderation":"none"})").status, 200);
  const auto posted = Post("burst", "Lecteur Ciblé", "Un avis qui attire une meute.");
  ASSERT_EQ(posted.status, 201) << posted.body;
  const std::string path = "/api/v1/comments/" + std::to_string(IdOf(posted)) + "/reports";
  HttpClient client = Client();
  // Five readers of one network within minutes: the comment stays, the moderators are told.
  for (int i = 1; i <= 5; ++i) {
    auto r = client.Post(path, R"({"reason":"spam"})",
                         {{"X-Forwarded-For", "192.0.2." + std::to_string(200 + i)}});
    ASSERT_EQ(r.status, 201) << r.body;
  }
  EXPECT_TRUE(InPublicThread("burst", IdOf(posted)));
  // Whatever the tab, the queue's answer carries the alert; the reported item is flagged.
  auto held = Call(&admin, "GET", "/api/v1/admin/queue?status=held");
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_EQ(Json(held).at("report_bursts").as_int64(), 1);
  auto reported = Call(&admin, "GET", "/api/v1/admin/queue?site=demo&status=reported");
  ASSERT_EQ(reported.status, 200);
  bool flagged = false;
  const value items = Json(reported);
  for (const auto& i : items.at("items").as_array()) {
    if (i.at("id").as_int64() == IdOf(posted)) flagged = i.at("report_burst").as_bool();
  }
  EXPECT_TRUE(flagged) << reported.body;
  // Another site's moderator sees no alert of demo's.
  const Session other = Login("mod@other.test");
  EXPECT_EQ(Json(Call(&other, "GET", "/api/v1/admin/queue")).at("report_bursts").as_int64(), 0);
  // The decision closes it.
  ASSERT_EQ(
      Call(&admin, "POST", "/api/v1/admin/comments/" + std::to_string(IdOf(posted)) + "/approve")
          .status,
      200);
  EXPECT_EQ(Json(Call(&admin, "GET", "/api/v1/admin/queue")).at("report_bursts").as_int64(), 0);
}

TEST_F(AdminTest, ApiKeysFromTheSitesPage) {
  const Session admin = Login("admin@demo.test");
  auto made = Call(&admin, "POST", "/api/v1/admin/sites/demo/keys",
                   R"({"name":"Outil de modération","per_minute":5})");
  ASSERT_EQ(made.status, 201) << made.body;
  const value key = Json(made);
  const std::string secret(key.at("secret").as_string());
  EXPECT_EQ(secret.rfind("plb_", 0), 0u);
  EXPECT_EQ(key.at("key").at("name").as_string(), "Outil de modération");
  EXPECT_EQ(key.at("key").at("per_minute").as_int64(), 5);
  EXPECT_FALSE(key.at("key").as_object().contains("key_hash"));
  const std::string id = std::to_string(key.at("key").at("id").as_int64());
  // Shown once: the list has the hint only.
  auto listed = Call(&admin, "GET", "/api/v1/admin/sites/demo/keys");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find(secret), std::string::npos);
  EXPECT_NE(listed.body.find(secret.substr(0, 8)), std::string::npos);
  // The key works, then stops at once when removed.
  const std::string body = R"({"text":"Bonjour à tous"})";
  EXPECT_EQ(Client().Post("/api/v1/analyze", body, {{"X-Api-Key", secret}}).status, 200);
  EXPECT_EQ(Call(&admin, "DELETE", "/api/v1/admin/sites/demo/keys/" + id).status, 204);
  EXPECT_EQ(Client().Post("/api/v1/analyze", body, {{"X-Api-Key", secret}}).status, 403);
  EXPECT_EQ(CodeOf(Call(&admin, "DELETE", "/api/v1/admin/sites/demo/keys/" + id)),
            "unknown_api_key");
  // A budget is 1..10000 requests a minute.
  auto zero = Call(&admin, "POST", "/api/v1/admin/sites/demo/keys", R"({"per_minute":0})");
  EXPECT_EQ(zero.status, 400);
  EXPECT_EQ(Json(zero).at("error").at("field").as_string(), "per_minute");
}

// The widget asks, on each page, where its author's comments stand: held ones are shown to their
// author only, with the reasons. The edit token proves authorship; a wrong token, another
// site or a missing comment are one and the same "unknown".
TEST_F(AdminTest, AnAuthorLearnsTheStatusOfTheirOwnCommentsWithTheirEditTokensOnly) {
  const std::string path = "/api/v1/comments/status?site=demo";
  const auto held = Post("mine", "Awa Traoré",
                         "Le communiqué complet est sur https://mairie-kayes.example/communique.");
  ASSERT_EQ(held.status, 202) << held.body;
  const std::int64_t id = IdOf(held);
  const std::string token(Json(held).at("edit_token").as_string());
  const auto other = Post("mine", "Moussa", "Un autre avis, sur un autre sujet, sans lien.");
  ASSERT_TRUE(other.status == 201 || other.status == 202) << other.body;
  const std::string other_token(Json(other).at("edit_token").as_string());
  const auto ask = [&](const std::string& site, const boost::json::array& items) {
    boost::json::object body{{"items", items}};
    return Client().Post("/api/v1/comments/status?site=" + site, boost::json::serialize(body));
  };
  const auto item = [](std::int64_t i, const std::string& t) {
    return boost::json::object{{"id", i}, {"edit_token", t}};
  };

  auto first = ask("demo", {item(id, token), item(id, other_token), item(IdOf(other), token),
                            item(987654321, token)});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Header("Cache-Control"), "no-store");
  const auto items = Json(first).at("items").as_array();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].at("id").as_int64(), id);
  EXPECT_EQ(items[0].at("status").as_string(), "held");
  EXPECT_EQ(items[0].at("comment").at("id").as_int64(), id);
  EXPECT_EQ(items[0].at("comment").at("author").as_string(), "Awa Traoré");
  EXPECT_NE(items[0].at("comment").at("html").as_string().find("mairie-kayes"),
            boost::json::string::npos);
  ASSERT_FALSE(items[0].at("reasons").as_array().empty()) << first.body;
  EXPECT_FALSE(items[0].at("reasons").as_array()[0].as_object().contains("detail"));
  for (std::size_t i = 1; i < 4; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(items[i].at("status").as_string(), "unknown");
    EXPECT_FALSE(items[i].as_object().contains("comment"));
    EXPECT_FALSE(items[i].as_object().contains("reasons"));
  }
  EXPECT_EQ(first.body.find("Moussa"), std::string::npos) << "another reader's comment";
  // Another site knows nothing of it.
  auto foreign = ask("other", {item(id, token)});
  ASSERT_EQ(foreign.status, 200) << foreign.body;
  EXPECT_EQ(Json(foreign).at("items").at(0).at("status").as_string(), "unknown");

  // Approved: published, the comment without reasons.
  const Session admin = Login("admin@demo.test");
  ASSERT_EQ(
      Call(&admin, "POST", "/api/v1/admin/comments/" + std::to_string(id) + "/approve").status,
      200);
  auto approved = ask("demo", {item(id, token)});
  const value published = Json(approved).at("items").at(0);
  EXPECT_EQ(published.at("status").as_string(), "published");
  EXPECT_EQ(published.at("comment").at("id").as_int64(), id);
  EXPECT_FALSE(published.as_object().contains("reasons"));
  // Rejected: said so with its reasons, the text not given back.
  const auto refused = Post("mine", "Awa Traoré", "Écrivez-moi sur https://vente.example/offre.");
  ASSERT_EQ(refused.status, 202) << refused.body;
  const std::int64_t refused_id = IdOf(refused);
  ASSERT_EQ(Call(&admin, "POST", "/api/v1/admin/comments/" + std::to_string(refused_id) + "/reject",
                 R"({"reason":"spam"})")
                .status,
            200);
  const std::string refused_token(Json(refused).at("edit_token").as_string());
  const value rejected = Json(ask("demo", {item(refused_id, refused_token)})).at("items").at(0);
  EXPECT_EQ(rejected.at("status").as_string(), "rejected");
  EXPECT_FALSE(rejected.as_object().contains("comment"));
  EXPECT_TRUE(rejected.at("reasons").is_array());
  // Deleted by its author.
  EXPECT_EQ(Client()
                .Request("DELETE", "/api/v1/comments/" + std::to_string(id), {},
                         {{"X-Edit-Token", token}})
                .status,
            204);
  EXPECT_EQ(Json(ask("demo", {item(id, token)})).at("items").at(0).at("status").as_string(),
            "deleted");

  // Limits and malformed requests: JSON errors with stable codes.
  boost::json::array many;
  for (int i = 0; i < 51; ++i) many.push_back(item(id, token));
  auto too_many = ask("demo", many);
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(CodeOf(too_many), "invalid_argument");
  EXPECT_EQ(Json(too_many).at("error").at("field").as_string(), "items");
  many.pop_back();
  EXPECT_EQ(ask("demo", many).status, 200);
  EXPECT_EQ(CodeOf(Client().Post(path, R"({"items":[{"id":"1","edit_token":"x"}]})")),
            "invalid_argument");
  EXPECT_EQ(CodeOf(Client().Post(path, R"({})")), "invalid_argument");
  EXPECT_EQ(CodeOf(Client().Post(path, R"({"items":[)")), "invalid_json");
  EXPECT_EQ(CodeOf(Client().Post("/api/v1/comments/status", R"({"items":[]})")), "unknown_site");
  EXPECT_EQ(CodeOf(Client().Post("/api/v1/comments/status?site=nope", R"({"items":[]})")),
            "unknown_site");
  EXPECT_EQ(CodeOf(Client().Post(path, R"({"items":[]})", {{"Content-Type", "text/plain"}})),
            "unsupported_media_type");

  // From the publisher's pages only (CORS): the preflight, then the answer.
  auto preflight = Client().Request("OPTIONS", path, {},
                                    {{"Origin", "https://example.test"},
                                     {"Access-Control-Request-Method", "POST"},
                                     {"Access-Control-Request-Headers", "content-type"}});
  EXPECT_EQ(preflight.status, 204) << preflight.body;
  EXPECT_EQ(preflight.Header("Access-Control-Allow-Origin"), "https://example.test");
  auto allowed = Client().Post(path, R"({"items":[]})", {{"Origin", "https://example.test"}});
  EXPECT_EQ(allowed.status, 200) << allowed.body;
  EXPECT_EQ(allowed.Header("Access-Control-Allow-Origin"), "https://example.test");
  auto elsewhere = Client().Post(path, R"({"items":[]})", {{"Origin", "https://evil.example"}});
  EXPECT_EQ(elsewhere.status, 403);
  EXPECT_EQ(CodeOf(elsewhere), "origin_not_allowed");
}

}  // namespace
}  // namespace palabre::testing
