// The SQLite schema of palabre, as an ordered list of migrations applied at open.
//
// The database records how far it has been migrated in PRAGMA user_version (0 for a new file).
// Migrate() applies, in one IMMEDIATE transaction, every migration whose version is above it,
// in order, then stores the last version: a crash leaves either the old schema or the new one.
// Released migrations are never edited; a schema change is a new entry at the end of the list
// in migrations.cc (version = previous + 1).
//
// Thread-safety: Migrate() runs on the connection it is given (the store's writer, at open);
// concurrent processes opening the same file are serialized by SQLite's write lock.
#pragma once

#include <span>

#include "core/status.h"
#include "store/sqlite/sqlite_db.h"

namespace palabre::store::sqlite {

struct Migration {
  int version;       // 1, 2, 3 ... in list order
  const char* name;  // "0001_initial_schema"
  const char* sql;   // one or more statements
};

// Every migration, oldest first.
std::span<const Migration> Migrations();

// The version a fully migrated database has.
int LatestSchemaVersion();

// Brings `db` to LatestSchemaVersion(). kInternal if the file is newer than this build (its
// user_version is above every known migration) or a migration fails; kUnavailable if the
// database is locked or unreadable.
Status Migrate(Db& db);

}  // namespace palabre::store::sqlite
