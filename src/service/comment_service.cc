#include "service/comment_service.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>

#include <spdlog/spdlog.h>

#include "core/client_address.h"
#include "core/crypto.h"
#include "core/email.h"
#include "core/text/ascii.h"
#include "core/text/markdown.h"
#include "core/text/utf8.h"
#include "moderation/normalize.h"

namespace palabre::service {
namespace {

constexpr TimestampMs kSiteCacheMs = 5'000;
constexpr TimestampMs kDayMs = 24LL * 3600 * 1000;
constexpr std::size_t kMaxReportNote = 500;
constexpr TimestampMs kHourMs = 3600 * 1000;

// The salted hashes of a reader: their client, their network range, their browser.
std::string ClientHash(std::string_view address, const Site& site) {
  return address.empty() ? "" : HashHex(ClientKey(address), site.salt);
}
std::string RangeHash(std::string_view address, const Site& site) {
  return address.empty() ? "" : HashHex("range:" + ClientRange(address), site.salt);
}
std::string TokenHash(std::string_view token, const Site& site) {
  return token.empty() ? "" : HashHex("token:" + std::string(token), site.salt);
}

// Seconds until the oldest action of `recent` leaves the hour, at least 1.
int RetryAfter(const store::RecentActions& recent, TimestampMs now) {
  const TimestampMs wait = recent.oldest + kHourMs - now;
  return static_cast<int>(std::max<TimestampMs>(1, (wait + 999) / 1000));
}

std::string VersionKey(std::string_view site_id, std::string_view key) {
  std::string k;
  k.reserve(site_id.size() + 1 + key.size());
  k.append(site_id);
  k.push_back('\x1f');
  k.append(key);
  return k;
}

// Cleans a single-line field and checks its length in code points.
Result<std::string> CleanField(std::string_view in, std::size_t max, Error too_long) {
  auto cleaned = text::NormalizeUserText(in, /*single_line=*/true);
  if (!cleaned.ok()) return cleaned.status();
  if (text::CodePointCount(*cleaned) > max) {
    return Status(too_long, std::to_string(max) + " characters at most");
  }
  return cleaned;
}

Result<std::string> CleanText(std::string_view in, std::size_t max) {
  auto cleaned = text::NormalizeUserText(in, /*single_line=*/false);
  if (!cleaned.ok()) return cleaned.status();
  if (cleaned->empty()) return Status(Error::kTextEmpty, "blank text");
  if (text::CodePointCount(*cleaned) > max) {
    return Status(Error::kTextTooLong, std::to_string(max) + " characters at most");
  }
  return cleaned;
}

// Cuts valid UTF-8 to at most `max` code points.
std::string CutToCodePoints(std::string s, std::size_t max) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (count == max) {
        s.resize(i);
        return s;
      }
      ++count;
    }
  }
  return s;
}

}  // namespace

CommentService::CommentService(store::Store& store, moderation::Moderator& moderator,
                               const Clock& clock, Limits limits)
    : store_(store), moderator_(moderator), clock_(clock), limits_(limits) {}

