#include "service/import_service.h"

#include <utility>

#include "core/text/markdown.h"
#include "core/text/utf8.h"

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
  return site.ok() ? Status::Ok() : site.status();
}

Result<Thread> ImportService::ThreadFor(std::string_view raw_key) {
  auto key = text::NormalizeUserText(raw_key, /*single_line=*/true);
  if (!key.ok() || key->empty() || text::CodePointCount(*key) > kMaxKey) {
    return Status(Error::kKeyInvalid, "bad thread key");
  }
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
  auto key = text::NormalizeUserText(in.key, /*single_line=*/true);
  if (!key.ok() || key->empty() || text::CodePointCount(*key) > kMaxKey) {
    return Status(Error::kKeyInvalid, "bad thread key");
  }
  auto title = text::NormalizeUserText(in.title, /*single_line=*/true);
  if (!title.ok()) return title.status();
  auto body = text::NormalizeUserText(in.body, /*single_line=*/false);
  if (!body.ok()) return body.status();
  Thread t;
  t.site_id = site_id_;
  t.key = *key;
  t.title = std::move(title).value();
  t.body = std::move(body).value();
  const bool existed = store_.GetThread(site_id_, t.key).ok();
  auto ensured = store_.EnsureThread(t);
  if (!ensured.ok()) return ensured.status();
  threads_[t.key] = *ensured;
  if (!existed) ++counts_.threads;
  return Status::Ok();
}

Status ImportService::AddComment(const ImportedComment& in) {
  if (in.source_id.empty()) return Status(Error::kInvalidArgument, "missing id");
  auto existing = store_.FindImported(site_id_, in.source_id);
  if (!existing.ok()) return existing.status();
  if (existing->has_value()) {
    imported_ids_[in.source_id] = **existing;
    ++counts_.skipped_existing;
    return Status::Ok();
  }
  auto author = text::NormalizeUserText(in.author, /*single_line=*/true);
  if (!author.ok()) return author.status();
  if (author->empty()) return Status(Error::kInvalidArgument, "missing author");
  if (text::CodePointCount(*author) > kMaxName) {
    return Status(Error::kAuthorTooLong, "author name too long");
  }
  auto body = text::NormalizeUserText(in.text, /*single_line=*/false);
  if (!body.ok()) return body.status();
  if (body->empty()) return Status(Error::kInvalidArgument, "missing text");
  if (text::CodePointCount(*body) > kMaxImportedText) {
    return Status(Error::kTextTooLong, "text too long");
  }
  auto thread = ThreadFor(in.thread_key);
  if (!thread.ok()) return thread.status();

  Comment c;
  c.thread_id = thread->id;
  if (!in.parent_source_id.empty()) {
    auto parent = imported_ids_.find(in.parent_source_id);
    if (parent == imported_ids_.end()) {
      auto found = store_.FindImported(site_id_, in.parent_source_id);
      if (!found.ok()) return found.status();
      if (!found->has_value()) {
        return Status(Error::kUnknownParent, "parent not imported before its reply");
      }
      c.parent_id = **found;
    } else {
      c.parent_id = parent->second;
    }
  }
  c.author = std::move(author).value();
  c.text = std::move(body).value();
  c.html = text::RenderMarkdown(c.text);
  c.created_at = in.created_at;
  c.status = CommentStatus::kPublished;
  c.source_id = in.source_id;
  auto stored = store_.InsertComment(c);
  if (!stored.ok()) return stored.status();
  imported_ids_[in.source_id] = stored->id;
  ++counts_.comments;
  return Status::Ok();
}

}  // namespace palabre::service
