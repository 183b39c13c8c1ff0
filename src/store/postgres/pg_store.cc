#include "store/postgres/pg_store.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <random>
#include <unordered_map>
#include <utility>

#include "core/text/ascii.h"
#include "store/postgres/pg_change_feed.h"
#include "store/postgres/pg_migrations.h"
#include "store/postgres/pg_queries.h"

namespace palabre::store::pg {
namespace {

constexpr std::size_t kMaxSchemaName = 48;  // "palabre_" + 48 < 63, PostgreSQL's name limit

Status ParseCount(std::string_view name, std::string_view text, int min, int& out) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min) {
    return Status(Error::kInvalidArgument, "store URL: " + std::string(name) +
                                               " must be an integer >= " + std::to_string(min));
  }
  out = value;
  return Status::Ok();
}

bool ValidSchemaName(std::string_view name) {
  if (name.empty() || name.size() > kMaxSchemaName) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string RandomNodeId() {
  std::random_device device;
  std::uniform_int_distribution<std::uint64_t> any;
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t value = any(device);
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = kHex[value & 15];
  return out;
}

// "palabre_<schema>", or a hash of the schema when that would pass PostgreSQL's 63-byte limit.
std::string ChannelFor(std::string_view schema) {
  std::string channel = "palabre_" + std::string(schema);
  if (channel.size() <= 63) return channel;
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
  for (char c : schema) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return "palabre_h" + std::to_string(hash);
}

// --- Rows -------------------------------------------------------------------------------------

std::string JoinOrigins(const std::vector<std::string>& origins) {
  std::string out;
  for (const std::string& origin : origins) {
    if (!out.empty()) out += '\n';
    out += origin;
  }
  return out;
}

std::vector<std::string> SplitOrigins(std::string_view joined) {
  std::vector<std::string> out;
  while (!joined.empty()) {
    std::size_t end = joined.find('\n');
    out.emplace_back(joined.substr(0, end));
    if (end == std::string_view::npos) break;
    joined.remove_prefix(end + 1);
  }
  return out;
}

Status CheckOrigins(const Site& site) {
  for (const std::string& origin : site.origins) {
    if (origin.empty() || origin.find('\n') != std::string::npos) {
      return Status(Error::kInvalidArgument, "site " + site.id + ": empty origin or newline");
    }
  }
  return Status::Ok();
}

Site ReadSite(const Rows& rows, int r) {
  Site site;
  site.id = rows.Text(r, 0);
  site.name = rows.Text(r, 1);
  site.origins = SplitOrigins(rows.View(r, 2));
  site.locale = rows.Text(r, 3);
  site.time_zone = rows.Text(r, 4);
  site.auto_create_threads = rows.Bool(r, 5);
  site.salt = rows.Text(r, 6);
  site.created_at = rows.Int(r, 7);
  site.settings = rows.Text(r, 8);
  return site;
}

Thread ReadThread(const Rows& rows, int r) {
  Thread thread;
  thread.id = rows.Int(r, 0);
  thread.site_id = rows.Text(r, 1);
  thread.key = rows.Text(r, 2);
  thread.title = rows.Text(r, 3);
  thread.body = rows.Text(r, 4);
  thread.closed = rows.Bool(r, 5);
  thread.comment_count = rows.Int(r, 6);
  thread.created_at = rows.Int(r, 7);
  return thread;
}

Result<Comment> ReadComment(const Rows& rows, int r) {
  Comment c;
  c.id = rows.Int(r, 0);
  c.thread_id = rows.Int(r, 1);
  c.parent_id = rows.OptionalInt(r, 2);
  c.root_id = rows.Int(r, 3);
  c.depth = static_cast<int>(rows.Int(r, 4));
  c.author = rows.Text(r, 5);
  c.email = rows.Text(r, 6);
  c.text = rows.Text(r, 7);
  c.html = rows.Text(r, 8);
  std::optional<CommentStatus> status = ParseCommentStatus(rows.View(r, 9));
  if (!status.has_value()) {
    return Status(Error::kInternal, "comment " + std::to_string(c.id) + ": unknown status");
  }
  c.status = *status;
  c.created_at = rows.Int(r, 10);
  c.edited_at = rows.OptionalInt(r, 11);
  c.upvotes = rows.Int(r, 12);
  c.downvotes = rows.Int(r, 13);
  c.edit_token_hash = rows.Text(r, 14);
  c.client_hash = rows.Text(r, 15);
  c.source_id = rows.Text(r, 16);
  c.moderation = rows.Text(r, 17);
  c.review = rows.Bool(r, 18);
  c.risk = RiskOfKey(rows.Int(r, 19));
  c.auto_rejected = rows.Bool(r, 20);
  return c;
}

Status ReadComments(const Rows& rows, std::vector<Comment>& out) {
  out.reserve(out.size() + static_cast<std::size_t>(rows.size()));
  for (int r = 0; r < rows.size(); ++r) {
    Result<Comment> comment = ReadComment(rows, r);
    if (!comment.ok()) return comment.status();
    out.push_back(std::move(comment).value());
  }
  return Status::Ok();
}

// $1..$7 of kInsertSite and kUpdateSite, from id to salt.
Params SiteParams(const Site& site) {
  Params p;
  p.Text(site.id)
      .Text(site.name)
      .Text(JoinOrigins(site.origins))
      .Text(site.locale)
      .Text(site.time_zone)
      .Bool(site.auto_create_threads)
      .Text(site.salt);
  return p;
}

// An empty settings text is kept as "{}" (the server's defaults).
std::string_view SettingsOf(const Site& site) {
  return site.settings.empty() ? std::string_view("{}") : std::string_view(site.settings);
}

Result<Thread> SelectThreadByKey(Conn& c, std::string_view site_id, std::string_view key) {
  Result<Rows> rows = c.Run(sql::kSelectThreadByKey, Params().Text(site_id).Text(key));
  if (!rows.ok()) return rows.status();
  // The key may be a reader's URL: only the site goes into the message.
  if (rows->empty()) {
    return Status(Error::kUnknownThread, "no such thread in site " + std::string(site_id));
  }
  return ReadThread(*rows, 0);
}

Result<std::optional<CommentId>> SelectImported(Conn& c, std::string_view site_id,
                                                std::string_view source_id) {
  if (source_id.empty()) return std::optional<CommentId>();
  Result<Rows> rows = c.Run(sql::kFindImported, Params().Text(site_id).Text(source_id));
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return std::optional<CommentId>();
  return std::optional<CommentId>(rows->Int(0, 0));
}

bool NeedsFill(const Thread& stored, const Thread& given) {
  return (stored.title.empty() && !given.title.empty()) ||
         (stored.body.empty() && !given.body.empty());
}

int Published(CommentStatus status) { return status == CommentStatus::kPublished ? 1 : 0; }

// "{1,2,3}": a bigint[] literal.
std::string IdArray(std::span<const CommentId> ids) {
  std::string out = "{";
  for (CommentId id : ids) {
    if (out.size() > 1) out += ',';
    out += std::to_string(id);
  }
  out += '}';
  return out;
}

// {"a","b\"c"}: a text[] literal; every element quoted, '"' and '\' escaped.
std::string TextArray(std::span<const std::string> values) {
  std::string out = "{";
  for (const std::string& v : values) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : v) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

// Runs `body()` between BEGIN and COMMIT on `c`; rolls back if it fails.
template <typename Body>
auto InTransaction(Conn& c, Body&& body) -> decltype(body()) {
  Status begun = c.ExecOk("BEGIN");
  if (!begun.ok()) return begun;
  auto result = body();
  if (!result.ok()) {
    if (!c.broken()) c.ExecOk("ROLLBACK").IgnoreError();  // the failure is what matters
    return result;
  }
  Status committed = c.ExecOk("COMMIT");
  if (!committed.ok()) return committed;
  return result;
}

}  // namespace

