// The moderators' side of the domain: accounts, sessions, bans, reader reports and the audit
// log, as plain value types.
//
// A User is a person of the publisher (an e-mail and an Argon2id password hash) with a role on
// one or more sites: an admin of a site moderates it and changes its settings, a moderator only
// moderates it. A Session is one login: the browser holds a random token, the store keeps its
// hash. A Ban stops an author from posting on a site until it expires; it matches on any of the
// folded display name, the salted client-address hash or the e-mail hash. A Report is one
// reader's "Signaler" on a comment; an AuditEntry one moderator action. Times are UTC ms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/model.h"

namespace palabre {

using UserId = std::int64_t;
using BanId = std::int64_t;

enum class Role { kModerator, kAdmin };
std::string_view ToString(Role r);  // "moderator", "admin"
std::optional<Role> ParseRole(std::string_view s);

struct Membership {
  std::string site_id;
  Role role = Role::kModerator;
  friend bool operator==(const Membership&, const Membership&) = default;
};

struct User {
  UserId id = 0;
  std::string email;                    // lower-cased, unique
  std::string password_hash;            // crypto_pwhash_str (Argon2id), never leaves the server
  std::vector<Membership> memberships;  // ordered by site id
  int failed_logins = 0;                // consecutive failures since the last success
  TimestampMs locked_until = 0;         // no login before this time
  TimestampMs created_at = 0;

  // The user's role on `site_id`, if any.
  std::optional<Role> RoleOn(std::string_view site_id) const;
};

struct Session {
  std::string token_hash;  // HashHex of the cookie's token
  UserId user_id = 0;
  std::string csrf_token;  // sent back by the console in X-CSRF-Token on every write
  TimestampMs created_at = 0;
  TimestampMs expires_at = 0;
};

// Why a moderator rejects a comment: a fixed list, so that reports and training can count them.
enum class RejectReason { kSpam, kThreat, kHate, kHarassment, kOffTopic, kIllegal, kOther };
std::string_view ToString(RejectReason r);  // "spam", "threat", "hate", "harassment",
                                            // "off_topic", "illegal", "other"
std::optional<RejectReason> ParseRejectReason(std::string_view s);

// Why a reader reports a comment (the widget's "Signaler" menu).
enum class ReportReason { kSpam, kAbuse, kHate, kThreat, kOffTopic, kOther };
std::string_view ToString(ReportReason r);  // "spam", "abuse", "hate", "threat", "off_topic",
                                            // "other"
std::optional<ReportReason> ParseReportReason(std::string_view s);

struct Ban {
  BanId id = 0;
  std::string site_id;
  std::string author_folded;  // folded display name (moderation/normalize Fold); "" = any
  std::string client_hash;    // as in Comment::client_hash; "" = any
  std::string email_hash;     // HashHex(lower-cased e-mail, site salt); "" = any
  std::string reason;         // free text from the moderator
  UserId created_by = 0;
  TimestampMs created_at = 0;
  TimestampMs expires_at = 0;  // 0: never
};

// What a moderator's decision on a reported comment says of its reports: kUpheld when the
// comment left the thread (rejected, unpublished, kept held), kDismissed when it was published
// again or kept. Open reports have kNone.
enum class ReportOutcome { kNone, kUpheld, kDismissed };
std::string_view ToString(ReportOutcome o);  // "", "upheld", "dismissed"
std::optional<ReportOutcome> ParseReportOutcome(std::string_view s);

struct Report {
  std::int64_t id = 0;
  CommentId comment_id = 0;
  ReportReason reason = ReportReason::kOther;
  std::string note;  // optional words of the reader, plain text, <= 500 code points
  // Salted hashes (the site's salt) of the reader's client (core/client_address.h ClientKey),
  // of its network range (ClientRange) and of the widget's per-browser token ("" without one).
  // Reports made before these existed keep a hash of the address or of a client-chosen id in
  // reporter_hash and "" in the others.
  std::string reporter_hash;
  std::string range_hash;
  std::string token_hash;
  TimestampMs created_at = 0;
  bool resolved = false;  // a moderator acted on the comment after the report
  ReportOutcome outcome = ReportOutcome::kNone;  // set with resolved
  // This report made a burst: with it the comment had the site's burst of reports within
  // minutes (service/comment_service.h); the console flags the comment while it stays open.
  bool burst = false;
};

// A publisher's key to the analysis API (POST /api/v1/analyze, /v1alpha1/comments:analyze).
// The key itself is shown once, when it is made; the store keeps its hash.
struct ApiKey {
  std::int64_t id = 0;
  std::string site_id;
  std::string name;      // what the publisher calls it ("CMS", "outil de modération")
  std::string key_hash;  // HashHex of the key
  std::string hint;      // the key's first characters, to tell keys apart in lists
  int per_minute = 60;   // requests a minute the key may make
  TimestampMs created_at = 0;
};

struct AuditEntry {
  std::int64_t id = 0;
  std::string site_id;
  UserId user_id = 0;
  std::string user_email;  // kept as it was when the action was taken
  std::string action;      // "approve", "reject", "unpublish", "ban", "unban", "settings",
                           // "thread_close", "thread_open"
  std::optional<CommentId> comment_id;
  std::string reason;  // RejectReason code, ban reason...
  std::string detail;  // JSON object with the action's particulars
  // For an action on a comment: time from the comment's arrival to this action.
  std::int64_t response_ms = 0;
  TimestampMs at = 0;
};

}  // namespace palabre
