// E-mail through a real SMTP server (tests/smtp/smtp_sink.py, aiosmtpd) on 127.0.0.1:
// `palabre mail test` with the deployment's settings, the SMTP transport's answers to the
// server's refusals, a reply mail as an ordinary mail reader decodes it, and a reader's whole
// way through `palabre serve`: sign-up, confirmation link, reply mail, one-click unsubscribe.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <thread>

#include "core/crypto.h"
#include "http/http_client_testing.h"
#include "http/smtp_transport.h"
#include "palabre_process.h"
#include "server_fixture.h"
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

// The path of the first link in `text` that starts with `prefix` ("" if none).
std::string LinkPath(const std::string& text, const std::string& prefix) {
  const std::size_t at = text.find(prefix);
  if (at == std::string::npos) return "";
  const std::size_t end = text.find_first_of(" \n\r>", at);
  const std::string url = text.substr(at, end == std::string::npos ? end : end - at);
  return url.substr(url.find('/', url.find("://") + 3));
}

class ReplyMailTest : public MailTest {
 protected:
  std::vector<std::string> ServeArgs(const SmtpSink& sink) const {
    const auto conf = dir_.path() / "moderation.conf";
    std::ofstream(conf) << "moderation.toxicity.enabled = false\n"
                           "moderation.shouting.action = hold\n"
                           "moderation.flood.enabled = false\n";
    return {"--moderation-config",
            conf.string(),
            "--trust-proxy",
            "--smtp",
            Url(sink),
            "--mail-from",
            "noreply@eveil.example",
            "--public-url",
            "https://eveil.example/",
            "--mail-interval-minutes",
            "0",
            "--outbox-workers",
            "1"};
  }
  static HttpResponse Post(std::uint16_t port, const std::string& author, const std::string& text,
                           std::optional<std::int64_t> parent, const std::string& notify = "") {
    std::string body = R"({"author":")" + author + R"(","text":")" + text + '"';
    if (parent) body += ",\"parent\":" + std::to_string(*parent);
    if (!notify.empty()) body += R"(,"notify_email":")" + notify + '"';
    body += '}';
    HttpClient client("127.0.0.1", port);
    return client.Post("/api/v1/threads/journal/securite/comments", body,
                       {{"X-Forwarded-For", author == "Awa" ? "10.9.0.1" : "10.9.0.2"}});
  }
};

