// OpenStore (store.h): picks the backend from the URL's scheme.
//
// Accepted forms (SQLite):
//   sqlite:///var/lib/palabre/palabre.db   absolute path
//   sqlite:data/palabre.db                 path relative to the working directory
//   /var/lib/palabre/palabre.db, data.db   a plain path (no "scheme:" prefix)
// followed by optional query parameters (SqliteOptions):
//   ?synchronous=normal|full&readers=N&busy_timeout_ms=N&cache_size_kib=N
//
// Accepted forms (PostgreSQL, store/postgres/pg_store.h for the parameters):
//   postgres://user@host:5432/db?pool_size=16   postgresql://... is the same
//
// Any other scheme ("mysql:...") and any unknown or malformed parameter is kInvalidArgument,
// so a misspelled setting stops start-up instead of being ignored.
#include <charconv>
#include <string>

#include "core/text/ascii.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace palabre::store {
namespace {

// The URL's scheme ("sqlite" in "sqlite:x.db"), or empty for a plain path. A scheme is
// [A-Za-z][A-Za-z0-9+.-]* followed by ':'; a path such as "./a:b.db" has none.
std::string_view SchemeOf(std::string_view url) {
  std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) return {};
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!alpha(url[0])) return {};
  for (std::size_t i = 1; i < colon; ++i) {
    char c = url[i];
    if (!alpha(c) && !digit(c) && c != '+' && c != '.' && c != '-') return {};
  }
  return url.substr(0, colon);
}

Status ParseInt(std::string_view name, std::string_view text, int min, int& out) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min) {
    return Status(Error::kInvalidArgument, "store URL: " + std::string(name) +
                                               " must be an integer >= " + std::to_string(min));
  }
  out = value;
  return Status::Ok();
}

// Applies "a=1&b=2" to `opts`.
Status ParseSqliteQuery(std::string_view query, sqlite::SqliteOptions& opts) {
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) {
      return Status(Error::kInvalidArgument,
                    "store URL: parameter without value: " + std::string(pair));
    }
    std::string_view name = pair.substr(0, eq);
    std::string_view value = pair.substr(eq + 1);
    if (name == "synchronous") {
      if (text::EqualsIgnoreCase(value, "normal")) {
        opts.synchronous = sqlite::SqliteOptions::Synchronous::kNormal;
      } else if (text::EqualsIgnoreCase(value, "full")) {
        opts.synchronous = sqlite::SqliteOptions::Synchronous::kFull;
      } else {
        return Status(Error::kInvalidArgument, "store URL: synchronous must be normal or full");
      }
    } else if (name == "readers") {
      PALABRE_RETURN_IF_ERROR(ParseInt(name, value, 1, opts.readers));
    } else if (name == "busy_timeout_ms") {
      PALABRE_RETURN_IF_ERROR(ParseInt(name, value, 0, opts.busy_timeout_ms));
    } else if (name == "cache_size_kib") {
      PALABRE_RETURN_IF_ERROR(ParseInt(name, value, 0, opts.cache_size_kib));
    } else {
      return Status(Error::kInvalidArgument, "store URL: unknown parameter " + std::string(name));
    }
  }
  return Status::Ok();
}

Result<std::unique_ptr<Store>> OpenSqlite(std::string_view location) {
  std::size_t question = location.find('?');
  std::string path(location.substr(0, question));
  sqlite::SqliteOptions opts;
  if (question != std::string_view::npos) {
    PALABRE_RETURN_IF_ERROR(ParseSqliteQuery(location.substr(question + 1), opts));
  }
  if (path.empty()) return Status(Error::kInvalidArgument, "store URL: empty SQLite path");
  Result<std::unique_ptr<sqlite::SqliteStore>> store = sqlite::SqliteStore::Open(path, opts);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Store>(std::move(store).value());
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(std::string_view url) {
  if (url.empty()) return Status(Error::kInvalidArgument, "store URL is empty");
  std::string_view scheme = SchemeOf(url);
  if (scheme.empty()) return OpenSqlite(url);
  if (text::EqualsIgnoreCase(scheme, "postgres") || text::EqualsIgnoreCase(scheme, "postgresql")) {
    Result<std::unique_ptr<pg::PgStore>> store = pg::PgStore::Open(url);
    if (!store.ok()) return store.status();
    return std::unique_ptr<Store>(std::move(store).value());
  }
  if (!text::EqualsIgnoreCase(scheme, "sqlite")) {
    return Status(Error::kInvalidArgument, "unknown store scheme: " + std::string(scheme));
  }
  std::string_view rest = url.substr(scheme.size() + 1);
  // "sqlite:///abs/path" -> "/abs/path"; "sqlite://" with a host is not a thing for a file.
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    if (!rest.starts_with('/')) {
      return Status(Error::kInvalidArgument,
                    "store URL: use sqlite:///absolute/path or sqlite:relative/path");
    }
  }
  return OpenSqlite(rest);
}

}  // namespace palabre::store
