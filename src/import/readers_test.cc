// Each reader on its fixture export (src/import/testdata): every field it maps, every edge case
// the fixture holds, and what it refuses.
#include <sqlite3.h>
#include <zlib.h>

#include <filesystem>

#include "core/text/relative_time.h"
#include "import/import_testing.h"

namespace palabre::import {
namespace {

TimestampMs At(const char* iso) { return *text::ParseIso8601(iso); }

TEST(DisqusReaderTest, ReadsThreadsAndPostsWithTheirStates) {
  auto reader = OpenReader(Format::kDisqus, FixturePath("disqus.xml"));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const ReadAll all = ReadEverything(**reader);
  ASSERT_TRUE(all.status.ok()) << all.status.ToString();
  ASSERT_EQ(all.threads.size(), 3u);
  EXPECT_EQ(all.threads[0].id, "1001");
  EXPECT_EQ(all.threads[0].ident, "article-kati-2022");
  EXPECT_EQ(all.threads[0].title, "Attaque de Kati : ce que l'on sait");  // entity decoded
  EXPECT_EQ(all.threads[0].url, "https://www.sahel-info.example/securite/attaque-kati/");
  EXPECT_EQ(all.threads[1].ident, "");  // <id/>
  EXPECT_TRUE(all.threads[1].closed);
  EXPECT_EQ(all.threads[1].created_at, At("2023-01-10T10:00:00Z"));

  ASSERT_EQ(all.comments.size(), 7u);
  const SourceComment* reply = CommentById(all, "5003");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(all.comments[0].id, "5003");  // the reply comes before its parent, as in the file
  EXPECT_EQ(reply->parent, "5001");
  EXPECT_EQ(reply->thread, "1001");
  EXPECT_EQ(reply->author, "Moussa");
  EXPECT_EQ(reply->email, "moussa@example.org");
  EXPECT_EQ(reply->address, "196.200.1.7");
  EXPECT_EQ(reply->text, "Merci **Awa**, c'est exactement ça.");
  EXPECT_EQ(reply->created_at, At("2022-07-22T09:30:00Z"));
  EXPECT_EQ(reply->state, SourceState::kApproved);

  const SourceComment* links = CommentById(all, "5001");
  ASSERT_NE(links, nullptr);
  EXPECT_EQ(links->text,
            "Paix à l'âme des victimes & courage aux familles.\n\nLire aussi [notre "
            "dossier](https://www.sahel-info.example/dossier) et ceci.\\\nFin.");
  EXPECT_EQ(CommentById(all, "5002")->state, SourceState::kSpam);
  EXPECT_EQ(CommentById(all, "5004")->state, SourceState::kDeleted);
  EXPECT_EQ(CommentById(all, "5005")->author, "invite-3");  // no name: the username
  EXPECT_EQ(CommentById(all, "5002")->author, "Promo");

  ASSERT_EQ(all.skipped.size(), 1u);
  EXPECT_NE(all.skipped[0].find("<post> without dsq:id"), std::string::npos) << all.skipped[0];
  EXPECT_TRUE(all.skipped[0].starts_with("line ")) << all.skipped[0];
}

TEST(DisqusReaderTest, RefusesOtherDocumentsBrokenXmlAndDtds) {
  auto other = ReaderFromMemory(Format::kDisqus, "<rss><channel/></rss>");
  EXPECT_EQ(ReadEverything(*other).status.error(), Error::kInvalidArgument);

  auto broken = ReaderFromMemory(
      Format::kDisqus, "<disqus>\n<thread dsq:id=\"1\"><link>x</link></thread>\n<post dsq:id=");
  const ReadAll partial = ReadEverything(*broken);
  EXPECT_EQ(partial.status.error(), Error::kInvalidArgument);
  EXPECT_NE(partial.status.message().find("line"), std::string::npos);

  // A billion laughs: refused before any entity is expanded.
  auto dtd = ReaderFromMemory(Format::kDisqus,
                              "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\"><!ENTITY b "
                              "\"&a;&a;&a;&a;\">]><disqus><thread dsq:id=\"1\"><title>&b;</title>"
                              "</thread></disqus>");
  const ReadAll refused = ReadEverything(*dtd);
  EXPECT_EQ(refused.status.error(), Error::kInvalidArgument);
  EXPECT_NE(refused.status.message().find("DTD"), std::string::npos) << refused.status.message();
  EXPECT_TRUE(refused.threads.empty());
}

TEST(DisqusReaderTest, ControlCharactersXmlForbidsAreReadAsSpaces) {
  // Pasted text brings them into real exports; libxml2 alone would stop at the first one.
  auto reader = ReaderFromMemory(
      Format::kDisqus,
      "<disqus><thread dsq:id=\"1\"><link>/a</link><title>Ti\x01tre</title></thread>"
      "<post dsq:id=\"2\"><message><![CDATA[<p>un\x0c deux\x1b</p>]]></message>"
      "<createdAt>2020-01-01T00:00:00Z</createdAt><thread dsq:id=\"1\"/></post></disqus>");
  const ReadAll all = ReadEverything(*reader);
  ASSERT_TRUE(all.status.ok()) << all.status.ToString();
  ASSERT_EQ(all.comments.size(), 1u);
  EXPECT_EQ(all.comments[0].text, "un deux");
  EXPECT_EQ(all.threads[0].title, "Ti tre");
}

TEST(WxrReaderTest, ReadsItemsCommentsAndLeavesOutPingbacks) {
  auto reader = OpenReader(Format::kWxr, FixturePath("wxr.xml"));
  ASSERT_TRUE(reader.ok());
  const ReadAll all = ReadEverything(**reader);
  ASSERT_TRUE(all.status.ok()) << all.status.ToString();
  ASSERT_EQ(all.threads.size(), 1u);  // the page without comments, the trackback-only post: none
  EXPECT_EQ(all.threads[0].id, "42");
  EXPECT_EQ(all.threads[0].url, "https://journal-faso.example/2024/06/saison-des-pluies/");
  EXPECT_EQ(all.threads[0].title, "Ouagadougou : la saison des pluies commence");
  EXPECT_FALSE(all.threads[0].closed);
  EXPECT_EQ(all.omitted, (std::vector<std::string>{"pingback", "trackback"}));

  ASSERT_EQ(all.comments.size(), 4u);
  const SourceComment& first = all.comments[0];
  EXPECT_EQ(first.id, "7");
  EXPECT_EQ(first.parent, "");
  EXPECT_EQ(first.thread, "42");
  EXPECT_EQ(first.author, "Salif");
  EXPECT_EQ(first.address, "41.203.1.2");
  // WordPress's newlines: a blank line is a paragraph, a newline a line break.
  EXPECT_EQ(first.text,
            "Enfin la pluie !\n\nLes champs de Koudougou en avaient besoin.\\\nMerci pour "
            "l'article.");
  EXPECT_EQ(first.created_at, At("2024-06-01T09:15:00Z"));
  const SourceComment* reply = CommentById(all, "9");
  EXPECT_EQ(reply->parent, "7");
  EXPECT_EQ(reply->state, SourceState::kPending);
  EXPECT_EQ(reply->text, "@Salif *oui*, et à Bobo aussi.");
  EXPECT_EQ(reply->created_at, At("2024-06-01T12:00:00Z"));  // 0000-00-00 GMT: the local date
  EXPECT_EQ(CommentById(all, "10")->state, SourceState::kSpam);
  EXPECT_EQ(CommentById(all, "10")->text, "[jouez ici](https://casino.example)");
  EXPECT_EQ(CommentById(all, "11")->state, SourceState::kDeleted);
}

TEST(WxrReaderTest, RefusesAnRssFeedThatIsNotAnExport) {
  auto reader =
      ReaderFromMemory(Format::kWxr, "<rss version=\"2.0\"><channel><item/></channel></rss>");
  EXPECT_EQ(ReadEverything(*reader).status.error(), Error::kInvalidArgument);
}

void CheckRemark42(const ReadAll& all) {
  ASSERT_TRUE(all.status.ok()) << all.status.ToString();
  ASSERT_EQ(all.threads.size(), 2u);
  EXPECT_EQ(all.threads[0].id, "https://radio-sahel.example/news/1");
  EXPECT_EQ(all.threads[0].title, "Le fleuve Niger en crue");
  ASSERT_EQ(all.comments.size(), 4u);
  EXPECT_EQ(all.comments[0].text, "Bonne analyse, **merci**.");  // orig, the author's Markdown
  EXPECT_EQ(all.comments[0].upvotes, 2);
  EXPECT_EQ(all.comments[0].downvotes, 1);
  EXPECT_EQ(all.comments[0].created_at, At("2021-03-04T09:11:12.123Z"));
  EXPECT_EQ(all.comments[0].author, "Kadiatou");
  EXPECT_EQ(all.comments[1].parent, "r-1");
  EXPECT_EQ(all.comments[1].text, "D’accord");  // no orig: the HTML converted
  EXPECT_EQ(all.comments[2].state, SourceState::kDeleted);
  EXPECT_EQ(all.comments[3].parent, "r-3");
  ASSERT_EQ(all.skipped.size(), 1u);
  EXPECT_EQ(all.skipped[0], "line 6: not a JSON object");
}

TEST(Remark42ReaderTest, ReadsAPlainBackup) {
  auto reader = OpenReader(Format::kRemark42, FixturePath("remark42.jsonl"));
  ASSERT_TRUE(reader.ok());
  CheckRemark42(ReadEverything(**reader));
}

TEST(Remark42ReaderTest, ReadsAGzippedBackup) {
  const std::string path = testing::TempDir() + "/remark42-backup.gz";
  gzFile out = gzopen(path.c_str(), "wb");
  ASSERT_NE(out, nullptr);
  const std::string bytes = Fixture("remark42.jsonl");
  ASSERT_EQ(gzwrite(out, bytes.data(), static_cast<unsigned>(bytes.size())),
            static_cast<int>(bytes.size()));
  gzclose(out);
  auto reader = OpenReader(Format::kRemark42, path);
  ASSERT_TRUE(reader.ok());
  CheckRemark42(ReadEverything(**reader));
  std::filesystem::remove(path);
}

TEST(CommentoReaderTest, ReadsCommentsAndAnonymousAuthors) {
  auto reader = OpenReader(Format::kCommento, FixturePath("commento.json"));
  ASSERT_TRUE(reader.ok());
  const ReadAll all = ReadEverything(**reader);
  ASSERT_TRUE(all.status.ok()) << all.status.ToString();
  ASSERT_EQ(all.threads.size(), 2u);
  EXPECT_EQ(all.threads[0].url, "https://lefaso-news.example/politique/transition");
  ASSERT_EQ(all.comments.size(), 5u);
  EXPECT_EQ(all.comments[0].author, "Mariam");
  EXPECT_EQ(all.comments[0].email, "mariam@example.bf");
  EXPECT_EQ(all.comments[0].upvotes, 3);
  EXPECT_EQ(all.comments[1].author, "");  // anonymous: no commenter record, still read
  EXPECT_EQ(all.comments[1].parent, "c1");
  EXPECT_EQ(all.comments[2].state, SourceState::kPending);
  EXPECT_EQ(all.comments[2].downvotes, 2);
  EXPECT_EQ(all.comments[3].state, SourceState::kSpam);
  EXPECT_EQ(all.comments[4].state, SourceState::kDeleted);
  EXPECT_EQ(all.skipped, (std::vector<std::string>{"comment 6: without commentHex"}));
}

TEST(IssoReaderTest, ReadsTheDatabase) {
  const std::string path = testing::TempDir() + "/isso-comments.db";
  std::filesystem::remove(path);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  // Isso's schema (isso/db/*.py), with its rows.
  const char* kSql =
      "CREATE TABLE threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title "
      "VARCHAR(256));"
      "CREATE TABLE comments (tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent "
      "INTEGER, created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR, text "
      "VARCHAR, author VARCHAR, email VARCHAR, website VARCHAR, likes INTEGER DEFAULT 0, "
      "dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL, notification INTEGER DEFAULT 0);"
      "INSERT INTO threads VALUES (1, '/2023/04/elections/', 'Élections au Sénégal');"
      "INSERT INTO comments VALUES (1, 1, NULL, 1681300000.25, NULL, 1, '41.82.3.0', "
      "'Bravo au *peuple* sénégalais', 'Khady', 'khady@example.sn', NULL, 4, 1, x'', 0);"
      "INSERT INTO comments VALUES (1, 2, 1, 1681300100.0, NULL, 2, '41.82.4.0', 'En attente', "
      "NULL, NULL, NULL, 0, 0, x'', 0);"
      "INSERT INTO comments VALUES (1, 3, 1, 1681300200.0, NULL, 4, '', '', NULL, NULL, NULL, 0, "
      "0, x'', 0);";
  ASSERT_EQ(sqlite3_exec(db, kSql, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  auto reader = OpenReader(Format::kIsso, path);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  const ReadAll all = ReadEverything(**reader);
  ASSERT_TRUE(all.status.ok()) << all.status.ToString();
  ASSERT_EQ(all.threads.size(), 1u);
  EXPECT_EQ(all.threads[0].url, "/2023/04/elections/");
  ASSERT_EQ(all.comments.size(), 3u);
  EXPECT_EQ(all.comments[0].text, "Bravo au *peuple* sénégalais");  // Isso keeps Markdown
  EXPECT_EQ(all.comments[0].created_at, 1681300000250);
  EXPECT_EQ(all.comments[0].upvotes, 4);
  EXPECT_EQ(all.comments[0].thread, "1");
  EXPECT_EQ(all.comments[1].parent, "1");
  EXPECT_EQ(all.comments[1].author, "");
  EXPECT_EQ(all.comments[1].state, SourceState::kPending);
  EXPECT_EQ(all.comments[2].state, SourceState::kDeleted);
  std::filesystem::remove(path);

  EXPECT_EQ(OpenReader(Format::kIsso, FixturePath("disqus.xml")).error(), Error::kInvalidArgument);
}

TEST(DetectFormatTest, NamesEachFormatFromItsFirstBytes) {
  EXPECT_EQ(DetectFormat(Fixture("disqus.xml").substr(0, 4096)), Format::kDisqus);
  EXPECT_EQ(DetectFormat(Fixture("wxr.xml").substr(0, 4096)), Format::kWxr);
  EXPECT_EQ(DetectFormat(Fixture("remark42.jsonl").substr(0, 4096)), Format::kRemark42);
  EXPECT_EQ(DetectFormat(Fixture("commento.json").substr(0, 4096)), Format::kCommento);
  EXPECT_EQ(DetectFormat(std::string_view("\x1f\x8b\x08\x00", 4)), Format::kRemark42);
  EXPECT_EQ(DetectFormat("SQLite format 3\0"), Format::kIsso);
  EXPECT_EQ(DetectFormat("{\"type\":\"thread\",\"id\":\"a\"}\n"), Format::kJsonl);
  EXPECT_EQ(DetectFormat("<html><body>"), std::nullopt);
  EXPECT_EQ(DetectFormat(""), std::nullopt);
  EXPECT_EQ(ParseFormat("wxr"), Format::kWxr);
  EXPECT_EQ(ParseFormat("WordPress"), std::nullopt);
}

}  // namespace
}  // namespace palabre::import
