// Every SQL statement PgStore runs, as named constants (pg_connection.h: a Query is prepared
// once per connection under its name). Parameters are $1, $2 ... in text format, cast where
// PostgreSQL could not infer their type; each constant documents the parameters it takes.
//
// Writes that other nodes must hear about end with pg_notify(channel, payload) in the same
// statement, hence the same transaction: the notification is delivered at commit, and never
// for a write that rolled back. Payload: "v1<TAB>node<TAB>kind<TAB>comment id<TAB>site<TAB>key"
// (pg_change_feed.h parses it; the key comes last because it is the only free text).
#pragma once

#include "store/postgres/pg_connection.h"

namespace palabre::store::pg::sql {

// pg_notify's payload from the node id parameter `node`, a kind literal, a comment id and a
// thread row (site_id, key).
#define PALABRE_PAYLOAD(node, kind, id, thread)                                 \
  "concat_ws(E'\\t', 'v1', " node "::text, '" kind "', (" id ")::text, " thread \
  ".site_id, " thread ".key)"

// The database's clock in milliseconds: when an event committed (outbox rows).
#define PALABRE_NOW_MS "(extract(epoch FROM clock_timestamp()) * 1000)::bigint"

// --- Session ----------------------------------------------------------------------------------
// Columns: 0 the schema new tables go to, 1 synchronous_commit.
inline constexpr char kSessionInfo[] =
    "SELECT current_schema(), current_setting('synchronous_commit')";

// --- Sites ------------------------------------------------------------------------------------
// Columns: 0 id, 1 name, 2 origins, 3 locale, 4 time_zone, 5 auto_create_threads, 6 salt,
// 7 created_at, 8 settings.
#define PALABRE_SITE_COLUMNS \
  "id, name, origins, locale, time_zone, auto_create_threads, salt, created_at, settings"

// $1..$9 the columns. No row changed: the site exists.
inline constexpr Query kInsertSite = {
    "insert_site", "INSERT INTO sites (" PALABRE_SITE_COLUMNS
                   ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING"};
// $1 id, $2..$7 name .. salt, $8 settings; created_at never changes.
inline constexpr Query kUpdateSite = {
    "update_site",
    "UPDATE sites SET name = $2, origins = $3, locale = $4, time_zone = $5, "
    "auto_create_threads = $6, salt = $7, settings = $8 WHERE id = $1"};
inline constexpr Query kSelectSite = {"select_site",
                                      "SELECT " PALABRE_SITE_COLUMNS " FROM sites WHERE id = $1"};
inline constexpr Query kSelectSites = {"select_sites",
                                       "SELECT " PALABRE_SITE_COLUMNS " FROM sites ORDER BY id"};
// Threads, comments, votes, reports, memberships, bans and audit entries follow by ON DELETE
// CASCADE.
inline constexpr Query kDeleteSite = {"delete_site", "DELETE FROM sites WHERE id = $1"};

#undef PALABRE_SITE_COLUMNS

// --- Threads ----------------------------------------------------------------------------------
// Columns: 0 id, 1 site_id, 2 key, 3 title, 4 body, 5 closed, 6 comment_count, 7 created_at.
#define PALABRE_THREAD_COLUMNS "id, site_id, key, title, body, closed, comment_count, created_at"

inline constexpr Query kSelectThreadByKey = {"select_thread_by_key",
                                             "SELECT " PALABRE_THREAD_COLUMNS
                                             " FROM threads WHERE site_id = $1 AND key = $2"};
inline constexpr Query kSelectThreadById = {
    "select_thread_by_id", "SELECT " PALABRE_THREAD_COLUMNS " FROM threads WHERE id = $1"};
// Export: a site's threads after $2, by id, at most $3.
inline constexpr Query kListSiteThreads = {
    "list_site_threads", "SELECT " PALABRE_THREAD_COLUMNS
                         " FROM threads WHERE site_id = $1 AND id > $2 ORDER BY id LIMIT $3"};
// $1 site_id, $2 key, $3 title, $4 body, $5 closed, $6 created_at, $7 channel, $8 node.
// Creates the thread, or fills an existing one's empty title or body (nothing else changes).
// No row: the thread exists and needs nothing. A missing site is a foreign-key violation.
inline constexpr Query kUpsertThread = {
    "upsert_thread",
    "WITH t AS (INSERT INTO threads (site_id, key, title, body, closed, comment_count, "
    "created_at) VALUES ($1, $2, $3, $4, $5, 0, $6) "
    "ON CONFLICT (site_id, key) DO UPDATE SET "
    "title = CASE WHEN threads.title = '' THEN EXCLUDED.title ELSE threads.title END, "
    "body = CASE WHEN threads.body = '' THEN EXCLUDED.body ELSE threads.body END "
    "WHERE (threads.title = '' AND EXCLUDED.title <> '') "
    "OR (threads.body = '' AND EXCLUDED.body <> '') "
    "RETURNING " PALABRE_THREAD_COLUMNS
    ") "
    "SELECT t.*, pg_notify($7::text, " PALABRE_PAYLOAD("$8", "thread", "0", "t") ") FROM t"};
// $1 id, $2 closed, $3 channel, $4 node. No row: no such thread.
inline constexpr Query kSetThreadClosed = {
    "set_thread_closed",
    "WITH t AS (UPDATE threads SET closed = $2 WHERE id = $1 RETURNING site_id, key) "
    "SELECT pg_notify($3::text, " PALABRE_PAYLOAD("$4", "thread", "0", "t") ") FROM t"};
// $1 id, $2 title, $3 channel, $4 node. No row: no such thread.
inline constexpr Query kSetThreadTitle = {
    "set_thread_title",
    "WITH t AS (UPDATE threads SET title = $2 WHERE id = $1 RETURNING site_id, key) "
    "SELECT pg_notify($3::text, " PALABRE_PAYLOAD("$4", "thread", "0", "t") ") FROM t"};
// $1 site_id, $2 the keys as a text[] literal. Columns: 0 key, 1 comment_count.
inline constexpr Query kCountComments = {
    "count_comments",
    "SELECT key, comment_count FROM threads WHERE site_id = $1 AND key = ANY($2::text[])"};

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
#define PALABRE_LISTED "status IN ('published', 'deleted')"

// Where a new comment goes: $1 thread id, $2 parent id or NULL. No row: no such thread.
// Columns: 0 site_id, 1 key, 2 parent's thread_id (NULL: no such parent), 3 parent's root_id,
// 4 parent's depth.
inline constexpr Query kSelectInsertPlace = {
    "select_insert_place",
    "SELECT t.site_id, t.key, p.thread_id, p.root_id, p.depth FROM threads t "
    "LEFT JOIN comments p ON p.id = $2::bigint WHERE t.id = $1"};
// $1 thread_id, $2 site_id, $3 parent_id, $4 root_id (NULL: the new id, a top-level comment),
// $5 depth, $6 author, $7 email, $8 text, $9 html, $10 status, $11 created_at, $12 edited_at,
// $13 upvotes, $14 downvotes, $15 edit_token_hash, $16 client_hash, $17 source_id,
// $18 moderation, $19 review, $20 risk, $21 channel, $22 node, $23 the thread's key (for the
// notification), $24 auto_rejected, $25 the WebhookEvent bit its insertion announces (0: none),
// $26 replies_token.
// Inserts the comment, adds it to its thread's count if published, adds its outbox rows and
// notifies, in one statement. Columns: 0 id, 1 root_id. No row: the site already has this
// source_id.
inline constexpr Query kInsertComment = {
    "insert_comment",
    "WITH n AS (SELECT nextval('comments_id_seq') AS id), "
    "ins AS (INSERT INTO comments (id, thread_id, site_id, parent_id, root_id, depth, author, "
    "email, text, html, status, created_at, edited_at, upvotes, downvotes, edit_token_hash, "
    "client_hash, source_id, moderation, review, risk, auto_rejected, replies_token) "
    "SELECT n.id, $1::bigint, $2::text, $3::bigint, COALESCE($4::bigint, n.id), $5::integer, "
    "$6::text, $7::text, $8::text, $9::text, $10::text, $11::bigint, $12::bigint, $13::bigint, "
    "$14::bigint, $15::text, $16::text, $17::text, $18::text, $19::boolean, $20::integer, "
    "$24::boolean, $26::text FROM n "
    "ON CONFLICT (site_id, source_id) WHERE source_id <> '' DO NOTHING "
    "RETURNING id, root_id, status, thread_id, site_id), "
    "counted AS (UPDATE threads SET comment_count = comment_count + 1 "
    "WHERE id = (SELECT thread_id FROM ins WHERE status = 'published')) "
    ", ev AS (INSERT INTO outbox (webhook_id, site_id, event, subject_id, created_at) "
    "SELECT w.id, w.site_id, $25::integer, ins.id, " PALABRE_NOW_MS
    " FROM ins JOIN webhooks w ON w.site_id = ins.site_id "
    "WHERE $25::integer <> 0 AND (w.events & $25::integer) <> 0) "
    // The reply mail (512) of a published reply, as kEnqueueReplyMail (the new row is not
    // visible to that query within this statement: its values come from the parameters).
    ", rm AS (INSERT INTO outbox (subscriber_id, site_id, event, subject_id, created_at) "
    "SELECT s.id, s.site_id, 512, ins.id, " PALABRE_NOW_MS
    " FROM ins JOIN comments p ON p.id = $3::bigint "
    "JOIN comment_subscriptions cs ON cs.comment_id = p.id "
    "JOIN subscribers s ON s.id = cs.subscriber_id "
    "WHERE $25::integer = 1 AND s.confirmed_at <> 0 AND lower($7::text) <> s.email_key "
    "AND NOT ($6::text = p.author AND $16::text = p.client_hash AND p.client_hash <> '')) "
    "SELECT ins.id, ins.root_id, pg_notify($21::text, concat_ws(E'\\t', 'v1', $22::text, "
    "'inserted', ins.id::text, ins.site_id, $23::text)) FROM ins"};
inline constexpr Query kSelectComment = {
    "select_comment", "SELECT " PALABRE_COMMENT_COLUMNS " FROM comments WHERE id = $1"};
// $1 id, $2 text, $3 html, $4 edited_at, $5 channel, $6 node. No row: no such comment.
inline constexpr Query kUpdateCommentText = {
    "update_comment_text",
    "WITH c AS (UPDATE comments SET text = $2, html = $3, edited_at = $4 WHERE id = $1 "
    "RETURNING id, thread_id) "
    "SELECT pg_notify($5::text, " PALABRE_PAYLOAD(
        "$6", "edited", "c.id", "t") ") FROM c JOIN threads t ON t.id = c.thread_id"};
// $1 id, $2 moderation, $3 review, $4 risk. No row: no such comment. Nothing readers see changes,
// so no notification.
inline constexpr Query kSetCommentModeration = {
    "set_comment_moderation",
    "UPDATE comments SET moderation = $2, review = $3::boolean, risk = $4::integer WHERE id = $1 "
    "RETURNING id"};
// In a transaction: $1 id. Locks the comment. Columns: 0 status, 1 thread_id.
inline constexpr Query kLockCommentStatus = {
    "lock_comment_status", "SELECT status, thread_id FROM comments WHERE id = $1 FOR UPDATE"};
// $1 id, $2 status, $3 change of the thread's count (-1, 0, +1), $4 channel, $5 node.
inline constexpr Query kSetCommentStatus = {
    "set_comment_status",
    "WITH c AS (UPDATE comments SET status = $2 WHERE id = $1 RETURNING id, thread_id), "
    "counted AS (UPDATE threads SET comment_count = comment_count + $3::bigint "
    "WHERE id = (SELECT thread_id FROM c) AND $3::bigint <> 0) "
    "SELECT pg_notify($4::text, " PALABRE_PAYLOAD(
        "$5", "status", "c.id", "t") ") FROM c JOIN threads t ON t.id = c.thread_id"};

// Top-level comments: $1 thread_id, $2 cursor key, $3 cursor id, $4 limit (without a cursor:
// $2 limit). Keyset pagination, as SQLite: oldest = (created_at, id) ascending, newest =
// (created_at, id) descending, best = (score, id) descending.
inline constexpr Query kListTopOldest = {
    "list_top_oldest", "SELECT " PALABRE_COMMENT_COLUMNS
                       " FROM comments WHERE thread_id = $1 AND depth = 0 AND " PALABRE_LISTED
                       " ORDER BY created_at, id LIMIT $2"};
inline constexpr Query kListTopOldestAfter = {
    "list_top_oldest_after",
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = $1 AND depth = 0 AND " PALABRE_LISTED
    " AND (created_at, id) > ($2::bigint, $3::bigint) ORDER BY created_at, id LIMIT $4"};
inline constexpr Query kListTopNewest = {
    "list_top_newest", "SELECT " PALABRE_COMMENT_COLUMNS
                       " FROM comments WHERE thread_id = $1 AND depth = 0 AND " PALABRE_LISTED
                       " ORDER BY created_at DESC, id DESC LIMIT $2"};
inline constexpr Query kListTopNewestAfter = {
    "list_top_newest_after",
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = $1 AND depth = 0 AND " PALABRE_LISTED
    " AND (created_at, id) < ($2::bigint, $3::bigint) ORDER BY created_at DESC, id DESC "
    "LIMIT $4"};
inline constexpr Query kListTopBest = {
    "list_top_best", "SELECT " PALABRE_COMMENT_COLUMNS
                     " FROM comments WHERE thread_id = $1 AND depth = 0 AND " PALABRE_LISTED
                     " ORDER BY score DESC, id DESC LIMIT $2"};
inline constexpr Query kListTopBestAfter = {
    "list_top_best_after",
    "SELECT " PALABRE_COMMENT_COLUMNS
    " FROM comments WHERE thread_id = $1 AND depth = 0 AND " PALABRE_LISTED
    " AND (score, id) < ($2::bigint, $3::bigint) ORDER BY score DESC, id DESC LIMIT $4"};

// Replies of several roots: $1 thread_id, $2 the roots as a bigint[] literal ("{1,2,3}").
inline constexpr Query kListReplies = {
    "list_replies", "SELECT " PALABRE_COMMENT_COLUMNS
                    " FROM comments WHERE thread_id = $1 AND root_id = ANY($2::bigint[]) "
                    "AND id <> root_id AND " PALABRE_LISTED " ORDER BY created_at, id"};

// A site's comments since $2, any status: the latest $3 of them, returned oldest first.
inline constexpr Query kListRecent = {
    "list_recent", "SELECT * FROM (SELECT " PALABRE_COMMENT_COLUMNS
                   " FROM comments WHERE site_id = $1 AND created_at >= $2 "
                   "ORDER BY created_at DESC, id DESC LIMIT $3) AS latest ORDER BY created_at, id"};
// The feeds: site $1's latest $2 published comments, newest first (the queue's index), and the
// same of thread $1 of site $3.
// $1 site, $2 replies_token, $3 limit.
inline constexpr Query kListRepliesTo = {
    "list_replies_to", "SELECT " PALABRE_COMMENT_COLUMNS
                       " FROM comments WHERE status = 'published' AND replies_token <> $2 "
                       "AND parent_id IN (SELECT id FROM comments WHERE site_id = $1 "
                       "AND replies_token = $2) ORDER BY created_at DESC, id DESC LIMIT $3"};
inline constexpr Query kListLatestPublishedOfSite = {
    "list_latest_published_site", "SELECT " PALABRE_COMMENT_COLUMNS
                                  " FROM comments WHERE status = 'published' AND site_id = $1 "
                                  "ORDER BY created_at DESC, id DESC LIMIT $2"};
inline constexpr Query kListLatestPublishedOfThread = {
    "list_latest_published_thread", "SELECT " PALABRE_COMMENT_COLUMNS
                                    " FROM comments WHERE thread_id = $1 AND site_id = $3 "
                                    "AND status = 'published' "
                                    "ORDER BY created_at DESC, id DESC LIMIT $2"};
// Export: a thread's comments after $2, any status, by id, at most $3.
inline constexpr Query kListThreadComments = {
    "list_thread_comments", "SELECT " PALABRE_COMMENT_COLUMNS
                            " FROM comments WHERE thread_id = $1 AND id > $2 ORDER BY id LIMIT $3"};
// Export: the votes on thread $1's comments after ($2 comment, $3 voter), at most $4.
inline constexpr Query kListThreadVotes = {
    "list_thread_votes",
    "SELECT v.comment_id, v.voter_hash, v.token_hash, v.direction, v.created_at FROM votes v "
    "JOIN comments c ON c.id = v.comment_id WHERE c.thread_id = $1 AND "
    "(v.comment_id, v.voter_hash) > ($2, $3) ORDER BY v.comment_id, v.voter_hash LIMIT $4"};
// Export: the reports on thread $1's comments after report $2, by id, at most $3.
inline constexpr Query kListThreadReports = {
    "list_thread_reports",
    "SELECT r.id, r.comment_id, r.reason, r.note, r.reporter_hash, r.created_at, r.resolved, "
    "r.range_hash, r.token_hash, r.outcome, r.burst FROM reports r "
    "JOIN comments c ON c.id = r.comment_id WHERE c.thread_id = $1 AND r.id > $2 "
    "ORDER BY r.id LIMIT $3"};
inline constexpr Query kCommentExists = {"comment_exists", "SELECT 1 FROM comments WHERE id = $1"};
// Restore: a vote as it was; one the comment has from this voter or token stays.
inline constexpr Query kRestoreVote = {
    "restore_vote",
    "INSERT INTO votes (comment_id, voter_hash, token_hash, direction, created_at) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING"};
// Restore: a report as it was; one the comment has from this reporter or token (or, with an
// emptied reporter hash, at the same time) stays.
inline constexpr Query kRestoreReport = {
    "restore_report",
    "INSERT INTO reports (comment_id, reason, note, reporter_hash, created_at, resolved, "
    "range_hash, token_hash, outcome, burst) "
    "SELECT $1::bigint, $2::text, $3::text, $4::text, $5::bigint, $6::boolean, $7::text, "
    "$8::text, $9::text, $10::boolean WHERE NOT EXISTS (SELECT 1 FROM reports WHERE "
    "comment_id = $1::bigint AND reporter_hash = $4::text AND "
    "($4::text <> '' OR created_at = $5::bigint)) ON CONFLICT DO NOTHING"};
inline constexpr Query kCountSiteComments = {
    "count_site_comments",
    "SELECT COUNT(*) FROM comments WHERE thread_id IN (SELECT id FROM threads WHERE site_id = $1)"};
// Comments, votes and reports follow by ON DELETE CASCADE.
inline constexpr Query kDeleteSiteThreads = {"delete_site_threads",
                                             "DELETE FROM threads WHERE site_id = $1"};

// $1 site_id, $2 source_id. The `source_id <> ''` term matches the partial index.
inline constexpr Query kFindImported = {
    "find_imported",
    "SELECT id FROM comments WHERE site_id = $1 AND source_id = $2 AND source_id <> ''"};

// --- Moderation ----------------------------------------------------------------------------------
// The queue is assembled by QueryComments (run unprepared: Conn::RunText) from this start, which
// takes $1, the site ids as a text[] literal; its columns are the comment's, then 21
// open_reports.
inline constexpr char kQueueSelect[] =
    "SELECT " PALABRE_COMMENT_COLUMNS
    ", (SELECT COUNT(*) FROM reports r WHERE r.comment_id = comments.id AND NOT r.resolved) "
    "FROM comments WHERE site_id = ANY($1::text[])";
inline constexpr char kQueueReported[] =
    " AND EXISTS (SELECT 1 FROM reports r WHERE r.comment_id = comments.id AND NOT r.resolved)";
// The term of the partial index comments_review, as it is written there.
inline constexpr char kQueueReview[] = " AND review AND status = 'published'";

// $1 id: a moderator decided on the comment.
inline constexpr Query kClearReview = {
    "clear_review", "UPDATE comments SET review = FALSE WHERE id = $1 AND review"};

// $1 id, $2 outcome: marks the comment's open reports resolved.
inline constexpr Query kResolveReports = {
    "resolve_reports",
    "UPDATE reports SET resolved = TRUE, outcome = $2 WHERE comment_id = $1 AND NOT resolved"};

// $1 site_id, $2 author ('' matches nothing), $3 client_hash ('' matches nothing).
// Columns: 0 status, 1 count.
inline constexpr Query kAuthorHistory = {
    "author_history",
    "SELECT status, COUNT(*) FROM ("
    "SELECT id, status FROM comments WHERE site_id = $1 AND author = $2 AND $2 <> '' "
    "UNION SELECT id, status FROM comments WHERE site_id = $1 AND client_hash = $3 "
    "AND client_hash <> '' AND $3 <> '') AS mine GROUP BY status"};

// $1 site_id, $2 since, $3 until. Columns: 0 id, 1 status, 2 created_at, 3 moderation.
inline constexpr Query kCommentFacts = {
    "comment_facts",
    "SELECT id, status, created_at, moderation FROM comments WHERE site_id = $1 "
    "AND created_at >= $2 AND created_at < $3 ORDER BY created_at, id"};

// GDPR: $1 the lower-cased e-mail (never ''). The terms match the index comments_by_email.
#define PALABRE_BY_EMAIL "lower(email COLLATE \"C\") = $1 AND email <> ''"
inline constexpr Query kCommentsByEmail = {
    "comments_by_email", "SELECT " PALABRE_COMMENT_COLUMNS " FROM comments WHERE " PALABRE_BY_EMAIL
                         " ORDER BY created_at, id"};
// In a transaction: locks the comments to erase. Columns: 0 id, 1 thread_id, 2 status.
inline constexpr Query kLockByEmail = {
    "lock_by_email",
    "SELECT id, thread_id, status FROM comments WHERE " PALABRE_BY_EMAIL " FOR UPDATE"};
#undef PALABRE_BY_EMAIL
// $1 the locked ids as a bigint[] literal, $2 channel, $3 node. One row per erased comment.
inline constexpr Query kEraseComments = {
    "erase_comments",
    "WITH c AS (UPDATE comments SET text = '', html = '', author = '', email = '', "
    "client_hash = '', edit_token_hash = '', replies_token = '', status = 'deleted' "
    "WHERE id = ANY($1::bigint[]) "
    "RETURNING id, thread_id) "
    "SELECT pg_notify($2::text, " PALABRE_PAYLOAD(
        "$3", "status", "c.id", "t") ") FROM c JOIN threads t ON t.id = c.thread_id"};
// $1 thread id, $2 added to its count.
inline constexpr Query kAddToCommentCount = {
    "add_to_comment_count", "UPDATE threads SET comment_count = comment_count + $2 WHERE id = $1"};
// $1 cutoff.
inline constexpr Query kPurgeComments = {
    "purge_comments",
    "UPDATE comments SET email = '', client_hash = '', replies_token = '' WHERE created_at < $1 "
    "AND (email <> '' OR client_hash <> '' OR replies_token <> '')"};
inline constexpr Query kPurgeReports = {
    "purge_reports",
    "UPDATE reports SET reporter_hash = '', range_hash = '', token_hash = '' "
    "WHERE created_at < $1 AND (reporter_hash <> '' OR range_hash <> '' OR token_hash <> '')"};

// Retention of what the pipeline rejected: $1 site_id, $2 cutoff. A comment a moderator
// published in between and that was answered then is kept (its replies keep their place).
inline constexpr Query kDeleteAutoRejected = {
    "delete_auto_rejected",
    "DELETE FROM comments WHERE site_id = $1 AND auto_rejected AND status = 'rejected' "
    "AND created_at < $2 AND NOT EXISTS (SELECT 1 FROM comments c2 WHERE c2.parent_id = "
    "comments.id)"};

#undef PALABRE_LISTED

// --- Votes ------------------------------------------------------------------------------------
// In a transaction: $1 comment id. Locks the comment, so that the votes of one comment are
// counted one at a time. No row: no such comment.
inline constexpr Query kLockCommentForVote = {"lock_comment_for_vote",
                                              "SELECT 1 FROM comments WHERE id = $1 FOR UPDATE"};
// The votes of comment $1 by voter $2 or by browser token $3 ('' matches no token).
#define PALABRE_VOTES_OF \
  "comment_id = $1 AND (voter_hash = $2 OR (token_hash = $3 AND token_hash <> ''))"
// Columns: 0 the standing direction. A statement of its own, after the lock: its snapshot then
// sees the votes of a transaction that held the lock before us (a join in the locking
// statement would read an older snapshot).
inline constexpr Query kSelectVotes = {"select_votes",
                                       "SELECT direction FROM votes WHERE " PALABRE_VOTES_OF};
inline constexpr Query kDeleteVotes = {"delete_votes", "DELETE FROM votes WHERE " PALABRE_VOTES_OF};
#undef PALABRE_VOTES_OF
// $1 comment id, $2 voter_hash, $3 token_hash, $4 direction, $5 created_at.
inline constexpr Query kInsertVote = {
    "insert_vote",
    "INSERT INTO votes (comment_id, voter_hash, token_hash, direction, created_at) "
    "VALUES ($1, $2, $3, $4, $5)"};
// $1 comment id, $2 added to upvotes, $3 added to downvotes, $4 channel, $5 node. Columns: the
// comment's, updated.
inline constexpr Query kVote = {
    "vote",
    "WITH c AS (UPDATE comments SET upvotes = upvotes + $2::bigint, "
    "downvotes = downvotes + $3::bigint WHERE id = $1 RETURNING " PALABRE_COMMENT_COLUMNS
    ") "
    "SELECT c.*, pg_notify($4::text, " PALABRE_PAYLOAD(
        "$5", "voted", "c.id", "t") ") FROM c JOIN threads t ON t.id = c.thread_id"};
// $1 voter_hash, $2 since. Columns: 0 count, 1 oldest created_at (0 if none).
inline constexpr Query kRecentVotes = {
    "recent_votes",
    "SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM votes WHERE voter_hash = $1 "
    "AND created_at >= $2"};

#undef PALABRE_COMMENT_COLUMNS
#undef PALABRE_PAYLOAD

// --- Users ------------------------------------------------------------------------------------
// A user with their memberships, one row per membership (or one with NULL site and role).
// Columns: 0 id, 1 email, 2 password_hash, 3 failed_logins, 4 locked_until, 5 created_at,
// 6 site_id, 7 role.
#define PALABRE_USER_SELECT                                                                \
  "SELECT u.id, u.email, u.password_hash, u.failed_logins, u.locked_until, u.created_at, " \
  "m.site_id, m.role FROM users u LEFT JOIN memberships m ON m.user_id = u.id "

// $1 email, $2 password_hash, $3 failed_logins, $4 locked_until, $5 created_at. Columns: 0 id.
// No row: the e-mail is taken.
inline constexpr Query kInsertUser = {
    "insert_user",
    "INSERT INTO users (email, password_hash, failed_logins, locked_until, created_at) "
    "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING RETURNING id"};
inline constexpr Query kSelectUser = {"select_user",
                                      PALABRE_USER_SELECT "WHERE u.id = $1 ORDER BY m.site_id"};
inline constexpr Query kSelectUserByEmail = {
    "select_user_by_email", PALABRE_USER_SELECT "WHERE u.email = $1 ORDER BY m.site_id"};
inline constexpr Query kSelectUsers = {"select_users",
                                       PALABRE_USER_SELECT "ORDER BY u.email, m.site_id"};
// In a transaction: $1 id. Keeps the user from being removed until the end of it.
inline constexpr Query kLockUser = {"lock_user", "SELECT 1 FROM users WHERE id = $1 FOR KEY SHARE"};
inline constexpr Query kDeleteUser = {"delete_user", "DELETE FROM users WHERE id = $1"};
// One statement: the new hash and the end of the user's sessions, atomically.
inline constexpr Query kSetPassword = {
    "set_password",
    "WITH u AS (UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING id), "
    "s AS (DELETE FROM sessions WHERE user_id IN (SELECT id FROM u)) SELECT id FROM u"};
inline constexpr Query kSetLoginState = {
    "set_login_state", "UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1"};
// $1 user_id, $2 site_id, $3 role. A missing site is a foreign-key violation.
inline constexpr Query kUpsertMembership = {
    "upsert_membership",
    "INSERT INTO memberships (user_id, site_id, role) VALUES ($1, $2, $3) "
    "ON CONFLICT (user_id, site_id) DO UPDATE SET role = EXCLUDED.role"};
// $1 user_id, $2 site_id. No row: no such user.
inline constexpr Query kDeleteMembership = {
    "delete_membership",
    "WITH d AS (DELETE FROM memberships WHERE user_id = $1 AND site_id = $2) "
    "SELECT 1 FROM users WHERE id = $1"};

#undef PALABRE_USER_SELECT

// --- Sessions ---------------------------------------------------------------------------------
// Columns: 0 token_hash, 1 user_id, 2 csrf_token, 3 created_at, 4 expires_at.
inline constexpr Query kInsertSession = {
    "insert_session",
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5)"};
// $1 token_hash, $2 now: only a session not yet expired.
inline constexpr Query kSelectSession = {
    "select_session",
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions "
    "WHERE token_hash = $1 AND expires_at > $2"};
inline constexpr Query kDeleteSession = {"delete_session",
                                         "DELETE FROM sessions WHERE token_hash = $1"};
inline constexpr Query kDeleteExpiredSessions = {"delete_expired_sessions",
                                                 "DELETE FROM sessions WHERE expires_at <= $1"};

// --- Reports ----------------------------------------------------------------------------------
// Columns: 0 id, 1 comment_id, 2 reason, 3 note, 4 reporter_hash, 5 created_at, 6 resolved,
// 7 range_hash, 8 token_hash, 9 outcome, 10 burst.
// In a transaction: $1 comment id. Locks the comment so that two reports of one reader (same
// client or same browser) are checked one after the other. No row: no such comment.
inline constexpr Query kLockCommentForReport = {"lock_comment_for_report",
                                                "SELECT 1 FROM comments WHERE id = $1 FOR UPDATE"};
// $1 comment_id, $2 reporter_hash, $3 token_hash ('' matches no token).
inline constexpr Query kReporterExists = {
    "reporter_exists",
    "SELECT 1 FROM reports WHERE comment_id = $1 AND ((reporter_hash = $2 AND reporter_hash <> '') "
    "OR (token_hash = $3 AND token_hash <> ''))"};
// $1 comment_id, $2 reason, $3 note, $4 reporter_hash, $5 created_at, $6 range_hash,
// $7 token_hash, $8 burst.
inline constexpr Query kInsertReport = {
    "insert_report",
    "INSERT INTO reports (comment_id, reason, note, reporter_hash, created_at, resolved, "
    "range_hash, token_hash, outcome, burst) VALUES ($1, $2, $3, $4, $5, FALSE, $6, $7, '', $8)"};
inline constexpr Query kCountOpenReports = {
    "count_open_reports", "SELECT COUNT(*) FROM reports WHERE comment_id = $1 AND NOT resolved"};
inline constexpr Query kSelectReports = {
    "select_reports",
    "SELECT id, comment_id, reason, note, reporter_hash, created_at, resolved, range_hash, "
    "token_hash, outcome, burst FROM reports WHERE comment_id = $1 ORDER BY created_at, id"};
// $1 comment_id. Columns: 0 reporter_hash, 1 range_hash, 2 created_at, 3 burst, 4 upheld,
// 5 dismissed (the reporter's resolved reports, any comment: reports_by_reporter).
inline constexpr Query kOpenReports = {
    "open_reports",
    "SELECT r.reporter_hash, r.range_hash, r.created_at, r.burst, "
    "(SELECT COUNT(*) FROM reports h WHERE h.reporter_hash = r.reporter_hash "
    "AND h.reporter_hash <> '' AND h.outcome = 'upheld'), "
    "(SELECT COUNT(*) FROM reports h WHERE h.reporter_hash = r.reporter_hash "
    "AND h.reporter_hash <> '' AND h.outcome = 'dismissed') "
    "FROM reports r WHERE r.comment_id = $1 AND NOT r.resolved ORDER BY r.created_at, r.id"};
// $1 reporter_hash, $2 since. Columns: 0 count, 1 oldest created_at (0 if none).
inline constexpr Query kRecentReports = {
    "recent_reports",
    "SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM reports WHERE reporter_hash = $1 "
    "AND reporter_hash <> '' AND created_at >= $2"};
// $1 the site ids as a text[] literal.
inline constexpr Query kCountReportBursts = {
    "count_report_bursts",
    "SELECT COUNT(DISTINCT r.comment_id) FROM reports r JOIN comments c ON c.id = r.comment_id "
    "WHERE r.burst AND NOT r.resolved AND c.site_id = ANY($1::text[])"};

// --- API keys ---------------------------------------------------------------------------------
// Columns: 0 id, 1 site_id, 2 name, 3 key_hash, 4 hint, 5 per_minute, 6 created_at.
#define PALABRE_API_KEY_COLUMNS "id, site_id, name, key_hash, hint, per_minute, created_at"
// $1..$6 site_id .. created_at. Columns: 0 id. A missing site is a foreign-key violation.
inline constexpr Query kInsertApiKey = {
    "insert_api_key",
    "INSERT INTO api_keys (site_id, name, key_hash, hint, per_minute, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
inline constexpr Query kSelectApiKeys = {"select_api_keys",
                                         "SELECT " PALABRE_API_KEY_COLUMNS
                                         " FROM api_keys WHERE site_id = $1 ORDER BY id"};
inline constexpr Query kSelectApiKeyByHash = {"select_api_key_by_hash",
                                              "SELECT " PALABRE_API_KEY_COLUMNS
                                              " FROM api_keys WHERE key_hash = $1"};
inline constexpr Query kDeleteApiKey = {"delete_api_key",
                                        "DELETE FROM api_keys WHERE site_id = $1 AND id = $2"};
#undef PALABRE_API_KEY_COLUMNS

// --- Bans -------------------------------------------------------------------------------------
// Columns: 0 id, 1 site_id, 2 author_folded, 3 client_hash, 4 email_hash, 5 reason,
// 6 created_by, 7 created_at, 8 expires_at (0: never).
#define PALABRE_BAN_COLUMNS                                                               \
  "id, site_id, author_folded, client_hash, email_hash, reason, created_by, created_at, " \
  "expires_at"
#define PALABRE_BAN_ACTIVE "(expires_at = 0 OR expires_at > $2)"

// $1..$8 the columns from site_id. Columns: 0 id. A missing site is a foreign-key violation.
inline constexpr Query kInsertBan = {
    "insert_ban",
    "INSERT INTO bans (site_id, author_folded, client_hash, email_hash, reason, created_by, "
    "created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
// $1 site_id, $2 now.
inline constexpr Query kSelectBans = {"select_bans",
                                      "SELECT " PALABRE_BAN_COLUMNS
                                      " FROM bans WHERE site_id = $1 AND " PALABRE_BAN_ACTIVE
                                      " ORDER BY created_at DESC, id DESC"};
inline constexpr Query kSelectBan = {"select_ban",
                                     "SELECT " PALABRE_BAN_COLUMNS " FROM bans WHERE id = $1"};
inline constexpr Query kDeleteBan = {"delete_ban", "DELETE FROM bans WHERE id = $1"};
// $1 site_id, $2 now, $3 author_folded, $4 client_hash, $5 email_hash; an empty field or
// argument matches nothing. The oldest matching ban.
inline constexpr Query kFindBan = {
    "find_ban",
    "SELECT " PALABRE_BAN_COLUMNS " FROM bans WHERE site_id = $1 AND " PALABRE_BAN_ACTIVE
    " AND ((author_folded <> '' AND author_folded = $3) "
    "OR (client_hash <> '' AND client_hash = $4) "
    "OR (email_hash <> '' AND email_hash = $5)) ORDER BY id LIMIT 1"};

#undef PALABRE_BAN_ACTIVE
#undef PALABRE_BAN_COLUMNS

// --- Audit log --------------------------------------------------------------------------------
// Columns: 0 id, 1 site_id, 2 user_id, 3 user_email, 4 action, 5 comment_id, 6 reason,
// 7 detail, 8 response_ms, 9 at.
#define PALABRE_AUDIT_COLUMNS \
  "id, site_id, user_id, user_email, action, comment_id, reason, detail, response_ms, at"

// $1..$9 the columns from site_id. Columns: 0 id. A missing site is a foreign-key violation.
inline constexpr Query kInsertAudit = {
    "insert_audit",
    "INSERT INTO audit_log (site_id, user_id, user_email, action, comment_id, reason, detail, "
    "response_ms, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
// $1 site_id, $2 limit; "Before": $3 before_id.
inline constexpr Query kSelectAudit = {
    "select_audit",
    "SELECT " PALABRE_AUDIT_COLUMNS " FROM audit_log WHERE site_id = $1 ORDER BY id DESC LIMIT $2"};
inline constexpr Query kSelectAuditBefore = {
    "select_audit_before",
    "SELECT " PALABRE_AUDIT_COLUMNS
    " FROM audit_log WHERE site_id = $1 AND id < $3 ORDER BY id DESC LIMIT $2"};
// $1 comment_id, $2 limit; the terms match the partial index audit_by_comment.
inline constexpr Query kSelectCommentAudit = {
    "select_comment_audit",
    "SELECT " PALABRE_AUDIT_COLUMNS
    " FROM audit_log WHERE comment_id = $1 AND comment_id IS NOT NULL ORDER BY id DESC LIMIT $2"};

#undef PALABRE_AUDIT_COLUMNS

// --- Webhooks and outbox ------------------------------------------------------------------------
// Columns: 0 id, 1 site_id, 2 url, 3 format, 4 events, 5 secret, 6 created_at.
#define PALABRE_WEBHOOK_COLUMNS "id, site_id, url, format, events, secret, created_at"
inline constexpr Query kInsertWebhook = {
    "insert_webhook",
    "INSERT INTO webhooks (site_id, url, format, events, secret, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
// $1 site_id ('' every site).
inline constexpr Query kSelectWebhooks = {
    "select_webhooks",
    "SELECT " PALABRE_WEBHOOK_COLUMNS " FROM webhooks WHERE $1 = '' OR site_id = $1 ORDER BY id"};
inline constexpr Query kSelectWebhook = {
    "select_webhook", "SELECT " PALABRE_WEBHOOK_COLUMNS " FROM webhooks WHERE id = $1"};
// Its outbox rows follow (ON DELETE CASCADE).
inline constexpr Query kDeleteWebhook = {"delete_webhook", "DELETE FROM webhooks WHERE id = $1"};
#undef PALABRE_WEBHOOK_COLUMNS

// One pending row per webhook of site $1 subscribed to event $2 (a WebhookEvent bit), about
// subject $3.
inline constexpr Query kEnqueueSiteEvent = {
    "enqueue_site_event",
    "INSERT INTO outbox (webhook_id, site_id, event, subject_id, created_at) "
    "SELECT id, site_id, $2::integer, $3::bigint, " PALABRE_NOW_MS
    " FROM webhooks WHERE site_id = $1 AND (events & $2::integer) <> 0"};
// The same for comment $1's site, about the comment.
inline constexpr Query kEnqueueCommentEvent = {
    "enqueue_comment_event",
    "INSERT INTO outbox (webhook_id, site_id, event, subject_id, created_at) "
    "SELECT w.id, w.site_id, $2::integer, c.id, " PALABRE_NOW_MS
    " FROM comments c JOIN webhooks w ON w.site_id = c.site_id "
    "WHERE c.id = $1 AND (w.events & $2::integer) <> 0"};

// The mail.reply row (512) of published comment $1 for the confirmed subscriber of the comment
// it answers: not for the subscriber's own reply (same e-mail, or same author and client hash),
// and not twice.
inline constexpr Query kEnqueueReplyMail = {
    "enqueue_reply_mail",
    "INSERT INTO outbox (subscriber_id, site_id, event, subject_id, created_at) "
    "SELECT s.id, s.site_id, 512, r.id, " PALABRE_NOW_MS
    " FROM comments r JOIN comments p ON p.id = r.parent_id "
    "JOIN comment_subscriptions cs ON cs.comment_id = p.id "
    "JOIN subscribers s ON s.id = cs.subscriber_id "
    "WHERE r.id = $1 AND r.status = 'published' AND r.source_id = '' AND s.confirmed_at <> 0 "
    "AND lower(r.email) <> s.email_key "
    "AND NOT (r.author = p.author AND r.client_hash = p.client_hash AND p.client_hash <> '') "
    "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.subscriber_id = s.id AND o.event = 512 "
    "AND o.subject_id = r.id)"};
// A subscriber's mail.confirm row (256): $1 subscriber, $2 site, $3 the signing-up comment.
inline constexpr Query kEnqueueConfirmMail = {
    "enqueue_confirm_mail",
    "INSERT INTO outbox (subscriber_id, site_id, event, subject_id, created_at) "
    "VALUES ($1, $2, 256, $3, " PALABRE_NOW_MS ")"};

// Columns: 0 id, 1 webhook_id (0: none), 2 subscriber_id (0: none), 3 site_id, 4 event,
// 5 subject_id, 6 created_at, 7 attempts, 8 first_attempt_at, 9 state, 10 next_attempt_at,
// 11 done_at, 12 last_error.
#define PALABRE_OUTBOX_COLUMNS                                                            \
  "id, COALESCE(webhook_id, 0), COALESCE(subscriber_id, 0), site_id, event, subject_id, " \
  "created_at, attempts, first_attempt_at, state, next_attempt_at, done_at, last_error"
// $1 now, $2 lease_until, $3 limit. SKIP LOCKED: rows another node is claiming at this moment
// are left to it; the rows come back in no particular order.
inline constexpr Query kClaimOutbox = {
    "claim_outbox",
    "UPDATE outbox SET claimed_until = $2 WHERE id IN (SELECT id FROM outbox "
    "WHERE state = 'pending' AND next_attempt_at <= $1 AND claimed_until <= $1 "
    "ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) "
    "RETURNING " PALABRE_OUTBOX_COLUMNS};
// $1 id, $2 state, $3 error, $4 done_at, $5 next_attempt_at, $6 first_attempt_at.
inline constexpr Query kFinishOutbox = {
    "finish_outbox",
    "UPDATE outbox SET state = $2, last_error = $3, done_at = $4, next_attempt_at = $5, "
    "first_attempt_at = CASE WHEN first_attempt_at = 0 THEN $6::bigint ELSE first_attempt_at END, "
    "attempts = attempts + 1, claimed_until = 0 WHERE id = $1"};
// $1 site_id ('' every site), $2 state ('' any), $3 limit.
inline constexpr Query kListOutbox = {
    "list_outbox", "SELECT " PALABRE_OUTBOX_COLUMNS
                   " FROM outbox WHERE ($1 = '' OR site_id = $1) AND ($2 = '' OR state = $2) "
                   "ORDER BY id DESC LIMIT $3"};
// $1 subscriber, $2 limit.
inline constexpr Query kListSubscriberOutbox = {
    "list_subscriber_outbox", "SELECT " PALABRE_OUTBOX_COLUMNS
                              " FROM outbox WHERE subscriber_id = $1 ORDER BY id DESC LIMIT $2"};
#undef PALABRE_OUTBOX_COLUMNS
// $1 before.
inline constexpr Query kPurgeOutbox = {
    "purge_outbox", "DELETE FROM outbox WHERE state <> 'pending' AND done_at < $1"};
// $1 id, $2 next_attempt_at.
inline constexpr Query kDeferOutbox = {"defer_outbox",
                                       "UPDATE outbox SET next_attempt_at = $2, claimed_until = 0 "
                                       "WHERE id = $1 AND state = 'pending'"};
// $1 site, $2 since.
inline constexpr Query kCountMailSent = {
    "count_mail_sent",
    "SELECT COUNT(*) FROM outbox WHERE site_id = $1 AND subscriber_id IS NOT NULL "
    "AND state = 'sent' AND last_error = '' AND done_at >= $2"};

// --- Reply-mail subscribers
// ----------------------------------------------------------------------- Columns: 0 id, 1 site_id,
// 2 email, 3 created_at, 4 confirmed_at, 5 confirm_sent_at.
#define PALABRE_SUBSCRIBER_COLUMNS "id, site_id, email, created_at, confirmed_at, confirm_sent_at"
inline constexpr Query kSelectCommentSite = {"select_comment_site",
                                             "SELECT site_id FROM comments WHERE id = $1"};
// $1 site, $2 email, $3 email_key, $4 created_at. Takes the subscriber's row lock either way
// (DO UPDATE, not DO NOTHING), so that two sign-ups of one address queue one confirmation.
inline constexpr Query kUpsertSubscriber = {
    "upsert_subscriber",
    "INSERT INTO subscribers AS s (site_id, email, email_key, created_at) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT (site_id, email_key) DO UPDATE SET email_key = "
    "s.email_key "
    "RETURNING " PALABRE_SUBSCRIBER_COLUMNS};
inline constexpr Query kSelectSubscriber = {
    "select_subscriber", "SELECT " PALABRE_SUBSCRIBER_COLUMNS " FROM subscribers WHERE id = $1"};
#undef PALABRE_SUBSCRIBER_COLUMNS
// $1 comment, $2 subscriber.
inline constexpr Query kLinkComment = {
    "link_comment",
    "INSERT INTO comment_subscriptions (comment_id, subscriber_id) VALUES ($1, $2) "
    "ON CONFLICT (comment_id) DO UPDATE SET subscriber_id = excluded.subscriber_id"};
// $1 subscriber, $2 now.
inline constexpr Query kMarkConfirmSent = {
    "mark_confirm_sent", "UPDATE subscribers SET confirm_sent_at = $2 WHERE id = $1"};
inline constexpr Query kConfirmSubscriber = {
    "confirm_subscriber",
    "UPDATE subscribers SET confirmed_at = CASE WHEN confirmed_at = 0 THEN $2 "
    "ELSE confirmed_at END WHERE id = $1"};
// Its links and outbox rows follow (ON DELETE CASCADE).
inline constexpr Query kDeleteSubscriber = {"delete_subscriber",
                                            "DELETE FROM subscribers WHERE id = $1"};
// $1 the address in ASCII lower case.
inline constexpr Query kDeleteSubscribersByEmail = {"delete_subscribers_by_email",
                                                    "DELETE FROM subscribers WHERE email_key = $1"};

#undef PALABRE_NOW_MS

}  // namespace palabre::store::pg::sql