// --- Configuration ----------------------------------------------------------------------------

Result<PgConfig> ParsePgUrl(std::string_view url) {
  std::size_t colon = url.find("://");
  if (colon == std::string_view::npos ||
      (!text::EqualsIgnoreCase(url.substr(0, colon), "postgres") &&
       !text::EqualsIgnoreCase(url.substr(0, colon), "postgresql"))) {
    return Status(Error::kInvalidArgument, "store URL: expected postgres://...");
  }
  PgConfig config;
  std::size_t question = url.find('?');
  std::string libpq(url.substr(0, question));
  std::string_view query =
      question == std::string_view::npos ? std::string_view() : url.substr(question + 1);
  std::vector<std::string> kept;
  bool has_connect_timeout = false;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      return Status(Error::kInvalidArgument,
                    "store URL: parameter without value: " + std::string(pair.substr(0, 64)));
    }
    std::string_view name = pair.substr(0, eq);
    std::string_view value = pair.substr(eq + 1);
    if (name == "pool_size") {
      PALABRE_RETURN_IF_ERROR(ParseCount(name, value, 1, config.pool.size));
    } else if (name == "acquire_timeout_ms") {
      int ms = 0;
      PALABRE_RETURN_IF_ERROR(ParseCount(name, value, 1, ms));
      config.pool.acquire_timeout = std::chrono::milliseconds(ms);
    } else if (name == "statement_timeout_ms") {
      int ms = 0;
      PALABRE_RETURN_IF_ERROR(ParseCount(name, value, 0, ms));
      config.pool.statement_timeout = std::chrono::milliseconds(ms);
    } else if (name == "schema") {
      if (!ValidSchemaName(value)) {
        return Status(Error::kInvalidArgument,
                      "store URL: schema must be 1 to 48 of A-Z a-z 0-9 _");
      }
      config.schema = std::string(value);
    } else if (name == "client_encoding") {
      return Status(Error::kInvalidArgument, "store URL: palabre always speaks UTF8");
    } else {
      if (name == "connect_timeout") has_connect_timeout = true;
      kept.emplace_back(pair);
    }
  }
  if (!has_connect_timeout) kept.emplace_back("connect_timeout=5");
  kept.emplace_back("client_encoding=UTF8");
  kept.emplace_back("fallback_application_name=palabre");
  for (std::size_t i = 0; i < kept.size(); ++i) libpq += (i == 0 ? "?" : "&") + kept[i];
  config.conninfo = std::move(libpq);
  return config;
}

Pool::Setup SessionSetup(std::string schema) {
  return [schema = std::move(schema)](Conn& c) -> Status {
    if (!schema.empty()) {
      std::string set = "SET search_path TO " + c.QuoteIdentifier(schema);
      PALABRE_RETURN_IF_ERROR(c.ExecOk(set.c_str()));
    }
    Result<Rows> info = c.Exec(sql::kSessionInfo);
    if (!info.ok()) return info.status();
    if (info->View(0, 1) == "off") {
      // An acknowledged comment must survive a server crash.
      PALABRE_RETURN_IF_ERROR(c.ExecOk("SET synchronous_commit TO on"));
    }
    return Status::Ok();
  };
}

// --- Opening ----------------------------------------------------------------------------------

PgStore::PgStore(PgConfig config, std::unique_ptr<Pool> pool, std::string channel)
    : config_(std::move(config)),
      pool_(std::move(pool)),
      channel_(std::move(channel)),
      node_id_(RandomNodeId()) {}

PgStore::~PgStore() = default;

Result<std::unique_ptr<PgStore>> PgStore::Open(std::string_view url) {
  Result<PgConfig> config = ParsePgUrl(url);
  if (!config.ok()) return config.status();
  return Open(*config);
}

Result<std::unique_ptr<PgStore>> PgStore::Open(const PgConfig& config) {
  auto pool = std::make_unique<Pool>(config.conninfo, config.pool, SessionSetup(config.schema));
  std::string schema;
  {
    Result<Pool::Lease> lease = pool->Acquire();
    if (!lease.ok()) return lease.status();
    Conn& c = **lease;
    UnlimitedCalls unlimited(c);  // another node may hold the migrations' lock for a while
    if (!config.schema.empty()) {
      // Under the migrations' lock: two nodes creating the schema at once must not collide.
      std::string create =
          "BEGIN; SELECT pg_advisory_xact_lock(31632315509797477); "
          "CREATE SCHEMA IF NOT EXISTS " +
          c.QuoteIdentifier(config.schema) + "; COMMIT";
      PALABRE_RETURN_IF_ERROR(c.ExecOk(create.c_str()));
    }
    Result<Rows> info = c.Exec(sql::kSessionInfo);
    if (!info.ok()) return info.status();
    if (info->IsNull(0, 0)) {
      return Status(Error::kInvalidArgument,
                    "PostgreSQL: no schema to create tables in (search_path); set ?schema=");
    }
    schema = info->Text(0, 0);
    PALABRE_RETURN_IF_ERROR(Migrate(c));
  }
  return std::unique_ptr<PgStore>(new PgStore(config, std::move(pool), ChannelFor(schema)));
}

std::unique_ptr<ChangeFeed> PgStore::NewChangeFeed() {
  return std::make_unique<PgChangeFeed>(config_.conninfo, SessionSetup(config_.schema), channel_,
                                        node_id_);
}

template <typename Body>
auto PgStore::WithConn(bool read_only, Body&& body) -> decltype(body(std::declval<Conn&>())) {
  for (int attempt = 0;; ++attempt) {
    Result<Pool::Lease> lease = pool_->Acquire();
    if (!lease.ok()) return lease.status();
    Conn& c = **lease;
    auto result = body(c);
    // A read on a connection that died while idle is tried once more on a fresh one; not one
    // that timed out (the server is stalled: another try would only wait again).
    if (!result.ok() && read_only && attempt == 0 && c.broken() && !c.timed_out()) continue;
    return result;
  }
}

// --- Sites ------------------------------------------------------------------------------------

Status PgStore::CreateSite(const Site& site) {
  PALABRE_RETURN_IF_ERROR(CheckOrigins(site));
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> inserted =
        c.Run(sql::kInsertSite, SiteParams(site).Int(site.created_at).Text(SettingsOf(site)));
    if (!inserted.ok()) return inserted.status();
    if (inserted->affected() == 0) return Status(Error::kSiteExists, "site " + site.id);
    return Status::Ok();
  });
}

Status PgStore::UpdateSite(const Site& site) {
  PALABRE_RETURN_IF_ERROR(CheckOrigins(site));
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated = c.Run(sql::kUpdateSite, SiteParams(site).Text(SettingsOf(site)));
    if (!updated.ok()) return updated.status();
    if (updated->affected() == 0) return Status(Error::kUnknownSite, "site " + site.id);
    return Status::Ok();
  });
}

