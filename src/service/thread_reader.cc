#include "service/thread_reader.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

#include "core/crypto.h"
#include "service/comment_view.h"
#include "service/cursor.h"
#include "service/thread_key.h"

namespace palabre::service {
namespace {

// Drops deleted comments that have nothing visible under them.
void PruneTombstones(std::vector<CommentView>& views) {
  for (auto& v : views) PruneTombstones(v.replies);
  std::erase_if(views, [](const CommentView& v) {
    return v.comment.status == CommentStatus::kDeleted && v.replies.empty();
  });
}

}  // namespace

Result<ThreadPage> ThreadReader::List(const ListInput& in) {
  auto site = sites_.Get(in.site_id);
  if (!site.ok()) return site.status();
  auto key = ThreadKey(in.key, limits_.max_key);
  if (!key.ok()) return key.status();
  std::optional<store::PageCursor> after;
  if (!in.cursor.empty()) {
    auto decoded = DecodeCursor(in.cursor);
    if (!decoded.ok()) return decoded.status();
    after = *decoded;
  }
  const int limit =
      std::clamp(in.limit <= 0 ? limits_.default_page : in.limit, 1, limits_.max_page);
  const int max_depth = std::clamp(in.max_depth < 0 ? limits_.max_depth : in.max_depth, 1, 10);

  ThreadPage page;
  page.reply_mail = limits_.reply_mail;
  auto thread = store_.GetThread(site->id, *key);
  if (!thread.ok()) {
    if (thread.error() != Error::kUnknownThread) return thread.status();
    page.exists = false;
    page.thread.site_id = site->id;
    page.thread.key = *key;
    return page;
  }
  page.thread = std::move(thread).value();

  auto top = store_.ListTopLevel(page.thread.id, in.sort, after, limit);
  if (!top.ok()) return top.status();
  if (top->next) page.next_cursor = EncodeCursor(*top->next);
  std::vector<CommentId> roots;
  roots.reserve(top->comments.size());
  for (const Comment& c : top->comments) roots.push_back(c.id);
  std::vector<Comment> replies;
  if (!roots.empty()) {
    auto listed = store_.ListReplies(page.thread.id, roots);
    if (!listed.ok()) return listed.status();
    replies = std::move(listed).value();
  }

  // Build the tree. Nodes are the page's top-level comments then the replies (parents come
  // before their children: a reply is always newer than what it answers).
  const TimestampMs now = clock_.NowMs();
  struct Node {
    const Comment* comment;
    int shown_depth;
    int attach_to;  // index of the node it is shown under, -1 for top level
    std::vector<int> children;
  };
  std::vector<Node> nodes;
  nodes.reserve(top->comments.size() + replies.size());
  std::unordered_map<CommentId, int> index;
  index.reserve(nodes.capacity());
  for (const Comment& c : top->comments) {
    index[c.id] = static_cast<int>(nodes.size());
    nodes.push_back(Node{&c, 0, -1, {}});
  }
  std::vector<std::pair<int, const Comment*>> reply_to;  // node -> comment it answers
  for (const Comment& c : replies) {
    if (!c.parent_id) continue;
    auto parent = index.find(*c.parent_id);
    if (parent == index.end()) continue;  // parent not listed (held or rejected): hide
    const int p = parent->second;
    const int me = static_cast<int>(nodes.size());
    index[c.id] = me;
    if (nodes[p].shown_depth < max_depth) {
      nodes.push_back(Node{&c, nodes[p].shown_depth + 1, p, {}});
      nodes[p].children.push_back(me);
    } else {
      // Too deep: shown beside its parent, under the parent's own parent, "en réponse à".
      const int host = nodes[p].attach_to;
      nodes.push_back(Node{&c, nodes[p].shown_depth, host, {}});
      nodes[host].children.push_back(me);
      reply_to.emplace_back(me, nodes[p].comment);
    }
  }
  std::unordered_map<int, const Comment*> answered(reply_to.begin(), reply_to.end());

  // Materialise recursively (depth is bounded by max_depth <= 10).
  auto build = [&](auto&& self, int n) -> CommentView {
    CommentView v = PublicView(*nodes[n].comment, site->time_zone, in.lang, now);
    if (auto a = answered.find(n); a != answered.end()) {
      v.reply_to_id = a->second->id;
      v.reply_to_author =
          a->second->status == CommentStatus::kDeleted ? std::string() : a->second->author;
    }
    v.replies.reserve(nodes[n].children.size());
    for (int child : nodes[n].children) v.replies.push_back(self(self, child));
    return v;
  };
  page.comments.reserve(top->comments.size());
  for (std::size_t i = 0; i < top->comments.size(); ++i) {
    page.comments.push_back(build(build, static_cast<int>(i)));
  }
  PruneTombstones(page.comments);
  return page;
}

std::string_view ToString(AuthorStatus s) {
  switch (s) {
    case AuthorStatus::kPublished:
      return "published";
    case AuthorStatus::kHeld:
      return "held";
    case AuthorStatus::kRejected:
      return "rejected";
    case AuthorStatus::kDeleted:
      return "deleted";
    case AuthorStatus::kUnknown:
      break;
  }
  return "unknown";
}

Result<std::vector<AuthorView>> ThreadReader::AuthorStatuses(std::string_view site_id,
                                                             const std::vector<AuthorQuery>& items,
                                                             text::Lang lang) {
  if (items.size() > limits_.max_status_items) {
    return Status(Error::kInvalidArgument,
                  "items: " + std::to_string(limits_.max_status_items) + " at most");
  }
  auto site = sites_.Get(site_id);
  if (!site.ok()) return site.status();
  const TimestampMs now = clock_.NowMs();
  std::vector<AuthorView> out;
  out.reserve(items.size());
  for (const AuthorQuery& item : items) {
    AuthorView& view = out.emplace_back();
    view.id = item.id;
    if (item.id <= 0 || item.edit_token.empty()) continue;
    auto comment = store_.GetComment(item.id);
    if (!comment.ok()) {
      if (comment.error() == Error::kUnknownComment) continue;
      return comment.status();
    }
    if (comment->edit_token_hash.empty() ||
        !ConstantTimeEquals(HashHex(item.edit_token), comment->edit_token_hash)) {
      continue;
    }
    auto thread = store_.GetThreadById(comment->thread_id);
    if (!thread.ok()) return thread.status();
    if (thread->site_id != site->id) continue;
    switch (comment->status) {
      case CommentStatus::kPublished:
        view.status = AuthorStatus::kPublished;
        break;
      case CommentStatus::kHeld:
        view.status = AuthorStatus::kHeld;
        break;
      case CommentStatus::kRejected:
        view.status = AuthorStatus::kRejected;
        break;
      case CommentStatus::kDeleted:
        view.status = AuthorStatus::kDeleted;
        continue;
    }
    if (view.status != AuthorStatus::kRejected)
      view.comment = PublicView(*comment, site->time_zone, lang, now);
    if (view.status != AuthorStatus::kPublished) {
      // A decision that does not parse (a hand-edited database) gives no reasons, not an error.
      if (auto decision = moderation::ParseDecisionJson(comment->moderation); decision.ok()) {
        view.reasons = std::move(decision->reasons);
      }
    }
  }
  return out;
}

Result<std::vector<store::ThreadCount>> ThreadReader::Counts(std::string_view site_id,
                                                             const std::vector<std::string>& keys) {
  if (keys.size() > limits_.max_count_keys) {
    return Status(Error::kTooManyKeys, std::to_string(limits_.max_count_keys) + " keys at most");
  }
  auto site = sites_.Get(site_id);
  if (!site.ok()) return site.status();
  return Counts(*site, keys);
}

Result<std::vector<store::ThreadCount>> ThreadReader::Counts(const Site& site,
                                                             const std::vector<std::string>& keys) {
  if (keys.size() > limits_.max_count_keys) {
    return Status(Error::kTooManyKeys, std::to_string(limits_.max_count_keys) + " keys at most");
  }
  std::vector<std::string> clean;
  clean.reserve(keys.size());
  for (const std::string& k : keys) {
    auto key = ThreadKey(k, limits_.max_key);
    if (!key.ok()) return key.status();
    clean.push_back(std::move(key).value());
  }
  auto counts = store_.CountComments(site.id, clean);
  if (!counts.ok()) return counts.status();
  std::unordered_map<std::string, std::int64_t> by_key;
  for (const auto& c : *counts) by_key[c.key] = c.count;
  std::vector<store::ThreadCount> out;
  out.reserve(clean.size());
  for (std::string& k : clean) {
    auto it = by_key.find(k);
    out.push_back(store::ThreadCount{std::move(k), it == by_key.end() ? 0 : it->second});
  }
  return out;
}

}  // namespace palabre::service
