// CommentService: the discussion's use cases — post, list, edit, delete, vote, count.
//
// Handlers parse a request, call one method here and serialize the result; everything a reader
// can do is decided here, tested without a socket (comment_service_test.cc). The service
// validates and normalises input (core/text), asks the Moderator, writes through the Store and
// bumps the thread's version so that response caches never serve a stale thread.
// Thread-safe: one instance serves all server threads.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "core/text/relative_time.h"
#include "moderation/decision.h"
#include "store/change_feed.h"
#include "store/store.h"

namespace palabre::service {

// Size limits, in Unicode code points unless said otherwise. Each has its own error code.
struct Limits {
  std::size_t max_text = 5000;    // kTextTooLong
  std::size_t max_author = 60;    // kAuthorTooLong
  std::size_t max_email = 254;    // kEmailTooLong
  std::size_t max_key = 512;      // kKeyInvalid
  std::size_t max_title = 300;    // longer titles are cut
  std::size_t max_body = 100000;  // article text kept for moderation, longer is cut
  int default_page = 20;          // top-level comments per page
  int max_page = 1000;            // a whole thread in one request (benchmarks, exports)
  int max_depth = 3;              // reply levels shown; deeper replies attach to the deepest
  std::int64_t edit_window_ms = 15 * 60 * 1000;
  std::size_t max_count_keys = 100;  // kTooManyKeys
};

struct PostInput {
  std::string site_id;
  std::string key;
  std::string title;  // used when the thread is created
  std::optional<CommentId> parent_id;
  std::string author;
  std::string email;
  std::string text;
  std::string client_address;  // hashed with the site's salt, never stored as is
};

struct PostOutput {
  Comment comment;         // as stored; id 0 when the decision is reject
  std::string edit_token;  // given once, to the author; empty when rejected
  moderation::Decision decision;
};

struct ListInput {
  std::string site_id;
  std::string key;
  Sort sort = Sort::kOldest;
  int limit = 0;       // 0: Limits::default_page
  std::string cursor;  // opaque, from ThreadPage::next_cursor; empty for the first page
  text::Lang lang = text::Lang::kFr;
  int max_depth = -1;  // -1: Limits::max_depth
};

struct CommentView {
  Comment comment;
  std::string relative_time;  // "il y a 3 heures"
  std::string full_time;      // "12 mars 2024 à 17:55"
  // Set on a reply shown at a shallower level than its real depth ("en réponse à X").
  std::optional<CommentId> reply_to_id;
  std::string reply_to_author;
  std::vector<CommentView> replies;
};

struct ThreadPage {
  Thread thread;  // comment_count is the total shown in the header
  std::vector<CommentView> comments;
  std::string next_cursor;  // empty on the last page
  bool exists = true;       // false for a key nobody commented yet (empty page, count 0)
};

class CommentService {
 public:
  CommentService(store::Store& store, moderation::Moderator& moderator, const Clock& clock,
                 Limits limits = {});

  // kUnknownSite, kKeyInvalid, validation errors, kThreadClosed, kUnknownParent,
  // kThreadCreationDisabled, kCommentNotPublished (reply to a held comment). A moderation
  // reject or flood is not an error: see PostOutput::decision.
  Result<PostOutput> Post(const PostInput& in);

  // kUnknownSite, kKeyInvalid, kInvalidCursor. An unknown key is an empty page, not an error.
  Result<ThreadPage> List(const ListInput& in);

  // Author's edit within Limits::edit_window_ms, with the edit token given at post time. The
  // new text goes through moderation again: on reject the old text stays and the decision says
  // why (PostOutput::decision, comment unchanged); on hold the comment leaves the public thread.
  // kUnknownComment, kBadEditToken, kEditWindowExpired, validation errors.
  Result<PostOutput> Edit(CommentId id, std::string_view edit_token, std::string_view text);
  Status Delete(CommentId id, std::string_view edit_token);

  // direction +1 or -1; voter is a client-chosen id or, absent, the client address (both
  // hashed). kUnknownComment, kCommentNotPublished, kAlreadyVoted, kInvalidVote.
  Result<Comment> Vote(CommentId id, int direction, std::string_view voter,
                       std::string_view client_address);

  // kUnknownSite, kTooManyKeys. Keys without comments count 0; order follows `keys`.
  Result<std::vector<store::ThreadCount>> Counts(std::string_view site_id,
                                                 const std::vector<std::string>& keys);

  // The site, from a small cache refreshed every few seconds (CORS checks on every request).
  // kUnknownSite.
  Result<Site> GetSite(std::string_view site_id);

  // Changes whenever anything visible in the thread (site_id, key) changes. Response caches
  // key on it.
  std::uint64_t ThreadVersion(std::string_view site_id, std::string_view key) const;

  // Called for every comment that became visible or changed (live updates hook).
  using Listener = std::function<void(const Site&, const Thread&, const Comment&)>;
  void SetListener(Listener listener) { listener_ = std::move(listener); }

  // --- issue 7: several nodes on one database ---------------------------------------------
  // A change another node made to the shared store (store/change_feed.h), as if it had been
  // made here: bumps the thread's version (so this node's response cache never serves the
  // thread stale), Records a new comment in the moderation history (flood and duplicate
  // checks see every node's comments) and calls the listener for a comment that is published
  // after an insert, edit or status change (live updates reach this node's SSE subscribers).
  // A vote or thread change only bumps the version, as local ones do. kResync (the feed was
  // cut off) bumps every thread this node has versioned. A comment being deleted (its text
  // already emptied) is not pushed. Store failures drop the change (the version is bumped
  // first). Called from the feed's thread; thread-safe.
  void OnRemoteChange(const store::Change& change);
  // --- end issue 7 -----------------------------------------------------------------------

  const Limits& limits() const { return limits_; }

 private:
  void Bump(std::string_view site_id, std::string_view key);
  Result<std::string> ValidKey(std::string_view key) const;
  Result<Comment> OwnComment(CommentId id, std::string_view edit_token);
  CommentView View(const Comment& c, const Site& site, text::Lang lang, TimestampMs now) const;
  void Notify(const Site& site, const Thread& thread, const Comment& comment);

  store::Store& store_;
  moderation::Moderator& moderator_;
  const Clock& clock_;
  Limits limits_;
  Listener listener_;
  mutable std::mutex versions_mu_;
  std::unordered_map<std::string, std::uint64_t> versions_;  // GUARDED_BY(versions_mu_)
  std::uint64_t next_version_ = 1;                           // GUARDED_BY(versions_mu_)
  struct CachedSite {
    Site site;
    TimestampMs fetched_at = 0;
  };
  std::mutex sites_mu_;
  std::unordered_map<std::string, CachedSite> sites_;  // GUARDED_BY(sites_mu_)
};

// Opaque page cursors: base64url of (key, id). kInvalidCursor on anything else.
std::string EncodeCursor(const store::PageCursor& cursor);
Result<store::PageCursor> DecodeCursor(std::string_view cursor);

}  // namespace palabre::service
