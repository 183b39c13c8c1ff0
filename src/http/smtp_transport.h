// SmtpTransport: the MailTransport of reply e-mails over libcurl's SMTP client — no
// hand-written SMTP. The deployment gives one URL (`--smtp`): smtp://user:password@host:587
// (STARTTLS required: the mail is never sent in clear to a remote server), smtps://…:465
// (TLS from the first byte), or smtp://127.0.0.1:25 to a relay on the same machine (no TLS).
// The message is built with libcurl's MIME API: multipart/alternative with the text and the
// HTML parts in quoted-printable UTF-8, the headers RFC 2047-encoded where needed
// (core/mail.h). Thread-safe: one easy handle per mail.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "core/status.h"
#include "service/mail_transport.h"

namespace palabre::http {

// Checks an SMTP URL: smtp:// or smtps://, a host, no query or fragment. kInvalidArgument
// saying what is wrong (the password is never repeated in the message).
Status ValidateSmtpUrl(std::string_view url);

// The URL without its password ("smtp://user:***@host:587"), for logs and messages.
std::string RedactSmtpUrl(std::string_view url);

class SmtpTransport final : public service::MailTransport {
 public:
  // `url` must have passed ValidateSmtpUrl.
  explicit SmtpTransport(std::string url);
  // Sent: the server accepted the message for delivery (250 after DATA). Not sent: temporary
  // unless the server answered with a 5xx code (a refused recipient or message); a refused
  // login is temporary too, so that mails wait while the deployment's password is corrected.
  service::MailResult Send(const MailMessage& message, std::chrono::milliseconds timeout) override;

 private:
  std::string url_;
  bool loopback_ = false;  // a relay on this machine: no TLS required
};

}  // namespace palabre::http
