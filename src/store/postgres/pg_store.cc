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
#include "store/postgres/pg_internal.h"
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

Status PgStore::Ping() {
  return WithConn(true, [](Conn& c) -> Status { return c.ExecOk("SELECT 1"); });
}

}  // namespace palabre::store::pg
