#include "service/webhook_payload.h"

#include <boost/json.hpp>

#include "core/crypto.h"
#include "core/text/relative_time.h"
#include "core/text/utf8.h"
#include "moderation/decision.h"

namespace palabre::service {
namespace {

namespace json = boost::json;

constexpr std::size_t kExcerptBytes = 300;

// `s` cut to at most `max` bytes on a UTF-8 character boundary, with "…" when cut.
std::string Excerpt(std::string_view s, std::size_t max) { return text::EllipsizeBytes(s, max); }

bool English(const Site& site) { return site.locale == "en"; }

std::string ConsoleUrl(const WebhookFacts& f) {
  if (f.public_url.empty()) return "";
  std::string fragment = "#queue/held";
  if (f.item.event == WebhookEvent::kCommentReported) fragment = "#queue/reported";
  if (f.item.event == WebhookEvent::kUserBanned) fragment = "#bans/" + f.site.id;
  if (f.item.event == WebhookEvent::kCommentPublished) fragment = "#queue/published";
  if (f.item.event == WebhookEvent::kCommentRejected) fragment = "#queue/rejected";
  return f.public_url + "/admin" + fragment;
}

json::array Reasons(const Comment& comment) {
  json::array out;
  Result<moderation::Decision> decision = moderation::ParseDecisionJson(comment.moderation);
  if (!decision.ok()) return out;
  for (const moderation::Reason& r : decision->reasons) {
    out.push_back(json::object{{"check", r.check},
                               {"code", r.code},
                               {"detail", r.detail},
                               {"action", moderation::ReasonActionName(r.action)}});
  }
  return out;
}

json::object PalabreBody(const WebhookFacts& f) {
  json::object body{{"version", 1},
                    {"id", DeliveryId(f.item, f.site)},
                    {"event", ToString(f.item.event)},
                    {"occurred_at", text::Iso8601(f.item.created_at)},
                    {"site", json::object{{"id", f.site.id}, {"name", f.site.name}}}};
  if (f.item.event == WebhookEvent::kUserBanned) {
    json::object ban{{"id", f.item.subject_id}};
    if (f.ban.has_value()) {
      ban["author"] = f.ban->author_folded;
      ban["reason"] = f.ban->reason;
      ban["expires_at"] = f.ban->expires_at == 0 ? json::value(nullptr)
                                                 : json::value(text::Iso8601(f.ban->expires_at));
    }
    body["ban"] = std::move(ban);
  } else {
    json::object comment{{"id", f.item.subject_id}};
    if (f.comment.has_value()) {
      const Comment& c = *f.comment;
      if (f.thread.has_value()) {
        comment["thread"] = json::object{{"key", f.thread->key}, {"title", f.thread->title}};
      }
      comment["parent_id"] =
          c.parent_id.has_value() ? json::value(*c.parent_id) : json::value(nullptr);
      comment["author"] = c.author;
      comment["text"] = c.text;
      comment["status"] = ToString(c.status);
      comment["review"] = c.review;
      comment["created_at"] = text::Iso8601(c.created_at);
      comment["reasons"] = Reasons(c);
      if (f.item.event == WebhookEvent::kCommentReported) {
        json::array reports;
        for (ReportReason r : f.open_reports) reports.push_back(json::value(ToString(r)));
        comment["open_reports"] = std::move(reports);
      }
    }
    body["comment"] = std::move(comment);
  }
  const std::string console = ConsoleUrl(f);
  if (!console.empty()) body["console_url"] = console;
  return body;
}

// A chat message: one line saying what happened, then who, where and what, then the link.
std::string ChatText(const WebhookFacts& f, bool slack) {
  const bool en = English(f.site);
  auto esc = [slack](std::string_view s) {
    if (!slack) return std::string(s);
    std::string out;
    for (char ch : s) {
      if (ch == '&') {
        out += "&amp;";
      } else if (ch == '<') {
        out += "&lt;";
      } else if (ch == '>') {
        out += "&gt;";
      } else {
        out += ch;
      }
    }
    return out;
  };
  std::string headline;
  switch (f.item.event) {
    case WebhookEvent::kCommentPublished:
      headline = en ? "New comment" : "Nouveau commentaire";
      break;
    case WebhookEvent::kCommentHeld:
      headline = en ? "Comment held for moderation" : "Commentaire en attente de modération";
      break;
    case WebhookEvent::kCommentReported:
      headline = en ? "Comment reported" : "Commentaire signalé";
      break;
    case WebhookEvent::kCommentRejected:
      headline = en ? "Comment rejected" : "Commentaire rejeté";
      break;
    case WebhookEvent::kUserBanned:
      headline = en ? "Author banned" : "Auteur banni";
      break;
    case WebhookEvent::kMailConfirm:
    case WebhookEvent::kMailReply:
      break;  // a subscriber's rows, never a webhook's (outbox_sender.h)
  }
  std::string out = headline + " · " + esc(f.site.name);
  if (f.item.event == WebhookEvent::kUserBanned) {
    if (f.ban.has_value()) {
      out += "\n" + esc(f.ban->author_folded.empty() ? (en ? "(an address)" : "(une adresse)")
                                                     : f.ban->author_folded);
      if (!f.ban->reason.empty()) out += " : " + esc(Excerpt(f.ban->reason, kExcerptBytes));
    }
  } else if (f.comment.has_value()) {
    const Comment& c = *f.comment;
    out += "\n" + esc(c.author);
    if (f.thread.has_value()) {
      const std::string& title = f.thread->title.empty() ? f.thread->key : f.thread->title;
      out += (en ? " on “" : " sur « ") + esc(Excerpt(title, 120)) + (en ? "”" : " »");
    }
    out += (en ? ":\n“" : " :\n« ") + esc(Excerpt(c.text, kExcerptBytes)) + (en ? "”" : " »");
    std::string codes;
    for (const json::value& r : Reasons(c)) {
      if (!codes.empty()) codes += ", ";
      codes += json::value_to<std::string>(r.as_object().at("code"));
    }
    if (f.item.event == WebhookEvent::kCommentReported) {
      codes.clear();
      for (ReportReason r : f.open_reports) {
        if (!codes.empty()) codes += ", ";
        codes += ToString(r);
      }
    }
    if (!codes.empty()) out += (en ? "\nReasons: " : "\nMotifs : ") + esc(codes);
  } else {
    out += en ? "\n(the comment no longer exists)" : "\n(le commentaire n'existe plus)";
  }
  const std::string console = ConsoleUrl(f);
  if (!console.empty()) {
    const std::string label = en ? "Open the console" : "Ouvrir la console";
    out += slack ? "\n<" + console + "|" + label + ">" : "\n" + label + " : " + console;
  }
  return out;
}

// The chat_id parameter of a Telegram sendMessage URL (ValidateWebhookUrl checked it is there).
std::string TelegramChat(std::string_view url) {
  std::size_t at = url.find("?chat_id=");
  if (at == std::string_view::npos) at = url.find("&chat_id=");
  if (at == std::string_view::npos) return "";
  std::string_view chat = url.substr(at + 9);
  return std::string(chat.substr(0, chat.find_first_of("&#")));
}

}  // namespace

std::string DeliveryId(const OutboxItem& item, const Site& site) {
  return HashHex("outbox:" + std::to_string(item.id), site.salt).substr(0, 32);
}

WebhookRequest BuildWebhookRequest(const WebhookFacts& f, std::int64_t now_unix_s) {
  WebhookRequest request;
  request.url = f.webhook.url;
  switch (f.webhook.format) {
    case WebhookFormat::kPalabre:
      request.body = json::serialize(PalabreBody(f));
      break;
    case WebhookFormat::kSlack:
      request.body = json::serialize(json::object{{"text", ChatText(f, true)}});
      break;
    case WebhookFormat::kTelegram:
      request.body = json::serialize(json::object{{"chat_id", TelegramChat(f.webhook.url)},
                                                  {"text", ChatText(f, false)},
                                                  {"disable_web_page_preview", true}});
      break;
  }
  const std::string id = DeliveryId(f.item, f.site);
  request.headers = {
      {"Content-Type", "application/json"},
      {"User-Agent", "palabre-webhook/1"},
      {"X-Palabre-Event", std::string(ToString(f.item.event))},
      {"X-Palabre-Delivery", id},
      {"Idempotency-Key", id},
      {"X-Palabre-Signature", SignWebhook(f.webhook.secret, now_unix_s, request.body)},
  };
  return request;
}

}  // namespace palabre::service
