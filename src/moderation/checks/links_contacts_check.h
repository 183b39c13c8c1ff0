// LinksContactsCheck ("links_contacts"): ways to take readers elsewhere — the signature of
// marabout, loan, IPTV and "contact me" spam. Codes, each with its own action (hold by
// default; a site may allow links or reject them):
//   - `link`: URLs with a scheme, "www." addresses, bare domains ("seneweb.com"; country
//     domains such as ".sn" only when written in lower case, "x.sn"), and the spacing tricks
//     "x . com", "x[.]com", "x (dot) com", "x point com". Hosts under
//     links_contacts.allow_domains pass, and so do the site's own (the hosts of its origins,
//     "www." dropped, and their subdomains): readers name and link the paper they comment in.
//   - `phone`: international numbers (+221 77 123 45 67, 00223 76 12 34 56, +225 07 07 07 07
//     07) and local runs of 8 to 10 digits in any grouping ("77 123 45 67", "7 7 1 2 3...");
//     not amounts written in thousands ("150 000 000 FCFA"), dates, year ranges or numbers
//     followed by a unit.
//   - `email`: addresses, also "nom [at] site.com" and "nom arobase site point com".
//   - `contact`: WhatsApp, Telegram or Viber named together with a number, an @handle or an
//     invitation ("écrivez", "contactez", "inbox"); wa.me/ and t.me/ links.
// Spans point at each finding. Thread-safe, immutable.
#pragma once

#include "moderation/check.h"
#include "moderation/config.h"

namespace palabre::moderation {

class LinksContactsCheck final : public Check {
 public:
  explicit LinksContactsCheck(const LinksContactsConfig& config);
  std::string_view Name() const override { return "links_contacts"; }
  Verdict Run(const Comment& comment, const Context& context) const noexcept override;

 private:
  LinksContactsConfig config_;
};

}  // namespace palabre::moderation
