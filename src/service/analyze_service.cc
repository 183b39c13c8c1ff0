#include "service/analyze_service.h"

#include "core/text/utf8.h"

namespace palabre::service {

Result<moderation::Decision> AnalyzeService::Analyze(const AnalyzeInput& in) {
  Site site;
  if (!in.site_id.empty()) {
    auto found = comments_ != nullptr ? comments_->GetSite(in.site_id) : store_.GetSite(in.site_id);
    if (!found.ok()) return found.status();
    site = std::move(found).value();
    // The site's banned words and check settings, as a post of the site would meet them.
    if (comments_ != nullptr) comments_->SettingsFor(site);
  }
  auto text = text::NormalizeUserText(in.text, /*single_line=*/false);
  if (!text.ok()) return text.status();
  if (text->empty()) return Status(Error::kTextEmpty, "blank text");
  if (text::CodePointCount(*text) > max_text_) {
    return Status(Error::kTextTooLong, std::to_string(max_text_) + " characters at most");
  }
  Thread thread;
  thread.site_id = site.id;
  bool found_thread = false;
  if (!site.id.empty() && !in.key.empty()) {
    auto t = store_.GetThread(site.id, in.key);
    if (t.ok()) {
      thread = std::move(t).value();
      found_thread = true;
    } else if (t.error() != Error::kUnknownThread) {
      return t.status();
    }
  }
  if (!found_thread) {
    auto title = text::NormalizeUserText(in.title, /*single_line=*/true);
    auto body = text::NormalizeUserText(in.body, /*single_line=*/false);
    if (!title.ok()) return title.status();
    if (!body.ok()) return body.status();
    thread.title = std::move(title).value();
    thread.body = std::move(body).value();
  }
  Comment comment;
  comment.thread_id = thread.id;
  comment.text = std::move(text).value();
  comment.created_at = clock_.NowMs();
  return moderator_.Evaluate(site, thread, comment);
}

}  // namespace palabre::service
