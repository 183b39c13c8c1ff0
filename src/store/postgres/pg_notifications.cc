// PgStore as a NotificationStore.
#include <algorithm>
#include <string>

#include "core/text/ascii.h"
#include "store/postgres/pg_internal.h"

namespace palabre::store::pg {
namespace {

Result<Webhook> ReadWebhook(const Rows& rows, int r) {
  Webhook webhook;
  webhook.id = rows.Int(r, 0);
  webhook.site_id = rows.Text(r, 1);
  webhook.url = rows.Text(r, 2);
  const std::optional<WebhookFormat> format = ParseWebhookFormat(rows.View(r, 3));
  if (!format.has_value()) return Status(Error::kInternal, "webhook: unknown format");
  webhook.format = *format;
  webhook.events = static_cast<std::uint32_t>(rows.Int(r, 4));
  webhook.secret = rows.Text(r, 5);
  webhook.created_at = rows.Int(r, 6);
  return webhook;
}

Result<OutboxEntry> ReadOutbox(const Rows& rows, int r) {
  OutboxEntry entry;
  entry.item.id = rows.Int(r, 0);
  entry.item.webhook_id = rows.Int(r, 1);
  entry.item.subscriber_id = rows.Int(r, 2);
  entry.item.site_id = rows.Text(r, 3);
  entry.item.event = static_cast<WebhookEvent>(rows.Int(r, 4));
  entry.item.subject_id = rows.Int(r, 5);
  entry.item.created_at = rows.Int(r, 6);
  entry.item.attempts = static_cast<int>(rows.Int(r, 7));
  entry.item.first_attempt_at = rows.Int(r, 8);
  const std::optional<OutboxState> state = ParseOutboxState(rows.View(r, 9));
  if (!state.has_value()) return Status(Error::kInternal, "outbox: unknown state");
  entry.state = *state;
  entry.next_attempt_at = rows.Int(r, 10);
  entry.done_at = rows.Int(r, 11);
  entry.last_error = rows.Text(r, 12);
  return entry;
}

Result<std::vector<OutboxEntry>> ReadOutboxRows(const Rows& rows) {
  std::vector<OutboxEntry> entries;
  for (int r = 0; r < rows.size(); ++r) {
    Result<OutboxEntry> entry = ReadOutbox(rows, r);
    if (!entry.ok()) return entry.status();
    entries.push_back(*std::move(entry));
  }
  return entries;
}

Subscriber ReadSubscriber(const Rows& rows, int r) {
  Subscriber subscriber;
  subscriber.id = rows.Int(r, 0);
  subscriber.site_id = rows.Text(r, 1);
  subscriber.email = rows.Text(r, 2);
  subscriber.created_at = rows.Int(r, 3);
  subscriber.confirmed_at = rows.Int(r, 4);
  subscriber.confirm_sent_at = rows.Int(r, 5);
  return subscriber;
}

Status UnknownSubscriber(SubscriberId id) {
  return Status(Error::kUnknownSubscriber, "subscriber " + std::to_string(id));
}

}  // namespace

Result<Webhook> PgStore::AddWebhook(const Webhook& webhook) {
  return WithConn(false, [&](Conn& c) -> Result<Webhook> {
    Result<Rows> inserted = c.Run(sql::kInsertWebhook, Params()
                                                           .Text(webhook.site_id)
                                                           .Text(webhook.url)
                                                           .Text(ToString(webhook.format))
                                                           .Int(webhook.events)
                                                           .Text(webhook.secret)
                                                           .Int(webhook.created_at));
    if (!inserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {
        return Status(Error::kUnknownSite, "site " + webhook.site_id);
      }
      return inserted.status();
    }
    Webhook stored = webhook;
    stored.id = inserted->Int(0, 0);
    return stored;
  });
}

Result<std::vector<Webhook>> PgStore::ListWebhooks(std::string_view site_id) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Webhook>> {
    Result<Rows> rows = c.Run(sql::kSelectWebhooks, Params().Text(site_id));
    if (!rows.ok()) return rows.status();
    std::vector<Webhook> webhooks;
    for (int r = 0; r < rows->size(); ++r) {
      Result<Webhook> webhook = ReadWebhook(*rows, r);
      if (!webhook.ok()) return webhook.status();
      webhooks.push_back(*std::move(webhook));
    }
    return webhooks;
  });
}

Result<Webhook> PgStore::GetWebhook(WebhookId id) {
  return WithConn(true, [&](Conn& c) -> Result<Webhook> {
    Result<Rows> rows = c.Run(sql::kSelectWebhook, Params().Int(id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnknownWebhook, "webhook " + std::to_string(id));
    return ReadWebhook(*rows, 0);
  });
}

Status PgStore::RemoveWebhook(WebhookId id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteWebhook, Params().Int(id));
    if (!removed.ok()) return removed.status();
    if (removed->affected() == 0) {
      return Status(Error::kUnknownWebhook, "webhook " + std::to_string(id));
    }
    return Status::Ok();
  });
}

Result<std::vector<OutboxItem>> PgStore::ClaimOutbox(TimestampMs now, TimestampMs lease_until,
                                                     int limit) {
  return WithConn(false, [&](Conn& c) -> Result<std::vector<OutboxItem>> {
    Result<Rows> rows = c.Run(sql::kClaimOutbox, Params().Int(now).Int(lease_until).Int(limit));
    if (!rows.ok()) return rows.status();
    std::vector<OutboxItem> items;
    for (int r = 0; r < rows->size(); ++r) {
      Result<OutboxEntry> entry = ReadOutbox(*rows, r);
      if (!entry.ok()) return entry.status();
      items.push_back(std::move(entry->item));
    }
    std::sort(items.begin(), items.end(),
              [](const OutboxItem& a, const OutboxItem& b) { return a.id < b.id; });
    return items;
  });
}

