#include "app/mail_command.h"

#include <chrono>
#include <iostream>

#include "app/command_store.h"
#include "core/crypto.h"
#include "core/email.h"
#include "http/smtp_transport.h"
#include "service/notification_mail.h"
#include "store/store.h"

namespace palabre::app {

void AddMailCommands(CLI::App& app, MailCommands& c) {
  auto* mail = app.add_subcommand("mail", "reader e-mails: check the SMTP settings");
  mail->require_subcommand(1);
  c.test = mail->add_subcommand("test", "send one test message and report the server's answer");
  c.test
      ->add_option("--smtp", c.smtp,
                   "smtp://USER:PASSWORD@HOST:587 (STARTTLS), smtps://…:465, or "
                   "smtp://127.0.0.1:25 (a relay on this machine); or the environment's "
                   "PALABRE_SMTP, which other users cannot read in the process list")
      ->envname("PALABRE_SMTP")
      ->required();
  c.test->add_option("--mail-from", c.mail_from, "the sender's address")->required();
  c.test->add_option("--to", c.to, "where the test goes")->required();
  c.test->add_option("--site", c.site, "the site whose name and language the mail takes");
  c.test->add_option("--db", c.db, "SQLite file or postgres://USER@HOST/DB (with --site)")
      ->capture_default_str();
  c.test->add_option("--timeout", c.timeout_s, "seconds, connection included")
      ->check(CLI::Range(1, 300))
      ->capture_default_str();
}

int RunMailCommands(const MailCommands& c) {
  if (c.test == nullptr || !*c.test) return -1;
  if (Status s = http::ValidateSmtpUrl(c.smtp); !s.ok()) {
    std::cerr << "palabre: --smtp: " << s.message() << "\n";
    return 2;
  }
  for (const auto& [flag, address] : {std::pair{"--mail-from", &c.mail_from}, {"--to", &c.to}}) {
    if (!LooksLikeEmail(*address)) {
      std::cerr << "palabre: " << flag << ": not an e-mail address\n";
      return 2;
    }
  }
  if (!InitCrypto()) {
    std::cerr << "palabre: libsodium could not start\n";
    return 1;
  }
  Site site;
  site.name = "palabre";
  if (!c.site.empty()) {
    std::unique_ptr<store::Store> opened = OpenCommandStore(c.db);
    if (!opened) return 1;
    Result<Site> found = opened->GetSite(c.site);
    if (!found.ok()) {
      std::cerr << "palabre: " << found.status().ToString() << "\n";
      return 1;
    }
    site = *found;
  }
  http::SmtpTransport smtp(c.smtp);
  const service::MailResult sent =
      smtp.Send(service::TestMail(site, {c.mail_from}, c.to), std::chrono::seconds(c.timeout_s));
  const std::string server = http::RedactSmtpUrl(c.smtp);
  if (sent.sent) {
    std::cout << "sent to " << c.to << " through " << server << "\n";
    return 0;
  }
  std::cerr << "palabre: not sent through " << server << " ("
            << (sent.temporary ? "temporary" : "permanent") << " failure";
  if (sent.smtp_code != 0) std::cerr << ", SMTP " << sent.smtp_code;
  std::cerr << "): " << sent.error << "\n";
  return 1;
}

}  // namespace palabre::app
