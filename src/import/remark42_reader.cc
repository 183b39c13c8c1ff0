// Remark42's backup (`remark42 backup`): gzipped JSON Lines, a first object with the site's
// meta data (users, posts), then one comment per line: id, pid (its parent, "" at the top),
// text (HTML) and orig (the author's Markdown), user{name,id}, locator{site,url}, time,
// delete, votes{user: true|false}, title (the article's). A thread is its locator.url.
// Read streaming through import/line_file.h (zlib; a plain file is read as it is).
#include <boost/json.hpp>
#include <functional>
#include <memory>
#include <unordered_set>

#include "core/text/ascii.h"
#include "import/html_to_markdown.h"
#include "import/line_file.h"
#include "import/readers.h"

namespace palabre::import {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxLine = LineFile::kMaxLine;

std::string StringOf(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v && v->is_string()) return std::string(v->get_string());
  if (v && v->is_int64()) return std::to_string(v->get_int64());
  return {};
}

class Remark42Reader : public Reader {
 public:
  // Lines come from `next_line`: false at the end; `too_long` set when a line was cut,
  // `failed` when the input could not be read further.
  using Lines = std::function<bool(std::string&, bool& too_long, bool& failed)>;
  explicit Remark42Reader(Lines next_line) : next_line_(std::move(next_line)) {}

  Result<Step> Next(Record& out) override {
    if (!pending_comment_.id.empty()) {
      out = std::move(pending_comment_);
      pending_comment_ = {};
      return Step{Step::kRecord, {}};
    }
    std::string line;
    for (;;) {
      bool too_long = false;
      if (!next_line_(line, too_long, failed_)) {
        if (failed_) return Status(Error::kInvalidArgument, "Remark42 backup: read error");
        return Step{Step::kEnd, {}};
      }
      ++number_;
      if (too_long) return Step{Step::kSkipped, At("line", number_, "over 1 MiB")};
      if (text::TrimAscii(line).empty()) continue;
      json::error_code ec;
      json::value v = json::parse(line, ec);
      if (ec || !v.is_object()) {
        if (number_ == 1) {
          return Status(Error::kInvalidArgument, "not a Remark42 backup: line 1 is not JSON");
        }
        return Step{Step::kSkipped, At("line", number_, "not a JSON object")};
      }
      const json::object& o = v.get_object();
      if (number_ == 1 || !o.contains("locator")) continue;  // the meta line
      return ReadComment(o, out);
    }
  }

 private:
  Result<Step> ReadComment(const json::object& o, Record& out) {
    SourceComment c;
    c.id = StringOf(o, "id");
    if (c.id.empty()) return Step{Step::kSkipped, At("line", number_, "comment without id")};
    c.parent = StringOf(o, "pid");
    std::string url;
    if (const json::value* l = o.if_contains("locator"); l && l->is_object()) {
      url = StringOf(l->get_object(), "url");
    }
    if (url.empty())
      return Step{Step::kSkipped, At("line", number_, "comment without locator.url")};
    c.thread = url;
    if (const json::value* u = o.if_contains("user"); u && u->is_object()) {
      c.author = StringOf(u->get_object(), "name");
    }
    const std::string orig = StringOf(o, "orig");
    const std::string html = StringOf(o, "text");
    if (!FieldsFit({c.id, c.parent, c.thread, c.author}, orig.size() > html.size() ? orig : html)) {
      return Step{Step::kSkipped, At("line", number_, "field or text too long")};
    }
    // orig is what the author wrote (Markdown, palabre's own syntax); text is its rendering.
    c.text = !orig.empty() ? orig : HtmlToMarkdown(html);
    auto at = ParseExportTime(StringOf(o, "time"));
    if (!at.ok()) return Step{Step::kSkipped, At("line", number_, "comment without a valid time")};
    c.created_at = *at;
    if (const json::value* d = o.if_contains("delete"); d && d->is_bool() && d->get_bool()) {
      c.state = SourceState::kDeleted;
    }
    if (const json::value* votes = o.if_contains("votes"); votes && votes->is_object()) {
      for (const auto& [voter, up] : votes->get_object()) {
        if (up.is_bool()) up.get_bool() ? ++c.upvotes : ++c.downvotes;
      }
    }
    if (threads_.insert(url).second) {
      SourceThread t;
      t.id = url;
      t.url = url;
      t.title = StringOf(o, "title");
      if (t.title.size() > kMaxFieldBytes) t.title.clear();
      out = std::move(t);
      pending_comment_ = std::move(c);
      return Step{Step::kRecord, {}};
    }
    out = std::move(c);
    return Step{Step::kRecord, {}};
  }

  Lines next_line_;
  bool failed_ = false;
  std::int64_t number_ = 0;
  std::unordered_set<std::string> threads_;  // URLs already said
  SourceComment pending_comment_;            // said after the thread it opens
};

}  // namespace

std::unique_ptr<Reader> NewRemark42Reader(const std::string& path) {
  auto lines = std::make_shared<LineFile>(path, kMaxLine);
  if (!lines->is_open()) return nullptr;
  return std::make_unique<Remark42Reader>([lines](std::string& line, bool& too_long, bool& failed) {
    const LineFile::Line got = lines->Next(line);
    too_long = got == LineFile::Line::kTooLong;
    failed = lines->failed();
    return got != LineFile::Line::kEnd;
  });
}

std::unique_ptr<Reader> NewRemark42ReaderFromMemory(std::string bytes) {
  // Tests and fuzzing: the bytes as they are (gzip is zlib's own business).
  auto data = std::make_shared<std::string>(std::move(bytes));
  auto offset = std::make_shared<std::size_t>(0);
  return std::make_unique<Remark42Reader>(
      [data, offset](std::string& line, bool& too_long, bool& /*failed*/) {
        too_long = false;
        if (*offset >= data->size()) return false;
        std::size_t end = data->find('\n', *offset);
        if (end == std::string::npos) end = data->size();
        line = data->substr(*offset, end - *offset);
        *offset = end + 1;
        if (line.size() > kMaxLine) {
          too_long = true;
          line.clear();
        }
        return true;
      });
}

}  // namespace palabre::import
