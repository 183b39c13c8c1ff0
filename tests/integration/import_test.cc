// `palabre import` as an operator runs it: the Disqus and WordPress fixtures of src/import/testdata
// imported into a fresh database, the dry run first (nothing written), then what readers get
// from the HTTP API, a second run that adds nothing, and the errors an operator meets.
#include <filesystem>
#include <fstream>

#include "server_fixture.h"

namespace palabre::testing {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(PALABRE_SOURCE_DIR) + "/src/import/testdata/" + name;
}

boost::json::value LastJsonLine(const std::string& out) {
  const std::size_t start = out.rfind("\n{");
  return boost::json::parse(start == std::string::npos ? out : out.substr(start + 1));
}

class ImportCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(RunPalabre({"site", "add", "sahel", "--name", "Sahel Info", "--db", db()}), 0);
  }
  std::string db() const { return (dir_.path() / "t.db").string(); }
  int Import(std::vector<std::string> extra, std::string* out) {
    std::vector<std::string> args = {"import", "--site", "sahel", "--db", db()};
    for (auto& a : WithoutClassifier(dir_.path())) args.push_back(a);
    for (auto& a : extra) args.push_back(std::move(a));
    return RunPalabre(args, out);
  }
  boost::json::value Get(const std::string& key) {
    HttpClient client("127.0.0.1", server_.port());
    auto r = client.Get("/api/v1/threads/sahel/" + key + "/comments");
    EXPECT_EQ(r.status, 200) << r.body;
    return boost::json::parse(r.body);
  }

  TempDir dir_;
  PalabreServer server_;
};

TEST_F(ImportCommandTest, DisqusDryRunThenImportThenAgain) {
  std::string out;
  // One malformed <post> in the fixture: exit code 2, the rest imported.
  ASSERT_EQ(Import({"--dry-run", "--json", Fixture("disqus.xml")}, &out), 2) << out;
  auto dry = LastJsonLine(out);
  EXPECT_EQ(dry.at("format").as_string(), "disqus");
  EXPECT_TRUE(dry.at("dry_run").as_bool());
  EXPECT_EQ(dry.at("plan").at("comments").as_int64(), 7);
  EXPECT_EQ(dry.at("plan").at("merged_threads").as_int64(), 2);
  EXPECT_EQ(dry.at("plan").at("malformed").as_int64(), 1);
  EXPECT_EQ(dry.at("written").at("comments").as_int64(), 7);  // would write, placeholder included
  EXPECT_EQ(dry.at("written").at("threads").as_int64(), 2);

  ASSERT_TRUE(server_.Start(dir_.path() / "t.db", WithoutClassifier(dir_.path()))) << server_.log();
  {
    HttpClient client("127.0.0.1", server_.port());
    auto r = client.Get("/api/v1/threads/sahel/article-kati-2022/comments");
    EXPECT_TRUE(r.status == 404 || boost::json::parse(r.body).at("comments").as_array().empty())
        << r.body;  // the dry run wrote nothing
  }
  server_.Kill();

  ASSERT_EQ(Import({Fixture("disqus.xml")}, &out), 2) << out;
  EXPECT_NE(out.find("written: 2 new threads, 7 comments"), std::string::npos) << out;

  ASSERT_TRUE(server_.Start(dir_.path() / "t.db", WithoutClassifier(dir_.path()))) << server_.log();
  const auto kati = Get("article-kati-2022");
  EXPECT_EQ(kati.at("thread").at("title").as_string(), "Attaque de Kati : ce que l'on sait");
  EXPECT_EQ(kati.at("thread").at("count").as_int64(), 2);  // the spam is not counted nor shown
  const auto& top = kati.at("comments").as_array();
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].at("author").as_string(), "Awa");
  const std::string html(top[0].at("html").as_string());
  EXPECT_NE(html.find("href=\"https://www.sahel-info.example/dossier\""), std::string::npos)
      << html;
  EXPECT_EQ(html.find("javascript"), std::string::npos) << html;
  EXPECT_NE(html.find("<br>"), std::string::npos) << html;
  ASSERT_EQ(top[0].at("replies").as_array().size(), 1u);  // written before its parent in the file
  EXPECT_EQ(top[0].at("replies").as_array()[0].at("author").as_string(), "Moussa");

  // The two source threads of one article are one palabre thread (the path rule under "id").
  const auto riz = Get("%2Feconomie%2Fprix-du-riz");
  const auto& riz_top = riz.at("comments").as_array();
  ASSERT_EQ(riz_top.size(), 2u);
  for (const auto& c : riz_top) {
    EXPECT_TRUE(c.at("deleted").as_bool());  // a tombstone and a placeholder
    EXPECT_EQ(c.at("replies").as_array().size(), 1u);
  }
  server_.Kill();

  ASSERT_EQ(Import({"--json", Fixture("disqus.xml")}, &out), 2) << out;
  auto again = LastJsonLine(out);
  EXPECT_EQ(again.at("written").at("comments").as_int64(), 0);
  EXPECT_EQ(again.at("written").at("already_imported").as_int64(), 6);
}