Status PgStore::Ping() {
  return WithConn(true, [](Conn& c) -> Status { return c.ExecOk("SELECT 1"); });
}

Result<Site> PgStore::GetSite(std::string_view id) {
  return WithConn(true, [&](Conn& c) -> Result<Site> {
    Result<Rows> rows = c.Run(sql::kSelectSite, Params().Text(id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnknownSite, "site " + std::string(id));
    return ReadSite(*rows, 0);
  });
}

Result<std::vector<Site>> PgStore::ListSites() {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Site>> {
    Result<Rows> rows = c.Run(sql::kSelectSites);
    if (!rows.ok()) return rows.status();
    std::vector<Site> sites;
    for (int r = 0; r < rows->size(); ++r) sites.push_back(ReadSite(*rows, r));
    return sites;
  });
}

Status PgStore::RemoveSite(std::string_view id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteSite, Params().Text(id));
    if (!removed.ok()) return removed.status();
    if (removed->affected() == 0) return Status(Error::kUnknownSite, "site " + std::string(id));
    return Status::Ok();
  });
}

// --- Threads ----------------------------------------------------------------------------------

Result<Thread> PgStore::GetThread(std::string_view site_id, std::string_view key) {
  return WithConn(true, [&](Conn& c) { return SelectThreadByKey(c, site_id, key); });
}

Result<Thread> PgStore::GetThreadById(ThreadId id) {
  return WithConn(true, [&](Conn& c) -> Result<Thread> {
    Result<Rows> rows = c.Run(sql::kSelectThreadById, Params().Int(id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnknownThread, "thread " + std::to_string(id));
    return ReadThread(*rows, 0);
  });
}

Result<Thread> PgStore::EnsureThread(const Thread& thread) {
  // Most calls find the thread complete: answer them with a read, without writing.
  {
    Result<Thread> found = GetThread(thread.site_id, thread.key);
    if (found.ok() && !NeedsFill(*found, thread)) return found;
    if (!found.ok() && found.error() != Error::kUnknownThread) return found;
  }
  return WithConn(false, [&](Conn& c) -> Result<Thread> {
    Result<Rows> upserted = c.Run(sql::kUpsertThread, Params()
                                                          .Text(thread.site_id)
                                                          .Text(thread.key)
                                                          .Text(thread.title)
                                                          .Text(thread.body)
                                                          .Bool(thread.closed)
                                                          .Int(thread.created_at)
                                                          .Text(channel_)
                                                          .Text(node_id_));
    if (!upserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {
        return Status(Error::kUnknownSite, "site " + thread.site_id);
      }
      return upserted.status();
    }
    if (!upserted->empty()) return ReadThread(*upserted, 0);
    // It exists and needs nothing (another writer filled it meanwhile).
    return SelectThreadByKey(c, thread.site_id, thread.key);
  });
}

Status PgStore::SetThreadClosed(ThreadId id, bool closed) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated =
        c.Run(sql::kSetThreadClosed, Params().Int(id).Bool(closed).Text(channel_).Text(node_id_));
    if (!updated.ok()) return updated.status();
    if (updated->empty()) return Status(Error::kUnknownThread, "thread " + std::to_string(id));
    return Status::Ok();
  });
}

Status PgStore::SetThreadTitle(ThreadId id, std::string_view title) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated =
        c.Run(sql::kSetThreadTitle, Params().Int(id).Text(title).Text(channel_).Text(node_id_));
    if (!updated.ok()) return updated.status();
    if (updated->empty()) return Status(Error::kUnknownThread, "thread " + std::to_string(id));
    return Status::Ok();
  });
}

Result<std::vector<ThreadCount>> PgStore::CountComments(std::string_view site_id,
                                                        std::span<const std::string> keys) {
  std::vector<ThreadCount> counts;
  if (keys.empty()) return counts;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<ThreadCount>> {
    // One statement: one snapshot for all keys.
    Result<Rows> rows = c.Run(sql::kCountComments, Params().Text(site_id).Text(TextArray(keys)));
    if (!rows.ok()) return rows.status();
    std::unordered_map<std::string_view, std::int64_t> by_key;
    for (int r = 0; r < rows->size(); ++r) by_key[rows->View(r, 0)] = rows->Int(r, 1);
    std::vector<ThreadCount> out;
    for (const std::string& key : keys) {
      auto it = by_key.find(key);
      if (it != by_key.end()) out.push_back(ThreadCount{key, it->second});
    }
    return out;
  });
}

// --- Comments ---------------------------------------------------------------------------------

Result<Comment> PgStore::InsertComment(const Comment& comment) {
  return WithConn(false, [&](Conn& c) -> Result<Comment> {
    Result<Rows> place = c.Run(sql::kSelectInsertPlace,
                               Params().Int(comment.thread_id).OptionalInt(comment.parent_id));
    if (!place.ok()) return place.status();
    if (place->empty()) {
      return Status(Error::kUnknownThread, "thread " + std::to_string(comment.thread_id));
    }
    const std::string site_id = place->Text(0, 0);
    const std::string key = place->Text(0, 1);
    Comment stored = comment;
    std::optional<CommentId> root;
    if (comment.parent_id.has_value()) {
      if (place->IsNull(0, 2) || place->Int(0, 2) != comment.thread_id) {
        return Status(Error::kUnknownParent, "comment " + std::to_string(*comment.parent_id) +
                                                 " is not in thread " +
                                                 std::to_string(comment.thread_id));
      }
      root = place->Int(0, 3);
      stored.depth = static_cast<int>(place->Int(0, 4)) + 1;
    } else {
      stored.depth = 0;
    }
    Result<Rows> inserted = c.Run(sql::kInsertComment, Params()
                                                           .Int(stored.thread_id)
                                                           .Text(site_id)
                                                           .OptionalInt(stored.parent_id)
                                                           .OptionalInt(root)
                                                           .Int(stored.depth)
                                                           .Text(stored.author)
                                                           .Text(stored.email)
                                                           .Text(stored.text)
                                                           .Text(stored.html)
                                                           .Text(ToString(stored.status))
                                                           .Int(stored.created_at)
                                                           .OptionalInt(stored.edited_at)
                                                           .Int(stored.upvotes)
                                                           .Int(stored.downvotes)
                                                           .Text(stored.edit_token_hash)
                                                           .Text(stored.client_hash)
                                                           .Text(stored.source_id)
                                                           .Text(stored.moderation)
                                                           .Bool(stored.review)
                                                           .Int(RiskKey(stored.risk))
                                                           .Text(channel_)
                                                           .Text(node_id_)
                                                           .Text(key)
                                                           .Bool(stored.auto_rejected));
    if (!inserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {  // the thread went meanwhile
        return Status(Error::kUnknownThread, "thread " + std::to_string(comment.thread_id));
      }
      return inserted.status();
    }
    if (inserted->empty()) {
      Result<std::optional<CommentId>> existing = SelectImported(c, site_id, comment.source_id);
      std::string which = existing.ok() && existing->has_value()
                              ? " as comment " + std::to_string(**existing)
                              : std::string();
      return Status(Error::kDuplicateImport, "already imported" + which);
    }
    stored.id = inserted->Int(0, 0);
    stored.root_id = inserted->Int(0, 1);
    stored.risk = RiskOfKey(RiskKey(stored.risk));
    return stored;
  });
}

