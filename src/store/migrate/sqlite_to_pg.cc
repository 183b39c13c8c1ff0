#include "store/migrate/sqlite_to_pg.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_pool.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace palabre::store::migrate {
namespace {

using pg::AppendCopyText;
using pg::Conn;
using pg::kUniqueViolation;
using pg::Params;
using pg::Pool;
using pg::Query;
using pg::Rows;
using pg::TextArray;
using pg::UnlimitedCalls;

constexpr std::size_t kChunkBytes = 1 << 20;

// --- Source (SQLite) --------------------------------------------------------------------------
// ?1 the site to copy, or NULL for every site.
#define PALABRE_SITE_FILTER "(?1 IS NULL OR site_id = ?1)"

constexpr char kSourceSites[] =
    "SELECT id, name, origins, locale, time_zone, auto_create_threads, salt, created_at, "
    "settings FROM sites WHERE (?1 IS NULL OR id = ?1) ORDER BY id";
constexpr char kSourceThreads[] =
    "SELECT id, site_id, key, title, body, closed, comment_count, created_at FROM threads "
    "WHERE " PALABRE_SITE_FILTER " ORDER BY id";
constexpr char kSourceComments[] =
    "SELECT id, thread_id, site_id, parent_id, root_id, depth, author, email, text, html, "
    "status, created_at, edited_at, upvotes, downvotes, edit_token_hash, client_hash, "
    "source_id, moderation, review, risk, auto_rejected FROM comments WHERE " PALABRE_SITE_FILTER
    " ORDER BY id";
constexpr char kSourceVotes[] =
    "SELECT v.comment_id, v.voter_hash, v.direction, v.created_at, v.token_hash FROM votes v "
    "JOIN comments c ON c.id = v.comment_id WHERE (?1 IS NULL OR c.site_id = ?1) "
    "ORDER BY v.comment_id, v.voter_hash";
constexpr char kSourceReports[] =
    "SELECT r.id, r.comment_id, r.reason, r.note, r.reporter_hash, r.created_at, r.resolved, "
    "r.range_hash, r.token_hash, r.outcome, r.burst FROM reports r JOIN comments c ON c.id = "
    "r.comment_id WHERE (?1 IS NULL OR c.site_id = ?1) "
    "ORDER BY r.id";
constexpr char kSourceBans[] =
    "SELECT id, site_id, author_folded, client_hash, email_hash, reason, created_by, "
    "created_at, expires_at FROM bans WHERE " PALABRE_SITE_FILTER " ORDER BY id";
constexpr char kSourceApiKeys[] =
    "SELECT id, site_id, name, key_hash, hint, per_minute, created_at FROM api_keys "
    "WHERE " PALABRE_SITE_FILTER " ORDER BY id";
constexpr char kSourceWebhooks[] =
    "SELECT id, site_id, url, format, events, secret, created_at FROM webhooks "
    "WHERE " PALABRE_SITE_FILTER " ORDER BY id";
constexpr char kSourceOutbox[] =
    "SELECT id, webhook_id, site_id, event, subject_id, created_at, state, attempts, "
    "next_attempt_at, claimed_until, first_attempt_at, done_at, last_error FROM outbox "
    "WHERE " PALABRE_SITE_FILTER " ORDER BY id";
constexpr char kSourceAudit[] =
    "SELECT id, site_id, user_id, user_email, action, comment_id, reason, detail, response_ms, "
    "at FROM audit_log WHERE " PALABRE_SITE_FILTER " ORDER BY id";
constexpr char kSourceCounts[] =
    "SELECT (SELECT COUNT(*) FROM sites WHERE (?1 IS NULL OR id = ?1)), "
    "(SELECT COUNT(*) FROM threads WHERE " PALABRE_SITE_FILTER
    "), "
    "(SELECT COUNT(*) FROM comments WHERE " PALABRE_SITE_FILTER
    "), "
    "(SELECT COUNT(*) FROM comments WHERE " PALABRE_SITE_FILTER
    " AND status = 'published'), "
    "(SELECT COUNT(*) FROM votes v JOIN comments c ON c.id = v.comment_id "
    "WHERE (?1 IS NULL OR c.site_id = ?1)), "
    "(SELECT COUNT(*) FROM threads t WHERE " PALABRE_SITE_FILTER
    " AND comment_count <> "
    "(SELECT COUNT(*) FROM comments c WHERE c.thread_id = t.id AND c.status = 'published')), "
    "(SELECT COUNT(*) FROM reports r JOIN comments c ON c.id = r.comment_id "
    "WHERE (?1 IS NULL OR c.site_id = ?1)), "
    "(SELECT COUNT(*) FROM bans WHERE " PALABRE_SITE_FILTER
    "), "
    "(SELECT COUNT(*) FROM audit_log WHERE " PALABRE_SITE_FILTER
    "), "
    "(SELECT COUNT(*) FROM api_keys WHERE " PALABRE_SITE_FILTER
    "), "
    "(SELECT COUNT(*) FROM webhooks WHERE " PALABRE_SITE_FILTER
    "), "
    "(SELECT COUNT(*) FROM outbox WHERE " PALABRE_SITE_FILTER ")";
#undef PALABRE_SITE_FILTER

// --- Target (PostgreSQL) ----------------------------------------------------------------------
constexpr char kCopySites[] =
    "COPY sites (id, name, origins, locale, time_zone, auto_create_threads, salt, created_at, "
    "settings) FROM STDIN";
constexpr char kCopyThreads[] =
    "COPY threads (id, site_id, key, title, body, closed, comment_count, created_at) FROM STDIN";
constexpr char kCopyComments[] =
    "COPY comments (id, thread_id, site_id, parent_id, root_id, depth, author, email, text, "
    "html, status, created_at, edited_at, upvotes, downvotes, edit_token_hash, client_hash, "
    "source_id, moderation, review, risk, auto_rejected) FROM STDIN";
constexpr char kCopyVotes[] =
    "COPY votes (comment_id, voter_hash, direction, created_at, token_hash) FROM STDIN";
constexpr char kCopyReports[] =
    "COPY reports (id, comment_id, reason, note, reporter_hash, created_at, resolved, range_hash, "
    "token_hash, outcome, burst) FROM STDIN";
constexpr char kCopyApiKeys[] =
    "COPY api_keys (id, site_id, name, key_hash, hint, per_minute, created_at) FROM STDIN";
constexpr char kCopyBans[] =
    "COPY bans (id, site_id, author_folded, client_hash, email_hash, reason, created_by, "
    "created_at, expires_at) FROM STDIN";
constexpr char kCopyWebhooks[] =
    "COPY webhooks (id, site_id, url, format, events, secret, created_at) FROM STDIN";
constexpr char kCopyOutbox[] =
    "COPY outbox (id, webhook_id, site_id, event, subject_id, created_at, state, attempts, "
    "next_attempt_at, claimed_until, first_attempt_at, done_at, last_error) FROM STDIN";
constexpr char kCopyAudit[] =
    "COPY audit_log (id, site_id, user_id, user_email, action, comment_id, reason, detail, "
    "response_ms, at) FROM STDIN";
// New ids start after the copied ones (sequences never go back).
constexpr char kMoveSequences[] =
    "SELECT setval('threads_id_seq', GREATEST((SELECT COALESCE(MAX(id), 1) FROM threads), "
    "(SELECT last_value FROM threads_id_seq))), "
    "setval('comments_id_seq', GREATEST((SELECT COALESCE(MAX(id), 1) FROM comments), "
    "(SELECT last_value FROM comments_id_seq))), "
    "setval('reports_id_seq', GREATEST((SELECT COALESCE(MAX(id), 1) FROM reports), "
    "(SELECT last_value FROM reports_id_seq))), "
    "setval('bans_id_seq', GREATEST((SELECT COALESCE(MAX(id), 1) FROM bans), "
    "(SELECT last_value FROM bans_id_seq))), "
    "setval('audit_log_id_seq', GREATEST((SELECT COALESCE(MAX(id), 1) FROM audit_log), "
    "(SELECT last_value FROM audit_log_id_seq))), "
    "setval('api_keys_id_seq', GREATEST((SELECT COALESCE(MAX(id), 1) FROM api_keys), "
    "(SELECT last_value FROM api_keys_id_seq))), "
    "setval('webhooks_id_seq', GREATEST((SELECT COALESCE(MAX(id), 1) FROM webhooks), "
    "(SELECT last_value FROM webhooks_id_seq))), "
    "setval('outbox_id_seq', GREATEST((SELECT COALESCE(MAX(id), 1) FROM outbox), "
    "(SELECT last_value FROM outbox_id_seq)))";
constexpr Query kTargetSiteExists = {"migrate_site_exists", "SELECT 1 FROM sites WHERE id = $1"};
// $1 the copied site ids as a text[] literal.
constexpr Query kTargetCounts = {
    "migrate_target_counts",
    "SELECT (SELECT COUNT(*) FROM sites WHERE id = ANY($1::text[])), "
    "(SELECT COUNT(*) FROM threads WHERE site_id = ANY($1::text[])), "
    "(SELECT COUNT(*) FROM comments WHERE site_id = ANY($1::text[])), "
    "(SELECT COUNT(*) FROM comments WHERE site_id = ANY($1::text[]) AND status = 'published'), "
    "(SELECT COUNT(*) FROM votes v JOIN comments c ON c.id = v.comment_id "
    "WHERE c.site_id = ANY($1::text[])), "
    "(SELECT COUNT(*) FROM threads t WHERE site_id = ANY($1::text[]) AND comment_count <> "
    "(SELECT COUNT(*) FROM comments c WHERE c.thread_id = t.id AND c.status = 'published')), "
    "(SELECT COUNT(*) FROM reports r JOIN comments c ON c.id = r.comment_id "
    "WHERE c.site_id = ANY($1::text[])), "
    "(SELECT COUNT(*) FROM bans WHERE site_id = ANY($1::text[])), "
    "(SELECT COUNT(*) FROM audit_log WHERE site_id = ANY($1::text[])), "
    "(SELECT COUNT(*) FROM api_keys WHERE site_id = ANY($1::text[])), "
    "(SELECT COUNT(*) FROM webhooks WHERE site_id = ANY($1::text[])), "
    "(SELECT COUNT(*) FROM outbox WHERE site_id = ANY($1::text[]))"};

// How each source column is written into COPY's text format.
enum class Col { kInt, kOptionalInt, kText, kBool };

// Streams the rows of `stmt` as COPY lines, `columns` describing each column.
Status CopyRows(Conn& conn, const char* copy_sql, sqlite::Stmt& stmt,
                const std::vector<Col>& columns) {
  return conn.CopyIn(copy_sql, [&](std::string& out) -> Result<bool> {
    while (out.size() < kChunkBytes) {
      Result<bool> row = stmt.Step();
      if (!row.ok()) return row.status();
      if (!*row) return false;
      int i = 0;
      for (Col col : columns) {
        if (i > 0) out += '\t';
        switch (col) {
          case Col::kInt:
            out += std::to_string(stmt.ColumnInt(i));
            break;
          case Col::kOptionalInt:
            out += stmt.ColumnIsNull(i) ? "\\N" : std::to_string(stmt.ColumnInt(i));
            break;
          case Col::kText:
            AppendCopyText(out, stmt.ColumnText(i));
            break;
          case Col::kBool:
            out += stmt.ColumnInt(i) != 0 ? "t" : "f";
            break;
        }
        ++i;
      }
      out += '\n';
    }
    return true;
  });
}

void BindSite(sqlite::Stmt& stmt, const std::optional<std::string>& site) {
  if (site.has_value()) {
    stmt.BindText(1, *site);
  } else {
    stmt.BindNull(1);
  }
}

Result<CopyCounts> SourceCounts(sqlite::Db& db, const std::optional<std::string>& site) {
  Result<sqlite::Stmt> stmt = db.Prepare(kSourceCounts);
  if (!stmt.ok()) return stmt.status();
  BindSite(*stmt, site);
  Result<bool> row = stmt->Step();
  if (!row.ok()) return row.status();
  CopyCounts counts;
  counts.sites = stmt->ColumnInt(0);
  counts.threads = stmt->ColumnInt(1);
  counts.comments = stmt->ColumnInt(2);
  counts.published = stmt->ColumnInt(3);
  counts.votes = stmt->ColumnInt(4);
  counts.count_mismatch = stmt->ColumnInt(5);
  counts.reports = stmt->ColumnInt(6);
  counts.bans = stmt->ColumnInt(7);
  counts.audit = stmt->ColumnInt(8);
  counts.api_keys = stmt->ColumnInt(9);
  counts.webhooks = stmt->ColumnInt(10);
  counts.outbox = stmt->ColumnInt(11);
  return counts;
}

std::string Describe(const CopyCounts& c) {
  return std::to_string(c.sites) + " sites, " + std::to_string(c.threads) + " threads, " +
         std::to_string(c.comments) + " comments (" + std::to_string(c.published) +
         " published), " + std::to_string(c.votes) + " votes, " + std::to_string(c.count_mismatch) +
         " threads with a wrong count, " + std::to_string(c.reports) + " reports, " +
         std::to_string(c.bans) + " bans, " + std::to_string(c.audit) + " audit entries, " +
         std::to_string(c.api_keys) + " API keys, " + std::to_string(c.webhooks) + " webhooks, " +
         std::to_string(c.outbox) + " notifications";
}

// The copy itself, inside the PostgreSQL transaction opened by the caller.
Status CopyAll(sqlite::Db& source, Conn& conn, const std::optional<std::string>& site,
               CopyReport& report) {
  {
    Result<sqlite::Stmt> sites = source.Prepare(kSourceSites);
    if (!sites.ok()) return sites.status();
    BindSite(*sites, site);
    while (true) {
      Result<bool> row = sites->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      report.site_ids.push_back(sites->ColumnText(0));
    }
  }
  if (site.has_value() && report.site_ids.empty()) {
    return Status(Error::kUnknownSite, "site " + *site + " is not in the SQLite database");
  }
  for (const std::string& id : report.site_ids) {
    Result<Rows> exists = conn.Run(kTargetSiteExists, Params().Text(id));
    if (!exists.ok()) return exists.status();
    if (!exists->empty()) {
      return Status(Error::kSiteExists, "site " + id + " is already in the PostgreSQL database");
    }
  }
  struct Table {
    const char* select;
    const char* copy;
    std::vector<Col> columns;
  };
  const Table tables[] = {
      {kSourceSites,
       kCopySites,
       {Col::kText, Col::kText, Col::kText, Col::kText, Col::kText, Col::kBool, Col::kText,
        Col::kInt, Col::kText}},
      {kSourceThreads,
       kCopyThreads,
       {Col::kInt, Col::kText, Col::kText, Col::kText, Col::kText, Col::kBool, Col::kInt,
        Col::kInt}},
      {kSourceComments,
       kCopyComments,
       {Col::kInt,         Col::kInt,  Col::kText, Col::kOptionalInt, Col::kInt,  Col::kInt,
        Col::kText,        Col::kText, Col::kText, Col::kText,        Col::kText, Col::kInt,
        Col::kOptionalInt, Col::kInt,  Col::kInt,  Col::kText,        Col::kText, Col::kText,
        Col::kText,        Col::kBool, Col::kInt,  Col::kBool}},
      {kSourceVotes, kCopyVotes, {Col::kInt, Col::kText, Col::kInt, Col::kInt, Col::kText}},
      {kSourceReports,
       kCopyReports,
       {Col::kInt, Col::kInt, Col::kText, Col::kText, Col::kText, Col::kInt, Col::kBool, Col::kText,
        Col::kText, Col::kText, Col::kBool}},
      {kSourceApiKeys,
       kCopyApiKeys,
       {Col::kInt, Col::kText, Col::kText, Col::kText, Col::kText, Col::kInt, Col::kInt}},
      {kSourceBans,
       kCopyBans,
       {Col::kInt, Col::kText, Col::kText, Col::kText, Col::kText, Col::kText, Col::kInt, Col::kInt,
        Col::kInt}},
      {kSourceWebhooks,
       kCopyWebhooks,
       {Col::kInt, Col::kText, Col::kText, Col::kText, Col::kInt, Col::kText, Col::kInt}},
      {kSourceOutbox,
       kCopyOutbox,
       {Col::kInt, Col::kInt, Col::kText, Col::kInt, Col::kInt, Col::kInt, Col::kText, Col::kInt,
        Col::kInt, Col::kInt, Col::kInt, Col::kInt, Col::kText}},
      {kSourceAudit,
       kCopyAudit,
       {Col::kInt, Col::kText, Col::kInt, Col::kText, Col::kText, Col::kOptionalInt, Col::kText,
        Col::kText, Col::kInt, Col::kInt}},
  };
  for (const Table& table : tables) {
    Result<sqlite::Stmt> rows = source.Prepare(table.select);
    if (!rows.ok()) return rows.status();
    BindSite(*rows, site);
    Status copied = CopyRows(conn, table.copy, *rows, table.columns);
    if (!copied.ok()) {
      if (conn.last_sqlstate() == kUniqueViolation) {
        return Status(Error::kInternal,
                      "ids already used in the PostgreSQL database (copy into an empty "
                      "database, or site by site from the same SQLite file): " +
                          copied.message());
      }
      return copied;
    }
  }
  PALABRE_RETURN_IF_ERROR(conn.ExecOk(kMoveSequences));

  Result<CopyCounts> source_counts = SourceCounts(source, site);
  if (!source_counts.ok()) return source_counts.status();
  report.source = *source_counts;
  Result<Rows> target = conn.Run(kTargetCounts, Params().Text(TextArray(report.site_ids)));
  if (!target.ok()) return target.status();
  report.target.sites = target->Int(0, 0);
  report.target.threads = target->Int(0, 1);
  report.target.comments = target->Int(0, 2);
  report.target.published = target->Int(0, 3);
  report.target.votes = target->Int(0, 4);
  report.target.count_mismatch = target->Int(0, 5);
  report.target.reports = target->Int(0, 6);
  report.target.bans = target->Int(0, 7);
  report.target.audit = target->Int(0, 8);
  report.target.api_keys = target->Int(0, 9);
  report.target.webhooks = target->Int(0, 10);
  report.target.outbox = target->Int(0, 11);
  if (report.target != report.source) {
    return Status(Error::kInternal, "counts differ, nothing copied: SQLite has " +
                                        Describe(report.source) + "; PostgreSQL would have " +
                                        Describe(report.target));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> SqlitePathOf(std::string_view url) {
  // A scheme is [A-Za-z][A-Za-z0-9+.-]* then ':'; without one, `url` is a plain path.
  std::string_view rest = url;
  std::size_t colon = url.find(':');
  auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  bool has_scheme =
      colon != std::string_view::npos && colon > 0 && alpha(url[0]) &&
      std::all_of(url.begin() + 1, url.begin() + static_cast<long>(colon), [&](char c) {
        return alpha(c) || std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '+' ||
               c == '.' || c == '-';
      });
  if (has_scheme) {
    std::string scheme(url.substr(0, colon));
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (scheme != "sqlite") {
      return Status(Error::kInvalidArgument, "--from must be a SQLite database: sqlite://PATH");
    }
    rest = url.substr(colon + 1);
    if (rest.starts_with("//")) {
      rest.remove_prefix(2);
      if (!rest.starts_with('/')) {
        return Status(Error::kInvalidArgument,
                      "use sqlite:///absolute/path or sqlite:relative/path");
      }
    }
  }
  rest = rest.substr(0, rest.find('?'));
  if (rest.empty()) return Status(Error::kInvalidArgument, "empty SQLite path");
  return std::string(rest);
}

Result<CopyReport> CopyFromSqlite(std::string_view from, pg::PgStore& target,
                                  const std::optional<std::string>& site) {
  Result<std::string> path = SqlitePathOf(from);
  if (!path.ok()) return path.status();
  {
    // Brings an older file's schema up to date (and refuses what is not a palabre database).
    Result<std::unique_ptr<sqlite::SqliteStore>> store = sqlite::SqliteStore::Open(*path);
    if (!store.ok()) return store.status();
  }
  Result<std::unique_ptr<sqlite::Db>> source = sqlite::Db::Open(*path, /*create=*/false);
  if (!source.ok()) return source.status();
  sqlite::Db& db = **source;
  PALABRE_RETURN_IF_ERROR(db.Exec("BEGIN"));  // one snapshot for every table and the counts

  Result<Pool::Lease> lease = target.pool().Acquire();
  if (!lease.ok()) return lease.status();
  Conn& conn = **lease;
  UnlimitedCalls unlimited(conn);  // COPY of a whole site
  PALABRE_RETURN_IF_ERROR(conn.ExecOk("BEGIN"));
  CopyReport report;
  Status copied = CopyAll(db, conn, site, report);
  if (!copied.ok()) {
    if (!conn.broken()) conn.ExecOk("ROLLBACK").IgnoreError();
    db.Exec("ROLLBACK").IgnoreError();
    return copied;
  }
  PALABRE_RETURN_IF_ERROR(conn.ExecOk("COMMIT"));
  db.Exec("ROLLBACK").IgnoreError();  // the read transaction
  return report;
}

}  // namespace palabre::store::migrate