TEST_F(ReplyMailTest, AReaderConfirmsGetsTheRepliesAndStopsThemWithOneClick) {
  SmtpSink sink(dir_.path() / "mails");
  ASSERT_NE(sink.port(), 0);
  PalabreServer server;
  ASSERT_TRUE(server.Start(db_, ServeArgs(sink))) << server.log();
  const std::uint16_t port = server.port();
  HttpClient client("127.0.0.1", port);

  // A thread page offers the option; a sign-up queues one confirmation mail, nothing else.
  const HttpResponse posted =
      Post(port, "Awa", "Merci pour ce reportage.", std::nullopt, "Awa.Diop@Example.SN");
  ASSERT_EQ(posted.status, 201) << posted.body;
  EXPECT_EQ(JsonOf(posted).at("notify").as_string(), "confirm_sent");
  EXPECT_EQ(posted.body.find("Example.SN"), std::string::npos) << "never shown back";
  const std::int64_t awa = JsonOf(posted).at("comment").at("id").as_int64();
  const HttpResponse page = client.Get("/api/v1/threads/journal/securite/comments");
  EXPECT_TRUE(JsonOf(page).at("thread").at("notify").as_bool()) << page.body;
  EXPECT_EQ(page.body.find("Example.SN"), std::string::npos);
  // Unconfirmed: a reply mails nothing; a second sign-up within the hour sends no second mail.
  ASSERT_EQ(Post(port, "Moussa", "Je ne suis pas d'accord.", awa).status, 201);
  const HttpResponse again =
      Post(port, "Awa", "Et merci encore.", std::nullopt, "awa.diop@example.sn");
  EXPECT_EQ(JsonOf(again).at("notify").as_string(), "confirm_pending");

  std::vector<ReceivedMail> mails = sink.WaitFor(1);
  ASSERT_EQ(mails.size(), 1u) << server.log();
  EXPECT_THAT(mails[0].rcpt_tos, ElementsAre("Awa.Diop@Example.SN"));
  EXPECT_THAT(mails[0].subject, HasSubstr("Confirmez"));
  const std::string confirm = LinkPath(mails[0].text, "https://eveil.example/mail/confirm/");
  ASSERT_FALSE(confirm.empty()) << mails[0].text;
  EXPECT_EQ(client.Get(confirm + "x").status, 404) << "a changed token is refused";
  const HttpResponse confirmed = client.Get(confirm);
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_THAT(confirmed.body, HasSubstr("Adresse confirmée"));
  EXPECT_EQ(confirmed.Header("Referrer-Policy"), "no-referrer");

  // Confirmed: another reader's reply is mailed, with the one-click unsubscribe headers.
  ASSERT_EQ(Post(port, "Moussa", "Les chiffres disent autre chose.", awa).status, 201);
  mails = sink.WaitFor(2);
  ASSERT_EQ(mails.size(), 2u) << server.log();
  const ReceivedMail& reply = mails[1];
  EXPECT_THAT(reply.rcpt_tos, ElementsAre("Awa.Diop@Example.SN"));
  EXPECT_THAT(reply.text, HasSubstr("Les chiffres disent autre chose."));
  EXPECT_THAT(reply.text, ::testing::Not(HasSubstr("Je ne suis pas d'accord.")))
      << "a reply from before the confirmation is not sent";
  EXPECT_EQ(reply.headers.at("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  const std::string unsubscribe =
      LinkPath(reply.headers.at("List-Unsubscribe"), "https://eveil.example/mail/unsubscribe/");
  ASSERT_FALSE(unsubscribe.empty()) << reply.headers.at("List-Unsubscribe");

  // A GET (a link scanner, a preview) shows the button and changes nothing: the next reply
  // comes too. The reader's own reply does not.
  const HttpResponse button = client.Get(unsubscribe);
  ASSERT_EQ(button.status, 200);
  EXPECT_THAT(button.body, HasSubstr("<form method=\"post\">"));
  ASSERT_EQ(Post(port, "Awa", "Je reponds a moi-meme.", awa).status, 201);
  ASSERT_EQ(Post(port, "Moussa", "Une derniere precision.", awa).status, 201);
  mails = sink.WaitFor(3);
  ASSERT_EQ(mails.size(), 3u) << server.log();
  EXPECT_THAT(mails[2].text, HasSubstr("Une derniere precision."));
  EXPECT_THAT(mails[2].text, ::testing::Not(HasSubstr("moi-meme")));

  // One click, as a mail client does it (RFC 8058); then nothing more, and the link is spent.
  const HttpResponse gone = client.Post(unsubscribe, "List-Unsubscribe=One-Click",
                                        {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(gone.status, 200) << gone.body;
  EXPECT_THAT(gone.body, HasSubstr("Désabonnement effectué"));
  ASSERT_EQ(Post(port, "Moussa", "Vous ne verrez pas ceci.", awa).status, 201);
  std::this_thread::sleep_for(std::chrono::seconds(3));  // three sender polls
  EXPECT_EQ(sink.WaitFor(4, std::chrono::milliseconds(10)).size(), 3u);
  EXPECT_EQ(client.Get(unsubscribe).status, 404);
}

TEST_F(ReplyMailTest, MailNeedsAllItsSettingsAndWithoutThemThePostSaysUnavailable) {
  PalabreServer refused;
  EXPECT_FALSE(refused.Start(
      db_, {"--smtp", "smtp://127.0.0.1:25", "--mail-from", "noreply@eveil.example"}));
  EXPECT_THAT(refused.log(), HasSubstr("--public-url"));
  PalabreServer plain;
  ASSERT_TRUE(plain.Start(db_, {"--trust-proxy"})) << plain.log();
  const HttpResponse posted =
      Post(plain.port(), "Awa", "Bonjour a tous.", std::nullopt, "awa@example.sn");
  ASSERT_EQ(posted.status, 201) << posted.body;
  EXPECT_EQ(JsonOf(posted).at("notify").as_string(), "unavailable");
  HttpClient client("127.0.0.1", plain.port());
  const HttpResponse page = client.Get("/api/v1/threads/journal/securite/comments");
  EXPECT_FALSE(JsonOf(page).at("thread").as_object().contains("notify")) << page.body;
  EXPECT_EQ(client.Get("/mail/confirm/c.1.1.x").status, 404);
  const HttpResponse bad = Post(plain.port(), "Awa", "Encore.", std::nullopt, "pas une adresse");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(CodeOf(bad), "email_invalid");
}

}  // namespace
}  // namespace palabre::testing
