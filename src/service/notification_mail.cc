#include "service/notification_mail.h"

#include <array>
#include <cstdio>
#include <ctime>

#include "core/text/markdown.h"
#include "core/text/time_zone.h"
#include "core/text/utf8.h"

namespace palabre::service {
namespace {

constexpr std::size_t kSubjectTitleBytes = 90;  // the title's share of a subject line

bool French(const Site& site) { return site.locale != "en"; }

// `title` cut to at most kSubjectTitleBytes on a character boundary, with "…" when cut.
std::string ShortTitle(std::string_view title) {
  return text::EllipsizeBytes(title, kSubjectTitleBytes);
}

// The text quoted for a plain-text mail: "> " before every line.
std::string Quote(std::string_view text) {
  std::string out = "> ";
  for (char c : text) {
    out += c;
    if (c == '\n') out += "> ";
  }
  return out;
}

// The text escaped for HTML, its line breaks kept.
std::string HtmlLines(std::string_view text) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (start > 0) out += "<br>\n";
    out += text::EscapeHtml(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string Link(std::string_view url, std::string_view label) {
  return "<a href=\"" + text::EscapeHtml(url) + "\">" + text::EscapeHtml(label) + "</a>";
}

// The HTML document around `body` (already escaped): no images, no remote resources, no styles
// beyond a readable width, so that it costs little on a phone.
std::string HtmlDocument(const Site& site, std::string_view body) {
  return "<!DOCTYPE html>\n<html lang=\"" + std::string(French(site) ? "fr" : "en") +
         "\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width\"></head>\n"
         "<body style=\"max-width:36em;font-family:sans-serif;line-height:1.4\">\n" +
         std::string(body) + "\n</body></html>\n";
}

MailMessage Envelope(const Site& site, const MailSender& sender, std::string_view to) {
  MailMessage m;
  m.from = sender.address;
  m.from_name = site.name;
  m.to = std::string(to);
  // RFC 3834: an automatic message; well-behaved autoresponders do not answer it.
  m.headers.emplace_back("Auto-Submitted", "auto-generated");
  return m;
}

}  // namespace

std::string MailTime(const Site& site, TimestampMs t) {
  static constexpr std::array<const char*, 12> kFr = {
      "janvier", "février", "mars",      "avril",   "mai",      "juin",
      "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  static constexpr std::array<const char*, 12> kEn = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const text::TimeZone zone(site.time_zone);
  const auto local = static_cast<std::time_t>((t + zone.OffsetMs(t)) / 1000);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[64];
  if (French(site)) {
    std::snprintf(buf, sizeof buf, "%d %s %d à %02d:%02d", tm.tm_mday, kFr[tm.tm_mon],
                  tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
  } else {
    std::snprintf(buf, sizeof buf, "%d %s %d at %02d:%02d", tm.tm_mday, kEn[tm.tm_mon],
                  tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
  }
  return buf;
}

MailMessage ConfirmationMail(const Site& site, const MailSender& sender, std::string_view to,
                             std::string_view thread_title, std::string_view confirm_url) {
  MailMessage m = Envelope(site, sender, to);
  const std::string title = ShortTitle(thread_title);
  const std::string url(confirm_url);
  // Where the comment is: " sous « title »"; nothing for an untitled thread.
  const bool fr = French(site);
  const std::string under =
      title.empty() ? "" : (fr ? " sous « " + title + " »" : " under \"" + title + "\"");
  if (fr) {
    m.subject = "Confirmez votre adresse pour recevoir les réponses — " + site.name;
    m.text =
        "Bonjour,\n\nQuelqu'un, sans doute vous, a demandé à recevoir par e-mail les "
        "réponses à son commentaire" +
        under + " sur " + site.name +
        ".\n\nPour confirmer cette adresse, ouvrez ce lien dans les 24 heures :\n" + url +
        "\n\nSi vous n'avez rien demandé, ignorez ce message : vous ne recevrez rien "
        "d'autre.\n";
    m.html = HtmlDocument(
        site,
        "<p>Bonjour,</p>\n<p>Quelqu'un, sans doute vous, a demandé à recevoir par e-mail "
        "les réponses à son commentaire" +
            text::EscapeHtml(under) + " sur " + text::EscapeHtml(site.name) + ".</p>\n<p>" +
            Link(url, "Confirmer mon adresse") +
            " (lien valable 24 heures)</p>\n<p>Si vous n'avez rien demandé, ignorez ce "
            "message : vous ne recevrez rien d'autre.</p>");
  } else {
    m.subject = "Confirm your address to get replies — " + site.name;
    m.text = "Hello,\n\nSomeone, probably you, asked to get replies to their comment" + under +
             " on " + site.name +
             " by e-mail.\n\nTo confirm this address, open this link within 24 hours:\n" + url +
             "\n\nIf you did not ask for anything, ignore this message: you will get nothing "
             "else.\n";
    m.html = HtmlDocument(
        site, "<p>Hello,</p>\n<p>Someone, probably you, asked to get replies to their comment" +
                  text::EscapeHtml(under) + " on " + text::EscapeHtml(site.name) +
                  " by e-mail.</p>\n<p>" + Link(url, "Confirm my address") +
                  " (valid for 24 hours)</p>\n<p>If you did not ask for anything, ignore this "
                  "message: you will get nothing else.</p>");
  }
  return m;
}

MailMessage ReplyMail(const Site& site, const MailSender& sender, std::string_view to,
                      std::string_view thread_title, const std::vector<MailReply>& replies,
                      std::string_view unsubscribe_url) {
  MailMessage m = Envelope(site, sender, to);
  const bool fr = French(site);
  // An untitled thread (posted to through the API without the publisher's title): the site.
  const std::string title = ShortTitle(thread_title.empty() ? site.name : thread_title);
  const std::size_t n = replies.size();
  if (fr) {
    m.subject = (n == 1 ? std::string("Nouvelle réponse à votre commentaire")
                        : std::to_string(n) + " nouvelles réponses à votre commentaire") +
                " — " + title;
  } else {
    m.subject = (n == 1 ? std::string("New reply to your comment")
                        : std::to_string(n) + " new replies to your comment") +
                " — " + title;
  }
  std::string text;
  std::string html;
  for (const MailReply& r : replies) {
    const std::string when = MailTime(site, r.created_at);
    const std::string said = fr ? r.author + " vous a répondu le " + when + " :"
                                : r.author + " replied on " + when + ":";
    text += said + "\n\n" + Quote(r.text) + "\n\n";
    html += "<p><strong>" + text::EscapeHtml(r.author) + "</strong> " +
            text::EscapeHtml(fr ? "vous a répondu le " + when + " :" : "replied on " + when + ":") +
            "</p>\n<blockquote style=\"margin:0 0 0 .8em;padding-left:.8em;border-left:3px solid "
            "#ccc\">" +
            HtmlLines(r.text) + "</blockquote>\n";
    // No link when the article's address is not known (its key is not a URL or a path).
    if (!r.url.empty()) {
      text += (fr ? "Lire et répondre : " : "Read and reply: ") + r.url + "\n\n";
      html += "<p>" + Link(r.url, fr ? "Lire et répondre" : "Read and reply") + "</p>\n";
    }
  }
  const std::string unsubscribe(unsubscribe_url);
  if (fr) {
    text +=
        "-- \nVous recevez ce message parce que vous avez demandé les réponses à vos "
        "commentaires sur " +
        site.name + ". Ne plus rien recevoir : " + unsubscribe + "\n";
    html +=
        "<hr>\n<p style=\"font-size:small;color:#555\">Vous recevez ce message parce que "
        "vous avez demandé les réponses à vos commentaires sur " +
        text::EscapeHtml(site.name) + ". " + Link(unsubscribe, "Ne plus rien recevoir") + "</p>";
  } else {
    text += "-- \nYou get this message because you asked for replies to your comments on " +
            site.name + ". Stop all mail: " + unsubscribe + "\n";
    html +=
        "<hr>\n<p style=\"font-size:small;color:#555\">You get this message because you "
        "asked for replies to your comments on " +
        text::EscapeHtml(site.name) + ". " + Link(unsubscribe, "Stop all mail") + "</p>";
  }
  m.text = std::move(text);
  m.html = HtmlDocument(site, html);
  // RFC 2369 and RFC 8058: mail clients show an "unsubscribe" button that POSTs to the link.
  m.headers.emplace_back("List-Unsubscribe", "<" + unsubscribe + ">");
  m.headers.emplace_back("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
  return m;
}

MailMessage TestMail(const Site& site, const MailSender& sender, std::string_view to) {
  MailMessage m = Envelope(site, sender, to);
  if (French(site)) {
    m.subject = "Test d'envoi de palabre — " + site.name;
    m.text = "Ce message confirme que palabre peut envoyer des e-mails pour " + site.name +
             " par ce serveur SMTP. Aucune action n'est nécessaire.\n";
  } else {
    m.subject = "palabre mail test — " + site.name;
    m.text = "This message confirms that palabre can send e-mail for " + site.name +
             " through this SMTP server. Nothing else to do.\n";
  }
  m.html = HtmlDocument(site, "<p>" + text::EscapeHtml(m.text) + "</p>");
  return m;
}

}  // namespace palabre::service
