#include "service/feed_service.h"

#include <algorithm>
#include <map>
#include <vector>

#include "core/text/utf8.h"
#include "service/thread_key.h"

namespace palabre::service {
namespace {

constexpr std::size_t kExcerptCodePoints = 80;

// The first kExcerptCodePoints code points of `text` on one line (whitespace runs made one
// space), with "…" when cut.
std::string Excerpt(std::string_view text) {
  std::string line;
  bool space = false;
  for (const char ch : text) {
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
      space = !line.empty();
      continue;
    }
    if (space) line.push_back(' ');
    space = false;
    line.push_back(ch);
  }
  const std::size_t cut = text::CodePointPrefixBytes(line, kExcerptCodePoints);
  if (cut == line.size()) return line;
  line.resize(cut);
  while (line.ends_with(' ')) line.pop_back();
  return line.append("\xE2\x80\xA6");  // …
}

std::string Author(const Comment& c) { return c.author.empty() ? "?" : c.author; }

AtomEntry EntryOf(const Site& site, const Thread& thread, const Comment& c, bool name_thread) {
  AtomEntry e;
  e.id = UuidUrn("comment\x1f" + site.id + "\x1f" + std::to_string(c.id), site.salt);
  e.title = Author(c);
  if (name_thread)
    e.title.append(" \xC2\xB7 ").append(thread.title.empty() ? thread.key : thread.title);
  e.title.append(": ").append(Excerpt(c.text));
  e.author = Author(c);
  e.link = CommentUrl(site, thread, c.id);
  e.html = c.html;
  e.published = c.created_at;
  e.updated = c.edited_at.value_or(c.created_at);
  return e;
}

TimestampMs NewestUpdate(const AtomFeed& feed, TimestampMs otherwise);

// The rest of a feed of several threads: its links, one entry per comment named after its
// thread, its time.
Status FillSiteWide(store::Store& store, const Site& site, const std::vector<Comment>& comments,
                    std::string_view self_url, AtomFeed& feed) {
  feed.self = std::string(self_url);
  if (!site.origins.empty()) {
    std::string_view origin = site.origins.front();
    while (origin.ends_with('/')) origin.remove_suffix(1);
    feed.alternate = std::string(origin).append("/");
  }
  std::map<ThreadId, Thread> threads;
  for (const Comment& c : comments) {
    auto it = threads.find(c.thread_id);
    if (it == threads.end()) {
      auto thread = store.GetThreadById(c.thread_id);
      if (!thread.ok()) return thread.status();
      it = threads.emplace(c.thread_id, std::move(thread).value()).first;
    }
    feed.entries.push_back(EntryOf(site, it->second, c, true));
  }
  feed.updated = NewestUpdate(feed, site.created_at);
  return Status::Ok();
}

TimestampMs NewestUpdate(const AtomFeed& feed, TimestampMs otherwise) {
  TimestampMs t = otherwise;
  for (const AtomEntry& e : feed.entries) t = std::max(t, e.updated);
  return t;
}

}  // namespace

std::string ArticleUrl(const Site& site, const Thread& thread) {
  const std::string_view key = thread.key;
  if (key.starts_with("https://") || key.starts_with("http://")) {
    // Only on one of the site's origins: anyone may open a thread under any key, and the
    // site's feed must not send its readers elsewhere.
    for (std::string_view origin : site.origins) {
      while (origin.ends_with('/')) origin.remove_suffix(1);
      if (!key.starts_with(origin)) continue;
      const std::string_view rest = key.substr(origin.size());
      if (rest.empty() || rest[0] == '/' || rest[0] == '?' || rest[0] == '#') {
        return std::string(key);
      }
    }
    return "";
  }
  if (key.starts_with("/") && !key.starts_with("//") && !site.origins.empty()) {
    std::string_view origin = site.origins.front();
    while (origin.ends_with('/')) origin.remove_suffix(1);
    return std::string(origin).append(key);
  }
  return "";
}

std::string CommentUrl(const Site& site, const Thread& thread, CommentId id) {
  std::string url = ArticleUrl(site, thread);
  if (url.empty()) return url;
  if (const auto hash = url.find('#'); hash != std::string::npos) url.resize(hash);
  return url.append("#palabre-c").append(std::to_string(id));
}

Result<AtomFeed> FeedService::ThreadFeed(std::string_view site_id, std::string_view key, int items,
                                         std::string_view self_url) {
  if (items < 1 || items > feed_limits_.max_items) {
    return Status(Error::kInvalidArgument, "limit out of range");
  }
  auto site = sites_.Get(site_id);
  if (!site.ok()) return site.status();
  auto normal = ThreadKey(key, limits_.max_key);
  if (!normal.ok()) return normal.status();
  auto thread = store_.GetThread(site->id, *normal);
  if (!thread.ok()) return thread.status();

  auto kept = store_.ListLatestPublished(site->id, thread->id, items);
  if (!kept.ok()) return kept.status();

  AtomFeed feed;
  feed.id = UuidUrn("thread\x1f" + site->id + "\x1f" + thread->key, site->salt);
  feed.title = (site->name.empty() ? site->id : site->name) + " \xC2\xB7 " +
               (thread->title.empty() ? thread->key : thread->title);
  feed.self = std::string(self_url);
  feed.alternate = ArticleUrl(*site, *thread);
  for (const Comment& c : *kept) feed.entries.push_back(EntryOf(*site, *thread, c, false));
  feed.updated = NewestUpdate(feed, thread->created_at);
  return feed;
}

Result<AtomFeed> FeedService::SiteFeed(std::string_view site_id, int items,
                                       std::string_view self_url) {
  if (items < 1 || items > feed_limits_.max_items) {
    return Status(Error::kInvalidArgument, "limit out of range");
  }
  auto site = sites_.Get(site_id);
  if (!site.ok()) return site.status();
  auto latest = store_.ListLatestPublished(site->id, 0, items);
  if (!latest.ok()) return latest.status();
  AtomFeed feed;
  feed.id = UuidUrn("site\x1f" + site->id, site->salt);
  feed.title = site->name.empty() ? site->id : site->name;
  PALABRE_RETURN_IF_ERROR(FillSiteWide(store_, *site, *latest, self_url, feed));
  return feed;
}

Result<AtomFeed> FeedService::RepliesFeed(std::string_view site_id, std::string_view token,
                                          int items, std::string_view self_url) {
  if (items < 1 || items > feed_limits_.max_items) {
    return Status(Error::kInvalidArgument, "limit out of range");
  }
  const bool hex = token.size() == 64 && std::all_of(token.begin(), token.end(), [](char c) {
                     return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                   });
  if (!hex) return Status(Error::kInvalidArgument, "not a replies feed token");
  auto site = sites_.Get(site_id);
  if (!site.ok()) return site.status();
  auto replies = store_.ListRepliesTo(site->id, token, items);
  if (!replies.ok()) return replies.status();
  AtomFeed feed;
  feed.id = UuidUrn("replies\x1f" + site->id + "\x1f" + std::string(token), site->salt);
  const std::string name = site->name.empty() ? site->id : site->name;
  feed.title =
      (site->locale == "en" ? "Replies to you · " : "Réponses à vos commentaires · ") + name;
  PALABRE_RETURN_IF_ERROR(FillSiteWide(store_, *site, *replies, self_url, feed));
  return feed;
}

}  // namespace palabre::service