Result<Comment> PgStore::GetComment(CommentId id) {
  return WithConn(true, [&](Conn& c) -> Result<Comment> {
    Result<Rows> rows = c.Run(sql::kSelectComment, Params().Int(id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    return ReadComment(*rows, 0);
  });
}

Status PgStore::UpdateCommentText(CommentId id, std::string_view text, std::string_view html,
                                  TimestampMs edited_at) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated =
        c.Run(sql::kUpdateCommentText,
              Params().Int(id).Text(text).Text(html).Int(edited_at).Text(channel_).Text(node_id_));
    if (!updated.ok()) return updated.status();
    if (updated->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    return Status::Ok();
  });
}

Status PgStore::SetCommentModeration(CommentId id, std::string_view moderation, bool review,
                                     double risk) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated = c.Run(sql::kSetCommentModeration,
                                 Params().Int(id).Text(moderation).Bool(review).Int(RiskKey(risk)));
    if (!updated.ok()) return updated.status();
    if (updated->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    return Status::Ok();
  });
}

Status PgStore::SetCommentStatus(CommentId id, CommentStatus status) {
  return WithConn(false, [&](Conn& c) -> Status {
    return InTransaction(c, [&]() -> Status {
      Result<Rows> locked = c.Run(sql::kLockCommentStatus, Params().Int(id));
      if (!locked.ok()) return locked.status();
      if (locked->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
      std::optional<CommentStatus> old_status = ParseCommentStatus(locked->View(0, 0));
      if (!old_status.has_value()) {
        return Status(Error::kInternal, "comment " + std::to_string(id) + ": unknown status");
      }
      if (*old_status == status) return Status::Ok();
      const int delta = Published(status) - Published(*old_status);
      Result<Rows> updated =
          c.Run(sql::kSetCommentStatus,
                Params().Int(id).Text(ToString(status)).Int(delta).Text(channel_).Text(node_id_));
      return updated.ok() ? Status::Ok() : updated.status();
    });
  });
}

Result<TopLevelPage> PgStore::ListTopLevel(ThreadId thread, Sort sort,
                                           std::optional<PageCursor> after, int limit) {
  if (limit < 1) return Status(Error::kInvalidArgument, "page limit must be at least 1");
  const Query* query = nullptr;
  switch (sort) {
    case Sort::kOldest:
      query = after.has_value() ? &sql::kListTopOldestAfter : &sql::kListTopOldest;
      break;
    case Sort::kNewest:
      query = after.has_value() ? &sql::kListTopNewestAfter : &sql::kListTopNewest;
      break;
    case Sort::kBest:
      query = after.has_value() ? &sql::kListTopBestAfter : &sql::kListTopBest;
      break;
  }
  Params params;
  params.Int(thread);
  if (after.has_value()) params.Int(after->key).Int(after->id);
  // One row more than the page tells whether another page follows.
  params.Int(static_cast<std::int64_t>(limit) + 1);
  return WithConn(true, [&](Conn& c) -> Result<TopLevelPage> {
    Result<Rows> rows = c.Run(*query, params);
    if (!rows.ok()) return rows.status();
    TopLevelPage page;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, page.comments));
    if (page.comments.size() > static_cast<std::size_t>(limit)) {
      page.comments.pop_back();
      const Comment& last = page.comments.back();
      page.next = PageCursor{sort == Sort::kBest ? last.score() : last.created_at, last.id};
    }
    return page;
  });
}

Result<std::vector<Comment>> PgStore::ListReplies(ThreadId thread,
                                                  std::span<const CommentId> roots) {
  std::vector<Comment> replies;
  if (roots.empty()) return replies;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Comment>> {
    Result<Rows> rows = c.Run(sql::kListReplies, Params().Int(thread).Text(IdArray(roots)));
    if (!rows.ok()) return rows.status();
    std::vector<Comment> out;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, out));
    return out;
  });
}

Result<std::vector<Comment>> PgStore::ListRecentComments(std::string_view site_id,
                                                         TimestampMs since, int limit) {
  std::vector<Comment> comments;
  if (limit < 1) return comments;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Comment>> {
    Result<Rows> rows = c.Run(sql::kListRecent, Params().Text(site_id).Int(since).Int(limit));
    if (!rows.ok()) return rows.status();
    std::vector<Comment> out;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, out));
    return out;
  });
}

Result<std::optional<CommentId>> PgStore::FindImported(std::string_view site_id,
                                                       std::string_view source_id) {
  return WithConn(true, [&](Conn& c) { return SelectImported(c, site_id, source_id); });
}

// --- Votes ------------------------------------------------------------------------------------

