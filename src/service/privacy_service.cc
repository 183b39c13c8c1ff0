#include "service/privacy_service.h"

#include <boost/json.hpp>
#include <unordered_map>

#include "core/email.h"
#include "core/text/ascii.h"
#include "core/text/relative_time.h"
#include "service/site_settings.h"

namespace palabre::service {
namespace {

constexpr TimestampMs kDayMs = 24LL * 3600 * 1000;

// The address as a reader typed it when posting: the one e-mail rule (core/email.h).
Result<std::string> CleanEmail(std::string_view in) {
  in = text::TrimAscii(in);
  if (!LooksLikeEmail(in)) return Status(Error::kEmailInvalid, "not an e-mail address");
  return std::string(in);
}

}  // namespace

PrivacyService::PrivacyService(store::Store& store, CommentService* comments, const Clock& clock)
    : store_(store), comments_(comments), clock_(clock) {}

Result<std::string> PrivacyService::Export(std::string_view email_in) {
  auto email = CleanEmail(email_in);
  if (!email.ok()) return email.status();
  auto comments = store_.ListCommentsByEmail(*email);
  if (!comments.ok()) return comments.status();
  std::unordered_map<ThreadId, Thread> threads;
  boost::json::array list;
  for (const Comment& c : *comments) {
    auto t = threads.find(c.thread_id);
    if (t == threads.end()) {
      auto thread = store_.GetThreadById(c.thread_id);
      if (!thread.ok()) return thread.status();
      t = threads.emplace(c.thread_id, std::move(thread).value()).first;
    }
    boost::json::object o;
    o["id"] = c.id;
    o["site"] = t->second.site_id;
    o["thread_key"] = t->second.key;
    o["thread_title"] = t->second.title;
    o["parent"] = c.parent_id ? boost::json::value(*c.parent_id) : boost::json::value(nullptr);
    o["author"] = c.author;
    o["text"] = c.text;
    o["status"] = ToString(c.status);
    o["created_at"] = text::Iso8601(c.created_at);
    o["edited_at"] =
        c.edited_at ? boost::json::value(text::Iso8601(*c.edited_at)) : boost::json::value(nullptr);
    o["upvotes"] = c.upvotes;
    o["downvotes"] = c.downvotes;
    list.push_back(std::move(o));
  }
  boost::json::object doc;
  doc["email"] = *email;
  doc["exported_at"] = text::Iso8601(clock_.NowMs());
  doc["comments"] = std::move(list);
  return boost::json::serialize(doc);
}

Result<std::int64_t> PrivacyService::Erase(std::string_view email_in) {
  auto email = CleanEmail(email_in);
  if (!email.ok()) return email.status();
  auto before = store_.ListCommentsByEmail(*email);
  if (!before.ok()) return before.status();
  auto erased = store_.EraseCommentsByEmail(*email);
  if (!erased.ok()) return erased.status();
  if (comments_ != nullptr) {
    for (Comment c : *before) {
      c.status = CommentStatus::kDeleted;
      c.text.clear();
      c.html.clear();
      c.author.clear();
      c.email.clear();
      comments_->OnModerated(c);
    }
  }
  return erased;
}

Result<std::int64_t> PrivacyService::Purge(int retention_days) {
  if (retention_days <= 0) return std::int64_t{0};
  return store_.PurgePersonalData(clock_.NowMs() - retention_days * kDayMs);
}

Result<std::int64_t> PrivacyService::PurgeAutoRejected() {
  auto sites = store_.ListSites();
  if (!sites.ok()) return sites.status();
  const TimestampMs now = clock_.NowMs();
  std::int64_t deleted = 0;
  for (const Site& site : *sites) {
    // A site whose settings no longer parse keeps the default period rather than nothing.
    auto settings = ParseSiteSettings(site.settings);
    const int days =
        settings.ok() ? settings->keep_rejected_days : SiteSettings{}.keep_rejected_days;
    auto n = store_.DeleteAutoRejected(site.id, now - days * kDayMs);
    if (!n.ok()) return n.status();
    deleted += *n;
  }
  return deleted;
}

}  // namespace palabre::service
