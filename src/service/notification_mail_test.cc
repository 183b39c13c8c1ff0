#include "service/notification_mail.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace palabre::service {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

Site Journal(const std::string& locale, const std::string& zone = "UTC") {
  Site s;
  s.id = "journal";
  s.name = "Le Journal";
  s.locale = locale;
  s.time_zone = zone;
  return s;
}

constexpr TimestampMs kNoon = 1796645076000;  // Mon 7 Dec 2026 12:04:36 UTC

TEST(MailTime, IsInTheSitesZoneAndLanguage) {
  EXPECT_EQ(MailTime(Journal("fr"), kNoon), "7 décembre 2026 à 12:04");
  EXPECT_EQ(MailTime(Journal("en"), kNoon), "7 December 2026 at 12:04");
  EXPECT_EQ(MailTime(Journal("fr", "Africa/Lagos"), kNoon), "7 décembre 2026 à 13:04");
}

TEST(ConfirmationMail, ExplainsAndLinksWithoutSendingAnythingElse) {
  const MailMessage m =
      ConfirmationMail(Journal("fr"), {"noreply@journal.example"}, "awa@example.org",
                       "Attaque à <Bamako>", "https://c.example/confirm?t=abc&x=1");
  EXPECT_EQ(m.from, "noreply@journal.example");
  EXPECT_EQ(m.from_name, "Le Journal");
  EXPECT_EQ(m.to, "awa@example.org");
  EXPECT_THAT(m.subject, HasSubstr("Confirmez votre adresse"));
  EXPECT_THAT(m.text, HasSubstr("« Attaque à <Bamako> »"));
  EXPECT_THAT(m.text, HasSubstr("https://c.example/confirm?t=abc&x=1\n"));
  EXPECT_THAT(m.text, HasSubstr("24 heures"));
  // The HTML escapes the title and the link's ampersand.
  EXPECT_THAT(m.html, HasSubstr("Attaque à &lt;Bamako&gt;"));
  EXPECT_THAT(m.html, HasSubstr("href=\"https://c.example/confirm?t=abc&amp;x=1\""));
  EXPECT_THAT(m.html, Not(HasSubstr("<Bamako>")));
  // No unsubscribe header: nothing was subscribed yet.
  EXPECT_THAT(m.headers, Not(Contains(Pair("List-Unsubscribe-Post", ::testing::_))));
  EXPECT_THAT(m.headers, Contains(Pair("Auto-Submitted", "auto-generated")));

  const MailMessage en = ConfirmationMail(Journal("en"), {"noreply@journal.example"},
                                          "awa@example.org", "Attack", "https://c.example/c");
  EXPECT_THAT(en.subject, HasSubstr("Confirm your address"));
  EXPECT_THAT(en.text, HasSubstr("within 24 hours"));
}

TEST(ReplyMail, QuotesEscapesAndCarriesOneClickUnsubscribe) {
  const std::vector<MailReply> replies = {
      {"Moussa", "Merci <b>frère</b>\nInch'Allah", "https://j.example/a#c-7", kNoon}};
  const MailMessage m = ReplyMail(Journal("fr"), {"noreply@journal.example"}, "awa@example.org",
                                  "Sécurité", replies, "https://c.example/u?t=xyz");
  EXPECT_EQ(m.subject, "Nouvelle réponse à votre commentaire — Sécurité");
  EXPECT_THAT(m.text, HasSubstr("Moussa vous a répondu le 7 décembre 2026 à 12:04 :"));
  EXPECT_THAT(m.text, HasSubstr("> Merci <b>frère</b>\n> Inch'Allah"));
  EXPECT_THAT(m.text, HasSubstr("https://j.example/a#c-7"));
  EXPECT_THAT(m.html, HasSubstr("Merci &lt;b&gt;frère&lt;/b&gt;<br>\nInch&#39;Allah"));
  EXPECT_THAT(m.html, Not(HasSubstr("<b>frère")));
  EXPECT_THAT(m.headers, Contains(Pair("List-Unsubscribe", "<https://c.example/u?t=xyz>")));
  EXPECT_THAT(m.headers, Contains(Pair("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")));
  EXPECT_THAT(m.text, HasSubstr("Ne plus rien recevoir : https://c.example/u?t=xyz"));
}

TEST(ReplyMail, ADigestCountsItsRepliesAndShowsEach) {
  const std::vector<MailReply> replies = {{"Moussa", "Un", "https://j.example/a#c-7", kNoon},
                                          {"Fatou", "Deux", "https://j.example/a#c-8", kNoon}};
  const MailMessage m = ReplyMail(Journal("en"), {"noreply@journal.example"}, "awa@example.org",
                                  "Security", replies, "https://c.example/u");
  EXPECT_EQ(m.subject, "2 new replies to your comment — Security");
  EXPECT_THAT(m.text, HasSubstr("Moussa replied on 7 December 2026 at 12:04:\n\n> Un"));
  EXPECT_THAT(m.text, HasSubstr("Fatou replied on"));
  EXPECT_THAT(m.html, HasSubstr("#c-8"));
}

TEST(ReplyMail, AReplyWhosePageIsNotKnownHasNoEmptyLink) {
  const std::vector<MailReply> replies = {{"Moussa", "Un", "", kNoon}};
  const MailMessage m = ReplyMail(Journal("fr"), {"noreply@journal.example"}, "awa@example.org",
                                  "Sécurité", replies, "https://c.example/u");
  EXPECT_THAT(m.text, HasSubstr("> Un"));
  EXPECT_THAT(m.text, Not(HasSubstr("Lire et répondre")));
  EXPECT_THAT(m.html, Not(HasSubstr("href=\"\"")));
}

TEST(ReplyMail, AnUntitledThreadIsNamedAfterTheSite) {
  const std::vector<MailReply> replies = {{"Moussa", "Un", "", kNoon}};
  const MailMessage m = ReplyMail(Journal("fr"), {"noreply@journal.example"}, "awa@example.org", "",
                                  replies, "https://c.example/u");
  EXPECT_EQ(m.subject, "Nouvelle réponse à votre commentaire — Le Journal");
  const MailMessage c = ConfirmationMail(Journal("en"), {"noreply@journal.example"},
                                         "awa@example.org", "", "https://c.example/c");
  EXPECT_THAT(c.text, HasSubstr("replies to their comment on Le Journal by e-mail"));
  EXPECT_THAT(c.html, Not(HasSubstr("\"\"")));
}

TEST(ReplyMail, ALongTitleIsCutOnACharacterBoundary) {
  std::string title;
  for (int i = 0; i < 60; ++i) title += "é";  // 120 bytes
  const std::vector<MailReply> replies = {{"A", "B", "https://j.example/a", kNoon}};
  const MailMessage m =
      ReplyMail(Journal("fr"), {"n@j.example"}, "a@example.org", title, replies, "https://u");
  const std::string expected = "— " + title.substr(0, 90) + "…";
  EXPECT_THAT(m.subject, HasSubstr(expected));
}

TEST(TestMail, SaysWhatItIsForInTheSitesLanguage) {
  EXPECT_THAT(TestMail(Journal("fr"), {"n@j.example"}, "a@example.org").text,
              HasSubstr("palabre peut envoyer des e-mails pour Le Journal"));
  EXPECT_THAT(TestMail(Journal("en"), {"n@j.example"}, "a@example.org").subject,
              HasSubstr("palabre mail test"));
}

}  // namespace
}  // namespace palabre::service
