#include "import/plan.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <unordered_set>

namespace palabre::import {
namespace {

constexpr std::size_t kMaxProblems = 20;

}  // namespace

Plan::Plan(IdentityOptions options, bool keep_deleted)
    : options_(std::move(options)), keep_deleted_(keep_deleted) {}

Plan::Index Plan::Intern(std::string_view id) {
  if (const auto it = index_.find(id); it != index_.end()) return it->second;
  char* kept = static_cast<char*>(arena_.allocate(std::max<std::size_t>(id.size(), 1), 1));
  std::memcpy(kept, id.data(), id.size());
  const std::string_view view(kept, id.size());
  const auto i = static_cast<Index>(nodes_.size());
  index_.emplace(view, i);
  nodes_.push_back(Node{.id = view});
  return i;
}

std::uint32_t Plan::InternThread(std::string_view id) {
  const auto [it, inserted] =
      thread_index_.try_emplace(std::string(id), static_cast<std::uint32_t>(threads_.size()));
  if (inserted) threads_.emplace_back().id = id;
  return it->second;
}

void Plan::Add(const SourceThread& t) {
  ++report_.source_threads;
  ThreadInfo& info = threads_[InternThread(t.id)];
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
  const Index i = Intern(c.id);
  if (nodes_[i].seen) {
    // The first one is kept; this one is counted and skipped in the second pass (the writer
    // sees the id a second time).
    ++report_.duplicates;
    return;
  }
  const Index parent = c.parent.empty() ? kNone : Intern(c.parent);
  Node& n = nodes_[i];  // after Intern(parent), which may move nodes_
  n.seen = true;
  n.fate = Fate::kImport;
  n.parent = parent;
  n.thread = InternThread(c.thread);
  n.state = c.state;
  order_.push_back(i);
}

void Plan::Omitted(std::string_view what) { ++report_.omitted[std::string(what)]; }

void Plan::Malformed(std::string_view problem) {
  ++report_.malformed;
  if (report_.problems.size() < kMaxProblems) report_.problems.emplace_back(problem);
}

Plan::Index Plan::Placeholder(std::string_view parent_id, std::uint32_t thread) {
  // One placeholder per missing id and palabre thread: the same missing id answered in two
  // threads gets one in each, named after the source thread that first needs it there.
  const std::string id = "missing:" + std::string(parent_id);
  Index i = Intern(id);
  if (nodes_[i].seen ||
      (nodes_[i].placeholder && threads_[nodes_[i].thread].key != threads_[thread].key)) {
    i = Intern(id + "@" + threads_[thread].id);
  }
  Node& p = nodes_[i];
  if (!p.placeholder && !p.seen) {
    p.placeholder = true;
    p.thread = thread;
    p.fate = Fate::kTombstone;
    ++report_.placeholders;
  }
  return i;
}

void Plan::MergeThreads() {
  // A palabre thread made of several source threads is closed only when all of them are, and
  // was created at the earliest of their times: the same whatever their order in the export.
  std::unordered_map<std::string_view, std::pair<bool, TimestampMs>> by_key;
  for (const ThreadInfo& t : threads_) {
    if (t.key.empty()) continue;
    auto [it, inserted] = by_key.try_emplace(t.key, t.closed, t.created_at);
    if (inserted) continue;
    it->second.first = it->second.first && t.closed;
    if (t.created_at != 0 && (it->second.second == 0 || t.created_at < it->second.second)) {
      it->second.second = t.created_at;
    }
  }
  for (ThreadInfo& t : threads_) {
    if (t.key.empty()) continue;
    const auto& [closed, created_at] = by_key.at(t.key);
    t.closed = closed;
    t.created_at = created_at;
  }
}

void Plan::Finish() {
  MergeThreads();
  // Threads first: a comment whose thread is unknown or unkeyed is not imported.
  for (const Index i : order_) {
    Node& n = nodes_[i];
    if (threads_[n.thread].key.empty()) {
      n.fate = Fate::kSkipNoThread;
      ++report_.no_thread;
    }
  }
  // Parents: in the export and in the same palabre thread, or a placeholder.
  for (const Index i : order_) {
    if (nodes_[i].fate == Fate::kSkipNoThread || nodes_[i].parent == kNone) continue;
    const Node& p = nodes_[nodes_[i].parent];
    const std::string& key = threads_[nodes_[i].thread].key;
    const bool found = p.seen && p.fate != Fate::kSkipNoThread && threads_[p.thread].key == key &&
                       nodes_[i].parent != i;
    if (found) continue;
    ++report_.orphans;
    const std::string_view missing = p.id;
    const Index placeholder = Placeholder(missing, nodes_[i].thread);
    nodes_[i].parent = placeholder;
  }
  // Live subtrees: every comment that will be imported marks its ancestors, up to the first
  // one already marked (each node is marked once: linear, and a cycle cannot loop).
  for (const Index i : order_) {
    const Node& n = nodes_[i];
    if (n.fate == Fate::kSkipNoThread || n.state == SourceState::kDeleted) continue;
    for (Index up = n.parent; up != kNone && !nodes_[up].placeholder;) {
      Node& a = nodes_[up];
      if (a.live_below) break;
      a.live_below = true;
      up = a.parent;
    }
  }
  std::set<std::string> by_id, by_url, by_path;
  std::unordered_set<std::uint32_t> threads_with_comments;
  for (const Index i : order_) {
    Node& n = nodes_[i];
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
    ++(n.parent == kNone ? report_.top_level : report_.replies);
    threads_with_comments.insert(n.thread);
  }
  std::unordered_map<std::string, std::int64_t> sources_by_key;
  for (const std::uint32_t t : threads_with_comments) {
    const ThreadInfo& info = threads_[t];
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
  report_.threads = static_cast<std::int64_t>(sources_by_key.size());
  for (const auto& [key, sources] : sources_by_key) {
    if (sources > 1) report_.merged_threads += sources;
  }
  report_.threads_by_rule["id"] = static_cast<std::int64_t>(by_id.size());
  report_.threads_by_rule["url"] = static_cast<std::int64_t>(by_url.size());
  report_.threads_by_rule["path"] = static_cast<std::int64_t>(by_path.size());
}

const Plan::ThreadInfo* Plan::Thread(std::string_view source_thread_id) const {
  const auto it = thread_index_.find(std::string(source_thread_id));
  return it == thread_index_.end() ? nullptr : &threads_[it->second];
}

Plan::Index Plan::IndexOf(std::string_view id) const {
  const auto it = index_.find(id);
  return it == index_.end() ? kNone : it->second;
}

const Plan::ThreadInfo* Plan::ThreadAt(Index i) const {
  const std::uint32_t t = nodes_[i].thread;
  return t == kNoThread ? nullptr : &threads_[t];
}

Fate Plan::FateOf(std::string_view comment_id) const {
  const Index i = IndexOf(comment_id);
  return i == kNone || nodes_[i].placeholder ? Fate::kSkipNoThread : nodes_[i].fate;
}

std::string Plan::ParentOf(std::string_view comment_id) const {
  const Index i = IndexOf(comment_id);
  if (i == kNone || nodes_[i].parent == kNone) return {};
  return std::string(nodes_[nodes_[i].parent].id);
}

std::string Plan::PlaceholderThreadKey(std::string_view id) const {
  const Index i = IndexOf(id);
  if (i == kNone || !nodes_[i].placeholder) return {};
  return threads_[nodes_[i].thread].key;
}

}  // namespace palabre::import