Status PgStore::FinishOutbox(OutboxId id, OutboxState state, std::string_view error, TimestampMs at,
                             TimestampMs next_attempt_at, TimestampMs first_attempt_at) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> finished =
        c.Run(sql::kFinishOutbox, Params()
                                      .Int(id)
                                      .Text(ToString(state))
                                      .Text(error)
                                      .Int(state == OutboxState::kPending ? 0 : at)
                                      .Int(next_attempt_at)
                                      .Int(first_attempt_at));
    if (!finished.ok()) return finished.status();
    if (finished->affected() == 0) {
      return Status(Error::kInvalidArgument, "outbox row " + std::to_string(id) + " is gone");
    }
    return Status::Ok();
  });
}

Result<std::vector<OutboxEntry>> PgStore::ListOutbox(std::string_view site_id,
                                                     std::optional<OutboxState> state, int limit) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<OutboxEntry>> {
    Result<Rows> rows =
        c.Run(sql::kListOutbox, Params()
                                    .Text(site_id)
                                    .Text(state.has_value() ? ToString(*state) : std::string_view())
                                    .Int(limit));
    if (!rows.ok()) return rows.status();
    return ReadOutboxRows(*rows);
  });
}

Status PgStore::DeferOutbox(OutboxId id, TimestampMs next_attempt_at) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> deferred = c.Run(sql::kDeferOutbox, Params().Int(id).Int(next_attempt_at));
    if (!deferred.ok()) return deferred.status();
    if (deferred->affected() == 0) {
      return Status(Error::kInvalidArgument, "outbox row " + std::to_string(id) + " is gone");
    }
    return Status::Ok();
  });
}

Result<Subscription> PgStore::Subscribe(CommentId comment_id, std::string_view email,
                                        TimestampMs now) {
  const std::string key = text::AsciiLower(email);
  return WithConn(false, [&](Conn& c) -> Result<Subscription> {
    return InTransaction(c, [&]() -> Result<Subscription> {
      Result<Rows> site = c.Run(sql::kSelectCommentSite, Params().Int(comment_id));
      if (!site.ok()) return site.status();
      if (site->empty()) {
        return Status(Error::kUnknownComment, "comment " + std::to_string(comment_id));
      }
      const std::string site_id = site->Text(0, 0);
      Result<Rows> upserted =
          c.Run(sql::kUpsertSubscriber, Params().Text(site_id).Text(email).Text(key).Int(now));
      if (!upserted.ok()) return upserted.status();
      Subscription out;
      out.subscriber = ReadSubscriber(*upserted, 0);
      Result<Rows> linked =
          c.Run(sql::kLinkComment, Params().Int(comment_id).Int(out.subscriber.id));
      if (!linked.ok()) return linked.status();
      out.outcome = SignUpOutcome(out.subscriber, now);
      if (out.outcome != NotifyOutcome::kConfirmSent) return out;
      Result<Rows> marked = c.Run(sql::kMarkConfirmSent, Params().Int(out.subscriber.id).Int(now));
      if (!marked.ok()) return marked.status();
      Result<Rows> enqueued = c.Run(sql::kEnqueueConfirmMail,
                                    Params().Int(out.subscriber.id).Text(site_id).Int(comment_id));
      if (!enqueued.ok()) return enqueued.status();
      out.subscriber.confirm_sent_at = now;
      return out;
    });
  });
}

Result<Subscriber> PgStore::GetSubscriber(SubscriberId id) {
  return WithConn(true, [&](Conn& c) -> Result<Subscriber> {
    Result<Rows> rows = c.Run(sql::kSelectSubscriber, Params().Int(id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return UnknownSubscriber(id);
    return ReadSubscriber(*rows, 0);
  });
}

Status PgStore::ConfirmSubscriber(SubscriberId id, TimestampMs now) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> confirmed = c.Run(sql::kConfirmSubscriber, Params().Int(id).Int(now));
    if (!confirmed.ok()) return confirmed.status();
    return confirmed->affected() == 0 ? UnknownSubscriber(id) : Status::Ok();
  });
}

Status PgStore::RemoveSubscriber(SubscriberId id) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> removed = c.Run(sql::kDeleteSubscriber, Params().Int(id));
    if (!removed.ok()) return removed.status();
    return removed->affected() == 0 ? UnknownSubscriber(id) : Status::Ok();
  });
}

Result<std::vector<OutboxEntry>> PgStore::ListSubscriberOutbox(SubscriberId id, int limit) {
  return WithConn(true, [&](Conn& c) -> Result<std::vector<OutboxEntry>> {
    Result<Rows> rows = c.Run(sql::kListSubscriberOutbox, Params().Int(id).Int(limit));
    if (!rows.ok()) return rows.status();
    return ReadOutboxRows(*rows);
  });
}

Result<std::int64_t> PgStore::CountMailSent(std::string_view site_id, TimestampMs since) {
  return WithConn(true, [&](Conn& c) -> Result<std::int64_t> {
    Result<Rows> rows = c.Run(sql::kCountMailSent, Params().Text(site_id).Int(since));
    if (!rows.ok()) return rows.status();
    return rows->empty() ? std::int64_t{0} : rows->Int(0, 0);
  });
}

Result<std::int64_t> PgStore::PurgeOutbox(TimestampMs before) {
  return WithConn(false, [&](Conn& c) -> Result<std::int64_t> {
    Result<Rows> purged = c.Run(sql::kPurgeOutbox, Params().Int(before));
    if (!purged.ok()) return purged.status();
    return purged->affected();
  });
}

}  // namespace palabre::store::pg
