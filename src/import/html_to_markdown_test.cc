#include "import/html_to_markdown.h"

#include <gtest/gtest.h>

#include "core/text/markdown.h"
#include "core/text/utf8.h"

namespace palabre::import {
namespace {

TEST(HtmlToMarkdownTest, KeepsParagraphsBreaksAndEmphasis) {
  EXPECT_EQ(HtmlToMarkdown("<p>Un</p><p>Deux<br>Trois</p>"), "Un\n\nDeux\\\nTrois");
  EXPECT_EQ(HtmlToMarkdown("<b>gras</b> <i>italique</i> <strong> fort </strong>"),
            "**gras** *italique* **fort**");
  EXPECT_EQ(HtmlToMarkdown("Code : <code>a*b</code>"), "Code : `a*b`");
  EXPECT_EQ(HtmlToMarkdown("<blockquote>Cité</blockquote><p>Réponse</p>"), "> Cité\n\nRéponse");
  EXPECT_EQ(HtmlToMarkdown("<ul><li>un</li><li>deux</li></ul>"), "- un\n- deux");
  EXPECT_EQ(HtmlToMarkdown("<ol><li>un</li><li>deux</li></ol>"), "1. un\n2. deux");
  EXPECT_EQ(HtmlToMarkdown("<pre>a  b\n  c</pre>"), "```\na  b\n  c\n```");
}

TEST(HtmlToMarkdownTest, DecodesEntitiesAndCollapsesSpaces) {
  EXPECT_EQ(HtmlToMarkdown("L&#39;arm&eacute;e &amp; la police&nbsp;!"),
            "L'armée & la police\u00A0!");
  EXPECT_EQ(HtmlToMarkdown("  beaucoup   d'espaces\n\n ici  "), "beaucoup d'espaces ici");
}

TEST(HtmlToMarkdownTest, KeepsOnlyWebAndMailLinks) {
  EXPECT_EQ(HtmlToMarkdown("<a href=\"https://ex.example/a b(1)\">lien</a>"),
            "[lien](https://ex.example/a%20b%281%29)");
  EXPECT_EQ(HtmlToMarkdown("<a href=\"mailto:a@b.example\">écrire</a>"),
            "[écrire](mailto:a@b.example)");
  EXPECT_EQ(HtmlToMarkdown("<a href=\"javascript:alert(1)\">clic</a>"), "clic");
  EXPECT_EQ(HtmlToMarkdown("<a href=\"/relative\">rel</a>"), "rel");
  EXPECT_EQ(HtmlToMarkdown("<a href=\"https://x.example\"></a>"),
            "[https://x.example](https://x.example)");
}

TEST(HtmlToMarkdownTest, DropsScriptsAndStylesAndKeepsImageText) {
  EXPECT_EQ(HtmlToMarkdown("a<script>alert(1)</script>b<style>p{}</style>"), "ab");
  EXPECT_EQ(HtmlToMarkdown("<img src=\"x\" onerror=\"alert(1)\" alt=\"une carte\">"), "une carte");
}

TEST(HtmlToMarkdownTest, EscapesMarkdownInText) {
  // Text that would be Markdown syntax stays text once rendered.
  EXPECT_EQ(HtmlToMarkdown("2*3 = 6, [pas un lien](x) et _pas_ d'italique"),
            "2\\*3 = 6, \\[pas un lien\\](x) et \\_pas\\_ d'italique");
  EXPECT_EQ(HtmlToMarkdown("<p># pas un titre</p><p>1. pas une liste</p><p>- ni ça</p>"),
            "\\# pas un titre\n\n1\\. pas une liste\n\n\\- ni ça");
  EXPECT_EQ(HtmlToMarkdown("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "\\<script\\>alert(1)\\</script\\>");
  const std::string rendered =
      text::RenderMarkdown(HtmlToMarkdown("&lt;b&gt;x&lt;/b&gt; *y* [z](https://e.example)"));
  EXPECT_EQ(rendered.find("<b>"), std::string::npos) << rendered;
  EXPECT_EQ(rendered.find("<em>"), std::string::npos) << rendered;
  EXPECT_EQ(rendered.find("<a "), std::string::npos) << rendered;
}

TEST(HtmlToMarkdownTest, WordPressNewlinesAreParagraphsAndBreaks) {
  const HtmlOptions wp{.newlines_are_breaks = true};
  EXPECT_EQ(HtmlToMarkdown("Un\nDeux\n\nTrois", wp), "Un\\\nDeux\n\nTrois");
  EXPECT_EQ(HtmlToMarkdown("Un\nDeux", {}), "Un Deux");
}

TEST(HtmlToMarkdownTest, SurvivesBrokenAndHostileInput) {
  EXPECT_EQ(HtmlToMarkdown(""), "");
  EXPECT_EQ(HtmlToMarkdown("<p>non fermé <b>gras"), "non fermé **gras**");
  EXPECT_TRUE(text::IsValidUtf8(HtmlToMarkdown("caf\xE9 \xFF\xFE")));
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<div><span>";
  deep += "fond";
  EXPECT_EQ(HtmlToMarkdown(deep), "fond");  // deeper than the converter follows: text kept
  std::string deeper;
  for (int i = 0; i < 5000; ++i) deeper += "<div><span>";
  EXPECT_EQ(HtmlToMarkdown(deeper + "fond"), HtmlToMarkdown(deeper + "fond"));  // no crash
}

}  // namespace
}  // namespace palabre::import
