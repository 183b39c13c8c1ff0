// SqliteStore as a NotificationStore.
#include <algorithm>
#include <string>

#include "core/text/ascii.h"
#include "store/sqlite/sqlite_internal.h"

namespace palabre::store::sqlite {
namespace {

Result<Webhook> ReadWebhook(const Stmt& stmt) {
  Webhook webhook;
  webhook.id = stmt.ColumnInt(0);
  webhook.site_id = stmt.ColumnText(1);
  webhook.url = stmt.ColumnText(2);
  const std::optional<WebhookFormat> format = ParseWebhookFormat(stmt.ColumnText(3));
  if (!format.has_value()) return Status(Error::kInternal, "webhook: unknown format");
  webhook.format = *format;
  webhook.events = static_cast<std::uint32_t>(stmt.ColumnInt(4));
  webhook.secret = stmt.ColumnText(5);
  webhook.created_at = stmt.ColumnInt(6);
  return webhook;
}

Result<OutboxEntry> ReadOutbox(const Stmt& stmt) {
  OutboxEntry entry;
  entry.item.id = stmt.ColumnInt(0);
  entry.item.webhook_id = stmt.ColumnInt(1);
  entry.item.subscriber_id = stmt.ColumnInt(2);
  entry.item.site_id = stmt.ColumnText(3);
  entry.item.event = static_cast<WebhookEvent>(stmt.ColumnInt(4));
  entry.item.subject_id = stmt.ColumnInt(5);
  entry.item.created_at = stmt.ColumnInt(6);
  entry.item.attempts = static_cast<int>(stmt.ColumnInt(7));
  entry.item.first_attempt_at = stmt.ColumnInt(8);
  const std::optional<OutboxState> state = ParseOutboxState(stmt.ColumnText(9));
  if (!state.has_value()) return Status(Error::kInternal, "outbox: unknown state");
  entry.state = *state;
  entry.next_attempt_at = stmt.ColumnInt(10);
  entry.done_at = stmt.ColumnInt(11);
  entry.last_error = stmt.ColumnText(12);
  return entry;
}

Subscriber ReadSubscriber(const Stmt& stmt) {
  Subscriber subscriber;
  subscriber.id = stmt.ColumnInt(0);
  subscriber.site_id = stmt.ColumnText(1);
  subscriber.email = stmt.ColumnText(2);
  subscriber.created_at = stmt.ColumnInt(3);
  subscriber.confirmed_at = stmt.ColumnInt(4);
  subscriber.confirm_sent_at = stmt.ColumnInt(5);
  return subscriber;
}

Result<std::vector<OutboxEntry>> ReadOutboxRows(Stmt& stmt) {
  std::vector<OutboxEntry> entries;
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    Result<OutboxEntry> entry = ReadOutbox(stmt);
    if (!entry.ok()) return entry.status();
    entries.push_back(*std::move(entry));
  }
  return entries;
}

Status UnknownSubscriber(SubscriberId id) {
  return Status(Error::kUnknownSubscriber, "subscriber " + std::to_string(id));
}

}  // namespace

Result<Webhook> SqliteStore::AddWebhook(const Webhook& webhook) {
  return Write([&](Db& db) -> Result<Webhook> {
    PALABRE_RETURN_IF_ERROR(CheckSiteExists(db, webhook.site_id));
    PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertWebhook);
    insert.BindText(1, webhook.site_id)
        .BindText(2, webhook.url)
        .BindText(3, ToString(webhook.format))
        .BindInt(4, webhook.events)
        .BindText(5, webhook.secret)
        .BindInt(6, webhook.created_at);
    PALABRE_RETURN_IF_ERROR(insert.Run());
    Webhook stored = webhook;
    stored.id = db.LastInsertRowId();
    return stored;
  });
}

Result<std::vector<Webhook>> SqliteStore::ListWebhooks(std::string_view site_id) {
  std::vector<Webhook> webhooks;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectWebhooks);
  stmt.BindText(1, site_id);
  while (true) {
    PALABRE_STEP_OR_RETURN(row, stmt);
    if (!row) break;
    Result<Webhook> webhook = ReadWebhook(stmt);
    if (!webhook.ok()) return webhook.status();
    webhooks.push_back(*std::move(webhook));
  }
  return webhooks;
}

Result<Webhook> SqliteStore::GetWebhook(WebhookId id) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectWebhook);
  stmt.BindInt(1, id);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return Status(Error::kUnknownWebhook, "webhook " + std::to_string(id));
  return ReadWebhook(stmt);
}

Status SqliteStore::RemoveWebhook(WebhookId id) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteWebhook);
    remove.BindInt(1, id);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownWebhook, "webhook " + std::to_string(id));
    return Status::Ok();
  });
}

Result<std::vector<OutboxItem>> SqliteStore::ClaimOutbox(TimestampMs now, TimestampMs lease_until,
                                                         int limit) {
  return Write([&](Db& db) -> Result<std::vector<OutboxItem>> {
    PALABRE_PREPARE_OR_RETURN(claim, db, sql::kClaimOutbox);
    claim.BindInt(1, now).BindInt(2, lease_until).BindInt(3, limit);
    std::vector<OutboxItem> items;
    while (true) {
      PALABRE_STEP_OR_RETURN(row, claim);
      if (!row) break;
      Result<OutboxEntry> entry = ReadOutbox(claim);
      if (!entry.ok()) return entry.status();
      items.push_back(std::move(entry->item));
    }
    std::sort(items.begin(), items.end(),
              [](const OutboxItem& a, const OutboxItem& b) { return a.id < b.id; });
    return items;
  });
}

