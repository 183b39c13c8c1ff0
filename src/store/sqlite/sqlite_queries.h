// Every SQL statement SqliteStore runs, as named constants. Shared with sqlite_store_test.cc,
// which runs EXPLAIN QUERY PLAN on the listing queries to pin their indexes.
//
// The address of each constant is its key in a connection's statement cache (sqlite_db.h), so
// these are `inline constexpr` (one object, one address, in the whole program). Parameters are
// numbered (?1, ?2 ...) and documented by the column list they fill.
#pragma once

namespace palabre::store::sqlite::sql {

// Transactions. IMMEDIATE takes the write lock up front: a write transaction never fails half
// way because another process wrote first.
inline constexpr char kBeginWrite[] = "BEGIN IMMEDIATE";
inline constexpr char kBeginRead[] = "BEGIN";
inline constexpr char kCommit[] = "COMMIT";
inline constexpr char kRollback[] = "ROLLBACK";
// One write inside a batch (SqliteStore::Batch).
inline constexpr char kSavepoint[] = "SAVEPOINT batch_write";
inline constexpr char kReleaseSavepoint[] = "RELEASE batch_write";
inline constexpr char kRollbackToSavepoint[] = "ROLLBACK TO batch_write";

// --- Sites ------------------------------------------------------------------------------------
// Columns: 0 id, 1 name, 2 origins, 3 locale, 4 time_zone, 5 auto_create_threads, 6 salt,
// 7 created_at, 8 settings.
#define PALABRE_SITE_COLUMNS \
  "id, name, origins, locale, time_zone, auto_create_threads, salt, created_at, settings"

inline constexpr char kInsertSite[] =
    "INSERT INTO sites (" PALABRE_SITE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
inline constexpr char kSiteExists[] = "SELECT 1 FROM sites WHERE id = ?1";
// created_at never changes.
inline constexpr char kUpdateSite[] =
    "UPDATE sites SET name = ?2, origins = ?3, locale = ?4, time_zone = ?5, "
    "auto_create_threads = ?6, salt = ?7, settings = ?9 WHERE id = ?1";
inline constexpr char kSelectSite[] = "SELECT " PALABRE_SITE_COLUMNS " FROM sites WHERE id = ?1";
inline constexpr char kSelectSites[] = "SELECT " PALABRE_SITE_COLUMNS " FROM sites ORDER BY id";
// Threads, comments, votes, reports, memberships, bans and audit entries follow by ON DELETE
// CASCADE.
inline constexpr char kDeleteSite[] = "DELETE FROM sites WHERE id = ?1";

#undef PALABRE_SITE_COLUMNS

// --- Threads ----------------------------------------------------------------------------------
// Columns: 0 id, 1 site_id, 2 key, 3 title, 4 body, 5 closed, 6 comment_count, 7 created_at.
#define PALABRE_THREAD_COLUMNS "id, site_id, key, title, body, closed, comment_count, created_at"

inline constexpr char kSelectThreadByKey[] =
    "SELECT " PALABRE_THREAD_COLUMNS " FROM threads WHERE site_id = ?1 AND key = ?2";
inline constexpr char kSelectThreadById[] =
    "SELECT " PALABRE_THREAD_COLUMNS " FROM threads WHERE id = ?1";
// Export: a site's threads after ?2, by id, at most ?3.
inline constexpr char kListSiteThreads[] = "SELECT " PALABRE_THREAD_COLUMNS
                                           " FROM threads WHERE site_id = ?1 AND id > ?2 "
                                           "ORDER BY id LIMIT ?3";
inline constexpr char kInsertThread[] =
    "INSERT INTO threads (site_id, key, title, body, closed, comment_count, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)";
// Fills an empty title or body, leaves a non-empty one alone.
inline constexpr char kFillThread[] =
    "UPDATE threads SET title = CASE WHEN title = '' THEN ?2 ELSE title END, "
    "body = CASE WHEN body = '' THEN ?3 ELSE body END WHERE id = ?1";
inline constexpr char kSetThreadClosed[] = "UPDATE threads SET closed = ?2 WHERE id = ?1";
inline constexpr char kSetThreadTitle[] = "UPDATE threads SET title = ?2 WHERE id = ?1";
inline constexpr char kAddToCommentCount[] =
    "UPDATE threads SET comment_count = comment_count + ?2 WHERE id = ?1";
inline constexpr char kSelectThreadSite[] = "SELECT site_id FROM threads WHERE id = ?1";
inline constexpr char kCountComments[] =
    "SELECT comment_count FROM threads WHERE site_id = ?1 AND key = ?2";

#undef PALABRE_THREAD_COLUMNS

// --- Comments ---------------------------------------------------------------------------------
// Columns: 0 id, 1 thread_id, 2 parent_id, 3 root_id, 4 depth, 5 author, 6 email, 7 text,
// 8 html, 9 status, 10 created_at, 11 edited_at, 12 upvotes, 13 downvotes, 14 edit_token_hash,
// 15 client_hash, 16 source_id, 17 moderation, 18 review, 19 risk (ten-thousandths),
// 20 auto_rejected.
#define PALABRE_COMMENT_COLUMNS                                                               \
  "id, thread_id, parent_id, root_id, depth, author, email, text, html, status, created_at, " \
  "edited_at, upvotes, downvotes, edit_token_hash, client_hash, source_id, moderation, "      \
  "review, risk, auto_rejected"
// The statuses listing methods return; the partial listing indexes carry the same term.
#define PALABRE_LISTED "status IN ('published', 'deleted')"

// The writer holds the write lock while it reads this, so the id cannot be taken meanwhile;
// knowing it before the insert lets a top-level comment be its own root in one INSERT. An
// explicit id moves the AUTOINCREMENT sequence forward as a generated one would, so ids are
// never reused.
inline constexpr char kNextCommentId[] =
    "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'comments'), 0) + 1";
// ?1 id, ?2 thread_id, ?3 site_id, then the comment columns from parent_id to risk.
inline constexpr char kInsertComment[] =
    "INSERT INTO comments (id, thread_id, site_id, parent_id, root_id, depth, author, email, "
    "text, html, status, created_at, edited_at, upvotes, downvotes, edit_token_hash, "
    "client_hash, source_id, moderation, review, risk, auto_rejected, replies_token) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19, ?20, ?21, ?22, ?23)";
inline constexpr char kSelectComment[] =
    "SELECT " PALABRE_COMMENT_COLUMNS " FROM comments WHERE id = ?1";
// Columns: 0 thread_id, 1 root_id, 2 depth, 3 status.
inline constexpr char kSelectCommentPlace[] =
    "SELECT thread_id, root_id, depth, status FROM comments WHERE id = ?1";
inline constexpr char kUpdateCommentText[] =
    "UPDATE comments SET text = ?2, html = ?3, edited_at = ?4 WHERE id = ?1";
inline constexpr char kSetCommentStatus[] = "UPDATE comments SET status = ?2 WHERE id = ?1";
// ?1 id, ?2 moderation, ?3 review, ?4 risk.
inline constexpr char kSetCommentModeration[] =
    "UPDATE comments SET moderation = ?2, review = ?3, risk = ?4 WHERE id = ?1";

// Top-level comments: ?1 thread_id, ?2 cursor key, ?3 cursor id, ?4 limit. Keyset pagination:
// oldest = (created_at, id) ascending, newest = (created_at, id) descending,
// best = (score, id) descending (among equal scores, the newer comment first).
inline constexpr char kListTopOldest[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = ?1 AND depth = 0 AND " PALABRE_LISTED
    " ORDER BY created_at, id LIMIT ?4";
inline constexpr char kListTopOldestAfter[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = ?1 AND depth = 0 AND " PALABRE_LISTED
    " AND (created_at, id) > (?2, ?3) ORDER BY created_at, id LIMIT ?4";
inline constexpr char kListTopNewest[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = ?1 AND depth = 0 AND " PALABRE_LISTED
    " ORDER BY created_at DESC, id DESC LIMIT ?4";
inline constexpr char kListTopNewestAfter[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = ?1 AND depth = 0 AND " PALABRE_LISTED
    " AND (created_at, id) < (?2, ?3) ORDER BY created_at DESC, id DESC LIMIT ?4";
inline constexpr char kListTopBest[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = ?1 AND depth = 0 AND " PALABRE_LISTED
    " ORDER BY score DESC, id DESC LIMIT ?4";
inline constexpr char kListTopBestAfter[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = ?1 AND depth = 0 AND " PALABRE_LISTED
    " AND (score, id) < (?2, ?3) ORDER BY score DESC, id DESC LIMIT ?4";

// Replies of several roots: ?1 thread_id, ?2 the roots as a JSON array of integers. One lookup
// of comments_by_root per root. A reply is a comment that is not its own root (`id <> root_id`
// rather than `depth > 0`, which could tempt the planner towards a top-level index).
inline constexpr char kListReplies[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = ?1 AND "
    "root_id IN (SELECT value FROM json_each(?2)) AND id <> root_id AND " PALABRE_LISTED
    " ORDER BY created_at, id";

// A site's comments since ?2, any status: the latest ?3 of them, returned oldest first.
inline constexpr char kListRecent[] =
    "SELECT * FROM (SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE site_id = ?1 AND "
    "created_at >= ?2 ORDER BY created_at DESC, id DESC LIMIT ?3) ORDER BY created_at, id";
// The feeds: site ?1's latest ?2 published comments, newest first (the queue's index), and the
// same of thread ?1 of site ?3 (its comments through comments_by_root, then sorted).
// ?1 site, ?2 replies_token, ?3 limit.
inline constexpr char kListRepliesTo[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE status = 'published' AND replies_token <> ?2 AND parent_id IN "
    "(SELECT id FROM comments WHERE site_id = ?1 AND replies_token = ?2) "
    "ORDER BY created_at DESC, id DESC LIMIT ?3";
inline constexpr char kListLatestPublishedOfSite[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE status = 'published' AND site_id = ?1 "
    "ORDER BY created_at DESC, id DESC LIMIT ?2";
inline constexpr char kListLatestPublishedOfThread[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = ?1 AND site_id = ?3 AND status = 'published' "
    "ORDER BY created_at DESC, id DESC LIMIT ?2";
// Export: a thread's comments after ?2, any status, by id, at most ?3.
inline constexpr char kListThreadComments[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3";
// Export: the votes on thread ?1's comments after (?2 comment, ?3 voter), at most ?4.
inline constexpr char kListThreadVotes[] =
    "SELECT v.comment_id, v.voter_hash, v.token_hash, v.direction, v.created_at FROM votes v "
    "JOIN comments c ON c.id = v.comment_id WHERE c.thread_id = ?1 AND "
    "(v.comment_id, v.voter_hash) > (?2, ?3) ORDER BY v.comment_id, v.voter_hash LIMIT ?4";
// Export: the reports on thread ?1's comments after report ?2, by id, at most ?3.
inline constexpr char kListThreadReports[] =
    "SELECT r.id, r.comment_id, r.reason, r.note, r.reporter_hash, r.created_at, r.resolved, "
    "r.range_hash, r.token_hash, r.outcome, r.burst FROM reports r "
    "JOIN comments c ON c.id = r.comment_id WHERE c.thread_id = ?1 AND r.id > ?2 "
    "ORDER BY r.id LIMIT ?3";
// Restore: a vote as it was; one the comment has from this voter or token stays.
inline constexpr char kRestoreVote[] =
    "INSERT OR IGNORE INTO votes (comment_id, voter_hash, token_hash, direction, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
// Restore: a report as it was; one the comment has from this reporter or token (or, with an
// emptied reporter hash, at the same time) stays.
inline constexpr char kRestoreReport[] =
    "INSERT OR IGNORE INTO reports (comment_id, reason, note, reporter_hash, created_at, "
    "resolved, range_hash, token_hash, outcome, burst) "
    "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE NOT EXISTS (SELECT 1 FROM reports "
    "WHERE comment_id = ?1 AND reporter_hash = ?4 AND (?4 <> '' OR created_at = ?5))";
inline constexpr char kCountSiteComments[] =
    "SELECT COUNT(*) FROM comments WHERE thread_id IN (SELECT id FROM threads WHERE site_id = ?1)";
// Comments, votes and reports follow by ON DELETE CASCADE.
inline constexpr char kDeleteSiteThreads[] = "DELETE FROM threads WHERE site_id = ?1";

// The `source_id <> ''` term lets SQLite use the partial unique index comments_import.
inline constexpr char kFindImported[] =
    "SELECT id FROM comments WHERE site_id = ?1 AND source_id = ?2 AND source_id <> ''";

// --- Moderation ----------------------------------------------------------------------------------
// The queue is assembled by QueryComments from these parts (few combinations, each cached by
// its text: Db::PrepareText). Parameters: ?1 the site ids as a JSON array of strings, ?2
// status, ?3 thread_id, ?4 the reason-code LIKE pattern, ?5 the text LIKE pattern, ?6 author,
// ?7 cursor key (created_at, or risk for the review queue), ?8 cursor id, ?9 limit. Columns:
// the comment's, then 21 open_reports.
inline constexpr char kQueueSelect[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    ", (SELECT COUNT(*) FROM reports r WHERE r.comment_id = comments.id AND r.resolved = 0) "
    "FROM comments WHERE site_id IN (SELECT value FROM json_each(?1))";
inline constexpr char kQueueStatus[] = " AND status = ?2";
// ?10: 1 only what the pipeline rejected on arrival, 0 everything else.
inline constexpr char kQueueAutoRejected[] = " AND auto_rejected = ?10";
inline constexpr char kQueueThread[] = " AND thread_id = ?3";
inline constexpr char kQueueReported[] =
    " AND EXISTS (SELECT 1 FROM reports r WHERE r.comment_id = comments.id AND r.resolved = 0)";
inline constexpr char kQueueReason[] = " AND moderation LIKE ?4 ESCAPE '\\'";
inline constexpr char kQueueText[] =
    " AND (text LIKE ?5 ESCAPE '\\' OR author LIKE ?5 ESCAPE '\\')";
inline constexpr char kQueueAuthor[] = " AND author = ?6";
// Waiting for review: the leading terms of the partial index comments_review.
inline constexpr char kQueueReview[] = " AND review = 1 AND status = 'published'";
inline constexpr char kQueueAfterNewest[] = " AND (created_at, id) < (?7, ?8)";
inline constexpr char kQueueAfterOldest[] = " AND (created_at, id) > (?7, ?8)";
inline constexpr char kQueueOrderNewest[] = " ORDER BY created_at DESC, id DESC LIMIT ?9";
inline constexpr char kQueueOrderOldest[] = " ORDER BY created_at, id LIMIT ?9";
inline constexpr char kQueueAfterRisk[] = " AND (risk, id) < (?7, ?8)";
inline constexpr char kQueueOrderRisk[] = " ORDER BY risk DESC, id DESC LIMIT ?9";

// ?1 id: a moderator decided on the comment.
inline constexpr char kClearReview[] =
    "UPDATE comments SET review = 0 WHERE id = ?1 AND review = 1";
// ?1 id, ?2 outcome: marks the comment's open reports resolved.
inline constexpr char kResolveReports[] =
    "UPDATE reports SET resolved = 1, outcome = ?2 WHERE comment_id = ?1 AND resolved = 0";

// ?1 site_id, ?2 author ('' matches nothing), ?3 client_hash ('' matches nothing).
// Columns: 0 status, 1 count.
inline constexpr char kAuthorHistory[] =
    "SELECT status, COUNT(*) FROM ("
    "SELECT id, status FROM comments WHERE site_id = ?1 AND author = ?2 AND ?2 <> '' "
    "UNION SELECT id, status FROM comments WHERE site_id = ?1 AND client_hash = ?3 "
    "AND client_hash <> '' AND ?3 <> '') GROUP BY status";

// ?1 site_id, ?2 since, ?3 until. Columns: 0 id, 1 status, 2 created_at, 3 moderation.
inline constexpr char kCommentFacts[] =
    "SELECT id, status, created_at, moderation FROM comments WHERE site_id = ?1 "
    "AND created_at >= ?2 AND created_at < ?3 ORDER BY created_at, id";

// GDPR: ?1 the lower-cased e-mail (never ''). The terms match the index comments_by_email.
inline constexpr char kCommentsByEmail[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE lower(email) = ?1 AND email <> '' ORDER BY created_at, id";
// Columns: 0 thread_id, 1 published comments among them.
inline constexpr char kPublishedByEmail[] =
    "SELECT thread_id, COUNT(*) FROM comments WHERE lower(email) = ?1 AND email <> '' "
    "AND status = 'published' GROUP BY thread_id";
inline constexpr char kEraseByEmail[] =
    "UPDATE comments SET text = '', html = '', author = '', email = '', client_hash = '', "
    "edit_token_hash = '', replies_token = '', status = 'deleted' "
    "WHERE lower(email) = ?1 AND email <> ''";
// ?1 cutoff.
inline constexpr char kPurgeComments[] =
    "UPDATE comments SET email = '', client_hash = '', replies_token = '' WHERE created_at < ?1 "
    "AND (email <> '' OR client_hash <> '' OR replies_token <> '')";
inline constexpr char kPurgeReports[] =
    "UPDATE reports SET reporter_hash = '', range_hash = '', token_hash = '' "
    "WHERE created_at < ?1 AND (reporter_hash <> '' OR range_hash <> '' OR token_hash <> '')";

// Retention of what the pipeline rejected: ?1 site_id, ?2 cutoff. A comment a moderator
// published in between and that was answered then is kept (its replies keep their place).
inline constexpr char kDeleteAutoRejected[] =
    "DELETE FROM comments WHERE site_id = ?1 AND auto_rejected = 1 AND status = 'rejected' "
    "AND created_at < ?2 AND NOT EXISTS (SELECT 1 FROM comments c2 WHERE c2.parent_id = "
    "comments.id)";

#undef PALABRE_LISTED
#undef PALABRE_COMMENT_COLUMNS

// --- Users ------------------------------------------------------------------------------------
// Columns: 0 id, 1 email, 2 password_hash, 3 failed_logins, 4 locked_until, 5 created_at.
#define PALABRE_USER_COLUMNS "id, email, password_hash, failed_logins, locked_until, created_at"

inline constexpr char kInsertUser[] =
    "INSERT INTO users (email, password_hash, failed_logins, locked_until, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
inline constexpr char kUserExists[] = "SELECT 1 FROM users WHERE id = ?1";
inline constexpr char kUserEmailExists[] = "SELECT 1 FROM users WHERE email = ?1";
inline constexpr char kSelectUser[] = "SELECT " PALABRE_USER_COLUMNS " FROM users WHERE id = ?1";
inline constexpr char kSelectUserByEmail[] =
    "SELECT " PALABRE_USER_COLUMNS " FROM users WHERE email = ?1";
inline constexpr char kSelectUsers[] = "SELECT " PALABRE_USER_COLUMNS " FROM users ORDER BY email";
inline constexpr char kDeleteUser[] = "DELETE FROM users WHERE id = ?1";
inline constexpr char kSetPassword[] = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
inline constexpr char kDeleteUserSessions[] = "DELETE FROM sessions WHERE user_id = ?1";
inline constexpr char kSetLoginState[] =
    "UPDATE users SET failed_logins = ?2, locked_until = ?3 WHERE id = ?1";

#undef PALABRE_USER_COLUMNS

// Columns: 0 user_id, 1 site_id, 2 role.
inline constexpr char kSelectMemberships[] =
    "SELECT user_id, site_id, role FROM memberships WHERE user_id = ?1 ORDER BY site_id";
inline constexpr char kSelectAllMemberships[] =
    "SELECT user_id, site_id, role FROM memberships ORDER BY user_id, site_id";
// ?1 user_id, ?2 site_id, ?3 role.
inline constexpr char kUpsertMembership[] =
    "INSERT INTO memberships (user_id, site_id, role) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (user_id, site_id) DO UPDATE SET role = excluded.role";
inline constexpr char kDeleteMembership[] =
    "DELETE FROM memberships WHERE user_id = ?1 AND site_id = ?2";

// --- Sessions ---------------------------------------------------------------------------------
// Columns: 0 token_hash, 1 user_id, 2 csrf_token, 3 created_at, 4 expires_at.
inline constexpr char kInsertSession[] =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
// ?1 token_hash, ?2 now: only a session not yet expired.
inline constexpr char kSelectSession[] =
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
    "WHERE token_hash = ?1 AND expires_at > ?2";
inline constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE token_hash = ?1";
inline constexpr char kDeleteExpiredSessions[] = "DELETE FROM sessions WHERE expires_at <= ?1";

// --- Reports ----------------------------------------------------------------------------------
// Columns: 0 id, 1 comment_id, 2 reason, 3 note, 4 reporter_hash, 5 created_at, 6 resolved,
// 7 range_hash, 8 token_hash, 9 outcome, 10 burst.
// ?1 comment_id, ?2 reporter_hash, ?3 token_hash ('' matches no token).
inline constexpr char kReporterExists[] =
    "SELECT 1 FROM reports WHERE comment_id = ?1 AND ((reporter_hash = ?2 AND reporter_hash <> '') "
    "OR (token_hash = ?3 AND token_hash <> ''))";
inline constexpr char kInsertReport[] =
    "INSERT INTO reports (comment_id, reason, note, reporter_hash, created_at, resolved, "
    "range_hash, token_hash, outcome, burst) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, '', ?8)";
inline constexpr char kCountOpenReports[] =
    "SELECT COUNT(*) FROM reports WHERE comment_id = ?1 AND resolved = 0";
inline constexpr char kSelectReports[] =
    "SELECT id, comment_id, reason, note, reporter_hash, created_at, resolved, range_hash, "
    "token_hash, outcome, burst FROM reports WHERE comment_id = ?1 ORDER BY created_at, id";
// ?1 comment_id. Columns: 0 reporter_hash, 1 range_hash, 2 created_at, 3 burst, 4 upheld,
// 5 dismissed (the reporter's resolved reports, any comment: reports_by_reporter).
inline constexpr char kOpenReports[] =
    "SELECT r.reporter_hash, r.range_hash, r.created_at, r.burst, "
    "(SELECT COUNT(*) FROM reports h WHERE h.reporter_hash = r.reporter_hash "
    "AND h.reporter_hash <> '' AND h.outcome = 'upheld'), "
    "(SELECT COUNT(*) FROM reports h WHERE h.reporter_hash = r.reporter_hash "
    "AND h.reporter_hash <> '' AND h.outcome = 'dismissed') "
    "FROM reports r WHERE r.comment_id = ?1 AND r.resolved = 0 ORDER BY r.created_at, r.id";
// ?1 reporter_hash, ?2 since. Columns: 0 count, 1 oldest created_at (0 if none).
inline constexpr char kRecentReports[] =
    "SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM reports WHERE reporter_hash = ?1 "
    "AND reporter_hash <> '' AND created_at >= ?2";
// ?1 the site ids as a JSON array of strings.
inline constexpr char kCountReportBursts[] =
    "SELECT COUNT(DISTINCT r.comment_id) FROM reports r JOIN comments c ON c.id = r.comment_id "
    "WHERE r.burst = 1 AND r.resolved = 0 AND c.site_id IN (SELECT value FROM json_each(?1))";

// --- API keys ---------------------------------------------------------------------------------
// Columns: 0 id, 1 site_id, 2 name, 3 key_hash, 4 hint, 5 per_minute, 6 created_at.
#define PALABRE_API_KEY_COLUMNS "id, site_id, name, key_hash, hint, per_minute, created_at"
inline constexpr char kInsertApiKey[] =
    "INSERT INTO api_keys (site_id, name, key_hash, hint, per_minute, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
inline constexpr char kSelectApiKeys[] =
    "SELECT " PALABRE_API_KEY_COLUMNS " FROM api_keys WHERE site_id = ?1 ORDER BY id";
inline constexpr char kSelectApiKeyByHash[] =
    "SELECT " PALABRE_API_KEY_COLUMNS " FROM api_keys WHERE key_hash = ?1";
inline constexpr char kDeleteApiKey[] = "DELETE FROM api_keys WHERE site_id = ?1 AND id = ?2";
#undef PALABRE_API_KEY_COLUMNS

// --- Bans -------------------------------------------------------------------------------------
// Columns: 0 id, 1 site_id, 2 author_folded, 3 client_hash, 4 email_hash, 5 reason,
// 6 created_by, 7 created_at, 8 expires_at (0: never).
#define PALABRE_BAN_COLUMNS                                                               \
  "id, site_id, author_folded, client_hash, email_hash, reason, created_by, created_at, " \
  "expires_at"
#define PALABRE_BAN_ACTIVE "(expires_at = 0 OR expires_at > ?2)"

inline constexpr char kInsertBan[] =
    "INSERT INTO bans (site_id, author_folded, client_hash, email_hash, reason, created_by, "
    "created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
// ?1 site_id, ?2 now.
inline constexpr char kSelectBans[] =
    "SELECT " PALABRE_BAN_COLUMNS " FROM bans WHERE site_id = ?1 AND " PALABRE_BAN_ACTIVE
    " ORDER BY created_at DESC, id DESC";
inline constexpr char kSelectBan[] = "SELECT " PALABRE_BAN_COLUMNS " FROM bans WHERE id = ?1";
inline constexpr char kDeleteBan[] = "DELETE FROM bans WHERE id = ?1";
// ?1 site_id, ?2 now, ?3 author_folded, ?4 client_hash, ?5 email_hash; an empty field or
// argument matches nothing. The oldest matching ban.
inline constexpr char kFindBan[] =
    "SELECT " PALABRE_BAN_COLUMNS " FROM bans WHERE site_id = ?1 AND " PALABRE_BAN_ACTIVE
    " AND ((author_folded <> '' AND author_folded = ?3) "
    "OR (client_hash <> '' AND client_hash = ?4) "
    "OR (email_hash <> '' AND email_hash = ?5)) ORDER BY id LIMIT 1";

#undef PALABRE_BAN_ACTIVE
#undef PALABRE_BAN_COLUMNS

// --- Audit log --------------------------------------------------------------------------------
// Columns: 0 id, 1 site_id, 2 user_id, 3 user_email, 4 action, 5 comment_id, 6 reason,
// 7 detail, 8 response_ms, 9 at.
inline constexpr char kInsertAudit[] =
    "INSERT INTO audit_log (site_id, user_id, user_email, action, comment_id, reason, detail, "
    "response_ms, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
#define PALABRE_AUDIT_COLUMNS \
  "id, site_id, user_id, user_email, action, comment_id, reason, detail, response_ms, at"
// ?1 site_id, ?3 limit; "Before": ?2 before_id.
inline constexpr char kSelectAudit[] =
    "SELECT " PALABRE_AUDIT_COLUMNS " FROM audit_log WHERE site_id = ?1 ORDER BY id DESC LIMIT ?3";
inline constexpr char kSelectAuditBefore[] =
    "SELECT " PALABRE_AUDIT_COLUMNS
    " FROM audit_log WHERE site_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3";
// ?1 comment_id, ?2 limit; the terms match the partial index audit_by_comment.
inline constexpr char kSelectCommentAudit[] =
    "SELECT " PALABRE_AUDIT_COLUMNS
    " FROM audit_log WHERE comment_id = ?1 AND comment_id IS NOT NULL ORDER BY id DESC LIMIT ?2";

#undef PALABRE_AUDIT_COLUMNS

// --- Votes ------------------------------------------------------------------------------------
// The votes of comment ?1 by voter ?2 or by browser token ?3 ('' matches no token).
#define PALABRE_VOTES_OF \
  "comment_id = ?1 AND (voter_hash = ?2 OR (token_hash = ?3 AND token_hash <> ''))"
// Columns: 0 direction.
inline constexpr char kSelectVotes[] = "SELECT direction FROM votes WHERE " PALABRE_VOTES_OF;
inline constexpr char kDeleteVotes[] = "DELETE FROM votes WHERE " PALABRE_VOTES_OF;
#undef PALABRE_VOTES_OF
inline constexpr char kInsertVote[] =
    "INSERT INTO votes (comment_id, voter_hash, token_hash, direction, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5)";
// ?1 voter_hash, ?2 since. Columns: 0 count, 1 oldest created_at (0 if none).
inline constexpr char kRecentVotes[] =
    "SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM votes WHERE voter_hash = ?1 "
    "AND created_at >= ?2";
// ?2 and ?3 are added to upvotes and downvotes (score follows: generated column).
inline constexpr char kAddVotes[] =
    "UPDATE comments SET upvotes = upvotes + ?2, downvotes = downvotes + ?3 WHERE id = ?1";

// --- Webhooks and outbox ------------------------------------------------------------------------
// Columns: 0 id, 1 site_id, 2 url, 3 format, 4 events, 5 secret, 6 created_at.
#define PALABRE_WEBHOOK_COLUMNS "id, site_id, url, format, events, secret, created_at"
inline constexpr char kInsertWebhook[] =
    "INSERT INTO webhooks (site_id, url, format, events, secret, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
inline constexpr char kSelectWebhooks[] =
    "SELECT " PALABRE_WEBHOOK_COLUMNS " FROM webhooks WHERE ?1 = '' OR site_id = ?1 ORDER BY id";
inline constexpr char kSelectWebhook[] =
    "SELECT " PALABRE_WEBHOOK_COLUMNS " FROM webhooks WHERE id = ?1";
// Its outbox rows follow (ON DELETE CASCADE).
inline constexpr char kDeleteWebhook[] = "DELETE FROM webhooks WHERE id = ?1";
#undef PALABRE_WEBHOOK_COLUMNS

// The database's clock in milliseconds: when an event committed.
#define PALABRE_NOW_MS "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
// One pending row per webhook of site ?1 subscribed to event ?2 (a WebhookEvent bit), about
// subject ?3.
inline constexpr char kEnqueueSiteEvent[] =
    "INSERT INTO outbox (webhook_id, site_id, event, subject_id, created_at) "
    "SELECT id, site_id, ?2, ?3, " PALABRE_NOW_MS
    " FROM webhooks WHERE site_id = ?1 AND (events & ?2) <> 0";
// The same for comment ?1's site, about the comment.
inline constexpr char kEnqueueCommentEvent[] =
    "INSERT INTO outbox (webhook_id, site_id, event, subject_id, created_at) "
    "SELECT w.id, w.site_id, ?2, c.id, " PALABRE_NOW_MS
    " FROM comments c JOIN webhooks w ON w.site_id = c.site_id "
    "WHERE c.id = ?1 AND (w.events & ?2) <> 0";
// The mail.reply row (512) of published comment ?1 for the confirmed subscriber of the comment
// it answers: not for the subscriber's own reply (same e-mail, or same author and client hash),
// and not twice.
inline constexpr char kEnqueueReplyMail[] =
    "INSERT INTO outbox (subscriber_id, site_id, event, subject_id, created_at) "
    "SELECT s.id, s.site_id, 512, r.id, " PALABRE_NOW_MS
    " FROM comments r JOIN comments p ON p.id = r.parent_id "
    "JOIN comment_subscriptions cs ON cs.comment_id = p.id "
    "JOIN subscribers s ON s.id = cs.subscriber_id "
    "WHERE r.id = ?1 AND r.status = 'published' AND r.source_id = '' AND s.confirmed_at <> 0 "
    "AND lower(r.email) <> s.email_key "
    "AND NOT (r.author = p.author AND r.client_hash = p.client_hash AND p.client_hash <> '') "
    "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.subscriber_id = s.id AND o.event = 512 "
    "AND o.subject_id = r.id)";
// A subscriber's mail.confirm row (256): ?1 subscriber, ?2 site, ?3 the signing-up comment.
inline constexpr char kEnqueueConfirmMail[] =
    "INSERT INTO outbox (subscriber_id, site_id, event, subject_id, created_at) "
    "VALUES (?1, ?2, 256, ?3, " PALABRE_NOW_MS ")";
#undef PALABRE_NOW_MS

// --- Reply-mail subscribers
// ----------------------------------------------------------------------- Columns: 0 id, 1 site_id,
// 2 email, 3 created_at, 4 confirmed_at, 5 confirm_sent_at.
#define PALABRE_SUBSCRIBER_COLUMNS "id, site_id, email, created_at, confirmed_at, confirm_sent_at"
// ?1 site, ?2 email, ?3 email_key, ?4 created_at. Nothing when the address is known.
inline constexpr char kInsertSubscriber[] =
    "INSERT INTO subscribers (site_id, email, email_key, created_at) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (site_id, email_key) DO NOTHING";
inline constexpr char kSelectSubscriberByKey[] =
    "SELECT " PALABRE_SUBSCRIBER_COLUMNS " FROM subscribers WHERE site_id = ?1 AND email_key = ?2";
inline constexpr char kSelectSubscriber[] =
    "SELECT " PALABRE_SUBSCRIBER_COLUMNS " FROM subscribers WHERE id = ?1";
#undef PALABRE_SUBSCRIBER_COLUMNS
inline constexpr char kSelectCommentSite[] = "SELECT site_id FROM comments WHERE id = ?1";
// ?1 comment, ?2 subscriber.
inline constexpr char kLinkComment[] =
    "INSERT INTO comment_subscriptions (comment_id, subscriber_id) VALUES (?1, ?2) "
    "ON CONFLICT (comment_id) DO UPDATE SET subscriber_id = excluded.subscriber_id";
// ?1 subscriber, ?2 now.
inline constexpr char kMarkConfirmSent[] =
    "UPDATE subscribers SET confirm_sent_at = ?2 WHERE id = ?1";
inline constexpr char kConfirmSubscriber[] =
    "UPDATE subscribers SET confirmed_at = CASE WHEN confirmed_at = 0 THEN ?2 "
    "ELSE confirmed_at END WHERE id = ?1";
// Its links and outbox rows follow (ON DELETE CASCADE).
inline constexpr char kDeleteSubscriber[] = "DELETE FROM subscribers WHERE id = ?1";
// ?1 the address in ASCII lower case.
inline constexpr char kDeleteSubscribersByEmail[] = "DELETE FROM subscribers WHERE email_key = ?1";

// Columns: 0 id, 1 webhook_id (0: none), 2 subscriber_id (0: none), 3 site_id, 4 event,
// 5 subject_id, 6 created_at, 7 attempts, 8 first_attempt_at, 9 state, 10 next_attempt_at,
// 11 done_at, 12 last_error.
#define PALABRE_OUTBOX_COLUMNS                                                            \
  "id, COALESCE(webhook_id, 0), COALESCE(subscriber_id, 0), site_id, event, subject_id, " \
  "created_at, attempts, first_attempt_at, state, next_attempt_at, done_at, last_error"
// ?1 now, ?2 lease_until, ?3 limit. The rows come back in no particular order.
inline constexpr char kClaimOutbox[] =
    "UPDATE outbox SET claimed_until = ?2 WHERE id IN (SELECT id FROM outbox "
    "WHERE state = 'pending' AND next_attempt_at <= ?1 AND claimed_until <= ?1 "
    "ORDER BY next_attempt_at, id LIMIT ?3) RETURNING " PALABRE_OUTBOX_COLUMNS;
// ?1 id, ?2 state, ?3 error, ?4 done_at, ?5 next_attempt_at, ?6 first_attempt_at.
inline constexpr char kFinishOutbox[] =
    "UPDATE outbox SET state = ?2, last_error = ?3, done_at = ?4, next_attempt_at = ?5, "
    "first_attempt_at = CASE WHEN first_attempt_at = 0 THEN ?6 ELSE first_attempt_at END, "
    "attempts = attempts + 1, claimed_until = 0 WHERE id = ?1";
// ?1 site_id ('' every site), ?2 state ('' any), ?3 limit.
inline constexpr char kListOutbox[] =
    "SELECT " PALABRE_OUTBOX_COLUMNS
    " FROM outbox WHERE (?1 = '' OR site_id = ?1) AND (?2 = '' OR state = ?2) "
    "ORDER BY id DESC LIMIT ?3";
// ?1 subscriber, ?2 limit.
inline constexpr char kListSubscriberOutbox[] =
    "SELECT " PALABRE_OUTBOX_COLUMNS
    " FROM outbox WHERE subscriber_id = ?1 ORDER BY id DESC LIMIT ?2";
#undef PALABRE_OUTBOX_COLUMNS
// ?1 id, ?2 next_attempt_at.
inline constexpr char kDeferOutbox[] =
    "UPDATE outbox SET next_attempt_at = ?2, claimed_until = 0 WHERE id = ?1 AND state = 'pending'";
// ?1 site, ?2 since.
inline constexpr char kCountMailSent[] =
    "SELECT COUNT(*) FROM outbox WHERE site_id = ?1 AND subscriber_id IS NOT NULL "
    "AND state = 'sent' AND last_error = '' AND done_at >= ?2";
// ?1 before.
inline constexpr char kPurgeOutbox[] =
    "DELETE FROM outbox WHERE state <> 'pending' AND done_at < ?1";

}  // namespace palabre::store::sqlite::sql
