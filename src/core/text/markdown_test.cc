#include "core/text/markdown.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace palabre::text {
namespace {

constexpr std::string_view kA = R"( rel="nofollow ugc noopener" target="_blank">)";

std::string Link(std::string_view href, std::string_view text) {
  return "<a href=\"" + std::string(href) + "\"" + std::string(kA) + std::string(text) + "</a>";
}

std::string Lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

// The output's whole tag vocabulary: every '<' must open one of these, and every href must be
// an http(s) or mailto URL.
::testing::AssertionResult OnlyAllowedTags(const std::string& html) {
  static const std::vector<std::string> kTags = {
      "<p>",    "</p>",    "<br>",  "<em>",   "</em>",        "<strong>",      "</strong>",
      "<code>", "</code>", "<pre>", "</pre>", "<blockquote>", "</blockquote>", "<ul>",
      "</ul>",  "<ol>",    "</ol>", "<li>",   "</li>",        "<hr>",          "</a>"};
  for (std::size_t i = html.find('<'); i != std::string::npos; i = html.find('<', i + 1)) {
    const std::string_view rest = std::string_view(html).substr(i);
    bool ok = false;
    for (const std::string& tag : kTags) ok = ok || rest.substr(0, tag.size()) == tag;
    if (rest.substr(0, 11) == "<ol start=\"") ok = true;
    for (const std::string_view scheme :
         {"<a href=\"http://", "<a href=\"https://", "<a href=\"mailto:"}) {
      ok = ok || Lower(std::string(rest.substr(0, scheme.size()))) == scheme;
    }
    if (!ok) return ::testing::AssertionFailure() << "unexpected tag at " << i << " in " << html;
  }
  return ::testing::AssertionSuccess();
}

TEST(EscapeHtmlTest, EscapesTheFiveCharacters) {
  EXPECT_EQ(EscapeHtml(R"(<a href="x" title='y'>&</a>)"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml("Paix à leurs âmes — «ok»"), "Paix à leurs âmes — «ok»");
  EXPECT_EQ(EscapeHtml(""), "");
  EXPECT_EQ(EscapeHtml("&amp;"), "&amp;amp;");
}

TEST(RenderMarkdownTest, PlainFrenchTextIsAParagraph) {
  EXPECT_EQ(RenderMarkdown("Paix à leurs âmes."), "<p>Paix à leurs âmes.</p>\n");
  EXPECT_EQ(RenderMarkdown("Ça, c'est « vrai » : 100 % d'accord !"),
            "<p>Ça, c&#39;est « vrai » : 100 % d&#39;accord !</p>\n");
  EXPECT_EQ(RenderMarkdown(""), "");
  EXPECT_EQ(RenderMarkdown("\n\n"), "");
}

TEST(RenderMarkdownTest, ParagraphsAndBreaks) {
  EXPECT_EQ(RenderMarkdown("un\n\ndeux"), "<p>un</p>\n<p>deux</p>\n");
  EXPECT_EQ(RenderMarkdown("un\ndeux"), "<p>un\ndeux</p>\n");        // soft break
  EXPECT_EQ(RenderMarkdown("un  \ndeux"), "<p>un<br>\ndeux</p>\n");  // hard break
  EXPECT_EQ(RenderMarkdown("un\\\ndeux"), "<p>un<br>\ndeux</p>\n");
}

TEST(RenderMarkdownTest, EmphasisStrongAndCode) {
  EXPECT_EQ(RenderMarkdown("*très* **bien** `x < y && z`"),
            "<p><em>très</em> <strong>bien</strong> <code>x &lt; y &amp;&amp; z</code></p>\n");
  EXPECT_EQ(RenderMarkdown("_a_ __b__ ***c***"),
            "<p><em>a</em> <strong>b</strong> <em><strong>c</strong></em></p>\n");
}

TEST(RenderMarkdownTest, CodeBlocksAreEscaped) {
  EXPECT_EQ(RenderMarkdown("```html\n<script>alert('x')</script>\n```"),
            "<pre><code>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\n</code></pre>\n");
  EXPECT_EQ(RenderMarkdown("    indenté & <b>"),
            "<pre><code>indenté &amp; &lt;b&gt;\n</code></pre>\n");
  // The info string never reaches the output.
  EXPECT_EQ(RenderMarkdown("```\" onmouseover=\"x\nok\n```"), "<pre><code>ok\n</code></pre>\n");
}

TEST(RenderMarkdownTest, Links) {
  EXPECT_EQ(RenderMarkdown("[le site](https://example.com/a?b=1&c=2)"),
            "<p>" + Link("https://example.com/a?b=1&amp;c=2", "le site") + "</p>\n");
  EXPECT_EQ(RenderMarkdown("[x](http://example.com)"),
            "<p>" + Link("http://example.com", "x") + "</p>\n");
  EXPECT_EQ(RenderMarkdown("[écrire](mailto:awa@example.com)"),
            "<p>" + Link("mailto:awa@example.com", "écrire") + "</p>\n");
  EXPECT_EQ(RenderMarkdown("<https://example.com/x>"),
            "<p>" + Link("https://example.com/x", "https://example.com/x") + "</p>\n");
  EXPECT_EQ(RenderMarkdown("[X](HTTPS://EXAMPLE.COM)"),
            "<p>" + Link("HTTPS://EXAMPLE.COM", "X") + "</p>\n");
  EXPECT_EQ(RenderMarkdown("[*gras* et `code`](https://e.com)"),
            "<p>" + Link("https://e.com", "<em>gras</em> et <code>code</code>") + "</p>\n");
  // Titles are dropped; entities in the destination are decoded, then escaped again.
  EXPECT_EQ(RenderMarkdown("[x](https://e.com/&eacute; \"titre\")"),
            "<p>" + Link("https://e.com/é", "x") + "</p>\n");
  // Spaces (only possible in <...>) are percent-encoded.
  EXPECT_EQ(RenderMarkdown("[x](<https://e.com/a b>)"),
            "<p>" + Link("https://e.com/a%20b", "x") + "</p>\n");
}

TEST(RenderMarkdownTest, ReferenceLinks) {
  EXPECT_EQ(RenderMarkdown("[source][1]\n\n[1]: https://example.com"),
            "<p>" + Link("https://example.com", "source") + "</p>\n");
}

TEST(RenderMarkdownTest, UnsafeOrRelativeLinksKeepOnlyTheirText) {
  for (const std::string_view md : {
           "[x](javascript:alert(1))",
           "[x](JaVaScRiPt:alert(1))",
           "[x]( javascript:alert(1))",
           "[x](<javascript:alert(1)>)",
           "[x](<  javascript:alert(1)>)",
           "[x](jav&#x09;ascript:alert(1))",  // tab, removed by browsers
           "[x](jav&#9;ascript:alert(1))",
           "[x](jav&#x0A;ascript:alert(1))",  // newline
           "[x](&#x0D;javascript:alert(1))",
           "[x](&#106;avascript:alert(1))",  // 'j' as an entity
           "[x](&#x6A&#x61vascript:alert(1))",
           "[x](java\\script:alert(1))",
           "[x](&#1;javascript:alert(1))",
           "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
           "[x](vbscript:msgbox(1))",
           "[x](file:///etc/passwd)",
           "[x](/relative/path)",
           "[x](relative)",
           "[x](?q=1)",
           "[x](#frag)",
           "[x](//evil.example)",      // protocol-relative
           "[x](https:evil.example)",  // resolved against the page
           "[x](https:///evil.example)",
           "[x](https:\\\\evil.example)",
           "[x](http)",
           "[x]()",
           "[x](https/example.com)",
       }) {
    EXPECT_EQ(RenderMarkdown(md), "<p>x</p>\n") << md;
  }
}

TEST(RenderMarkdownTest, UnsafeAutolinksAreText) {
  EXPECT_EQ(RenderMarkdown("<javascript:alert(1)>"), "<p>javascript:alert(1)</p>\n");
  EXPECT_EQ(RenderMarkdown("<data:text/html,x>"), "<p>data:text/html,x</p>\n");
}

TEST(RenderMarkdownTest, QuotesInUrlsStayInsideTheAttribute) {
  const std::string html = RenderMarkdown(R"([x](https://e.com/"onmouseover="alert(1)))");
  EXPECT_EQ(html, "<p>" + Link("https://e.com/&quot;onmouseover=&quot;alert(1)", "x") + "</p>\n");
  const std::string single = RenderMarkdown("[x](https://e.com/'><script>alert(1)</script>)");
  EXPECT_EQ(single.find("<script"), std::string::npos) << single;
  EXPECT_TRUE(OnlyAllowedTags(single));
}

TEST(RenderMarkdownTest, RawHtmlIsShownEscaped) {
  EXPECT_EQ(RenderMarkdown("<script>alert(1)</script>"),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
  EXPECT_EQ(RenderMarkdown("Voir <b onmouseover=\"x\">ici</b>"),
            "<p>Voir &lt;b onmouseover=&quot;x&quot;&gt;ici&lt;/b&gt;</p>\n");
  EXPECT_EQ(RenderMarkdown("<div>\nbloc\n</div>"), "<p>&lt;div&gt;\nbloc\n&lt;/div&gt;</p>\n");
  EXPECT_EQ(RenderMarkdown("<!-- commentaire -->"), "<p>&lt;!-- commentaire --&gt;</p>\n");
}

TEST(RenderMarkdownTest, XssVectorsProduceNoActiveMarkup) {
  for (const std::string_view md : {
           "<script>alert(1)</script>",
           "<SCRIPT SRC=//evil/x.js></SCRIPT>",
           "<scr<script>ipt>alert(1)</script>",
           "<img src=x onerror=alert(1)>",
           "![x](x\" onerror=\"alert(1))",
           "<svg onload=alert(1)>",
           "<svg><script>alert(1)</script></svg>",
           "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
           "<iframe src=\"javascript:alert(1)\"></iframe>",
           "<a href=\"javascript:alert(1)\">x</a>",
           "[<img src=x onerror=alert(1)>](https://e.com)",
           "`<script>`",
           "<style>body{display:none}</style>",
           "<details open ontoggle=alert(1)>",
           "&lt;script&gt;alert(1)&lt;/script&gt;",
           "&#60;script&#62;alert(1)&#60;/script&#62;",
           "\\<script>alert(1)\\</script>",
           "[x](https://e.com \"<script>alert(1)</script>\")",
           "<<script>script>alert(1)<</script>/script>",
           "> <script>alert(1)</script>",
           "- <img src=x onerror=alert(1)>",
           "<form action=javascript:alert(1)><button>x</button></form>",
       }) {
    const std::string html = RenderMarkdown(md);
    EXPECT_EQ(Lower(html).find("<script"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(Lower(html).find("<img"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(Lower(html).find("<svg"), std::string::npos) << md << " -> " << html;
    EXPECT_EQ(Lower(html).find("javascript:alert(1)\""), std::string::npos) << md;
    EXPECT_TRUE(OnlyAllowedTags(html)) << md;
  }
}

TEST(RenderMarkdownTest, EntitiesAreDecodedThenEscaped) {
  EXPECT_EQ(RenderMarkdown("&lt;script&gt; &amp; &eacute;"), "<p>&lt;script&gt; &amp; é</p>\n");
  EXPECT_EQ(RenderMarkdown("&#60;b&#62;"), "<p>&lt;b&gt;</p>\n");
}

TEST(RenderMarkdownTest, Images) {
  EXPECT_EQ(RenderMarkdown("![un chat](https://e.com/chat.png)"),
            "<p>" + Link("https://e.com/chat.png", "un chat") + "</p>\n");
  EXPECT_EQ(RenderMarkdown("![](https://e.com/chat.png)"),
            "<p>" + Link("https://e.com/chat.png", "https://e.com/chat.png") + "</p>\n");
  EXPECT_EQ(RenderMarkdown("![un chat](javascript:alert(1))"), "<p>un chat</p>\n");
  EXPECT_EQ(RenderMarkdown("![un chat](data:image/svg+xml;base64,PHN2Zz4=)"), "<p>un chat</p>\n");
  EXPECT_EQ(RenderMarkdown("![](chat.png)"), "<p></p>\n");
}

TEST(RenderMarkdownTest, ImageInsideALinkIsNotASecondLink) {
  const std::string html = RenderMarkdown("[![logo](https://e.com/l.png)](https://e.com)");
  EXPECT_EQ(html, "<p>" + Link("https://e.com", "logo") + "</p>\n");
  // A link with an unsafe URL leaves the image inside free to be a link.
  EXPECT_EQ(RenderMarkdown("[![logo](https://e.com/l.png)](javascript:x)"),
            "<p>" + Link("https://e.com/l.png", "logo") + "</p>\n");
}

TEST(RenderMarkdownTest, BlockQuotes) {
  EXPECT_EQ(RenderMarkdown("> Cité par Awa\n\nRéponse"),
            "<blockquote>\n<p>Cité par Awa</p>\n</blockquote>\n<p>Réponse</p>\n");
  EXPECT_EQ(RenderMarkdown("> > imbriqué"),
            "<blockquote>\n<blockquote>\n<p>imbriqué</p>\n</blockquote>\n</blockquote>\n");
}

TEST(RenderMarkdownTest, Lists) {
  EXPECT_EQ(RenderMarkdown("- un\n- deux"), "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n");
  EXPECT_EQ(RenderMarkdown("1. un\n2. deux"), "<ol>\n<li>un</li>\n<li>deux</li>\n</ol>\n");
  EXPECT_EQ(RenderMarkdown("3. trois\n4. quatre"),
            "<ol start=\"3\">\n<li>trois</li>\n<li>quatre</li>\n</ol>\n");
  // A loose list keeps its paragraphs.
  EXPECT_EQ(RenderMarkdown("- un\n\n- deux"),
            "<ul>\n<li><p>un</p>\n</li>\n<li><p>deux</p>\n</li>\n</ul>\n");
  EXPECT_EQ(RenderMarkdown("- a\n  - b"), "<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n");
  EXPECT_EQ(RenderMarkdown("-"), "<ul>\n<li></li>\n</ul>\n");
}

TEST(RenderMarkdownTest, HeadingsBecomeParagraphs) {
  EXPECT_EQ(RenderMarkdown("# Titre"), "<p>Titre</p>\n");
  EXPECT_EQ(RenderMarkdown("Titre\n====="), "<p>Titre</p>\n");
  EXPECT_EQ(RenderMarkdown("###### *petit*"), "<p><em>petit</em></p>\n");
}

TEST(RenderMarkdownTest, ThematicBreak) {
  EXPECT_EQ(RenderMarkdown("avant\n\n***\n\naprès"), "<p>avant</p>\n<hr>\n<p>après</p>\n");
}

TEST(RenderMarkdownTest, NulAndInvalidBytesDoNotBreakTheOutput) {
  EXPECT_EQ(RenderMarkdown(std::string_view("a\0b", 3)),
            "<p>a\xEF\xBF\xBD"
            "b</p>\n");
}

TEST(RenderMarkdownTest, DeepNestingIsRenderedWithoutRecursion) {
  const std::string quotes(20000, '>');
  const std::string html = RenderMarkdown(quotes + " fond");
  EXPECT_NE(html.find("fond"), std::string::npos);
  EXPECT_TRUE(OnlyAllowedTags(html));
  std::string brackets;
  for (int i = 0; i < 5000; ++i) brackets += "[";
  brackets += "x](https://e.com)";
  EXPECT_TRUE(OnlyAllowedTags(RenderMarkdown(brackets)));
  std::string stars(10000, '*');
  EXPECT_TRUE(OnlyAllowedTags(RenderMarkdown(stars + "x" + stars)));
}

}  // namespace
}  // namespace palabre::text
