// MailTransport: how a composed e-mail (core/mail.h) leaves palabre — SMTP through libcurl in
// production (http/smtp_transport.h), a fake in tests. The answer says whether the mail was
// accepted, and otherwise whether trying again later makes sense (an SMTP 4xx reply, a network
// error, a timeout) or not (a 5xx reply, a refused login). Implementations are thread-safe.
#pragma once

#include <chrono>
#include <string>

#include "core/mail.h"

namespace palabre::service {

struct MailResult {
  bool sent = false;
  bool temporary = false;  // when not sent: worth another try later
  int smtp_code = 0;       // the server's last reply code, 0 if none came
  std::string error;       // what went wrong, for the logs and the outbox's last error
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  virtual MailResult Send(const MailMessage& message, std::chrono::milliseconds timeout) = 0;
};

}  // namespace palabre::service
