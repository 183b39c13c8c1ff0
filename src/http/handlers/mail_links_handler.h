// The pages behind the links of the mails to subscribers (service/mail_links.h), under the
// deployment's public URL:
//   GET  /mail/confirm/{token}      confirms the address; a page saying so
//   GET  /mail/unsubscribe/{token}  a page with one button (a form POSTing to the same URL);
//                                   changes nothing: mail scanners and link previews GET links
//   POST /mail/unsubscribe/{token}  unsubscribes: RFC 8058's one-click (the mail client's POST
//                                   of "List-Unsubscribe=One-Click") and the page's button
// Small HTML pages in the site's language (French unless the site is English); a link that is
// not valid (forged, expired, already used to unsubscribe) gets a 404 page in both. No script,
// nothing remote, "Referrer-Policy: no-referrer" (the token is in the URL), no caching.
// Thread-safe.
#pragma once

#include "http/message.h"
#include "service/mail_links.h"

namespace palabre::http::handlers {

class MailLinksHandler {
 public:
  explicit MailLinksHandler(service::MailLinks& links) : links_(links) {}

  void Confirm(Request& req, Response& res);
  void UnsubscribePage(Request& req, Response& res);
  void Unsubscribe(Request& req, Response& res);

 private:
  service::MailLinks& links_;
};

}  // namespace palabre::http::handlers