Status SqliteStore::FinishOutbox(OutboxId id, OutboxState state, std::string_view error,
                                 TimestampMs at, TimestampMs next_attempt_at,
                                 TimestampMs first_attempt_at) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(finish, db, sql::kFinishOutbox);
    finish.BindInt(1, id)
        .BindText(2, ToString(state))
        .BindText(3, error)
        .BindInt(4, state == OutboxState::kPending ? 0 : at)
        .BindInt(5, next_attempt_at)
        .BindInt(6, first_attempt_at);
    PALABRE_RETURN_IF_ERROR(finish.Run());
    if (db.Changes() == 0) {
      return Status(Error::kInvalidArgument, "outbox row " + std::to_string(id) + " is gone");
    }
    return Status::Ok();
  });
}

Result<std::vector<OutboxEntry>> SqliteStore::ListOutbox(std::string_view site_id,
                                                         std::optional<OutboxState> state,
                                                         int limit) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListOutbox);
  stmt.BindText(1, site_id)
      .BindText(2, state.has_value() ? ToString(*state) : std::string_view())
      .BindInt(3, limit);
  return ReadOutboxRows(stmt);
}

Status SqliteStore::DeferOutbox(OutboxId id, TimestampMs next_attempt_at) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(defer, db, sql::kDeferOutbox);
    defer.BindInt(1, id).BindInt(2, next_attempt_at);
    PALABRE_RETURN_IF_ERROR(defer.Run());
    if (db.Changes() == 0) {
      return Status(Error::kInvalidArgument, "outbox row " + std::to_string(id) + " is gone");
    }
    return Status::Ok();
  });
}

Result<Subscription> SqliteStore::Subscribe(CommentId comment_id, std::string_view email,
                                            TimestampMs now) {
  const std::string key = text::AsciiLower(email);
  return Write([&](Db& db) -> Result<Subscription> {
    std::string site_id;
    {
      PALABRE_PREPARE_OR_RETURN(site, db, sql::kSelectCommentSite);
      site.BindInt(1, comment_id);
      PALABRE_STEP_OR_RETURN(found, site);
      if (!found) return Status(Error::kUnknownComment, "comment " + std::to_string(comment_id));
      site_id = site.ColumnText(0);
    }
    {
      PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertSubscriber);
      insert.BindText(1, site_id).BindText(2, email).BindText(3, key).BindInt(4, now);
      PALABRE_RETURN_IF_ERROR(insert.Run());
    }
    Subscription out;
    {
      PALABRE_PREPARE_OR_RETURN(select, db, sql::kSelectSubscriberByKey);
      select.BindText(1, site_id).BindText(2, key);
      PALABRE_STEP_OR_RETURN(found, select);
      if (!found) return Status(Error::kInternal, "subscriber vanished");
      out.subscriber = ReadSubscriber(select);
    }
    {
      PALABRE_PREPARE_OR_RETURN(link, db, sql::kLinkComment);
      link.BindInt(1, comment_id).BindInt(2, out.subscriber.id);
      PALABRE_RETURN_IF_ERROR(link.Run());
    }
    out.outcome = SignUpOutcome(out.subscriber, now);
    if (out.outcome != NotifyOutcome::kConfirmSent) return out;
    {
      PALABRE_PREPARE_OR_RETURN(mark, db, sql::kMarkConfirmSent);
      mark.BindInt(1, out.subscriber.id).BindInt(2, now);
      PALABRE_RETURN_IF_ERROR(mark.Run());
    }
    PALABRE_PREPARE_OR_RETURN(enqueue, db, sql::kEnqueueConfirmMail);
    enqueue.BindInt(1, out.subscriber.id).BindText(2, site_id).BindInt(3, comment_id);
    PALABRE_RETURN_IF_ERROR(enqueue.Run());
    out.subscriber.confirm_sent_at = now;
    return out;
  });
}

Result<Subscriber> SqliteStore::GetSubscriber(SubscriberId id) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kSelectSubscriber);
  stmt.BindInt(1, id);
  PALABRE_STEP_OR_RETURN(row, stmt);
  if (!row) return UnknownSubscriber(id);
  return ReadSubscriber(stmt);
}

Status SqliteStore::ConfirmSubscriber(SubscriberId id, TimestampMs now) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(confirm, db, sql::kConfirmSubscriber);
    confirm.BindInt(1, id).BindInt(2, now);
    PALABRE_RETURN_IF_ERROR(confirm.Run());
    return db.Changes() == 0 ? UnknownSubscriber(id) : Status::Ok();
  });
}

Status SqliteStore::RemoveSubscriber(SubscriberId id) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteSubscriber);
    remove.BindInt(1, id);
    PALABRE_RETURN_IF_ERROR(remove.Run());
    return db.Changes() == 0 ? UnknownSubscriber(id) : Status::Ok();
  });
}

Result<std::vector<OutboxEntry>> SqliteStore::ListSubscriberOutbox(SubscriberId id, int limit) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListSubscriberOutbox);
  stmt.BindInt(1, id).BindInt(2, limit);
  return ReadOutboxRows(stmt);
}

Result<std::int64_t> SqliteStore::CountMailSent(std::string_view site_id, TimestampMs since) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kCountMailSent);
  stmt.BindText(1, site_id).BindInt(2, since);
  PALABRE_STEP_OR_RETURN(row, stmt);
  return row ? stmt.ColumnInt(0) : std::int64_t{0};
}

Result<std::int64_t> SqliteStore::PurgeOutbox(TimestampMs before) {
  return Write([&](Db& db) -> Result<std::int64_t> {
    PALABRE_PREPARE_OR_RETURN(purge, db, sql::kPurgeOutbox);
    purge.BindInt(1, before);
    PALABRE_RETURN_IF_ERROR(purge.Run());
    return static_cast<std::int64_t>(db.Changes());
  });
}

}  // namespace palabre::store::sqlite
