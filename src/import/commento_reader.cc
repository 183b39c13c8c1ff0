// Commento's JSON export: {"version":1, "comments":[{commentHex, domain, url (the page's
// path), commenterHex, markdown, parentHex ("root" at the top), score, state (approved,
// unapproved, flagged), creationDate, deleted}], "commenters":[{commenterHex, email, name}]}.
// Anonymous comments (commenterHex "anonymous", no commenter record) come in as "Anonyme".
// A thread is its domain + url. The export is one JSON document: it is parsed whole.
#include <boost/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "core/text/ascii.h"
#include "import/readers.h"

namespace palabre::import {
namespace {

namespace json = boost::json;

std::string StringOf(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

class CommentoReader : public Reader {
 public:
  explicit CommentoReader(std::string bytes) : bytes_(std::move(bytes)) {}

  Result<Step> Next(Record& out) override {
    if (!parsed_) {
      PALABRE_RETURN_IF_ERROR(Parse());
      parsed_ = true;
    }
    if (!pending_comment_.id.empty()) {
      out = std::move(pending_comment_);
      pending_comment_ = {};
      return Step{Step::kRecord, {}};
    }
    while (next_ < comments_->size()) {
      const std::size_t index = next_++;
      const json::value& v = (*comments_)[index];
      if (!v.is_object()) return Step{Step::kSkipped, At("comment", index + 1, "not an object")};
      return ReadComment(v.get_object(), index + 1, out);
    }
    return Step{Step::kEnd, {}};
  }

 private:
  Status Parse() {
    json::error_code ec;
    json::parse_options options;
    options.max_depth = 64;
    doc_ = json::parse(bytes_, ec, {}, options);
    bytes_.clear();
    bytes_.shrink_to_fit();
    if (ec || !doc_.is_object()) {
      return Status(Error::kInvalidArgument, "not a Commento export: not a JSON object");
    }
    const json::object& root = doc_.get_object();
    const json::value* comments = root.if_contains("comments");
    if (!comments || !comments->is_array()) {
      return Status(Error::kInvalidArgument, "not a Commento export: no \"comments\" array");
    }
    comments_ = &comments->get_array();
    if (const json::value* people = root.if_contains("commenters"); people && people->is_array()) {
      for (const json::value& p : people->get_array()) {
        if (!p.is_object()) continue;
        const json::object& o = p.get_object();
        const std::string hex = StringOf(o, "commenterHex");
        if (!hex.empty()) commenters_[hex] = {StringOf(o, "name"), StringOf(o, "email")};
      }
    }
    return Status::Ok();
  }

  Result<Step> ReadComment(const json::object& o, std::size_t n, Record& out) {
    SourceComment c;
    c.id = StringOf(o, "commentHex");
    if (c.id.empty()) return Step{Step::kSkipped, At("comment", n, "without commentHex")};
    c.parent = StringOf(o, "parentHex");
    if (c.parent == "root") c.parent.clear();
    const std::string domain = StringOf(o, "domain");
    const std::string path = StringOf(o, "url");
    if (path.empty()) return Step{Step::kSkipped, At("comment", n, "without url")};
    // Commento keeps the page's path and its domain apart; the scheme is not kept.
    c.thread =
        domain.empty() ? path : "https://" + domain + (path.starts_with('/') ? "" : "/") + path;
    const std::string commenter = StringOf(o, "commenterHex");
    if (auto it = commenters_.find(commenter); it != commenters_.end()) {
      c.author = it->second.first;
      c.email = it->second.second;
    }
    c.text = StringOf(o, "markdown");
    if (!FieldsFit({c.id, c.parent, c.thread, c.author, c.email}, c.text)) {
      return Step{Step::kSkipped, At("comment", n, "field or text too long")};
    }
    auto at = ParseExportTime(StringOf(o, "creationDate"));
    if (!at.ok()) return Step{Step::kSkipped, At("comment", n, "without a valid creationDate")};
    c.created_at = *at;
    const std::string state = StringOf(o, "state");
    if (const json::value* d = o.if_contains("deleted"); d && d->is_bool() && d->get_bool()) {
      c.state = SourceState::kDeleted;
    } else if (state == "flagged") {
      c.state = SourceState::kSpam;
    } else if (state == "unapproved") {
      c.state = SourceState::kPending;
    }
    if (const json::value* score = o.if_contains("score"); score && score->is_int64()) {
      const std::int64_t s = score->get_int64();
      (s >= 0 ? c.upvotes : c.downvotes) = s >= 0 ? s : -s;
    }
    if (threads_.insert(c.thread).second) {
      SourceThread t;
      t.id = c.thread;
      t.url = c.thread;
      out = std::move(t);
      pending_comment_ = std::move(c);
      return Step{Step::kRecord, {}};
    }
    out = std::move(c);
    return Step{Step::kRecord, {}};
  }

  std::string bytes_;
  bool parsed_ = false;
  json::value doc_;
  const json::array* comments_ = nullptr;
  std::size_t next_ = 0;
  std::unordered_map<std::string, std::pair<std::string, std::string>> commenters_;  // name, e-mail
  std::unordered_set<std::string> threads_;
  SourceComment pending_comment_;
};

}  // namespace

std::unique_ptr<Reader> NewCommentoReader(std::string json) {
  return std::make_unique<CommentoReader>(std::move(json));
}

}  // namespace palabre::import
