#include "import/plan.h"

#include <set>
#include <unordered_set>

namespace palabre::import {
namespace {

constexpr std::size_t kMaxProblems = 20;

}  // namespace

Plan::Plan(IdentityOptions options, bool keep_deleted)
    : options_(std::move(options)), keep_deleted_(keep_deleted) {}

void Plan::Add(const SourceThread& t) {
  ++report_.source_threads;
  ThreadInfo& info = threads_[t.id];
  info.key = ThreadKeyFor(t, options_);
  info.ident = t.ident;
  info.title = t.title;
  info.body = t.body;
  info.url = t.url;
  info.closed = t.closed;
  info.created_at = t.created_at;
}

void Plan::Add(const SourceComment& c) {
  ++report_.comments;
  auto [it, inserted] = comments_.try_emplace(c.id);
  if (!inserted) {
    // The first one is kept; this one is counted and skipped in the second pass by its
    // position (the writer sees the id a second time).
    ++report_.duplicates;
    return;
  }
  it->second.parent = c.parent;
  it->second.thread = c.thread;
  it->second.state = c.state;
  order_.push_back(c.id);
}

void Plan::Omitted(std::string_view what) { ++report_.omitted[std::string(what)]; }

void Plan::Malformed(std::string_view problem) {
  ++report_.malformed;
  if (report_.problems.size() < kMaxProblems) report_.problems.emplace_back(problem);
}

void Plan::Finish() {
  // Threads first: a comment whose thread is unknown or unkeyed is not imported.
  for (const std::string& id : order_) {
    Node& n = comments_[id];
    const auto t = threads_.find(n.thread);
    if (t == threads_.end() || t->second.key.empty()) {
      n.fate = Fate::kSkipNoThread;
      ++report_.no_thread;
    }
  }
  // Parents: in the export and in the same palabre thread, or a placeholder.
  for (const std::string& id : order_) {
    Node& n = comments_[id];
    if (n.fate == Fate::kSkipNoThread || n.parent.empty()) continue;
    const std::string& key = threads_[n.thread].key;
    const auto p = comments_.find(n.parent);
    const bool found = p != comments_.end() && p->second.fate != Fate::kSkipNoThread &&
                       threads_[p->second.thread].key == key && n.parent != id;
    if (found) continue;
    ++report_.orphans;
    std::string placeholder = "missing:" + n.parent;
    if (auto [it, inserted] = placeholders_.try_emplace(placeholder, key);
        !inserted && it->second != key) {
      placeholder += "@" + n.thread;  // the same missing id answered in two threads
      placeholders_.try_emplace(placeholder, key);
    }
    n.parent = std::move(placeholder);
  }
  report_.placeholders = static_cast<std::int64_t>(placeholders_.size());
  // Live subtrees: every comment that will be imported marks its ancestors, up to the first
  // one already marked (each node is marked once: linear, and a cycle cannot loop).
  for (const std::string& id : order_) {
    const Node& n = comments_[id];
    if (n.fate == Fate::kSkipNoThread || n.state == SourceState::kDeleted) continue;
    std::string up = n.parent;
    while (!up.empty() && !IsPlaceholder(up)) {
      Node& a = comments_[up];
      if (a.live_below) break;
      a.live_below = true;
      up = a.parent;
    }
  }
  std::unordered_set<std::string> keys;
  std::set<std::string> by_id, by_url, by_path;
  std::unordered_set<std::string> threads_with_comments;
  for (const std::string& id : order_) {
    Node& n = comments_[id];
    if (n.fate == Fate::kSkipNoThread) continue;
    if (n.state == SourceState::kDeleted) {
      const bool kept = n.live_below || keep_deleted_;
      n.fate = kept ? Fate::kTombstone : Fate::kSkipDeletedLeaf;
      ++(kept ? report_.tombstones : report_.deleted_skipped);
      if (!kept) continue;
    } else {
      ++(n.state == SourceState::kApproved  ? report_.published
         : n.state == SourceState::kPending ? report_.held
                                            : report_.spam);
    }
    ++(n.parent.empty() ? report_.top_level : report_.replies);
    threads_with_comments.insert(n.thread);
  }
  std::unordered_map<std::string, std::int64_t> sources_by_key;
  for (const std::string& t : threads_with_comments) {
    const ThreadInfo& info = threads_[t];
    keys.insert(info.key);
    ++sources_by_key[info.key];
    SourceThread s;
    s.ident = info.ident;
    s.url = info.url;
    IdentityOptions o = options_;
    for (KeyRule rule : {KeyRule::kId, KeyRule::kUrl, KeyRule::kPath}) {
      o.rule = rule;
      const std::string k = ThreadKeyFor(s, o);
      if (k.empty()) continue;
      (rule == KeyRule::kId ? by_id : rule == KeyRule::kUrl ? by_url : by_path).insert(k);
    }
  }
  report_.threads = static_cast<std::int64_t>(keys.size());
  for (const auto& [key, sources] : sources_by_key) {
    if (sources > 1) report_.merged_threads += sources;
  }
  report_.threads_by_rule["id"] = static_cast<std::int64_t>(by_id.size());
  report_.threads_by_rule["url"] = static_cast<std::int64_t>(by_url.size());
  report_.threads_by_rule["path"] = static_cast<std::int64_t>(by_path.size());
}

const Plan::ThreadInfo* Plan::Thread(std::string_view source_thread_id) const {
  const auto it = threads_.find(std::string(source_thread_id));
  return it == threads_.end() ? nullptr : &it->second;
}

Fate Plan::FateOf(std::string_view comment_id) const {
  const auto it = comments_.find(std::string(comment_id));
  return it == comments_.end() ? Fate::kSkipNoThread : it->second.fate;
}

std::string Plan::ParentOf(std::string_view comment_id) const {
  const auto it = comments_.find(std::string(comment_id));
  return it == comments_.end() ? std::string() : it->second.parent;
}

std::string Plan::PlaceholderThreadKey(std::string_view id) const {
  const auto it = placeholders_.find(std::string(id));
  return it == placeholders_.end() ? std::string() : it->second;
}

}  // namespace palabre::import
