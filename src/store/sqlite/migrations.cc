#include "store/sqlite/migrations.h"

#include <string>

namespace palabre::store::sqlite {
namespace {

// 0001: sites, threads, comments, votes.
//
// - sites.origins: allowed origins, one per line (an origin never contains a newline).
// - Thread and comment ids are AUTOINCREMENT: never reused, even after a site is removed
//   (they appear in URLs, caches and moderation logs).
// - comments.site_id repeats the thread's site so that a site's recent comments and its
//   imports are found by one index each, without a join.
// - comments.root_id is the comment's own id for a top-level comment; a reply is a row whose
//   root_id differs from its id. parent_id and root_id are checked by InsertComment (same
//   thread) rather than by foreign keys: comments are only ever deleted with their whole
//   thread, and a foreign key on them would cost one more index on every insert.
// - comments.score is upvotes - downvotes, kept by SQLite (generated column) for "best".
// - Listing indexes are partial (published and deleted comments only): held and rejected
//   comments, spam included, never lengthen a page's range scan. The queries repeat the same
//   `status IN ('published', 'deleted')` term, which is what lets SQLite use them.
//   comments_by_root is complete: it also serves the ON DELETE CASCADE from threads.
constexpr char kMigration0001[] = R"sql(
CREATE TABLE sites (
  id                  TEXT PRIMARY KEY NOT NULL,
  name                TEXT NOT NULL,
  origins             TEXT NOT NULL,
  locale              TEXT NOT NULL,
  time_zone           TEXT NOT NULL,
  auto_create_threads INTEGER NOT NULL CHECK (auto_create_threads IN (0, 1)),
  salt                TEXT NOT NULL,
  created_at          INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE threads (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id       TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  key           TEXT NOT NULL,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  closed        INTEGER NOT NULL CHECK (closed IN (0, 1)),
  comment_count INTEGER NOT NULL CHECK (comment_count >= 0),
  created_at    INTEGER NOT NULL,
  UNIQUE (site_id, key)
);

CREATE TABLE comments (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  thread_id       INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  site_id         TEXT NOT NULL,
  parent_id       INTEGER,
  root_id         INTEGER NOT NULL,
  depth           INTEGER NOT NULL CHECK (depth >= 0),
  author          TEXT NOT NULL,
  email           TEXT NOT NULL,
  text            TEXT NOT NULL,
  html            TEXT NOT NULL,
  status          TEXT NOT NULL
                  CHECK (status IN ('published', 'held', 'rejected', 'deleted')),
  created_at      INTEGER NOT NULL,
  edited_at       INTEGER,
  upvotes         INTEGER NOT NULL,
  downvotes       INTEGER NOT NULL,
  score           INTEGER GENERATED ALWAYS AS (upvotes - downvotes) STORED,
  edit_token_hash TEXT NOT NULL,
  client_hash     TEXT NOT NULL,
  source_id       TEXT NOT NULL,
  moderation      TEXT NOT NULL
);

-- Top-level comments, oldest and newest first (forward and backward range scans).
CREATE INDEX comments_top_by_time ON comments (thread_id, depth, created_at, id)
  WHERE status IN ('published', 'deleted');
-- Top-level comments, best first (backward range scan).
CREATE INDEX comments_top_by_score ON comments (thread_id, depth, score, id)
  WHERE status IN ('published', 'deleted');
-- Replies of a page's roots; also the thread -> comments cascade.
CREATE INDEX comments_by_root ON comments (thread_id, root_id, created_at, id);
-- A site's recent comments (moderation warm-up).
CREATE INDEX comments_site_recent ON comments (site_id, created_at, id);
-- Imported comments by their id in the publisher's previous system.
CREATE UNIQUE INDEX comments_import ON comments (site_id, source_id) WHERE source_id <> '';

CREATE TABLE votes (
  comment_id INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  voter_hash TEXT NOT NULL,
  direction  INTEGER NOT NULL CHECK (direction IN (-1, 1)),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (comment_id, voter_hash)
) WITHOUT ROWID;
)sql";

// 0002: the moderators' side: users and their memberships, sessions, reader reports,
// bans, the audit log, and each site's settings.
//
// - users.email is stored lower-cased (ASCII) by the store, so the UNIQUE constraint is the
//   case-insensitive one. Memberships and sessions go with their user (ON DELETE CASCADE);
//   memberships, bans and audit entries go with their site, reports with their comment.
// - reports: one per (comment, reporter). The uniqueness is a partial index on non-empty
//   reporter hashes, because PurgePersonalData empties old reporter hashes and two purged
//   reports of one comment must not collide. reports_open finds a comment's unresolved reports
//   (the queue's "reported" filter and its open_reports count); queries repeat `resolved = 0`.
// - comments_queue (status, site_id, created_at, id): the moderation queue, one status of some
//   sites newest or oldest first. Without a status filter the queue uses comments_site_recent.
// - comments_by_email: GDPR export and erasure, on lower(email) (SQLite's lower() folds ASCII
//   only, as the store does); partial, since most comments have no e-mail.
// - comments_by_author, comments_by_client: the author filter of the queue and an author's
//   history on a site (by display name or by client hash).
// - bans_by_site: a site's bans; a site has few, so FindBan scans them.
// - audit_log is append-only; audit_by_site pages through a site's entries newest first by id.
constexpr char kMigration0002[] = R"sql(
ALTER TABLE sites ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';

CREATE TABLE users (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  email         TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until  INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

CREATE TABLE memberships (
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  role    TEXT NOT NULL CHECK (role IN ('moderator', 'admin')),
  PRIMARY KEY (user_id, site_id)
) WITHOUT ROWID;
-- The sites -> memberships cascade.
CREATE INDEX memberships_by_site ON memberships (site_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY NOT NULL,
  user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE reports (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  comment_id    INTEGER NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  reason        TEXT NOT NULL,
  note          TEXT NOT NULL,
  reporter_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  resolved      INTEGER NOT NULL CHECK (resolved IN (0, 1))
);
CREATE UNIQUE INDEX reports_one_per_reporter ON reports (comment_id, reporter_hash)
  WHERE reporter_hash <> '';
-- Also the comments -> reports cascade.
CREATE INDEX reports_by_comment ON reports (comment_id, created_at, id);
CREATE INDEX reports_open ON reports (comment_id) WHERE resolved = 0;

CREATE TABLE bans (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id       TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  author_folded TEXT NOT NULL,
  client_hash   TEXT NOT NULL,
  email_hash    TEXT NOT NULL,
  reason        TEXT NOT NULL,
  created_by    INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
);
CREATE INDEX bans_by_site ON bans (site_id, created_at, id);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id     TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL,
  user_email  TEXT NOT NULL,
  action      TEXT NOT NULL,
  comment_id  INTEGER,
  reason      TEXT NOT NULL,
  detail      TEXT NOT NULL,
  response_ms INTEGER NOT NULL,
  at          INTEGER NOT NULL
);
CREATE INDEX audit_by_site ON audit_log (site_id, id);

CREATE INDEX comments_queue ON comments (status, site_id, created_at, id);
CREATE INDEX comments_by_email ON comments (lower(email)) WHERE email <> '';
CREATE INDEX comments_by_author ON comments (site_id, author);
CREATE INDEX comments_by_client ON comments (site_id, client_hash) WHERE client_hash <> '';
)sql";

// 0003: review after publishing. A comment the pipeline published with its review outcome is
// marked (review = 1) until a moderator decides on it; risk, in ten-thousandths (0..10000:
// store.h RiskKey), orders the review queue. comments_review serves that queue: partial, as few
// comments are waiting; review and status lead its columns so that SQLite's planner, which
// counts equality terms, prefers it to comments_queue (status, site_id) even without
// statistics (a site's published comments are many, its waiting ones few). The queue sorts
// the few it finds by risk.
constexpr char kMigration0003[] = R"sql(
ALTER TABLE comments ADD COLUMN review INTEGER NOT NULL DEFAULT 0 CHECK (review IN (0, 1));
ALTER TABLE comments ADD COLUMN risk INTEGER NOT NULL DEFAULT 0 CHECK (risk BETWEEN 0 AND 10000);
CREATE INDEX comments_review ON comments (review, status, site_id, risk, id) WHERE review = 1;
)sql";

// 0004: reader actions bound to what a reader cannot mint for free, and the analysis API's
// keys.
//
// - votes.voter_hash is now the hash of the voter's client (core/client_address.h ClientKey),
//   one vote per client and comment by the primary key; votes.token_hash the hash of the
//   widget's per-browser token, one vote per token and comment by votes_one_per_token (partial:
//   votes made without a token, and every vote made before 0004, have ''). votes_by_voter
//   counts a client's recent votes (hourly budget).
// - reports: range_hash (the client's network, ClientRange: reports from one range count once
//   towards the threshold), token_hash (one report per browser and comment, partial unique
//   index as for reporter_hash), outcome ('' while open; 'upheld' or 'dismissed' when a
//   moderator decides: a reporter's record weighs their next reports), burst (this report
//   made a burst; reports_bursts finds the comments whose burst is still open, for the
//   console's alert). reports_by_reporter serves a reporter's recent reports (hourly budget)
//   and record.
// - api_keys: one row per key of a site; key_hash (BLAKE2b of the key, never the key) is
//   unique and is how a request's key is found. Keys go with their site.
constexpr char kMigration0004[] = R"sql(
ALTER TABLE votes ADD COLUMN token_hash TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX votes_one_per_token ON votes (comment_id, token_hash) WHERE token_hash <> '';
CREATE INDEX votes_by_voter ON votes (voter_hash, created_at);

ALTER TABLE reports ADD COLUMN range_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN token_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN outcome TEXT NOT NULL DEFAULT ''
  CHECK (outcome IN ('', 'upheld', 'dismissed'));
ALTER TABLE reports ADD COLUMN burst INTEGER NOT NULL DEFAULT 0 CHECK (burst IN (0, 1));
CREATE UNIQUE INDEX reports_one_per_token ON reports (comment_id, token_hash)
  WHERE token_hash <> '';
CREATE INDEX reports_by_reporter ON reports (reporter_hash, created_at) WHERE reporter_hash <> '';
CREATE INDEX reports_bursts ON reports (comment_id) WHERE burst = 1 AND resolved = 0;

CREATE TABLE api_keys (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id    TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  key_hash   TEXT NOT NULL UNIQUE,
  hint       TEXT NOT NULL,
  per_minute INTEGER NOT NULL CHECK (per_minute > 0),
  created_at INTEGER NOT NULL
);
CREATE INDEX api_keys_by_site ON api_keys (site_id, id);
)sql";

