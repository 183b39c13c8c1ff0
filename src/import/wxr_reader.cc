// WordPress's export (WXR 1.0–1.2, an RSS document with the wp: namespace): each <item>
// (link, title, wp:post_id, wp:comment_status) holds its <wp:comment>s (comment_id, _author,
// _author_email, _author_url, _author_IP, comment_date_gmt, comment_content, comment_approved
// 1/0/spam/trash, comment_type, comment_parent). Pingbacks and trackbacks are left out and
// said. Read streaming, one <item> at a time (import/xml_pull.h).
#include <deque>
#include <utility>

#include "core/text/ascii.h"
#include "import/html_to_markdown.h"
#include "import/readers.h"

namespace palabre::import {
namespace {

bool HasWordPressNamespace(const xmlNode* root) {
  for (const xmlNs* ns = root->nsDef; ns; ns = ns->next) {
    if (ns->href && std::string_view(reinterpret_cast<const char*>(ns->href))
                        .starts_with("http://wordpress.org/export/")) {
      return true;
    }
  }
  return false;
}

class WxrReader : public Reader {
 public:
  explicit WxrReader(std::unique_ptr<XmlPull> xml) : xml_(std::move(xml)) {}

  Result<Step> Next(Record& out) override {
    if (!started_) {
      auto root = xml_->NextElement(0, /*descend=*/true);
      if (!root.ok()) return root.status();
      if (!*root || LocalName(*root) != "rss" || !HasWordPressNamespace(*root)) {
        return Status(Error::kInvalidArgument,
                      "not a WordPress export: no <rss> with the wp: export namespace");
      }
      started_ = true;
    }
    while (pending_.empty()) {
      auto element = xml_->NextElement(2);  // rss > channel > item
      if (!element.ok()) return element.status();
      if (!*element) return Step{Step::kEnd, {}};
      if (LocalName(*element) == "item") ReadItem(*element);
    }
    auto [step, record] = std::move(pending_.front());
    pending_.pop_front();
    if (step.kind == Step::kRecord) out = std::move(record);
    return step;
  }

 private:
  void Push(Step step, Record record = SourceThread{}) {
    pending_.emplace_back(std::move(step), std::move(record));
  }
  void Skip(std::string what) { Push(Step{Step::kSkipped, At("line", xml_->line(), what)}); }

  void ReadItem(const xmlNode* item) {
    SourceThread t;
    t.id = std::string(text::TrimAscii(ChildText(item, "post_id")));
    t.url = std::string(text::TrimAscii(ChildText(item, "link")));
    t.title = ChildText(item, "title");
    if (auto at = ParseExportTime(ChildText(item, "post_date_gmt")); at.ok()) t.created_at = *at;
    t.closed = text::TrimAscii(ChildText(item, "comment_status")) == "closed";
    bool thread_said = false;
    for (const xmlNode* c = item->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || LocalName(c) != "comment") continue;
      const std::string type(text::TrimAscii(ChildText(c, "comment_type")));
      if (type == "pingback" || type == "trackback") {
        Push(Step{Step::kOmitted, type});
        continue;
      }
      if (!thread_said) {
        if (t.id.empty()) return Skip("<item> with comments but no wp:post_id");
        if (!FieldsFit({t.id, t.url, t.title}, {})) return Skip("<item> field too long");
        Push(Step{Step::kRecord, {}}, t);
        thread_said = true;
      }
      ReadComment(c, t.id);
    }
  }

  void ReadComment(const xmlNode* e, const std::string& thread) {
    SourceComment c;
    c.id = std::string(text::TrimAscii(ChildText(e, "comment_id")));
    if (c.id.empty()) return Skip("<wp:comment> without comment_id");
    c.thread = thread;
    c.parent = std::string(text::TrimAscii(ChildText(e, "comment_parent")));
    if (c.parent == "0") c.parent.clear();
    c.author = std::string(text::TrimAscii(ChildText(e, "comment_author")));
    c.email = std::string(text::TrimAscii(ChildText(e, "comment_author_email")));
    c.address = std::string(text::TrimAscii(ChildText(e, "comment_author_IP")));
    const std::string content = ChildText(e, "comment_content");
    if (!FieldsFit({c.id, c.parent, c.author, c.email, c.address}, content)) {
      return Skip("<wp:comment> " + c.id.substr(0, 64) + ": field or text too long");
    }
    auto at = ParseExportTime(ChildText(e, "comment_date_gmt"));
    // Some exports carry 0000-00-00 00:00:00 in the GMT field: the local date is then the best.
    if (!at.ok()) at = ParseExportTime(ChildText(e, "comment_date"));
    if (!at.ok()) return Skip("<wp:comment> " + c.id + " without a valid date");
    c.created_at = *at;
    c.text = HtmlToMarkdown(content, HtmlOptions{.newlines_are_breaks = true});
    const std::string approved(text::TrimAscii(ChildText(e, "comment_approved")));
    if (approved == "1" || approved == "approve") {
      c.state = SourceState::kApproved;
    } else if (approved == "spam") {
      c.state = SourceState::kSpam;
    } else if (approved == "trash" || approved == "post-trashed") {
      c.state = SourceState::kDeleted;
    } else {
      c.state = SourceState::kPending;
    }
    Push(Step{Step::kRecord, {}}, std::move(c));
  }

  std::unique_ptr<XmlPull> xml_;
  bool started_ = false;
  std::deque<std::pair<Step, Record>> pending_;  // the records of the current <item>
};

}  // namespace

std::unique_ptr<Reader> NewWxrReader(std::unique_ptr<XmlPull> xml) {
  return std::make_unique<WxrReader>(std::move(xml));
}

}  // namespace palabre::import
