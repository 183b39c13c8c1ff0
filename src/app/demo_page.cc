#include "app/demo_page.h"

#include <string_view>

#include "core/text/markdown.h"

namespace palabre::app {

std::string RenderDemoPage(const service::ImportedThread& article, const std::string& site_id) {
  const std::string title = text::EscapeHtml(article.title);
  std::string html;
  html.reserve(8192);
  html += R"(<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>)";
  html += title;
  html += R"( — Démo palabre</title>
<style>
  body { margin: 0; font: 17px/1.6 Georgia, "Times New Roman", serif; color: #1d1d1b; background: #fafaf7; }
  header { background: #0b3d2e; color: #fff; padding: 12px 16px; font: 600 20px/1.2 system-ui, sans-serif; }
  header span { color: #f2c14e; }
  main { max-width: 720px; margin: 0 auto; padding: 16px; }
  h1 { font-size: 1.7em; line-height: 1.25; margin: 0.6em 0 0.3em; }
  .meta { color: #5b5b57; font: 14px system-ui, sans-serif; margin-bottom: 1.2em; }
  #palabre { margin-top: 2.5em; border-top: 3px solid #0b3d2e; padding-top: 1em; }
</style>
</head>
<body>
<header>Le Quotidien <span>du Sahel</span> — démo palabre</header>
<main>
<article>
<h1>)";
  html += title;
  html += R"(</h1>
<p class="meta">Économie · Bamako</p>
)";
  std::string_view body = article.body;
  while (!body.empty()) {
    const auto end = body.find("\n\n");
    const std::string_view para = body.substr(0, end);
    html += "<p>" + text::EscapeHtml(para) + "</p>\n";
    if (end == std::string_view::npos) break;
    body.remove_prefix(end + 2);
  }
  html += R"(</article>
<div id="palabre" data-site=")";
  html += text::EscapeHtml(site_id);
  html += R"(" data-key=")";
  html += text::EscapeHtml(article.key);
  html += R"(" data-title=")";
  html += title;
  html += R"("></div>
<script src="/embed.js" async></script>
</main>
</body>
</html>
)";
  return html;
}

}  // namespace palabre::app
