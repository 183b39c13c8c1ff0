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

// --- Sites ------------------------------------------------------------------------------------
// Columns: 0 id, 1 name, 2 origins, 3 locale, 4 time_zone, 5 auto_create_threads, 6 salt,
// 7 created_at.
#define PALABRE_SITE_COLUMNS \
  "id, name, origins, locale, time_zone, auto_create_threads, salt, created_at"

inline constexpr char kInsertSite[] =
    "INSERT INTO sites (" PALABRE_SITE_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
inline constexpr char kSiteExists[] = "SELECT 1 FROM sites WHERE id = ?1";
// created_at never changes.
inline constexpr char kUpdateSite[] =
    "UPDATE sites SET name = ?2, origins = ?3, locale = ?4, time_zone = ?5, "
    "auto_create_threads = ?6, salt = ?7 WHERE id = ?1";
inline constexpr char kSelectSite[] = "SELECT " PALABRE_SITE_COLUMNS " FROM sites WHERE id = ?1";
inline constexpr char kSelectSites[] = "SELECT " PALABRE_SITE_COLUMNS " FROM sites ORDER BY id";
// Threads, comments and votes follow by ON DELETE CASCADE.
inline constexpr char kDeleteSite[] = "DELETE FROM sites WHERE id = ?1";

#undef PALABRE_SITE_COLUMNS

// --- Threads ----------------------------------------------------------------------------------
// Columns: 0 id, 1 site_id, 2 key, 3 title, 4 body, 5 closed, 6 comment_count, 7 created_at.
#define PALABRE_THREAD_COLUMNS "id, site_id, key, title, body, closed, comment_count, created_at"

inline constexpr char kSelectThreadByKey[] =
    "SELECT " PALABRE_THREAD_COLUMNS " FROM threads WHERE site_id = ?1 AND key = ?2";
inline constexpr char kSelectThreadById[] =
    "SELECT " PALABRE_THREAD_COLUMNS " FROM threads WHERE id = ?1";
inline constexpr char kInsertThread[] =
    "INSERT INTO threads (site_id, key, title, body, closed, comment_count, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)";
// Fills an empty title or body, leaves a non-empty one alone.
inline constexpr char kFillThread[] =
    "UPDATE threads SET title = CASE WHEN title = '' THEN ?2 ELSE title END, "
    "body = CASE WHEN body = '' THEN ?3 ELSE body END WHERE id = ?1";
inline constexpr char kSetThreadClosed[] = "UPDATE threads SET closed = ?2 WHERE id = ?1";
inline constexpr char kAddToCommentCount[] =
    "UPDATE threads SET comment_count = comment_count + ?2 WHERE id = ?1";
inline constexpr char kSelectThreadSite[] = "SELECT site_id FROM threads WHERE id = ?1";
inline constexpr char kCountComments[] =
    "SELECT comment_count FROM threads WHERE site_id = ?1 AND key = ?2";

#undef PALABRE_THREAD_COLUMNS

// --- Comments ---------------------------------------------------------------------------------
// Columns: 0 id, 1 thread_id, 2 parent_id, 3 root_id, 4 depth, 5 author, 6 email, 7 text,
// 8 html, 9 status, 10 created_at, 11 edited_at, 12 upvotes, 13 downvotes, 14 edit_token_hash,
// 15 client_hash, 16 source_id, 17 moderation.
#define PALABRE_COMMENT_COLUMNS                                                               \
  "id, thread_id, parent_id, root_id, depth, author, email, text, html, status, created_at, " \
  "edited_at, upvotes, downvotes, edit_token_hash, client_hash, source_id, moderation"
// The statuses listing methods return; the partial listing indexes carry the same term.
#define PALABRE_LISTED "status IN ('published', 'deleted')"

// The writer holds the write lock while it reads this, so the id cannot be taken meanwhile;
// knowing it before the insert lets a top-level comment be its own root in one INSERT. An
// explicit id moves the AUTOINCREMENT sequence forward as a generated one would, so ids are
// never reused.
inline constexpr char kNextCommentId[] =
    "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'comments'), 0) + 1";
// ?1 id, ?2 thread_id, ?3 site_id, then the comment columns from parent_id to moderation.
inline constexpr char kInsertComment[] =
    "INSERT INTO comments (id, thread_id, site_id, parent_id, root_id, depth, author, email, "
    "text, html, status, created_at, edited_at, upvotes, downvotes, edit_token_hash, "
    "client_hash, source_id, moderation) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
    "?19)";
inline constexpr char kSelectComment[] =
    "SELECT " PALABRE_COMMENT_COLUMNS " FROM comments WHERE id = ?1";
// Columns: 0 thread_id, 1 root_id, 2 depth, 3 status.
inline constexpr char kSelectCommentPlace[] =
    "SELECT thread_id, root_id, depth, status FROM comments WHERE id = ?1";
inline constexpr char kUpdateCommentText[] =
    "UPDATE comments SET text = ?2, html = ?3, edited_at = ?4 WHERE id = ?1";
inline constexpr char kSetCommentStatus[] = "UPDATE comments SET status = ?2 WHERE id = ?1";

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

// The `source_id <> ''` term lets SQLite use the partial unique index comments_import.
inline constexpr char kFindImported[] =
    "SELECT id FROM comments WHERE site_id = ?1 AND source_id = ?2 AND source_id <> ''";

#undef PALABRE_LISTED
#undef PALABRE_COMMENT_COLUMNS

// --- Votes ------------------------------------------------------------------------------------
inline constexpr char kSelectVote[] =
    "SELECT direction FROM votes WHERE comment_id = ?1 AND voter_hash = ?2";
inline constexpr char kInsertVote[] =
    "INSERT INTO votes (comment_id, voter_hash, direction, created_at) VALUES (?1, ?2, ?3, ?4)";
inline constexpr char kUpdateVote[] =
    "UPDATE votes SET direction = ?3, created_at = ?4 WHERE comment_id = ?1 AND voter_hash = ?2";
// ?2 and ?3 are added to upvotes and downvotes (score follows: generated column).
inline constexpr char kAddVotes[] =
    "UPDATE comments SET upvotes = upvotes + ?2, downvotes = downvotes + ?3 WHERE id = ?1";

}  // namespace palabre::store::sqlite::sql
