#include "service/mail_links.h"

namespace palabre::service {
namespace {

Status Invalid() { return Status(Error::kUnknownSubscriber, "this link is not valid"); }

}  // namespace

std::string MailLinks::ConfirmUrl(const Site& site, SubscriberId id) const {
  const std::int64_t expires = (clock_.NowMs() + kConfirmValidMs) / 1000;
  return public_url_ + "/mail/confirm/" +
         SignMailLink(MailLinkPurpose::kConfirm, id, expires, site.salt);
}

std::string MailLinks::UnsubscribeUrl(const Site& site, SubscriberId id) const {
  return public_url_ + "/mail/unsubscribe/" +
         SignMailLink(MailLinkPurpose::kUnsubscribe, id, 0, site.salt);
}

Result<MailLinkTarget> MailLinks::Open(std::string_view token, MailLinkPurpose purpose) {
  const std::optional<MailLink> link = ParseMailLink(token);
  if (!link.has_value() || link->purpose != purpose) return Invalid();
  Result<Subscriber> subscriber = store_.GetSubscriber(link->subscriber_id);
  if (!subscriber.ok()) {
    return subscriber.error() == Error::kUnknownSubscriber ? Invalid() : subscriber.status();
  }
  Result<Site> site = store_.GetSite(subscriber->site_id);
  if (!site.ok()) return site.error() == Error::kUnknownSite ? Invalid() : site.status();
  if (!VerifyMailLink(*link, site->salt, clock_.NowMs() / 1000)) return Invalid();
  return MailLinkTarget{*std::move(subscriber), *std::move(site)};
}

Result<MailLinkTarget> MailLinks::Confirm(std::string_view token) {
  Result<MailLinkTarget> target = Open(token, MailLinkPurpose::kConfirm);
  if (!target.ok()) return target.status();
  if (!target->subscriber.confirmed()) {
    const TimestampMs now = clock_.NowMs();
    Status confirmed = store_.ConfirmSubscriber(target->subscriber.id, now);
    if (!confirmed.ok()) {
      return confirmed.error() == Error::kUnknownSubscriber ? Invalid() : confirmed;
    }
    target->subscriber.confirmed_at = now;
  }
  return target;
}

Result<MailLinkTarget> MailLinks::Unsubscribe(std::string_view token) {
  Result<MailLinkTarget> target = Open(token, MailLinkPurpose::kUnsubscribe);
  if (!target.ok()) return target.status();
  Status removed = store_.RemoveSubscriber(target->subscriber.id);
  if (!removed.ok() && removed.error() != Error::kUnknownSubscriber) return removed;
  return target;
}

}  // namespace palabre::service