Result<Site> CommentService::GetSite(std::string_view site_id) {
  const TimestampMs now = clock_.NowMs();
  {
    std::lock_guard lock(sites_mu_);
    auto it = sites_.find(std::string(site_id));
    if (it != sites_.end() && now - it->second.fetched_at < kSiteCacheMs) return it->second.site;
  }
  auto site = store_.GetSite(site_id);
  if (!site.ok()) return site.status();
  std::lock_guard lock(sites_mu_);
  if (sites_.size() > 10'000) sites_.clear();  // bound: site ids come from URLs
  sites_[site->id] = CachedSite{*site, now};
  return site;
}

std::optional<Site> CommentService::KnownSite(std::string_view site_id) const {
  std::lock_guard lock(sites_mu_);
  auto it = sites_.find(std::string(site_id));
  if (it == sites_.end()) return std::nullopt;
  return it->second.site;
}

Result<std::string> CommentService::ValidKey(std::string_view key) const {
  auto cleaned = text::NormalizeUserText(key, /*single_line=*/true);
  if (!cleaned.ok() || cleaned->empty() || text::CodePointCount(*cleaned) > limits_.max_key) {
    return Status(Error::kKeyInvalid,
                  "article key must be 1.." + std::to_string(limits_.max_key) + " characters");
  }
  return cleaned;
}

Result<PostOutput> CommentService::Post(const PostInput& in) {
  auto site = GetSite(in.site_id);
  if (!site.ok()) return site.status();
  const SiteSettings settings = SettingsFor(*site);
  auto key = ValidKey(in.key);
  if (!key.ok()) return key.status();

  auto author = CleanField(in.author, limits_.max_author, Error::kAuthorTooLong);
  if (!author.ok()) return author.status();
  if (author->empty()) return Status(Error::kAuthorMissing, "display name required");
  auto email = CleanField(in.email, limits_.max_email, Error::kEmailTooLong);
  if (!email.ok()) return email.status();
  if (!email->empty() && !LooksLikeEmail(*email)) {
    return Status(Error::kEmailInvalid, "not an e-mail address");
  }
  auto body = CleanText(in.text, limits_.max_text);
  if (!body.ok()) return body.status();

  // The thread: existing, or the one a first post would create.
  Thread thread;
  bool thread_exists = false;
  auto found = store_.GetThread(site->id, *key);
  if (found.ok()) {
    thread = std::move(found).value();
    thread_exists = true;
  } else if (found.error() != Error::kUnknownThread) {
    return found.status();
  } else if (!site->auto_create_threads) {
    return Status(Error::kThreadCreationDisabled, "site creates threads explicitly");
  } else {
    thread.site_id = site->id;
    thread.key = *key;
    thread.created_at = clock_.NowMs();
  }
  // A title comes from the publisher's page only (see PostInput::origin); a reader never
  // names an article, not even the first one to comment on it.
  std::string title;
  const bool from_publisher =
      !in.origin.empty() &&
      std::find(site->origins.begin(), site->origins.end(), in.origin) != site->origins.end();
  if (from_publisher && thread.title.empty()) {
    auto cleaned = CleanField(in.title, limits_.max_title * 4, Error::kInvalidArgument);
    if (cleaned.ok()) title = CutToCodePoints(std::move(cleaned).value(), limits_.max_title);
  }
  if (!thread_exists) thread.title = title;
  if (thread.closed) return Status(Error::kThreadClosed, "thread closed");
  if (thread_exists && settings.close_after_days > 0 &&
      clock_.NowMs() - thread.created_at > settings.close_after_days * kDayMs) {
    return Status(Error::kThreadClosed, "thread older than the site's close_after_days");
  }

  Comment comment;
  comment.thread_id = thread.id;
  if (in.parent_id) {
    if (!thread_exists) return Status(Error::kUnknownParent, "no such comment in this thread");
    auto parent = store_.GetComment(*in.parent_id);
    if (!parent.ok()) {
      if (parent.error() == Error::kUnknownComment) {
        return Status(Error::kUnknownParent, "no such comment in this thread");
      }
      return parent.status();
    }
    if (parent->thread_id != thread.id) {
      return Status(Error::kUnknownParent, "no such comment in this thread");
    }
    if (parent->status != CommentStatus::kPublished) {
      return Status(Error::kCommentNotPublished, "cannot answer this comment");
    }
    comment.parent_id = in.parent_id;
  }
  comment.author = std::move(author).value();
  comment.email = std::move(email).value();
  comment.text = std::move(body).value();
  comment.created_at = clock_.NowMs();
  comment.client_hash = ClientHash(in.client_address, *site);
  // Bans come before anything else is judged
  PALABRE_RETURN_IF_ERROR(CheckBan(*site, comment, comment.created_at));

  PostOutput out;
  out.decision = moderator_.Evaluate(*site, thread, comment);
  // A refusal for flooding is not a judgement of the text: nothing is kept.
  if (out.decision.rate_limited()) {
    out.comment = std::move(comment);
    return out;
  }
  const bool rejected = out.decision.action == moderation::Action::kReject;
  if (rejected && settings.keep_rejected_days <= 0) {
    out.comment = std::move(comment);
    return out;
  }
  if (rejected) {
    // Kept for the console's "Rejetés automatiquement" view (a moderator may publish a false
    // positive) until the site's keep_rejected_days pass; no edit token: its author cannot see
    // or change it, and no reader ever does.
    comment.status = CommentStatus::kRejected;
    comment.auto_rejected = true;
  } else {
    PALABRE_RETURN_IF_ERROR(Premoderate(settings, *site, comment, out.decision));
    comment.status = out.decision.published() ? CommentStatus::kPublished : CommentStatus::kHeld;
    // Review: published like any other comment, and queued for a moderator's second look.
    comment.review = out.decision.review();
    comment.risk = comment.review ? out.decision.review_risk() : 0.0;
    out.edit_token = RandomToken();
    comment.edit_token_hash = HashHex(out.edit_token);
  }
  comment.moderation = out.decision.ToJson();
  comment.html = text::RenderMarkdown(comment.text);

  if (!thread_exists) {
    auto ensured = store_.EnsureThread(thread);
    if (!ensured.ok()) return ensured.status();
    thread = std::move(ensured).value();
    comment.thread_id = thread.id;
  } else if (!title.empty()) {
    // An untitled thread (created by a post without the publisher's Origin) gets its title.
    PALABRE_RETURN_IF_ERROR(store_.SetThreadTitle(thread.id, title));
    thread.title = title;
  }
  auto stored = store_.InsertComment(comment);
  if (!stored.ok()) return stored.status();
  out.comment = std::move(stored).value();
  // What the pipeline rejected stays out of the duplicate and flood history, as when it was
  // not kept at all.
  if (!rejected) moderator_.Record(*site, out.comment);
  if (out.comment.status == CommentStatus::kPublished) Notify(*site, thread, out.comment);
  return out;
}

CommentView CommentService::View(const Comment& c, const Site& site, text::Lang lang,
                                 TimestampMs now) const {
  CommentView v;
  v.comment = c;
  v.comment.email.clear();
  v.comment.edit_token_hash.clear();
  v.comment.client_hash.clear();
  v.comment.moderation.clear();
  if (c.status == CommentStatus::kDeleted) {
    v.comment.author.clear();
    v.comment.text.clear();
    v.comment.html.clear();
  }
  v.relative_time = text::RelativeTime(c.created_at, now, lang, site.time_zone);
  v.full_time = text::FullDateTime(c.created_at, lang, site.time_zone);
  return v;
}

namespace {

// Drops deleted comments that have nothing visible under them.
void PruneTombstones(std::vector<CommentView>& views) {
  for (auto& v : views) PruneTombstones(v.replies);
  std::erase_if(views, [](const CommentView& v) {
    return v.comment.status == CommentStatus::kDeleted && v.replies.empty();
  });
}

}  // namespace

Result<ThreadPage> CommentService::List(const ListInput& in) {
  auto site = GetSite(in.site_id);
  if (!site.ok()) return site.status();
  auto key = ValidKey(in.key);
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
    CommentView v = View(*nodes[n].comment, *site, in.lang, now);
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

Result<Comment> CommentService::OwnComment(CommentId id, std::string_view edit_token) {
  auto comment = store_.GetComment(id);
  if (!comment.ok()) return comment.status();
  if (comment->status == CommentStatus::kDeleted || comment->status == CommentStatus::kRejected) {
    return Status(Error::kUnknownComment, "comment gone");
  }
  if (edit_token.empty() || comment->edit_token_hash.empty() ||
      !ConstantTimeEquals(HashHex(edit_token), comment->edit_token_hash)) {
    return Status(Error::kBadEditToken, "edit token does not match");
  }
  if (clock_.NowMs() - comment->created_at > limits_.edit_window_ms) {
    return Status(Error::kEditWindowExpired, "edit window over");
  }
  return comment;
}

Result<PostOutput> CommentService::Edit(CommentId id, std::string_view edit_token,
                                        std::string_view text) {
  auto comment = OwnComment(id, edit_token);
  if (!comment.ok()) return comment.status();
  auto body = CleanText(text, limits_.max_text);
  if (!body.ok()) return body.status();
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return thread.status();
  auto site = GetSite(thread->site_id);
  if (!site.ok()) return site.status();
  const TimestampMs now = clock_.NowMs();
  // A banned author edits nothing either: an edit could turn a published comment into what
  // the ban was for.
  PALABRE_RETURN_IF_ERROR(CheckBan(*site, *comment, now));

  Comment edited = *comment;
  edited.text = std::move(body).value();
  PostOutput out;
  out.decision = moderator_.Evaluate(*site, *thread, edited);
  if (out.decision.action == moderation::Action::kReject || out.decision.rate_limited()) {
    out.comment = std::move(comment).value();
    return out;
  }
  // Pre-moderation judges the new text as it judges a new comment: under "all", an edited
  // comment goes back to the queue (an approved text must not turn into another one unseen).
  PALABRE_RETURN_IF_ERROR(Premoderate(SettingsFor(*site), *site, edited, out.decision));
  edited.html = text::RenderMarkdown(edited.text);
  edited.edited_at = now;
  PALABRE_RETURN_IF_ERROR(store_.UpdateCommentText(id, edited.text, edited.html, now));
  const bool was_published = edited.status == CommentStatus::kPublished;
  if (!out.decision.published() && was_published) {
    PALABRE_RETURN_IF_ERROR(store_.SetCommentStatus(id, CommentStatus::kHeld));
    edited.status = CommentStatus::kHeld;
  }
  // The stored decision and the review mark follow the text: an edit the pipeline sends to
  // review is queued again (even if a moderator had looked at the old text); one it publishes
  // plainly, or that stays held, is not in the review queue.
  edited.moderation = out.decision.ToJson();
  edited.review = out.decision.review() && edited.status == CommentStatus::kPublished;
  edited.risk = edited.review ? out.decision.review_risk() : 0.0;
  PALABRE_RETURN_IF_ERROR(
      store_.SetCommentModeration(id, edited.moderation, edited.review, edited.risk));
  out.comment = std::move(edited);
  if (out.comment.status == CommentStatus::kPublished) {
    Bump(site->id, thread->key);
    Notify(*site, *thread, out.comment);
  } else if (was_published) {
    OnModerated(out.comment);  // leaves open pages (live "removed") and bumps the version
  } else {
    Bump(site->id, thread->key);
  }
  return out;
}

Status CommentService::CheckBan(const Site& site, const Comment& comment, TimestampMs now) {
  const std::string email_hash =
      comment.email.empty() ? "" : HashHex(text::AsciiLower(comment.email), site.salt);
  auto ban = store_.FindBan(site.id, moderation::FoldName(comment.author), comment.client_hash,
                            email_hash, now);
  if (!ban.ok()) return ban.status();
  if (ban->has_value()) return Status(Error::kBanned, "banned from this site");
  return Status::Ok();
}

Status CommentService::Premoderate(const SiteSettings& settings, const Site& site,
                                   const Comment& comment, moderation::Decision& decision) {
  if (!decision.published() || settings.premoderation == Premoderation::kNone) {
    return Status::Ok();
  }
  const bool all = settings.premoderation == Premoderation::kAll;
  if (!all) {
    auto history = store_.GetAuthorHistory(site.id, comment.author, comment.client_hash);
    if (!history.ok()) return history.status();
    if (history->published >= settings.premoderation_min_approved) return Status::Ok();
  }
  decision.reasons.push_back(moderation::Reason{
      "premoderation",
      all ? "premoderation_all" : "premoderation_new",
      all ? "Le site vérifie chaque commentaire avant publication."
          : "Nouvel auteur : ses premiers commentaires sont vérifiés avant publication.",
      1.0,
      moderation::Action::kHold,
      {},
      0});
  decision.action = moderation::Action::kHold;
  return Status::Ok();
}

Status CommentService::Delete(CommentId id, std::string_view edit_token) {
  auto comment = OwnComment(id, edit_token);
  if (!comment.ok()) return comment.status();
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return thread.status();
  // The text goes: a deleted comment keeps only its place in the thread.
  PALABRE_RETURN_IF_ERROR(store_.UpdateCommentText(id, "", "", clock_.NowMs()));
  PALABRE_RETURN_IF_ERROR(store_.SetCommentStatus(id, CommentStatus::kDeleted));
  Bump(thread->site_id, thread->key);
  return Status::Ok();
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

Result<std::vector<AuthorView>> CommentService::AuthorStatuses(
    std::string_view site_id, const std::vector<AuthorQuery>& items, text::Lang lang) {
  if (items.size() > limits_.max_status_items) {
    return Status(Error::kInvalidArgument,
                  "items: " + std::to_string(limits_.max_status_items) + " at most");
  }
  auto site = GetSite(site_id);
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
    if (view.status != AuthorStatus::kRejected) view.comment = View(*comment, *site, lang, now);
    if (view.status != AuthorStatus::kPublished) {
      // A decision that does not parse (a hand-edited database) gives no reasons, not an error.
      if (auto decision = moderation::ParseDecisionJson(comment->moderation); decision.ok()) {
        view.reasons = std::move(decision->reasons);
      }
    }
  }
  return out;
}

Result<VoteOutput> CommentService::Vote(const VoteInput& in) {
  if (in.direction < -1 || in.direction > 1) return Status(Error::kInvalidVote, "up or down");
  if (!IsValidReaderToken(in.token)) {
    return Status(Error::kInvalidArgument, "token: 16 to 128 of A-Z a-z 0-9 - _");
  }
  auto comment = store_.GetComment(in.comment_id);
  if (!comment.ok()) return comment.status();
  if (in.direction != 0 && comment->status != CommentStatus::kPublished) {
    return Status(Error::kCommentNotPublished, "votes only on published comments");
  }
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return thread.status();
  auto site = GetSite(thread->site_id);
  if (!site.ok()) return site.status();
  // Without an address (tests, a Unix socket) every such voter is one client.
  const std::string voter = in.client_address.empty() ? HashHex("no address", site->salt)
                                                      : ClientHash(in.client_address, *site);
  const TimestampMs now = clock_.NowMs();
  VoteOutput out;
  if (in.direction != 0) {
    if (!comment->client_hash.empty() && ConstantTimeEquals(comment->client_hash, voter)) {
      return Status(Error::kOwnComment, "posted from this client");
    }
    auto recent = store_.RecentVotes(voter, now - kHourMs + 1);
    if (!recent.ok()) return recent.status();
    if (recent->count >= limits_.votes_per_hour) {
      out.retry_after_s = RetryAfter(*recent, now);
      return out;
    }
  }
  auto voted = store_.Vote(in.comment_id, voter, TokenHash(in.token, *site), in.direction, now);
  if (!voted.ok()) return voted.status();
  Bump(site->id, thread->key);
  out.comment = std::move(voted).value();
  return out;
}

Result<std::vector<store::ThreadCount>> CommentService::Counts(
    std::string_view site_id, const std::vector<std::string>& keys) {
  if (keys.size() > limits_.max_count_keys) {
    return Status(Error::kTooManyKeys, std::to_string(limits_.max_count_keys) + " keys at most");
  }
  auto site = GetSite(site_id);
  if (!site.ok()) return site.status();
  std::vector<std::string> clean;
  clean.reserve(keys.size());
  for (const std::string& k : keys) {
    auto key = ValidKey(k);
    if (!key.ok()) return key.status();
    clean.push_back(std::move(key).value());
  }
  auto counts = store_.CountComments(site->id, clean);
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

std::uint64_t CommentService::ThreadVersion(std::string_view site_id, std::string_view key) const {
  std::lock_guard lock(versions_mu_);
  auto it = versions_.find(VersionKey(site_id, key));
  return it == versions_.end() ? base_version_ : it->second;
}

void CommentService::Bump(std::string_view site_id, std::string_view key) {
  std::lock_guard lock(versions_mu_);
  versions_[VersionKey(site_id, key)] = next_version_++;
}

void CommentService::Notify(const Site& site, const Thread& thread, const Comment& comment) {
  Bump(site.id, thread.key);
  if (listener_) listener_(site, thread, comment);
}

// --- Moderators ----------------------------------------------------------------------------------
Result<ReportOutput> CommentService::Report(const ReportInput& in) {
  auto note = text::NormalizeUserText(in.note, /*single_line=*/false);
  if (!note.ok()) return note.status();
  if (text::CodePointCount(*note) > kMaxReportNote) {
    return Status(Error::kInvalidArgument, "note: 500 characters at most");
  }
  if (!IsValidReaderToken(in.token)) {
    return Status(Error::kInvalidArgument, "token: 16 to 128 of A-Z a-z 0-9 - _");
  }
  auto comment = store_.GetComment(in.comment_id);
  if (!comment.ok()) return comment.status();
  if (comment->status != CommentStatus::kPublished) {
    return Status(Error::kCommentNotPublished, "reports only on published comments");
  }
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return thread.status();
  auto site = GetSite(thread->site_id);
  if (!site.ok()) return site.status();
  const SiteSettings settings = SettingsFor(*site);
  const TimestampMs now = clock_.NowMs();
  palabre::Report report;
  report.comment_id = comment->id;
  report.reason = in.reason;
  report.note = std::move(note).value();
  report.reporter_hash = in.client_address.empty() ? HashHex("no address", site->salt)
                                                   : ClientHash(in.client_address, *site);
  report.range_hash = RangeHash(in.client_address, *site);
  report.token_hash = TokenHash(in.token, *site);
  report.created_at = now;
  ReportOutput out;
  auto recent = store_.RecentReports(report.reporter_hash, now - kHourMs + 1);
  if (!recent.ok()) return recent.status();
  if (recent->count >= limits_.reports_per_hour) {
    out.retry_after_s = RetryAfter(*recent, now);
    return out;
  }
  // A burst starts with the report that makes report_burst within the window, unless one is
  // open already.
  auto before = store_.ListOpenReports(comment->id);
  if (!before.ok()) return before.status();
  std::int64_t in_window = 1;
  bool open_burst = false;
  for (const store::OpenReport& r : *before) {
    if (r.created_at > now - limits_.report_burst_window_ms) ++in_window;
    open_burst = open_burst || r.burst;
  }
  report.burst = !open_burst && in_window >= limits_.report_burst;
  auto open = store_.AddReport(report);
  if (!open.ok()) return open.status();
  auto after = store_.ListOpenReports(comment->id);
  if (!after.ok()) return after.status();
  out.open_reports = *open;
  out.score = ReportScore(*after);
  out.burst = report.burst;
  if (out.score + 1e-9 >= settings.report_threshold) {
    // Held, not moderated: the reports stay open for the moderators to see.
    PALABRE_RETURN_IF_ERROR(store_.SetCommentStatus(comment->id, CommentStatus::kHeld));
    comment->status = CommentStatus::kHeld;
    out.held = true;
    Bump(site->id, thread->key);
    if (removed_listener_) removed_listener_(*site, *thread, comment->id);
  }
  return out;
}

void CommentService::SetModeration(moderation::ModerationConfigs base, Reconfigure reconfigure) {
  std::lock_guard lock(settings_mu_);
  base_configs_ = std::move(base);
  reconfigure_ = std::move(reconfigure);
  applied_.clear();
}

SiteSettings CommentService::SettingsFor(const Site& site) {
  std::lock_guard lock(settings_mu_);
  auto it = applied_.find(site.id);
  if (it != applied_.end() && it->second.json == site.settings) return it->second.settings;
  SiteSettings settings;
  auto parsed = ParseSiteSettings(site.settings);
  if (parsed.ok()) {
    settings = std::move(parsed).value();
  } else {
    spdlog::warn("site {}: settings ignored: {}", site.id, parsed.status().ToString());
  }
  // A site that never had settings keeps the list the pipeline was created with.
  if (reconfigure_ && (it != applied_.end() || !(settings == SiteSettings{}))) {
    moderation::ModerationConfig config = base_configs_.For(site.id);
    Status s = ApplyTo(settings, config);
    if (s.ok()) s = reconfigure_(site.id, config);
    if (!s.ok()) {
      spdlog::warn("site {}: moderation settings not applied: {}", site.id, s.ToString());
    }
  }
  if (applied_.size() > 10'000) applied_.clear();
  applied_[site.id] = AppliedSettings{site.settings, settings};
  return settings;
}

Status CommentService::SiteChanged(std::string_view site_id) {
  {
    std::lock_guard lock(sites_mu_);
    sites_.erase(std::string(site_id));
  }
  auto site = GetSite(site_id);
  if (!site.ok()) return site.status();
  auto parsed = ParseSiteSettings(site->settings);
  if (!parsed.ok()) return parsed.status();
  std::lock_guard lock(settings_mu_);
  if (reconfigure_) {
    moderation::ModerationConfig config = base_configs_.For(site->id);
    PALABRE_RETURN_IF_ERROR(ApplyTo(*parsed, config));
    PALABRE_RETURN_IF_ERROR(reconfigure_(site->id, config));
  }
  applied_[site->id] = AppliedSettings{site->settings, std::move(parsed).value()};
  return Status::Ok();
}

void CommentService::OnModerated(const Comment& comment) {
  auto thread = store_.GetThreadById(comment.thread_id);
  if (!thread.ok()) return;
  auto site = GetSite(thread->site_id);
  if (!site.ok()) {
    Bump(thread->site_id, thread->key);
    return;
  }
  if (comment.status == CommentStatus::kPublished) {
    Notify(*site, *thread, comment);
    return;
  }
  Bump(site->id, thread->key);
  if (removed_listener_) removed_listener_(*site, *thread, comment.id);
}

// --- Several nodes on one database ---------------------------------------------------------------
void CommentService::OnRemoteChange(const store::Change& change) {
  if (change.kind == store::ChangeKind::kResync) {
    {
      // Every thread at once, those never versioned here too (a cached page of one of them
      // may be stale): a new base version, newer than any version given so far.
      std::lock_guard lock(versions_mu_);
      versions_.clear();
      base_version_ = next_version_++;
    }
    {
      std::lock_guard lock(sites_mu_);
      sites_.clear();
    }
    if (reset_listener_) reset_listener_();
    return;
  }
  Bump(change.site_id, change.key);
  if (change.kind == store::ChangeKind::kCommentVoted ||
      change.kind == store::ChangeKind::kThreadChanged || change.comment_id == 0) {
    return;
  }
  auto comment = store_.GetComment(change.comment_id);
  if (!comment.ok()) return;
  auto thread = store_.GetThreadById(comment->thread_id);
  if (!thread.ok()) return;
  auto site = GetSite(thread->site_id);
  if (!site.ok()) return;
  if (change.kind == store::ChangeKind::kCommentInserted) moderator_.Record(*site, *comment);
  // Delete empties the text, then changes the status: never push the empty shell in between.
  if (comment->status == CommentStatus::kPublished && !comment->text.empty() && listener_) {
    listener_(*site, *thread, *comment);
  }
}

double ReporterWeight(std::int64_t upheld, std::int64_t dismissed) {
  const double u = static_cast<double>(std::max<std::int64_t>(0, upheld));
  const double d = static_cast<double>(std::max<std::int64_t>(0, dismissed));
  return (1.0 + u) / (1.0 + u + 2.0 * d);
}

double ReportScore(const std::vector<store::OpenReport>& reports) {
  std::unordered_map<std::string, double> by_range;
  for (const store::OpenReport& r : reports) {
    by_range[r.range_hash] += ReporterWeight(r.upheld, r.dismissed);
  }
  double score = 0;
  for (const auto& [range, weight] : by_range) score += std::min(1.0, weight);
  return score;
}

bool IsValidReaderToken(std::string_view token) {
  if (token.empty()) return true;
  if (token.size() < 16 || token.size() > 128) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

std::string EncodeCursor(const store::PageCursor& cursor) {
  // "<key>.<id>" in base64url: opaque to clients, trivially checked when it comes back.
  const std::string plain = std::to_string(cursor.key) + "." + std::to_string(cursor.id);
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t buf = 0;
  int bits = 0;
  for (unsigned char c : plain) {
    buf = (buf << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buf >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buf << (6 - bits)) & 0x3F]);
  return out;
}

Result<store::PageCursor> DecodeCursor(std::string_view cursor) {
  const Status bad(Error::kInvalidCursor, "not a cursor palabre gave");
  if (cursor.size() > 64) return bad;
  std::string plain;
  std::uint32_t buf = 0;
  int bits = 0;
  for (char ch : cursor) {
    int v;
    if (ch >= 'A' && ch <= 'Z')
      v = ch - 'A';
    else if (ch >= 'a' && ch <= 'z')
      v = ch - 'a' + 26;
    else if (ch >= '0' && ch <= '9')
      v = ch - '0' + 52;
    else if (ch == '-')
      v = 62;
    else if (ch == '_')
      v = 63;
    else
      return bad;
    buf = (buf << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      plain.push_back(static_cast<char>((buf >> bits) & 0xFF));
    }
  }
  const auto dot = plain.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == plain.size()) return bad;
  auto parse = [](std::string_view s, std::int64_t& out) {
    if (s.empty() || s.size() > 20) return false;
    std::size_t i = 0;
    bool neg = false;
    if (s[0] == '-') {
      neg = true;
      i = 1;
      if (s.size() == 1) return false;
    }
    std::int64_t v = 0;
    for (; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      if (v > (std::numeric_limits<std::int64_t>::max() - (s[i] - '0')) / 10) return false;
      v = v * 10 + (s[i] - '0');
    }
    out = neg ? -v : v;
    return true;
  };
  store::PageCursor c;
  if (!parse(std::string_view(plain).substr(0, dot), c.key) ||
      !parse(std::string_view(plain).substr(dot + 1), c.id) || c.id <= 0) {
    return bad;
  }
  return c;
}

}  // namespace palabre::service
