// The parts of PgStore shared by its files (one per Store role, pg_*.cc): the transaction
// and connection templates and the row helpers (reading result rows into the domain's types,
// the small statements several roles run). Only store/postgres includes it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "core/webhook.h"
#include "store/postgres/pg_connection.h"
#include "store/postgres/pg_queries.h"
#include "store/postgres/pg_store.h"
#include "store/sql_common.h"

namespace palabre::store::pg {

Site ReadSite(const Rows& rows, int r);

Thread ReadThread(const Rows& rows, int r);

Result<Comment> ReadComment(const Rows& rows, int r);

Status ReadComments(const Rows& rows, std::vector<Comment>& out);

// $1..$7 of kInsertSite and kUpdateSite, from id to salt.
Params SiteParams(const Site& site);

Result<Thread> SelectThreadByKey(Conn& c, std::string_view site_id, std::string_view key);

Result<std::optional<CommentId>> SelectImported(Conn& c, std::string_view site_id,
                                                std::string_view source_id);

int Published(CommentStatus status);

// Inside a transaction on `c`: locks comment `id`'s row, and if its status differs sets it to
// `status`, moving the thread's count, notifying `channel` as `node_id` and adding the new
// status's outbox rows (a deletion by a moderator is a rejection, by its author nothing).
// kUnknownComment if there is no such comment.
Status ChangeCommentStatus(Conn& c, CommentId id, CommentStatus status, bool by_moderator,
                           std::string_view channel, std::string_view node_id);

// The WebhookEvent bit a comment's insertion announces (its status's event), 0 for none (an
// imported comment, a deleted one): kInsertComment's $25.
std::int64_t OutboxEventBit(const Comment& comment);

// "{1,2,3}": a bigint[] literal.
std::string IdArray(std::span<const CommentId> ids);

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

// Users with their memberships from the rows of a PALABRE_USER_SELECT query (one row per
// membership, rows of a user together).
Result<std::vector<User>> ReadUsers(const Rows& rows);

Result<User> SelectUser(Conn& c, const Query& query, const Params& params, std::string_view what);

Result<Report> ReadReport(const Rows& rows, int r);

ApiKey ReadApiKey(const Rows& rows, int r);

Ban ReadBan(const Rows& rows, int r);

AuditEntry ReadAudit(const Rows& rows, int r);

// PgStore::WithConn is defined here, not in pg_store.cc: every role's file instantiates it.
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

}  // namespace palabre::store::pg
