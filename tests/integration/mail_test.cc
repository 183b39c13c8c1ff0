// E-mail through a real SMTP server (tests/smtp/smtp_sink.py, aiosmtpd) on 127.0.0.1:
// `palabre mail test` with the deployment's settings, the SMTP transport's answers to the
// server's refusals, and a reply mail as an ordinary mail reader decodes it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "core/crypto.h"
#include "http/smtp_transport.h"
#include "palabre_process.h"
#include "service/notification_mail.h"
#include "smtp_sink.h"

namespace palabre::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

class MailTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    db_ = dir_.path() / "t.db";
    std::string out;
    ASSERT_EQ(RunPalabre({"site", "add", "journal", "--name", "L'Éveil du Sahel", "--origin",
                          "https://example.test", "--db", db_.string()},
                         &out),
              0)
        << out;
  }
  std::string Url(const SmtpSink& sink, const std::string& credentials = "") const {
    return "smtp://" + credentials + "127.0.0.1:" + std::to_string(sink.port());
  }
  TempDir dir_;
  std::filesystem::path db_;
};

TEST_F(MailTest, MailTestSendsThroughTheServerWithTheSitesNameAndLanguage) {
  SmtpSink sink(dir_.path() / "mails", "palabre", "s3cret/pass");
  ASSERT_NE(sink.port(), 0);
  std::string out;
  // The password is percent-encoded in the URL ("/" is %2F) and never printed back.
  ASSERT_EQ(RunPalabre({"mail", "test", "--smtp", Url(sink, "palabre:s3cret%2Fpass@"),
                        "--mail-from", "noreply@eveil.example", "--to", "desk@eveil.example",
                        "--site", "journal", "--db", db_.string()},
                       &out),
            0)
      << out;
  EXPECT_THAT(out, HasSubstr("sent to desk@eveil.example through smtp://palabre:***@127.0.0.1"));
  EXPECT_THAT(out, ::testing::Not(HasSubstr("s3cret")));

  const std::vector<ReceivedMail> mails = sink.WaitFor(1);
  ASSERT_EQ(mails.size(), 1u);
  const ReceivedMail& m = mails[0];
  EXPECT_EQ(m.login, "palabre");
  EXPECT_EQ(m.mail_from, "noreply@eveil.example");
  EXPECT_THAT(m.rcpt_tos, ElementsAre("desk@eveil.example"));
  // Non-ASCII headers went over the wire encoded, and decode to what was written.
  EXPECT_EQ(m.subject, "Test d'envoi de palabre — L'Éveil du Sahel");
  EXPECT_THAT(m.raw, HasSubstr("Subject: =?UTF-8?B?"));
  EXPECT_EQ(m.from, "L'Éveil du Sahel <noreply@eveil.example>");
  EXPECT_EQ(m.to, "desk@eveil.example");
  EXPECT_THAT(m.headers.at("Message-ID"), MatchesRegex("<[A-Za-z0-9_-]+@eveil\\.example>"));
  EXPECT_THAT(m.headers.at("Date"),
              MatchesRegex("[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} .* \\+0000"));
  EXPECT_EQ(m.headers.at("Auto-Submitted"), "auto-generated");
  EXPECT_THAT(m.text, HasSubstr("palabre peut envoyer des e-mails pour L'Éveil du Sahel"));
  EXPECT_THAT(m.html, HasSubstr("L&#39;Éveil du Sahel"));
}

TEST_F(MailTest, MailTestReportsTemporaryAndPermanentRefusals) {
  SmtpSink sink(dir_.path() / "mails");
  ASSERT_NE(sink.port(), 0);
  std::string out;
  // The URL from the environment (PALABRE_SMTP), as a deployment keeps its password out of `ps`.
  ASSERT_EQ(setenv("PALABRE_SMTP", Url(sink).c_str(), 1), 0);
  EXPECT_EQ(RunPalabre({"mail", "test", "--mail-from", "n@eveil.example", "--to",
                        "tempfail@eveil.example"},
                       &out),
            1);
  unsetenv("PALABRE_SMTP");
  EXPECT_THAT(out, HasSubstr("temporary failure, SMTP 451"));
  EXPECT_EQ(RunPalabre({"mail", "test", "--smtp", Url(sink), "--mail-from", "n@eveil.example",
                        "--to", "permfail@eveil.example"},
                       &out),
            1);
  EXPECT_THAT(out, HasSubstr("permanent failure, SMTP 550"));
  EXPECT_THAT(sink.WaitFor(0), IsEmpty());
}