// 0005: what the pipeline rejects is kept for a while, and a comment's decisions are found
// without scanning its site's log.
//
// - comments.auto_rejected: 1 for a comment the pipeline rejected on arrival (stored with status
//   'rejected' and its decision, for the console's "Rejetés automatiquement" view and its
//   "faux positif" action). Set at insert and never changed: a rejected comment that has it is
//   the pipeline's, one that has not a moderator's. comments_auto_rejected serves that view and
//   the retention's deletion (partial: such comments are a small share).
// - audit_by_comment: the decisions on one comment, newest first (the console's "dépublié par"
//   and undo).
constexpr char kMigration0005[] = R"sql(
ALTER TABLE comments ADD COLUMN auto_rejected INTEGER NOT NULL DEFAULT 0
  CHECK (auto_rejected IN (0, 1));
CREATE INDEX comments_auto_rejected ON comments (site_id, created_at, id) WHERE auto_rejected = 1;
CREATE INDEX audit_by_comment ON audit_log (comment_id, id) WHERE comment_id IS NOT NULL;
)sql";

// - webhooks: a site's endpoints (core/webhook.h); `events` is a bit set of WebhookEvent.
// - outbox: one row per notification to deliver, written in the transaction of its event
//   (notification_store.h). `claimed_until` is a sender's lease; `next_attempt_at` the time of
//   the next try (0: at once); `done_at` when it was sent or given up. outbox_due serves the
//   sender's claim (pending rows only), outbox_by_site the console's list, outbox_done the purge.
constexpr char kMigration0006[] = R"sql(
CREATE TABLE webhooks (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id    TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  url        TEXT NOT NULL,
  format     TEXT NOT NULL CHECK (format IN ('palabre', 'slack', 'telegram')),
  events     INTEGER NOT NULL CHECK (events > 0 AND events < 32),
  secret     TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX webhooks_by_site ON webhooks (site_id, id);

CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id       INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  site_id          TEXT NOT NULL,
  event            INTEGER NOT NULL,
  subject_id       INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL DEFAULT 0,
  claimed_until    INTEGER NOT NULL DEFAULT 0,
  first_attempt_at INTEGER NOT NULL DEFAULT 0,
  done_at          INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX outbox_by_site ON outbox (site_id, id);
CREATE INDEX outbox_by_webhook ON outbox (webhook_id);
CREATE INDEX outbox_done ON outbox (done_at) WHERE state <> 'pending';
)sql";