TEST_F(ImportCommandTest, WordPressWithTheFormatDetected) {
  std::string out;
  ASSERT_EQ(Import({"--thread-key", "path", Fixture("wxr.xml")}, &out), 0) << out;
  EXPECT_NE(out.find("import of wxr"), std::string::npos) << out;
  EXPECT_NE(out.find("omitted: 1 pingback"), std::string::npos) << out;
  ASSERT_TRUE(server_.Start(dir_.path() / "t.db", WithoutClassifier(dir_.path()))) << server_.log();
  const auto v = Get("%2F2024%2F06%2Fsaison-des-pluies");
  const auto& top = v.at("comments").as_array();
  ASSERT_EQ(top.size(), 1u);  // the pending reply is held, the spam rejected, the trash skipped
  EXPECT_EQ(top[0].at("author").as_string(), "Salif");
  EXPECT_TRUE(top[0].at("replies").as_array().empty());
}

TEST_F(ImportCommandTest, ReplaceNeedsAConfirmationKeepsABackupAndEmptiesTheSiteFirst) {
  std::string out;
  ASSERT_EQ(Import({"--thread-key", "path", Fixture("wxr.xml")}, &out), 0) << out;
  const std::string backup = (dir_.path() / "avant.jsonl.gz").string();
  // Not on a terminal and without --yes: nothing is deleted.
  EXPECT_EQ(Import({"--replace", "--backup", backup, Fixture("disqus.xml")}, &out), 1);
  EXPECT_NE(out.find("confirm with --yes"), std::string::npos) << out;
  // A dry run says what would go and reports the import as into an empty site.
  ASSERT_EQ(Import({"--replace", "--dry-run", "--json", Fixture("wxr.xml")}, &out), 0) << out;
  auto dry = LastJsonLine(out);
  EXPECT_EQ(dry.at("replaced").at("comments").as_int64(), 3);
  EXPECT_EQ(dry.at("replaced").at("deleted").as_int64(), 0);
  EXPECT_EQ(dry.at("written").at("already_imported").as_int64(), 0);
  EXPECT_EQ(dry.at("written").at("comments").as_int64(), 3);

  ASSERT_EQ(
      Import({"--replace", "--yes", "--backup", backup, "--json", Fixture("disqus.xml")}, &out), 2)
      << out;
  auto done = LastJsonLine(out);
  EXPECT_EQ(done.at("replaced").at("deleted").as_int64(), 3);
  EXPECT_EQ(done.at("replaced").at("backup").as_string(), backup);
  EXPECT_TRUE(std::filesystem::exists(backup));
  ASSERT_TRUE(server_.Start(dir_.path() / "t.db", WithoutClassifier(dir_.path()))) << server_.log();
  HttpClient client("127.0.0.1", server_.port());
  const auto gone = client.Get("/api/v1/threads/sahel/%2F2024%2F06%2Fsaison-des-pluies/comments");
  EXPECT_TRUE(gone.status == 404 || boost::json::parse(gone.body).at("comments").as_array().empty())
      << gone.body;  // the WordPress thread is gone
  EXPECT_EQ(Get("article-kati-2022").at("thread").at("count").as_int64(), 2);
  server_.Kill();

  // The backup puts the site back as it was.
  ASSERT_EQ(Import({"--replace", "--yes", "--backup", (dir_.path() / "b2.jsonl.gz").string(),
                    "--format", "jsonl", backup},
                   &out),
            0)
      << out;
  ASSERT_TRUE(server_.Start(dir_.path() / "t.db", WithoutClassifier(dir_.path()))) << server_.log();
  const auto v = Get("%2F2024%2F06%2Fsaison-des-pluies");
  EXPECT_EQ(v.at("comments").as_array().size(), 1u);
}

TEST_F(ImportCommandTest, ClearErrors) {
  std::string out;
  const auto text = dir_.path() / "notes.txt";
  std::ofstream(text) << "ceci n'est pas un export\n";
  EXPECT_EQ(Import({text.string()}, &out), 1);
  EXPECT_NE(out.find("cannot tell the format"), std::string::npos) << out;
  EXPECT_EQ(Import({(dir_.path() / "absent.xml").string()}, &out), 1);
  EXPECT_NE(out.find("is not a file"), std::string::npos) << out;
  EXPECT_EQ(Import({"--format", "disqus", Fixture("wxr.xml")}, &out), 1);
  EXPECT_NE(out.find("not a Disqus export"), std::string::npos) << out;
  EXPECT_EQ(Import({"--strict", Fixture("disqus.xml")}, &out), 1);
  EXPECT_NE(out.find("without dsq:id"), std::string::npos) << out;
  std::vector<std::string> args = {"import", "--site", "nope", "--db", db(), Fixture("wxr.xml")};
  EXPECT_EQ(RunPalabre(args, &out), 1);
  EXPECT_NE(out.find("unknown_site"), std::string::npos) << out;
}

}  // namespace
}  // namespace palabre::testing
