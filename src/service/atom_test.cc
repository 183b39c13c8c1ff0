// The Atom writer: XML escaping (markup, "]]>", characters XML 1.0 forbids, invalid UTF-8),
// the document's shape, name-based UUID URNs.
#include "service/atom.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "service/atom_schema_testing.h"

namespace palabre::service {
namespace {

std::string Escaped(std::string_view s) {
  std::string out;
  AppendXmlEscaped(out, s);
  return out;
}

TEST(AtomTest, EscapesMarkupAndQuotes) {
  EXPECT_EQ(Escaped("<b>a & b</b>"), "&lt;b&gt;a &amp; b&lt;/b&gt;");
  EXPECT_EQ(Escaped("say \"hi\" it's"), "say &quot;hi&quot; it&apos;s");
  EXPECT_EQ(Escaped("&amp;"), "&amp;amp;");  // already an entity: escaped again, shown as typed
}

TEST(AtomTest, NeverWritesTheEndOfACdataSection) {
  EXPECT_EQ(Escaped("a]]>b"), "a]]&gt;b");
  EXPECT_EQ(Escaped("]]]]>>"), "]]]]&gt;&gt;");
}

TEST(AtomTest, ReplacesCharactersXmlForbids) {
  // Tab, LF kept; CR as a reference (a literal one would be normalised to LF by parsers).
  EXPECT_EQ(Escaped("a\tb\nc\rd"), "a\tb\nc&#13;d");
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(Escaped(std::string("a\0b", 3)), "a" + fffd + "b");
  EXPECT_EQ(Escaped("\x01\x08\x0B\x0C\x1F"), fffd + fffd + fffd + fffd + fffd);
  EXPECT_EQ(Escaped("\xEF\xBF\xBE\xEF\xBF\xBF"), fffd + fffd);  // U+FFFE, U+FFFF
  // Invalid UTF-8: a lone continuation byte, an overlong "/", a surrogate, a cut sequence.
  EXPECT_EQ(Escaped("\x80"), fffd);
  EXPECT_EQ(Escaped("\xC0\xAF"), fffd + fffd);
  EXPECT_EQ(Escaped("\xED\xA0\x80"), fffd + fffd + fffd);
  EXPECT_EQ(Escaped("\xE2\x82"), fffd + fffd);
}

TEST(AtomTest, KeepsValidUtf8) {
  EXPECT_EQ(Escaped("Aïssatou — 🌍 \xC2\x85"), "Aïssatou — 🌍 \xC2\x85");
}

TEST(AtomTest, UuidUrnsAreStableAndKeyed) {
  ASSERT_TRUE(InitCrypto());
  const std::string a = UuidUrn(
      "comment\x1f"
      "demo\x1f"
      "1",
      "salt");
  EXPECT_EQ(a, UuidUrn("comment\x1f"
                       "demo\x1f"
                       "1",
                       "salt"));
  EXPECT_NE(a, UuidUrn("comment\x1f"
                       "demo\x1f"
                       "2",
                       "salt"));
  EXPECT_NE(a, UuidUrn("comment\x1f"
                       "demo\x1f"
                       "1",
                       "another salt"));
  ASSERT_EQ(a.size(), 45u);
  EXPECT_TRUE(a.starts_with("urn:uuid:"));
  EXPECT_EQ(a[9 + 14], '8');                                                    // version
  EXPECT_NE(std::string_view("89ab").find(a[9 + 19]), std::string_view::npos);  // variant
  for (int dash : {8, 13, 18, 23}) EXPECT_EQ(a[9 + dash], '-');
}

TEST(AtomTest, WritesAValidDocumentWhateverTheTexts) {
  ASSERT_TRUE(InitCrypto());
  AtomFeed feed;
  feed.id = UuidUrn("site", "k");
  feed.title = "Le <Monde> & \"Cie\" ]]> \x01";
  feed.self = "http://127.0.0.1:8080/api/v1/sites/demo/feed.atom?limit=5&x=\"";
  feed.alternate = "https://example.com/";
  feed.updated = 1'750'000'000'000;
  AtomEntry e;
  e.id = UuidUrn("comment 1", "k");
  e.title = "Awa: <script>alert(1)</script>";
  e.author = "Awa <awa@example.com> \x0B";
  e.link = "https://example.com/a?b=1&c=2#palabre-c1";
  e.html = "<p>un &amp; deux ]]> <a href=\"https://x\" rel=\"nofollow\">x</a></p>\x1B";
  e.published = 1'749'999'000'000;
  e.updated = 1'750'000'000'000;
  feed.entries.push_back(e);
  const std::string xml = WriteAtom(feed);
  EXPECT_EQ(AtomSchemaErrors(xml), "") << xml;
  EXPECT_NE(xml.find("<updated>2025-06-15T15:06:40.000Z</updated>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<published>2025-06-15T14:50:00.000Z</published>"), std::string::npos);
  EXPECT_NE(xml.find("<content type=\"html\">&lt;p&gt;un &amp;amp; deux ]]&gt; &lt;a href=&quot;"
                     "https://x&quot; rel=&quot;nofollow&quot;&gt;x&lt;/a&gt;&lt;/p&gt;\xEF\xBF\xBD"
                     "</content>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("href=\"https://example.com/a?b=1&amp;c=2#palabre-c1\""), std::string::npos);
  EXPECT_EQ(xml.find("<script"), std::string::npos);
  EXPECT_EQ(xml.find("\x01"), std::string::npos);
}

TEST(AtomTest, AnEmptyFeedIsValid) {
  AtomFeed feed;
  feed.id = "urn:uuid:12345678-1234-8234-9234-123456789abc";
  feed.title = "Demo";
  feed.updated = 0;
  EXPECT_EQ(AtomSchemaErrors(WriteAtom(feed)), "");
}

TEST(AtomTest, TheSchemaRefusesWhatTheRfcForbids) {
  AtomFeed feed;
  feed.id = "urn:uuid:12345678-1234-8234-9234-123456789abc";
  feed.title = "Demo";
  const std::string good = WriteAtom(feed);
  ASSERT_EQ(AtomSchemaErrors(good), "");
  auto with = [&](std::string_view from, std::string_view to) {
    std::string xml = good;
    xml.replace(xml.find(from), from.size(), to);
    return xml;
  };
  EXPECT_NE(AtomSchemaErrors(with("<title>Demo</title>", "")), "");             // no title
  EXPECT_NE(AtomSchemaErrors(with("<title>", "<title>a</title><title>")), "");  // two titles
  EXPECT_NE(AtomSchemaErrors(with("1970-01-01T00:00:00.000Z", "1970-01-01 00:00")), "");
  EXPECT_NE(AtomSchemaErrors(with("urn:uuid:", "uuid-")), "");  // id not an absolute IRI
  EXPECT_NE(AtomSchemaErrors(with("</feed>",
                                  "<entry><id>urn:x:y</id><title>t</title>"
                                  "<updated>1970-01-01T00:00:00Z</updated></entry>"
                                  "</feed>")),
            "");  // an entry with neither content nor link
  EXPECT_NE(AtomSchemaErrors(with("</feed>", "<foo/></feed>")), "");  // not Atom
  EXPECT_NE(AtomSchemaErrors(with("Demo", "a & b")), "");             // not well-formed
}

}  // namespace
}  // namespace palabre::service