// 0007: reply e-mails (core/subscriber.h).
// - subscribers: a site's addresses that asked for replies; `email_key` is the address in ASCII
//   lower case (one subscriber per address and site); confirmed_at 0 until confirmed.
// - comment_subscriptions: which subscriber wants the replies to a comment.
// - comments.replies_token: the author's replies feed (Comment::replies_token), with the
//   indexes of its query (ListRepliesTo): the reader's comments, then the replies to them.
// - outbox: a row is now a webhook's or a subscriber's (exactly one of the two); SQLite cannot
//   drop a NOT NULL, so the table is rebuilt, its ids and AUTOINCREMENT counter kept (a row's id
//   is a delivery's idempotency key: never reused). outbox_by_subscriber serves the sender's
//   digest and the "once per reply" check.
constexpr char kMigration0007[] = R"sql(
CREATE TABLE subscribers (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id         TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  email           TEXT NOT NULL,
  email_key       TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  confirmed_at    INTEGER NOT NULL DEFAULT 0,
  confirm_sent_at INTEGER NOT NULL DEFAULT 0,
  UNIQUE (site_id, email_key)
);
CREATE INDEX subscribers_by_email ON subscribers (email_key);

CREATE TABLE comment_subscriptions (
  comment_id    INTEGER PRIMARY KEY REFERENCES comments (id) ON DELETE CASCADE,
  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE
);
CREATE INDEX comment_subscriptions_by_subscriber ON comment_subscriptions (subscriber_id);

