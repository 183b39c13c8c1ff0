// The PostgreSQL schema of palabre, as an ordered list of migrations applied at open: the same
// tables, columns, orders and constraints as the SQLite schema (store/sqlite/migrations.cc), in
// PostgreSQL's dialect.
//
// The schema records how far it has been migrated in the table palabre_schema (one row per
// applied migration). Migrate() takes a transaction-scoped advisory lock (so that nodes
// starting at once migrate one after the other), applies every migration above the recorded
// version in order and records it, all in one transaction: PostgreSQL's DDL is transactional,
// so a failure leaves the old schema. Released migrations are never edited; a change is a new
// entry at the end of the list in pg_migrations.cc (version = previous + 1).
//
// Thread-safety: Migrate() runs on the connection it is given.
#pragma once

#include <span>

#include "core/status.h"
#include "store/postgres/pg_connection.h"

namespace palabre::store::pg {

struct Migration {
  int version;       // 1, 2, 3 ... in list order
  const char* name;  // "0001_initial_schema"
  const char* sql;   // one or more statements
};

// Every migration, oldest first.
std::span<const Migration> Migrations();

// The version a fully migrated schema has.
int LatestSchemaVersion();

// Brings the schema first on `conn`'s search_path to LatestSchemaVersion(). kInternal if the
// schema is newer than this build or a migration fails; kUnavailable if the server is.
Status Migrate(Conn& conn);

}  // namespace palabre::store::pg
