#include "http/handlers/mail_links_handler.h"

#include <string>
#include <string_view>

#include "core/text/markdown.h"

namespace palabre::http::handlers {
namespace {

constexpr char kCsp[] =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'";

bool English(const Site& site) { return site.locale == "en"; }

void SetPage(Response& res, int status, std::string_view lang, std::string_view title,
             std::string_view body_html) {
  res.status = status;
  res.content_type = "text/html; charset=utf-8";
  res.AddHeader("Cache-Control", "no-store");
  res.AddHeader("Content-Security-Policy", kCsp);
  res.AddHeader("Referrer-Policy", "no-referrer");
  res.AddHeader("X-Content-Type-Options", "nosniff");
  std::string html = "<!doctype html><html lang=\"";
  html += lang;
  html +=
      "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" "
      "content=\"noindex\"><title>";
  html += text::EscapeHtml(title);
  html +=
      "</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:34em;margin:2em "
      "auto;padding:0 1em;color:#222}button{font:inherit;padding:.5em 1em}</style></head><body>"
      "<h1>";
  html += text::EscapeHtml(title);
  html += "</h1>";
  html += body_html;
  html += "</body></html>";
  res.body = std::move(html);
}

// What a link that does not work says, in both languages (its site is not known).
void SetInvalid(Response& res, const Status& status) {
  if (status.error() != Error::kUnknownSubscriber) {
    return SetPage(res, 503, "fr", "Service indisponible / Service unavailable",
                   "<p>Réessayez dans quelques minutes.</p><p lang=\"en\">Please try again in a "
                   "few minutes.</p>");
  }
  SetPage(res, 404, "fr", "Lien expiré ou non valable / Link expired or not valid",
          "<p>Ce lien n'est plus valable : un lien de confirmation sert 24 heures, un lien de "
          "désabonnement jusqu'au désabonnement.</p><p lang=\"en\">This link is no longer valid: "
          "a confirmation link works for 24 hours, an unsubscribe link until you "
          "unsubscribe.</p>");
}

}  // namespace

void MailLinksHandler::Confirm(Request& req, Response& res) {
  Result<service::MailLinkTarget> target = links_.Confirm(req.Param("token"));
  if (!target.ok()) return SetInvalid(res, target.status());
  const std::string site = text::EscapeHtml(target->site.name);
  if (English(target->site)) {
    return SetPage(res, 200, "en", "Address confirmed",
                   "<p>You will get the replies to your comments on " + site +
                       " by e-mail. Every mail has a link to stop them in one click.</p>");
  }
  SetPage(res, 200, "fr", "Adresse confirmée",
          "<p>Vous recevrez par e-mail les réponses à vos commentaires sur " + site +
              ". Chaque mail contient un lien pour les arrêter en un clic.</p>");
}

void MailLinksHandler::UnsubscribePage(Request& req, Response& res) {
  Result<service::MailLinkTarget> target =
      links_.Open(req.Param("token"), MailLinkPurpose::kUnsubscribe);
  if (!target.ok()) return SetInvalid(res, target.status());
  const std::string site = text::EscapeHtml(target->site.name);
  // The form posts to this very URL (no action: the token never appears twice).
  const std::string form =
      "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" "
      "value=\"One-Click\"><button type=\"submit\">";
  if (English(target->site)) {
    return SetPage(res, 200, "en", "Stop reply e-mails",
                   "<p>Stop the e-mails about replies to your comments on " + site + "?</p>" +
                       form + "Unsubscribe</button></form>");
  }
  SetPage(res, 200, "fr", "Ne plus recevoir les réponses",
          "<p>Ne plus recevoir par e-mail les réponses à vos commentaires sur " + site + " ?</p>" +
              form + "Me désabonner</button></form>");
}

void MailLinksHandler::Unsubscribe(Request& req, Response& res) {
  Result<service::MailLinkTarget> target = links_.Unsubscribe(req.Param("token"));
  if (!target.ok()) return SetInvalid(res, target.status());
  const std::string site = text::EscapeHtml(target->site.name);
  if (English(target->site)) {
    return SetPage(res, 200, "en", "Unsubscribed",
                   "<p>You will get no more e-mails from " + site +
                       " about replies. Your address has been deleted.</p>");
  }
  SetPage(res, 200, "fr", "Désabonnement effectué",
          "<p>Vous ne recevrez plus de mails de " + site +
              " au sujet des réponses. Votre adresse a été effacée.</p>");
}

}  // namespace palabre::http::handlers