ALTER TABLE comments ADD COLUMN replies_token TEXT NOT NULL DEFAULT '';
CREATE INDEX comments_by_replies_token ON comments (site_id, replies_token)
  WHERE replies_token <> '';
CREATE INDEX comments_by_parent ON comments (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE outbox_new (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id       INTEGER REFERENCES webhooks (id) ON DELETE CASCADE,
  subscriber_id    INTEGER REFERENCES subscribers (id) ON DELETE CASCADE,
  site_id          TEXT NOT NULL,
  event            INTEGER NOT NULL,
  subject_id       INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER NOT NULL DEFAULT 0,
  claimed_until    INTEGER NOT NULL DEFAULT 0,
  first_attempt_at INTEGER NOT NULL DEFAULT 0,
  done_at          INTEGER NOT NULL DEFAULT 0,
  last_error       TEXT NOT NULL DEFAULT '',
  CHECK ((webhook_id IS NULL) <> (subscriber_id IS NULL))
);
INSERT INTO outbox_new (id, webhook_id, site_id, event, subject_id, created_at, state, attempts,
                        next_attempt_at, claimed_until, first_attempt_at, done_at, last_error)
  SELECT id, webhook_id, site_id, event, subject_id, created_at, state, attempts,
         next_attempt_at, claimed_until, first_attempt_at, done_at, last_error FROM outbox;
DELETE FROM sqlite_sequence WHERE name = 'outbox_new';
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_new', seq FROM sqlite_sequence
  WHERE name = 'outbox';
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX outbox_by_site ON outbox (site_id, id);
CREATE INDEX outbox_by_webhook ON outbox (webhook_id) WHERE webhook_id IS NOT NULL;
CREATE INDEX outbox_by_subscriber ON outbox (subscriber_id, id) WHERE subscriber_id IS NOT NULL;
CREATE INDEX outbox_done ON outbox (done_at) WHERE state <> 'pending';
)sql";

constexpr Migration kMigrations[] = {
    {1, "0001_initial_schema", kMigration0001}, {2, "0002_moderation", kMigration0002},
    {3, "0003_review", kMigration0003},         {4, "0004_reader_identity", kMigration0004},
    {5, "0005_auto_rejected", kMigration0005},  {6, "0006_outbox", kMigration0006},
    {7, "0007_reply_mail", kMigration0007},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Status Migrate(Db& db) {
  // IMMEDIATE: two processes opening a new file at once must not both create the schema.
  PALABRE_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  auto fail = [&db](Status status) {
    db.Exec("ROLLBACK").IgnoreError();  // best effort: the failure is what matters
    return status;
  };
  Result<std::int64_t> current = db.QueryInt("PRAGMA user_version");
  if (!current.ok()) return fail(current.status());
  if (*current > LatestSchemaVersion()) {
    return fail(Status(Error::kInternal, "database schema version " + std::to_string(*current) +
                                             " is newer than this build (" +
                                             std::to_string(LatestSchemaVersion()) + ")"));
  }
  for (const Migration& migration : kMigrations) {
    if (migration.version <= *current) continue;
    Status applied = db.Exec(migration.sql);
    if (!applied.ok()) {
      return fail(Status(applied.error(),
                         std::string("migration ") + migration.name + ": " + applied.message()));
    }
  }
  if (*current < LatestSchemaVersion()) {
    // PRAGMA takes no parameters; the value is our own integer.
    std::string set_version = "PRAGMA user_version = " + std::to_string(LatestSchemaVersion());
    Status set = db.Exec(set_version.c_str());
    if (!set.ok()) return fail(set);
  }
  Status committed = db.Exec("COMMIT");
  if (!committed.ok()) return fail(committed);
  return Status::Ok();
}

}  // namespace palabre::store::sqlite