Result<Comment> PgStore::Vote(CommentId id, std::string_view voter_hash,
                              std::string_view token_hash, int direction, TimestampMs at) {
  if (direction < -1 || direction > 1) {
    return Status(Error::kInvalidArgument, "vote direction must be -1, 0 or +1");
  }
  if (voter_hash.empty()) return Status(Error::kInvalidArgument, "a vote needs its voter's hash");
  return WithConn(false, [&](Conn& c) -> Result<Comment> {
    return InTransaction(c, [&]() -> Result<Comment> {
      Result<Rows> locked = c.Run(sql::kLockCommentForVote, Params().Int(id));
      if (!locked.ok()) return locked.status();
      if (locked->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
      Result<Rows> votes =
          c.Run(sql::kSelectVotes, Params().Int(id).Text(voter_hash).Text(token_hash));
      if (!votes.ok()) return votes.status();
      std::int64_t up = 0;
      std::int64_t down = 0;
      bool all_same = true;
      for (int r = 0; r < votes->size(); ++r) {  // the standing votes are taken back
        const std::int64_t previous = votes->Int(r, 0);
        all_same = all_same && previous == direction;
        up -= previous == 1 ? 1 : 0;
        down -= previous == -1 ? 1 : 0;
      }
      if (direction != 0 && !votes->empty() && all_same) {
        return Status(Error::kAlreadyVoted, "comment " + std::to_string(id));
      }
      if (!votes->empty()) {
        Result<Rows> removed =
            c.Run(sql::kDeleteVotes, Params().Int(id).Text(voter_hash).Text(token_hash));
        if (!removed.ok()) return removed.status();
      }
      if (direction != 0) {
        Result<Rows> inserted =
            c.Run(sql::kInsertVote,
                  Params().Int(id).Text(voter_hash).Text(token_hash).Int(direction).Int(at));
        if (!inserted.ok()) return inserted.status();
        up += direction == 1 ? 1 : 0;
        down += direction == -1 ? 1 : 0;
      }
      Result<Rows> voted =
          c.Run(sql::kVote, Params().Int(id).Int(up).Int(down).Text(channel_).Text(node_id_));
      if (!voted.ok()) return voted.status();
      if (voted->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
      return ReadComment(*voted, 0);
    });
  });
}

Result<RecentActions> PgStore::RecentVotes(std::string_view voter_hash, TimestampMs since) {
  return WithConn(true, [&](Conn& c) -> Result<RecentActions> {
    Result<Rows> rows = c.Run(sql::kRecentVotes, Params().Text(voter_hash).Int(since));
    if (!rows.ok()) return rows.status();
    return RecentActions{rows->Int(0, 0), rows->Int(0, 1)};
  });
}

// --- Issue 6: helpers -------------------------------------------------------------------------

namespace {

constexpr int kMaxQueryLimit = 500;

// ASCII lower case: e-mails are compared this way in both backends.

// `s` with LIKE's wildcards (% _) and the escape character (\) escaped by '\'.
std::string LikeEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// Users with their memberships from the rows of a PALABRE_USER_SELECT query (one row per
// membership, rows of a user together).
Result<std::vector<User>> ReadUsers(const Rows& rows) {
  std::vector<User> users;
  for (int r = 0; r < rows.size(); ++r) {
    const UserId id = rows.Int(r, 0);
    if (users.empty() || users.back().id != id) {
      User user;
      user.id = id;
      user.email = rows.Text(r, 1);
      user.password_hash = rows.Text(r, 2);
      user.failed_logins = static_cast<int>(rows.Int(r, 3));
      user.locked_until = rows.Int(r, 4);
      user.created_at = rows.Int(r, 5);
      users.push_back(std::move(user));
    }
    if (rows.IsNull(r, 6)) continue;
    std::optional<Role> role = ParseRole(rows.View(r, 7));
    if (!role.has_value()) return Status(Error::kInternal, "membership: unknown role");
    users.back().memberships.push_back(Membership{rows.Text(r, 6), *role});
  }
  return users;
}

Result<User> SelectUser(Conn& c, const Query& query, const Params& params, std::string_view what) {
  Result<Rows> rows = c.Run(query, params);
  if (!rows.ok()) return rows.status();
  Result<std::vector<User>> users = ReadUsers(*rows);
  if (!users.ok()) return users.status();
  if (users->empty()) return Status(Error::kUnknownUser, std::string(what));
  return std::move(users->front());
}

Result<Report> ReadReport(const Rows& rows, int r) {
  Report report;
  report.id = rows.Int(r, 0);
  report.comment_id = rows.Int(r, 1);
  std::optional<ReportReason> reason = ParseReportReason(rows.View(r, 2));
  if (!reason.has_value()) return Status(Error::kInternal, "report: unknown reason");
  report.reason = *reason;
  report.note = rows.Text(r, 3);
  report.reporter_hash = rows.Text(r, 4);
  report.created_at = rows.Int(r, 5);
  report.resolved = rows.Bool(r, 6);
  report.range_hash = rows.Text(r, 7);
  report.token_hash = rows.Text(r, 8);
  std::optional<ReportOutcome> outcome = ParseReportOutcome(rows.View(r, 9));
  if (!outcome.has_value()) return Status(Error::kInternal, "report: unknown outcome");
  report.outcome = *outcome;
  report.burst = rows.Bool(r, 10);
  return report;
}

ApiKey ReadApiKey(const Rows& rows, int r) {
  ApiKey key;
  key.id = rows.Int(r, 0);
  key.site_id = rows.Text(r, 1);
  key.name = rows.Text(r, 2);
  key.key_hash = rows.Text(r, 3);
  key.hint = rows.Text(r, 4);
  key.per_minute = static_cast<int>(rows.Int(r, 5));
  key.created_at = rows.Int(r, 6);
  return key;
}

Ban ReadBan(const Rows& rows, int r) {
  Ban ban;
  ban.id = rows.Int(r, 0);
  ban.site_id = rows.Text(r, 1);
  ban.author_folded = rows.Text(r, 2);
  ban.client_hash = rows.Text(r, 3);
  ban.email_hash = rows.Text(r, 4);
  ban.reason = rows.Text(r, 5);
  ban.created_by = rows.Int(r, 6);
  ban.created_at = rows.Int(r, 7);
  ban.expires_at = rows.Int(r, 8);
  return ban;
}

AuditEntry ReadAudit(const Rows& rows, int r) {
  AuditEntry entry;
  entry.id = rows.Int(r, 0);
  entry.site_id = rows.Text(r, 1);
  entry.user_id = rows.Int(r, 2);
  entry.user_email = rows.Text(r, 3);
  entry.action = rows.Text(r, 4);
  entry.comment_id = rows.OptionalInt(r, 5);
  entry.reason = rows.Text(r, 6);
  entry.detail = rows.Text(r, 7);
  entry.response_ms = rows.Int(r, 8);
  entry.at = rows.Int(r, 9);
  return entry;
}

}  // namespace

// --- Users ------------------------------------------------------------------------------------

Result<User> PgStore::CreateUser(const User& user) {
  const std::string email = text::AsciiLower(user.email);
  return WithConn(false, [&](Conn& c) -> Result<User> {
    return InTransaction(c, [&]() -> Result<User> {
      Result<Rows> inserted = c.Run(sql::kInsertUser, Params()
                                                          .Text(email)
                                                          .Text(user.password_hash)
                                                          .Int(user.failed_logins)
                                                          .Int(user.locked_until)
                                                          .Int(user.created_at));
      if (!inserted.ok()) return inserted.status();
      if (inserted->empty()) return Status(Error::kUserExists, "a user has this e-mail");
      const UserId id = inserted->Int(0, 0);
      for (const Membership& membership : user.memberships) {
        Result<Rows> added =
            c.Run(sql::kUpsertMembership,
                  Params().Int(id).Text(membership.site_id).Text(ToString(membership.role)));
        if (!added.ok()) {
          if (c.last_sqlstate() == kForeignKeyViolation) {
            return Status(Error::kUnknownSite, "site " + membership.site_id);
          }
          return added.status();
        }
      }
      return SelectUser(c, sql::kSelectUser, Params().Int(id), "user " + std::to_string(id));
    });
  });
}

Result<User> PgStore::GetUser(UserId id) {
  return WithConn(true, [&](Conn& c) {
    return SelectUser(c, sql::kSelectUser, Params().Int(id), "user " + std::to_string(id));
  });
}

Result<User> PgStore::GetUserByEmail(std::string_view email) {
  const std::string lowered = text::AsciiLower(email);
  return WithConn(true, [&](Conn& c) {
    return SelectUser(c, sql::kSelectUserByEmail, Params().Text(lowered), "no such e-mail");
  });
}

Result<std::vector<User>> PgStore::ListUsers() {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<User>> {
    Result<Rows> rows = c.Run(sql::kSelectUsers);
    if (!rows.ok()) return rows.status();
    return ReadUsers(*rows);
  });
}

Status PgStore::RemoveUser(UserId id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteUser, Params().Int(id));
    if (!removed.ok()) return removed.status();
    if (removed->affected() == 0) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

Status PgStore::SetPassword(UserId id, std::string_view password_hash) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated = c.Run(sql::kSetPassword, Params().Int(id).Text(password_hash));
    if (!updated.ok()) return updated.status();
    if (updated->empty()) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

Status PgStore::SetMembership(UserId id, const Membership& membership) {
  return WithConn(false, [&](Conn& c) -> Status {
    return InTransaction(c, [&]() -> Status {
      Result<Rows> locked = c.Run(sql::kLockUser, Params().Int(id));
      if (!locked.ok()) return locked.status();
      if (locked->empty()) return Status(Error::kUnknownUser, "user " + std::to_string(id));
      Result<Rows> added =
          c.Run(sql::kUpsertMembership,
                Params().Int(id).Text(membership.site_id).Text(ToString(membership.role)));
      if (!added.ok()) {
        if (c.last_sqlstate() == kForeignKeyViolation) {
          return Status(Error::kUnknownSite, "site " + membership.site_id);
        }
        return added.status();
      }
      return Status::Ok();
    });
  });
}

Status PgStore::RemoveMembership(UserId id, std::string_view site_id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteMembership, Params().Int(id).Text(site_id));
    if (!removed.ok()) return removed.status();
    if (removed->empty()) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

Status PgStore::SetLoginState(UserId id, int failed_logins, TimestampMs locked_until) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated =
        c.Run(sql::kSetLoginState, Params().Int(id).Int(failed_logins).Int(locked_until));
    if (!updated.ok()) return updated.status();
    if (updated->affected() == 0) return Status(Error::kUnknownUser, "user " + std::to_string(id));
    return Status::Ok();
  });
}

