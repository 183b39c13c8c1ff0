#include "moderation/checks/links_contacts_check.h"

#include <gtest/gtest.h>

#include "moderation/check_testing.h"

namespace palabre::moderation {
namespace {

using testing::CheckInput;
using testing::Codes;
using testing::SpanTexts;
using Strings = std::vector<std::string>;

Verdict Judge(std::string_view text, LinksContactsConfig config = {}) {
  CheckInput in(text);
  return in.Run(LinksContactsCheck(config));
}

TEST(LinksContactsCheckTest, Links) {
  for (const char* text : {
           "Regardez https://exemple.com/page?id=3 vite",
           "voir http://bit.ly/3xYz",
           "Allez sur www.gagnez-gros.net",
           "WWW.SITE-PROMO.COM",
           "iptv pas cher sur abonnement-iptv.com",
           "tout est sur seneweb.com",
           "infos sur news.aps.sn",
           "le site lesoleil.sn en parle",
           "x . com",
           "promo[.]com",
           "promo (.) org",
           "promo dot com",
           "promo (point) net",
           "marabout point com",
       }) {
    const Verdict v = Judge(text);
    EXPECT_EQ(Codes(v), Strings{"link"}) << text;
    EXPECT_EQ(v.action, Action::kHold) << text;
  }
}

TEST(LinksContactsCheckTest, LinkSpanAndHost) {
  const std::string text = "Lisez https://exemple.com/a, c'est vrai.";
  const Verdict v = Judge(text);
  EXPECT_EQ(SpanTexts(v, text), Strings{"https://exemple.com/a"});
  EXPECT_NE(v.reasons[0].detail.find("exemple.com"), std::string::npos);
}

TEST(LinksContactsCheckTest, OrdinaryFrenchIsNotALink) {
  for (const char* text : {
           "C'est fini.Le peuple a parlé.",
           "Un refus net. Org ou pas, rien ne change.",
           "Il faut partir.Ne restez pas là.",
           "Le point de vue du ministre est clair.",
           "Le score : 3.5 points",
           "C'est un point com-pliqué",
           "Le Mali, le Niger et le Burkina.Fr ou pas, peu importe.",
           "Celui.ci est mieux",
       }) {
    EXPECT_EQ(Judge(text).action, Action::kPass) << text;
  }
}

TEST(LinksContactsCheckTest, AllowedDomainsPass) {
  LinksContactsConfig config;
  config.allow_domains = {"lefaso.net", "www.aps.sn"};
  EXPECT_EQ(Judge("Source : https://lefaso.net/spip.php?article1", config).action, Action::kPass);
  EXPECT_EQ(Judge("Source : www.aps.sn/actualites", config).action, Action::kPass);
  EXPECT_EQ(Judge("Source : news.lefaso.net", config).action, Action::kPass);
  EXPECT_EQ(Judge("Source : notlefaso.net", config).action, Action::kHold);
  const Verdict prefixed = Judge("Source : lefaso.net.arnaque.com", config);
  EXPECT_EQ(prefixed.action, Action::kHold);
  EXPECT_EQ(SpanTexts(prefixed, "Source : lefaso.net.arnaque.com"),
            Strings{"lefaso.net.arnaque.com"});
}

TEST(LinksContactsCheckTest, TheSitesOwnDomainPasses) {
  const LinksContactsCheck check{LinksContactsConfig{}};
  auto judge = [&](std::string_view text, std::vector<std::string> origins) {
    CheckInput in(text);
    in.site.origins = std::move(origins);
    return in.Run(check);
  };
  const std::vector<std::string> lefaso = {"https://www.lefaso.net", "http://localhost:8080"};
  EXPECT_EQ(judge("Merci à la rédaction de lefaso.net pour ce travail.", lefaso).action,
            Action::kPass);
  EXPECT_EQ(judge("Lisez aussi https://lefaso.net/spip.php?article12", lefaso).action,
            Action::kPass);
  EXPECT_EQ(judge("Voir m.lefaso.net/article", lefaso).action, Action::kPass);
  // Another site's domain, and a look-alike, are still links; so is any domain elsewhere.
  EXPECT_EQ(judge("Merci lefaso.net, mais lisez marabout-puissant.com", lefaso).action,
            Action::kHold);
  EXPECT_EQ(judge("Source : lefaso.net.arnaque.com", lefaso).action, Action::kHold);
  EXPECT_EQ(judge("Merci à la rédaction de lefaso.net.", {}).action, Action::kHold);
  // An origin without a dot (localhost) allows nothing.
  EXPECT_EQ(judge("Source : localhost.com", {"http://localhost"}).action, Action::kHold);
}

TEST(LinksContactsCheckTest, SitePolicyPerKind) {
  LinksContactsConfig config;
  config.link_action = Action::kPass;
  config.phone_action = Action::kReject;
  EXPECT_EQ(Judge("voir https://exemple.com", config).action, Action::kPass);
  EXPECT_TRUE(Judge("voir https://exemple.com", config).reasons.empty());
  EXPECT_EQ(Judge("appelez le 77 123 45 67", config).action, Action::kReject);
}

TEST(LinksContactsCheckTest, WestAfricanPhoneNumbers) {
  for (const char* text : {
           "+221 77 123 45 67",
           "+22177 123 45 67",
           "00223 76 12 34 56",
           "+225 07 07 07 07 07",
           "+229 01 97 12 34 56",
           "+237 6 77 12 34 56",
           "(+226) 70-12-34-56",
           "Appelez le 77 123 45 67 maintenant",
           "mon numéro 76.12.34.56",
           "07 07 07 07 07",
           "771234567",
           "7 7 1 2 3 4 5 6 7",
           "221 77 123 45 67",
           "77\xC2\xA0"
           "123\xC2\xA0"
           "45\xC2\xA0"
           "67",
       }) {
    const Verdict v = Judge(text);
    EXPECT_EQ(Codes(v), Strings{"phone"}) << text;
  }
}

TEST(LinksContactsCheckTest, PhoneSpan) {
  const std::string text =
      "Grand marabout, appelez le +223 76 12 34 56 pour votre retour d'affection";
  const Verdict v = Judge(text);
  EXPECT_EQ(SpanTexts(v, text), Strings{"+223 76 12 34 56"});
}

TEST(LinksContactsCheckTest, NumbersThatAreNotPhones) {
  for (const char* text : {
           "Le budget est de 150 000 000 FCFA",
           "Un coût de 2 500 000 000 francs",
           "Le 12/03/2024 à Bamako",
           "Entre 2023-2024 la situation a empiré",
           "L'attaque a fait 40 morts et 12 blessés",
           "15000000 FCFA détournés",
           "La population est de 20 000 000 habitants",
           "En 2024, 1 200 000 déplacés",
           "Score : 12h30, puis 13h45",
           "Le vol A320 du 2024-03-12",
       }) {
    EXPECT_EQ(Judge(text).action, Action::kPass) << text;
  }
}

TEST(LinksContactsCheckTest, EmailAddresses) {
  for (const char* text : {
           "écrivez à marabout.puissant@gmail.com",
           "contact: pret_rapide+vip@yahoo.fr",
           "moussa [at] gmail.com",
           "moussa (at) gmail dot com",
           "moussa arobase gmail point com",
       }) {
    const Verdict v = Judge(text);
    ASSERT_FALSE(v.reasons.empty()) << text;
    EXPECT_EQ(v.reasons[0].code, "email") << text;
    // The domain of an address is not reported again as a link.
    EXPECT_EQ(Codes(v), Strings{"email"}) << text;
  }
}

TEST(LinksContactsCheckTest, MessagingInvitations) {
  {
    const std::string text = "Pour un prêt rapide écrivez-moi sur WhatsApp";
    const Verdict v = Judge(text);
    EXPECT_EQ(Codes(v), Strings{"contact"});
    EXPECT_EQ(SpanTexts(v, text), Strings{"WhatsApp"});
  }
  EXPECT_EQ(Codes(Judge("Contactez-moi sur WhatsApp +223 76 12 34 56")),
            (Strings{"phone", "contact"}));
  EXPECT_EQ(Codes(Judge("Abonnement IPTV, Telegram @iptv_promo")), Strings{"contact"});
  EXPECT_EQ(Codes(Judge("Rejoignez wa.me/22376123456")), (Strings{"link", "contact"}));
  EXPECT_EQ(Codes(Judge("inbox sur whats app")), Strings{"contact"});
}

TEST(LinksContactsCheckTest, NamingAMessagingAppIsNotAnInvitation) {
  EXPECT_EQ(Judge("Le ministre a démenti sur WhatsApp hier soir").action, Action::kPass);
  EXPECT_EQ(Judge("La rumeur circule sur Telegram depuis lundi").action, Action::kPass);
  EXPECT_EQ(Judge("Merci @Moussa pour ton analyse").action, Action::kPass);
}

}  // namespace
}  // namespace palabre::moderation
