// Disqus's XML export: <disqus> holds <category>, then <thread dsq:id> (link, title, id — the
// disqus_identifier, often empty —, createdAt, isClosed), then <post dsq:id> (message as HTML,
// createdAt, isDeleted, isSpam, author{name,email,username,isAnonymous}, ipAddress,
// thread dsq:id, parent dsq:id). Read streaming (import/xml_pull.h).
#include <deque>

#include "core/text/ascii.h"
#include "import/html_to_markdown.h"
#include "import/readers.h"

namespace palabre::import {
namespace {

class DisqusReader : public Reader {
 public:
  explicit DisqusReader(std::unique_ptr<XmlPull> xml) : xml_(std::move(xml)) {}

  Result<Step> Next(Record& out) override {
    if (!started_) {
      auto root = xml_->NextElement(0, /*descend=*/true);
      if (!root.ok()) return root.status();
      if (!*root || LocalName(*root) != "disqus") {
        return Status(Error::kInvalidArgument, "not a Disqus export: no <disqus> root element");
      }
      started_ = true;
    }
    for (;;) {
      auto element = xml_->NextElement(1);
      if (!element.ok()) return element.status();
      const xmlNode* e = *element;
      if (!e) return Step{Step::kEnd, {}};
      const std::string_view name = LocalName(e);
      if (name == "thread") return ReadThread(e, out);
      if (name == "post") return ReadPost(e, out);
      // <category> and anything newer: nothing palabre keeps.
    }
  }

 private:
  Result<Step> ReadThread(const xmlNode* e, Record& out) {
    SourceThread t;
    t.id = std::string(text::TrimAscii(AttributeOf(e, "id")));
    if (t.id.empty()) return Skip("<thread> without dsq:id");
    t.ident = std::string(text::TrimAscii(ChildText(e, "id")));
    t.url = std::string(text::TrimAscii(ChildText(e, "link")));
    t.title = ChildText(e, "title");
    if (!FieldsFit({t.id, t.ident, t.url, t.title}, {})) return Skip("<thread> field too long");
    if (auto at = ParseExportTime(ChildText(e, "createdAt")); at.ok()) t.created_at = *at;
    t.closed = IsTrue(ChildText(e, "isClosed"));
    out = std::move(t);
    return Step{Step::kRecord, {}};
  }

  Result<Step> ReadPost(const xmlNode* e, Record& out) {
    SourceComment c;
    c.id = std::string(text::TrimAscii(AttributeOf(e, "id")));
    if (c.id.empty()) return Skip("<post> without dsq:id");
    c.thread = std::string(text::TrimAscii(AttributeOf(Child(e, "thread"), "id")));
    if (c.thread.empty()) return Skip("<post dsq:id=\"" + c.id + "\"> without its thread");
    c.parent = std::string(text::TrimAscii(AttributeOf(Child(e, "parent"), "id")));
    const std::string message = ChildText(e, "message");
    const xmlNode* author = Child(e, "author");
    c.author = std::string(text::TrimAscii(ChildText(author, "name")));
    if (c.author.empty()) c.author = std::string(text::TrimAscii(ChildText(author, "username")));
    c.email = std::string(text::TrimAscii(ChildText(author, "email")));
    c.address = std::string(text::TrimAscii(ChildText(e, "ipAddress")));
    if (!FieldsFit({c.id, c.thread, c.parent, c.author, c.email, c.address}, message)) {
      return Skip("<post dsq:id=\"" + c.id.substr(0, 64) + "\"> field or message too long");
    }
    auto at = ParseExportTime(ChildText(e, "createdAt"));
    if (!at.ok()) return Skip("<post dsq:id=\"" + c.id + "\"> without a valid createdAt");
    c.created_at = *at;
    c.text = HtmlToMarkdown(message);
    if (IsTrue(ChildText(e, "isDeleted"))) {
      c.state = SourceState::kDeleted;
    } else if (IsTrue(ChildText(e, "isSpam"))) {
      c.state = SourceState::kSpam;
    }
    out = std::move(c);
    return Step{Step::kRecord, {}};
  }

  Step Skip(std::string_view what) const {
    return Step{Step::kSkipped, At("line", xml_->line(), what)};
  }

  std::unique_ptr<XmlPull> xml_;
  bool started_ = false;
};

}  // namespace

std::unique_ptr<Reader> NewDisqusReader(std::unique_ptr<XmlPull> xml) {
  return std::make_unique<DisqusReader>(std::move(xml));
}

}  // namespace palabre::import