// --- Sessions ---------------------------------------------------------------------------------

Status PgStore::CreateSession(const Session& session) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> inserted = c.Run(sql::kInsertSession, Params()
                                                           .Text(session.token_hash)
                                                           .Int(session.user_id)
                                                           .Text(session.csrf_token)
                                                           .Int(session.created_at)
                                                           .Int(session.expires_at));
    if (!inserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {
        return Status(Error::kUnknownUser, "user " + std::to_string(session.user_id));
      }
      return inserted.status();
    }
    return Status::Ok();
  });
}

Result<Session> PgStore::GetSession(std::string_view token_hash, TimestampMs now) {
  return WithConn(true, [&](Conn& c) -> Result<Session> {
    Result<Rows> rows = c.Run(sql::kSelectSession, Params().Text(token_hash).Int(now));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnauthorized, "no such session, or expired");
    Session session;
    session.token_hash = rows->Text(0, 0);
    session.user_id = rows->Int(0, 1);
    session.csrf_token = rows->Text(0, 2);
    session.created_at = rows->Int(0, 3);
    session.expires_at = rows->Int(0, 4);
    return session;
  });
}

Status PgStore::DeleteSession(std::string_view token_hash) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteSession, Params().Text(token_hash));
    return removed.ok() ? Status::Ok() : removed.status();
  });
}

Result<std::int64_t> PgStore::DeleteExpiredSessions(TimestampMs now) {
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    Result<Rows> removed = c.Run(sql::kDeleteExpiredSessions, Params().Int(now));
    if (!removed.ok()) return removed.status();
    return removed->affected();
  });
}

// --- Moderation -------------------------------------------------------------------------------

Result<CommentPage> PgStore::QueryComments(const CommentQuery& query) {
  if (query.site_ids.empty()) {
    return Status(Error::kInvalidArgument, "comment query without sites");
  }
  const int limit = std::clamp(query.limit, 1, kMaxQueryLimit);
  // Parameters are numbered as the clauses that use them are added ($1: the sites).
  Params params;
  params.Text(TextArray(query.site_ids));
  auto next = [&params] { return "$" + std::to_string(params.size()); };
  std::string text = sql::kQueueSelect;
  if (query.status.has_value()) {
    params.Text(ToString(*query.status));
    text += " AND status = " + next();
  }
  if (query.auto_rejected.has_value()) {
    text += *query.auto_rejected ? " AND auto_rejected" : " AND NOT auto_rejected";
  }
  if (query.thread_id.has_value()) {
    params.Int(*query.thread_id);
    text += " AND thread_id = " + next() + "::bigint";
  }
  if (query.reported_only) text += sql::kQueueReported;
  if (!query.reason_code.empty()) {
    params.Text("%\"code\":\"" + LikeEscape(query.reason_code) + "\"%");
    text += " AND moderation LIKE " + next() + " ESCAPE '\\'";
  }
  if (!query.text_contains.empty()) {
    params.Text("%" + LikeEscape(query.text_contains) + "%");
    const std::string p = next();
    text += " AND (text ILIKE " + p + " ESCAPE '\\' OR author ILIKE " + p + " ESCAPE '\\')";
  }
  if (!query.author.empty()) {
    params.Text(query.author);
    text += " AND author = " + next();
  }
  if (query.review_only) text += sql::kQueueReview;
  if (query.after.has_value()) {
    params.Int(query.after->key);
    const std::string key = next();
    params.Int(query.after->id);
    if (query.by_risk) {
      text += " AND (risk, id) < (" + key + "::integer, " + next() + "::bigint)";
    } else {
      text += std::string(" AND (created_at, id) ") + (query.newest_first ? "<" : ">") + " (" +
              key + "::bigint, " + next() + "::bigint)";
    }
  }
  params.Int(static_cast<std::int64_t>(limit) + 1);  // one more tells whether more follow
  if (query.by_risk) {
    text += " ORDER BY risk DESC, id DESC";
  } else {
    text += query.newest_first ? " ORDER BY created_at DESC, id DESC" : " ORDER BY created_at, id";
  }
  text += " LIMIT " + next();
  return WithConn(true, [&](Conn& c) -> Result<CommentPage> {
    Result<Rows> rows = c.RunText("query_comments", text, params);
    if (!rows.ok()) return rows.status();
    CommentPage page;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, page.comments));
    for (int r = 0; r < rows->size(); ++r) {
      page.comments[static_cast<std::size_t>(r)].open_reports = rows->Int(r, 21);
    }
    if (page.comments.size() > static_cast<std::size_t>(limit)) {
      page.comments.pop_back();
      const Comment& last = page.comments.back();
      page.next = PageCursor{query.by_risk ? RiskKey(last.risk) : last.created_at, last.id};
    }
    return page;
  });
}

Status PgStore::ModerateComment(CommentId id, CommentStatus status) {
  return WithConn(false, [&](Conn& c) -> Status {
    return InTransaction(c, [&]() -> Status {
      Result<Rows> locked = c.Run(sql::kLockCommentStatus, Params().Int(id));
      if (!locked.ok()) return locked.status();
      if (locked->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
      std::optional<CommentStatus> old_status = ParseCommentStatus(locked->View(0, 0));
      if (!old_status.has_value()) {
        return Status(Error::kInternal, "comment " + std::to_string(id) + ": unknown status");
      }
      if (*old_status != status) {
        const int delta = Published(status) - Published(*old_status);
        Result<Rows> updated =
            c.Run(sql::kSetCommentStatus,
                  Params().Int(id).Text(ToString(status)).Int(delta).Text(channel_).Text(node_id_));
        if (!updated.ok()) return updated.status();
      }
      Result<Rows> cleared = c.Run(sql::kClearReview, Params().Int(id));
      if (!cleared.ok()) return cleared.status();
      Result<Rows> resolved = c.Run(
          sql::kResolveReports, Params().Int(id).Text(ToString(status == CommentStatus::kPublished
                                                                   ? ReportOutcome::kDismissed
                                                                   : ReportOutcome::kUpheld)));
      return resolved.ok() ? Status::Ok() : resolved.status();
    });
  });
}

Result<AuthorHistory> PgStore::GetAuthorHistory(std::string_view site_id, std::string_view author,
                                                std::string_view client_hash) {
  AuthorHistory history;
  if (author.empty() && client_hash.empty()) return history;
  return WithConn(true, [&](Conn& c) -> Result<AuthorHistory> {
    Result<Rows> rows =
        c.Run(sql::kAuthorHistory, Params().Text(site_id).Text(author).Text(client_hash));
    if (!rows.ok()) return rows.status();
    AuthorHistory out;
    for (int r = 0; r < rows->size(); ++r) {
      std::optional<CommentStatus> status = ParseCommentStatus(rows->View(r, 0));
      if (!status.has_value()) return Status(Error::kInternal, "comment: unknown status");
      const std::int64_t count = rows->Int(r, 1);
      switch (*status) {
        case CommentStatus::kPublished:
          out.published = count;
          break;
        case CommentStatus::kHeld:
          out.held = count;
          break;
        case CommentStatus::kRejected:
          out.rejected = count;
          break;
        case CommentStatus::kDeleted:
          out.deleted = count;
          break;
      }
    }
    return out;
  });
}

Result<std::vector<CommentFact>> PgStore::ListCommentFacts(std::string_view site_id,
                                                           TimestampMs since, TimestampMs until) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<CommentFact>> {
    Result<Rows> rows = c.Run(sql::kCommentFacts, Params().Text(site_id).Int(since).Int(until));
    if (!rows.ok()) return rows.status();
    std::vector<CommentFact> facts;
    facts.reserve(static_cast<std::size_t>(rows->size()));
    for (int r = 0; r < rows->size(); ++r) {
      std::optional<CommentStatus> status = ParseCommentStatus(rows->View(r, 1));
      if (!status.has_value()) return Status(Error::kInternal, "comment: unknown status");
      facts.push_back(CommentFact{rows->Int(r, 0), *status, rows->Int(r, 2), rows->Text(r, 3)});
    }
    return facts;
  });
}

