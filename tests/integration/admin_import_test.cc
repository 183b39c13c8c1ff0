// Imports from the moderator console against the real binary: the Disqus fixture of
// src/import/testdata uploaded to POST /api/v1/admin/sites/demo/imports, its analysis (a dry
// run that writes nothing, the report `palabre import --json` prints), the confirmation, the
// job's state until it is done, then the thread API serving the comments; a second import
// adding nothing; and what is refused: moderators, requests without the CSRF token, files over
// the import limit, and bodies over the usual limit elsewhere.
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "admin_fixture.h"

namespace palabre::testing {
namespace {

constexpr char kImports[] = "/api/v1/admin/sites/demo/imports";
constexpr std::size_t kImportLimit = 128 * 1024;

std::string Disqus() {
  std::ifstream in(std::string(PALABRE_SOURCE_DIR) + "/src/import/testdata/disqus.xml",
                   std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class AdminImportTest : public AdminTest {
 protected:
  static void SetUpTestSuite() {
    AdminTest::SetUpTestSuite();
    // Again, with an import limit small enough to be tried.
    server_ = std::make_unique<PalabreServer>();
    std::vector<std::string> args = WithoutClassifier(dir_->path());
    args.push_back("--trust-proxy");
    args.push_back("--max-import-bytes");
    args.push_back(std::to_string(kImportLimit));
    ASSERT_TRUE(server_->Start((dir_->path() / "admin.db").string(), args)) << server_->log();
  }

  static HttpResponse Upload(const Session& s, const std::string& body,
                             const std::string& query = "", bool csrf = true) {
    Headers h = Auth(s, csrf);
    h.emplace_back("Content-Type", "application/octet-stream");
    return Client().Post(std::string(kImports) + query, body, h);
  }
  // The job once it is no longer running.
  static value Finished(const Session& s) {
    for (int i = 0; i < 200; ++i) {
      const HttpResponse r = Call(&s, "GET", kImports);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) return {};
      value v = Json(r);
      if (v.at("job").is_null() || v.at("job").at("state").as_string() != "running") {
        return v.at("job");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "the import still runs";
    return {};
  }
  static value Thread(const std::string& key) {
    const HttpResponse r = Client().Get("/api/v1/threads/demo/" + key + "/comments");
    EXPECT_EQ(r.status, 200) << r.body;
    return Json(r);
  }
};

TEST_F(AdminImportTest, AnalyseConfirmAndReadTheThreads) {
  const Session admin = Login("admin@demo.test");
  EXPECT_TRUE(Json(Call(&admin, "GET", kImports)).at("job").is_null());

  const HttpResponse uploaded = Upload(admin, Disqus());
  ASSERT_TRUE(uploaded.status == 200 || uploaded.status == 202) << uploaded.body;
  EXPECT_EQ(uploaded.Header("Cache-Control"), "no-store");
  const value up = Json(uploaded);
  const std::string id(up.at("upload").at("id").as_string());
  EXPECT_EQ(up.at("upload").at("format").as_string(), "disqus");
  EXPECT_EQ(up.at("upload").at("bytes").as_int64(), static_cast<std::int64_t>(Disqus().size()));
  const value analysis = Finished(admin);
  ASSERT_EQ(analysis.at("state").as_string(), "done") << analysis;
  EXPECT_TRUE(analysis.at("dry_run").as_bool());
  EXPECT_EQ(analysis.at("upload").as_string(), id);
  // The report of `palabre import --dry-run --json` (tests/integration/import_test.cc).
  const value& report = analysis.at("report");
  EXPECT_EQ(report.at("format").as_string(), "disqus");
  EXPECT_TRUE(report.at("dry_run").as_bool());
  EXPECT_EQ(report.at("plan").at("comments").as_int64(), 7);
  EXPECT_EQ(report.at("plan").at("merged_threads").as_int64(), 2);
  EXPECT_EQ(report.at("plan").at("malformed").as_int64(), 1);
  EXPECT_EQ(report.at("written").at("comments").as_int64(), 7);
  EXPECT_EQ(report.at("written").at("threads").as_int64(), 2);
  // The dry run wrote nothing.
  const HttpResponse before = Client().Get("/api/v1/threads/demo/article-kati-2022/comments");
  EXPECT_TRUE(before.status == 404 || Json(before).at("comments").as_array().empty())
      << before.body;

  const HttpResponse confirmed =
      Call(&admin, "POST", std::string(kImports) + "/" + id + "/confirm");
  ASSERT_EQ(confirmed.status, 202) << confirmed.body;
  EXPECT_FALSE(Json(confirmed).at("job").at("dry_run").as_bool());
  const value done = Finished(admin);
  ASSERT_EQ(done.at("state").as_string(), "done") << done;
  EXPECT_FALSE(done.at("dry_run").as_bool());
  EXPECT_EQ(done.at("done").as_int64(), 7);
  EXPECT_EQ(done.at("total").as_int64(), 7);
  EXPECT_FALSE(done.at("finished_at").is_null());
  EXPECT_EQ(done.at("report").at("written").at("comments").as_int64(), 7);
  EXPECT_FALSE(done.at("report").at("dry_run").as_bool());

  const value kati = Thread("article-kati-2022");
  EXPECT_EQ(kati.at("thread").at("count").as_int64(), 2);
  const auto& top = kati.at("comments").as_array();
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].at("author").as_string(), "Awa");
  ASSERT_EQ(top[0].at("replies").as_array().size(), 1u);
  EXPECT_EQ(top[0].at("replies").as_array()[0].at("author").as_string(), "Moussa");

  // Imported: the upload is gone.
  EXPECT_EQ(CodeOf(Call(&admin, "POST", std::string(kImports) + "/" + id + "/confirm")),
            "unknown_upload");
  // The same file again adds nothing.
  const HttpResponse again = Upload(admin, Disqus(), "?format=disqus&thread_key=id");
  ASSERT_TRUE(again.status == 200 || again.status == 202) << again.body;
  const std::string again_id(Json(again).at("upload").at("id").as_string());
  ASSERT_EQ(Finished(admin).at("state").as_string(), "done");
  ASSERT_EQ(Call(&admin, "POST", std::string(kImports) + "/" + again_id + "/confirm").status, 202);
  const value second = Finished(admin);
  ASSERT_EQ(second.at("state").as_string(), "done") << second;
  EXPECT_EQ(second.at("report").at("written").at("comments").as_int64(), 0);
  EXPECT_EQ(second.at("report").at("written").at("already_imported").as_int64(), 6);
  EXPECT_EQ(Thread("article-kati-2022").at("thread").at("count").as_int64(), 2);
}

TEST_F(AdminImportTest, RefusedToModeratorsWithoutCsrfAndWithBadOptions) {
  const Session admin = Login("admin@demo.test");
  const Session moderator = Login("cookie@demo.test");
  HttpResponse r = Upload(moderator, Disqus());
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(CodeOf(r), "forbidden");
  EXPECT_EQ(CodeOf(Call(&moderator, "GET", kImports)), "forbidden");
  EXPECT_EQ(CodeOf(Client().Post(kImports, Disqus())), "unauthorized");
  r = Upload(admin, Disqus(), "", /*csrf=*/false);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(CodeOf(r), "csrf_failed");
  r = Upload(admin, Disqus(), "?thread_key=slug");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(CodeOf(r), "invalid_argument");
  EXPECT_EQ(Json(r).at("error").at("field").as_string(), "thread_key");
  r = Upload(admin, "ceci n'est pas un export\n");
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(CodeOf(r), "import_format_unknown");
  EXPECT_EQ(CodeOf(Call(&admin, "POST", std::string(kImports) + "/nope/confirm")),
            "unknown_upload");
}

TEST_F(AdminImportTest, OnlyTheImportRouteTakesLargeBodies) {
  const Session admin = Login("admin@demo.test");
  // Over the usual 64 KiB and under the import limit: taken (trailing blanks end the XML).
  std::string padded = Disqus() + std::string(100 * 1024, '\n');
  const HttpResponse taken = Upload(admin, padded);
  ASSERT_TRUE(taken.status == 200 || taken.status == 202) << taken.body;
  ASSERT_EQ(Finished(admin).at("state").as_string(), "done");
  // Over the import limit: 413 before it is read.
  HttpResponse r = Upload(admin, Disqus() + std::string(kImportLimit, '\n'));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(CodeOf(r), "body_too_large");
  // Without a session, the import route keeps the usual limit.
  r = Client().Post(kImports, padded, {{"Content-Type", "application/octet-stream"}});
  EXPECT_EQ(r.status, 413);
  // Elsewhere, the usual limit.
  r = Call(&admin, "PUT", "/api/v1/admin/sites/demo/settings",
           "{\"banned_words\":[\"" + std::string(100 * 1024, 'a') + "\"]}");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(CodeOf(r), "body_too_large");
}

}  // namespace
}  // namespace palabre::testing
