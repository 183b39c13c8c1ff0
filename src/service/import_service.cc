#include "service/import_service.h"

#include <algorithm>
#include <utility>

#include "core/email.h"
#include "core/text/markdown.h"
#include "core/text/utf8.h"
#include "service/reader_hashes.h"
#include "service/thread_key.h"

namespace palabre::service {
namespace {

constexpr std::size_t kMaxImportedText = 20'000;  // code points; older systems allowed more
constexpr std::size_t kMaxKey = 512;
constexpr std::size_t kMaxName = 200;

}  // namespace

ImportService::ImportService(store::Store& store, std::string site_id)
    : store_(store), site_id_(std::move(site_id)) {}

Status ImportService::Begin() {
  auto site = store_.GetSite(site_id_);
  if (!site.ok()) return site.status();
  site_ = std::move(site).value();
  return Status::Ok();
}

Result<Thread> ImportService::ThreadFor(std::string_view raw_key) {
  auto key = ThreadKey(raw_key, kMaxKey);
  if (!key.ok()) return key.status();
  if (auto it = threads_.find(*key); it != threads_.end()) return it->second;
  Thread t;
  t.site_id = site_id_;
  t.key = *key;
  auto ensured = store_.EnsureThread(t);
  if (!ensured.ok()) return ensured.status();
  threads_[*key] = *ensured;
  return ensured;
}

Status ImportService::AddThread(const ImportedThread& in) {
  auto key = ThreadKey(in.key, kMaxKey);
  if (!key.ok()) return key.status();
  auto title = text::NormalizeUserText(in.title, /*single_line=*/true);
  if (!title.ok()) return title.status();
  auto body = text::NormalizeUserText(in.body, /*single_line=*/false);
  if (!body.ok()) return body.status();
  Thread t;
  t.site_id = site_id_;
  t.key = std::move(key).value();
  t.title = std::move(title).value();
  t.body = std::move(body).value();
  t.created_at = in.created_at;
  t.closed = in.closed;
  const bool existed = store_.GetThread(site_id_, t.key).ok();
  auto ensured = store_.EnsureThread(t);
  if (!ensured.ok()) return ensured.status();
  threads_[t.key] = *ensured;
  if (!existed) ++counts_.threads;
  return Status::Ok();
}

Result<std::optional<CommentId>> ImportService::AlreadyImported(const std::string& source_id) {
  auto existing = store_.FindImported(site_id_, source_id);
  if (!existing.ok()) return existing.status();
  if (!existing->has_value()) known_absent_ = source_id;  // AddComment need not ask again
  return *existing;
}

Result<CommentId> ImportService::AddComment(const ImportedComment& in) {
  if (in.source_id.empty()) return Status(Error::kInvalidArgument, "missing id");
  if (in.source_id != known_absent_) {
    auto existing = store_.FindImported(site_id_, in.source_id);
    if (!existing.ok()) return existing.status();
    if (existing->has_value()) {
      ++counts_.skipped_existing;
      return **existing;
    }
  }
  known_absent_.clear();
  auto author = text::NormalizeUserText(in.author, /*single_line=*/true);
  if (!author.ok()) return author.status();
  if (author->empty()) *author = site_.locale == "en" ? "Anonymous" : "Anonyme";
  if (text::CodePointCount(*author) > kMaxName) {
    return Status(Error::kAuthorTooLong, "author name too long");
  }
  auto body = text::NormalizeUserText(in.text, /*single_line=*/false);
  if (!body.ok()) return body.status();
  if (body->empty() && in.status != CommentStatus::kDeleted) {
    return Status(Error::kInvalidArgument, "missing text");
  }
  if (text::CodePointCount(*body) > kMaxImportedText) {
    return Status(Error::kTextTooLong, "text too long");
  }
  auto thread = ThreadFor(in.thread_key);
  if (!thread.ok()) return thread.status();

  Comment c;
  c.thread_id = thread->id;
  if (in.parent_id) {
    c.parent_id = *in.parent_id;
  } else if (!in.parent_source_id.empty()) {
    auto found = store_.FindImported(site_id_, in.parent_source_id);
    if (!found.ok()) return found.status();
    if (!found->has_value()) {
      return Status(Error::kUnknownParent, "parent not imported before its reply");
    }
    c.parent_id = **found;
  }
  c.author = std::move(author).value();
  c.text = std::move(body).value();
  c.html = text::RenderMarkdown(c.text);
  c.created_at = in.created_at;
  c.status = in.status;
  if (LooksLikeEmail(in.email)) c.email = in.email;
  c.client_hash = in.client_hash.empty() ? ClientHash(in.address, site_) : in.client_hash;
  c.edited_at = in.edited_at;
  c.auto_rejected = in.auto_rejected;
  c.upvotes = std::max<std::int64_t>(in.upvotes, 0);
  c.downvotes = std::max<std::int64_t>(in.downvotes, 0);
  c.moderation = in.moderation;
  c.review = in.review;
  c.risk = in.risk;
  c.source_id = in.source_id;
  auto stored = store_.InsertComment(c);
  if (!stored.ok()) return stored.status();
  ++counts_.comments;
  return stored->id;
}

}  // namespace palabre::service