// --- Reports ----------------------------------------------------------------------------------

Result<std::int64_t> PgStore::AddReport(const Report& report) {
  if (report.reporter_hash.empty()) {
    return Status(Error::kInvalidArgument, "a report needs its reporter's hash");
  }
  const Status already(Error::kAlreadyReported, "comment " + std::to_string(report.comment_id));
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    return InTransaction(c, [&]() -> Result<std::int64_t> {
      Result<Rows> locked = c.Run(sql::kLockCommentForReport, Params().Int(report.comment_id));
      if (!locked.ok()) return locked.status();
      if (locked->empty()) {
        return Status(Error::kUnknownComment, "comment " + std::to_string(report.comment_id));
      }
      Result<Rows> exists =
          c.Run(sql::kReporterExists,
                Params().Int(report.comment_id).Text(report.reporter_hash).Text(report.token_hash));
      if (!exists.ok()) return exists.status();
      if (!exists->empty()) return already;
      Result<Rows> inserted = c.Run(sql::kInsertReport, Params()
                                                            .Int(report.comment_id)
                                                            .Text(ToString(report.reason))
                                                            .Text(report.note)
                                                            .Text(report.reporter_hash)
                                                            .Int(report.created_at)
                                                            .Text(report.range_hash)
                                                            .Text(report.token_hash)
                                                            .Bool(report.burst));
      if (!inserted.ok()) {
        if (c.last_sqlstate() == kUniqueViolation) return already;
        return inserted.status();
      }
      Result<Rows> count = c.Run(sql::kCountOpenReports, Params().Int(report.comment_id));
      if (!count.ok()) return count.status();
      return count->Int(0, 0);
    });
  });
}

Result<std::vector<Report>> PgStore::ListReports(CommentId id) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Report>> {
    Result<Rows> rows = c.Run(sql::kSelectReports, Params().Int(id));
    if (!rows.ok()) return rows.status();
    std::vector<Report> reports;
    for (int r = 0; r < rows->size(); ++r) {
      Result<Report> report = ReadReport(*rows, r);
      if (!report.ok()) return report.status();
      reports.push_back(std::move(report).value());
    }
    return reports;
  });
}

Result<std::vector<OpenReport>> PgStore::ListOpenReports(CommentId id) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<OpenReport>> {
    Result<Rows> rows = c.Run(sql::kOpenReports, Params().Int(id));
    if (!rows.ok()) return rows.status();
    std::vector<OpenReport> reports;
    for (int r = 0; r < rows->size(); ++r) {
      OpenReport o;
      o.reporter_hash = rows->Text(r, 0);
      o.range_hash = rows->Text(r, 1);
      o.created_at = rows->Int(r, 2);
      o.burst = rows->Bool(r, 3);
      o.upheld = rows->Int(r, 4);
      o.dismissed = rows->Int(r, 5);
      reports.push_back(std::move(o));
    }
    return reports;
  });
}

Result<RecentActions> PgStore::RecentReports(std::string_view reporter_hash, TimestampMs since) {
  return WithConn(true, [&](Conn& c) -> Result<RecentActions> {
    Result<Rows> rows = c.Run(sql::kRecentReports, Params().Text(reporter_hash).Int(since));
    if (!rows.ok()) return rows.status();
    return RecentActions{rows->Int(0, 0), rows->Int(0, 1)};
  });
}

Result<std::int64_t> PgStore::CountReportBursts(std::span<const std::string> site_ids) {
  if (site_ids.empty()) return 0;
  return WithConn(true, [&](Conn& c) -> Result<std::int64_t> {
    Result<Rows> rows = c.Run(sql::kCountReportBursts, Params().Text(TextArray(site_ids)));
    if (!rows.ok()) return rows.status();
    return rows->Int(0, 0);
  });
}

// --- API keys ---------------------------------------------------------------------------------

Result<ApiKey> PgStore::CreateApiKey(const ApiKey& key) {
  if (key.key_hash.empty()) return Status(Error::kInvalidArgument, "an API key needs its hash");
  return WithConn(false, [&](Conn& c) -> Result<ApiKey> {
    Result<Rows> inserted = c.Run(sql::kInsertApiKey, Params()
                                                          .Text(key.site_id)
                                                          .Text(key.name)
                                                          .Text(key.key_hash)
                                                          .Text(key.hint)
                                                          .Int(key.per_minute)
                                                          .Int(key.created_at));
    if (!inserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {
        return Status(Error::kUnknownSite, "site " + key.site_id);
      }
      return inserted.status();
    }
    ApiKey stored = key;
    stored.id = inserted->Int(0, 0);
    return stored;
  });
}

Result<std::vector<ApiKey>> PgStore::ListApiKeys(std::string_view site_id) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<ApiKey>> {
    Result<Rows> rows = c.Run(sql::kSelectApiKeys, Params().Text(site_id));
    if (!rows.ok()) return rows.status();
    std::vector<ApiKey> keys;
    for (int r = 0; r < rows->size(); ++r) keys.push_back(ReadApiKey(*rows, r));
    return keys;
  });
}

Result<ApiKey> PgStore::FindApiKey(std::string_view key_hash) {
  return WithConn(true, [&](Conn& c) -> Result<ApiKey> {
    Result<Rows> rows = c.Run(sql::kSelectApiKeyByHash, Params().Text(key_hash));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnknownApiKey, "no such API key");
    return ReadApiKey(*rows, 0);
  });
}

Status PgStore::RemoveApiKey(std::string_view site_id, std::int64_t id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteApiKey, Params().Text(site_id).Int(id));
    if (!removed.ok()) return removed.status();
    if (removed->affected() == 0) {
      return Status(Error::kUnknownApiKey, "API key " + std::to_string(id));
    }
    return Status::Ok();
  });
}

// --- Bans -------------------------------------------------------------------------------------