TEST_F(MailTest, ARefusedLoginIsTemporarySoMailsWaitForTheFixedPassword) {
  SmtpSink sink(dir_.path() / "mails", "palabre", "right");
  ASSERT_NE(sink.port(), 0);
  http::SmtpTransport smtp(Url(sink, "palabre:wrong@"));
  Site site;
  site.name = "Le Journal";
  const service::MailResult r = smtp.Send(
      service::TestMail(site, {"n@eveil.example"}, "a@eveil.example"), std::chrono::seconds(10));
  EXPECT_FALSE(r.sent);
  EXPECT_TRUE(r.temporary);
  EXPECT_EQ(r.smtp_code, 535);
  EXPECT_THAT(sink.WaitFor(0), IsEmpty());
}

TEST_F(MailTest, ARemoteServerWithoutStartTlsGetsNothing) {
  // 0.0.0.0 reaches this machine but is not a loopback name, so STARTTLS is required, and the
  // sink does not offer it: the mail is not sent in clear.
  SmtpSink sink(dir_.path() / "mails");
  ASSERT_NE(sink.port(), 0);
  http::SmtpTransport smtp("smtp://0.0.0.0:" + std::to_string(sink.port()));
  Site site;
  site.name = "Le Journal";
  const service::MailResult r = smtp.Send(
      service::TestMail(site, {"n@eveil.example"}, "a@eveil.example"), std::chrono::seconds(10));
  EXPECT_FALSE(r.sent);
  EXPECT_THAT(r.error, HasSubstr("STARTTLS"));
  EXPECT_THAT(sink.WaitFor(0), IsEmpty());
}

TEST_F(MailTest, AReplyMailDecodesWithItsOneClickUnsubscribeHeaders) {
  SmtpSink sink(dir_.path() / "mails");
  ASSERT_NE(sink.port(), 0);
  Site site;
  site.name = "Le Journal";
  std::string title =
      "Attaque près de Ménaka : ce que l'on sait de l'embuscade du convoi, "
      "des victimes et de la réponse de l'armée";
  const std::vector<service::MailReply> replies = {
      {"Moussa", "Merci <b>frère</b>.\nQu'Allah protège le pays.", "https://j.example/a#c-7",
       1796645076000}};
  http::SmtpTransport smtp(Url(sink));
  const service::MailResult r =
      smtp.Send(service::ReplyMail(site, {"n@eveil.example"}, "awa@example.org", title, replies,
                                   "https://palabre.example/api/v1/unsubscribe?t=abc"),
                std::chrono::seconds(10));
  ASSERT_TRUE(r.sent) << r.error;
  const std::vector<ReceivedMail> mails = sink.WaitFor(1);
  ASSERT_EQ(mails.size(), 1u);
  const ReceivedMail& m = mails[0];
  EXPECT_EQ(m.subject, "Nouvelle réponse à votre commentaire — " + title.substr(0, 90) + "…");
  EXPECT_EQ(m.headers.at("List-Unsubscribe"), "<https://palabre.example/api/v1/unsubscribe?t=abc>");
  EXPECT_EQ(m.headers.at("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  EXPECT_THAT(m.text, HasSubstr("> Merci <b>frère</b>.\n> Qu'Allah protège le pays."));
  EXPECT_THAT(m.html, HasSubstr("Merci &lt;b&gt;frère&lt;/b&gt;.<br>"));
  // Every line on the wire is short (quoted-printable), whatever the length of the text.
  std::size_t start = 0;
  while (start < m.raw.size()) {
    std::size_t end = m.raw.find('\n', start);
    if (end == std::string::npos) end = m.raw.size();
    EXPECT_LE(end - start, 998u);
    start = end + 1;
  }
}

}  // namespace
}  // namespace palabre::testing