Result<Ban> PgStore::AddBan(const Ban& ban) {
  if (ban.author_folded.empty() && ban.client_hash.empty() && ban.email_hash.empty()) {
    return Status(Error::kInvalidArgument, "a ban needs a name, a client hash or an e-mail hash");
  }
  return WithConn(false, [&](Conn& c) -> Result<Ban> {
    Result<Rows> inserted = c.Run(sql::kInsertBan, Params()
                                                       .Text(ban.site_id)
                                                       .Text(ban.author_folded)
                                                       .Text(ban.client_hash)
                                                       .Text(ban.email_hash)
                                                       .Text(ban.reason)
                                                       .Int(ban.created_by)
                                                       .Int(ban.created_at)
                                                       .Int(ban.expires_at));
    if (!inserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {
        return Status(Error::kUnknownSite, "site " + ban.site_id);
      }
      return inserted.status();
    }
    Ban stored = ban;
    stored.id = inserted->Int(0, 0);
    return stored;
  });
}

Result<std::vector<Ban>> PgStore::ListBans(std::string_view site_id, TimestampMs now) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Ban>> {
    Result<Rows> rows = c.Run(sql::kSelectBans, Params().Text(site_id).Int(now));
    if (!rows.ok()) return rows.status();
    std::vector<Ban> bans;
    for (int r = 0; r < rows->size(); ++r) bans.push_back(ReadBan(*rows, r));
    return bans;
  });
}

Result<Ban> PgStore::GetBan(BanId id) {
  return WithConn(true, [&](Conn& c) -> Result<Ban> {
    Result<Rows> rows = c.Run(sql::kSelectBan, Params().Int(id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnknownBan, "ban " + std::to_string(id));
    return ReadBan(*rows, 0);
  });
}

Status PgStore::RemoveBan(BanId id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteBan, Params().Int(id));
    if (!removed.ok()) return removed.status();
    if (removed->affected() == 0) return Status(Error::kUnknownBan, "ban " + std::to_string(id));
    return Status::Ok();
  });
}

Result<std::optional<Ban>> PgStore::FindBan(std::string_view site_id,
                                            std::string_view author_folded,
                                            std::string_view client_hash,
                                            std::string_view email_hash, TimestampMs now) {
  if (author_folded.empty() && client_hash.empty() && email_hash.empty()) {
    return std::optional<Ban>();
  }
  return WithConn(true, [&](Conn& c) -> Result<std::optional<Ban>> {
    Result<Rows> rows = c.Run(
        sql::kFindBan,
        Params().Text(site_id).Int(now).Text(author_folded).Text(client_hash).Text(email_hash));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return std::optional<Ban>();
    return std::optional<Ban>(ReadBan(*rows, 0));
  });
}

// --- Audit log --------------------------------------------------------------------------------

Result<AuditEntry> PgStore::AppendAudit(const AuditEntry& entry) {
  return WithConn(false, [&](Conn& c) -> Result<AuditEntry> {
    Result<Rows> inserted = c.Run(sql::kInsertAudit, Params()
                                                         .Text(entry.site_id)
                                                         .Int(entry.user_id)
                                                         .Text(entry.user_email)
                                                         .Text(entry.action)
                                                         .OptionalInt(entry.comment_id)
                                                         .Text(entry.reason)
                                                         .Text(entry.detail)
                                                         .Int(entry.response_ms)
                                                         .Int(entry.at));
    if (!inserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {
        return Status(Error::kUnknownSite, "site " + entry.site_id);
      }
      return inserted.status();
    }
    AuditEntry stored = entry;
    stored.id = inserted->Int(0, 0);
    return stored;
  });
}

Result<std::vector<AuditEntry>> PgStore::ListAudit(std::string_view site_id, std::int64_t before_id,
                                                   int limit) {
  Params params;
  params.Text(site_id).Int(std::clamp(limit, 1, kMaxQueryLimit));
  if (before_id > 0) params.Int(before_id);
  return WithConn(true, [&](Conn& c) -> Result<std::vector<AuditEntry>> {
    Result<Rows> rows = c.Run(before_id > 0 ? sql::kSelectAuditBefore : sql::kSelectAudit, params);
    if (!rows.ok()) return rows.status();
    std::vector<AuditEntry> entries;
    for (int r = 0; r < rows->size(); ++r) entries.push_back(ReadAudit(*rows, r));
    return entries;
  });
}

Result<std::vector<AuditEntry>> PgStore::ListCommentAudit(CommentId id, int limit) {
  Params params;
  params.Int(id).Int(std::clamp(limit, 1, kMaxQueryLimit));
  return WithConn(true, [&](Conn& c) -> Result<std::vector<AuditEntry>> {
    Result<Rows> rows = c.Run(sql::kSelectCommentAudit, params);
    if (!rows.ok()) return rows.status();
    std::vector<AuditEntry> entries;
    for (int r = 0; r < rows->size(); ++r) entries.push_back(ReadAudit(*rows, r));
    return entries;
  });
}

// --- GDPR -------------------------------------------------------------------------------------

Result<std::vector<Comment>> PgStore::ListCommentsByEmail(std::string_view email) {
  std::vector<Comment> none;
  if (email.empty()) return none;  // anonymous comments are nobody's
  const std::string lowered = text::AsciiLower(email);
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Comment>> {
    Result<Rows> rows = c.Run(sql::kCommentsByEmail, Params().Text(lowered));
    if (!rows.ok()) return rows.status();
    std::vector<Comment> out;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, out));
    return out;
  });
}

Result<std::int64_t> PgStore::EraseCommentsByEmail(std::string_view email) {
  if (email.empty()) return std::int64_t{0};
  const std::string lowered = text::AsciiLower(email);
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    return InTransaction(c, [&]() -> Result<std::int64_t> {
      // The comments are locked, so no status changes under us; only these are erased (a
      // comment inserted meanwhile with the same e-mail is left to the next erasure).
      Result<Rows> locked = c.Run(sql::kLockByEmail, Params().Text(lowered));
      if (!locked.ok()) return locked.status();
      if (locked->empty()) return std::int64_t{0};
      std::vector<CommentId> ids;
      std::map<ThreadId, std::int64_t> published;
      for (int r = 0; r < locked->size(); ++r) {
        ids.push_back(locked->Int(r, 0));
        if (locked->View(r, 2) == ToString(CommentStatus::kPublished)) {
          ++published[locked->Int(r, 1)];
        }
      }
      Result<Rows> erased =
          c.Run(sql::kEraseComments, Params().Text(IdArray(ids)).Text(channel_).Text(node_id_));
      if (!erased.ok()) return erased.status();
      for (const auto& [thread, count] : published) {
        Result<Rows> counted = c.Run(sql::kAddToCommentCount, Params().Int(thread).Int(-count));
        if (!counted.ok()) return counted.status();
      }
      return static_cast<std::int64_t>(erased->size());
    });
  });
}

Result<std::int64_t> PgStore::PurgePersonalData(TimestampMs cutoff) {
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    return InTransaction(c, [&]() -> Result<std::int64_t> {
      Result<Rows> comments = c.Run(sql::kPurgeComments, Params().Int(cutoff));
      if (!comments.ok()) return comments.status();
      Result<Rows> reports = c.Run(sql::kPurgeReports, Params().Int(cutoff));
      if (!reports.ok()) return reports.status();
      return comments->affected();
    });
  });
}

Result<std::int64_t> PgStore::DeleteAutoRejected(std::string_view site_id, TimestampMs cutoff) {
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    Result<Rows> deleted = c.Run(sql::kDeleteAutoRejected, Params().Text(site_id).Int(cutoff));
    if (!deleted.ok()) return deleted.status();
    return deleted->affected();
  });
}

}  // namespace palabre::store::pg
