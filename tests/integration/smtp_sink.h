// SmtpSink: a real SMTP server on 127.0.0.1 for the e-mail tests — tests/smtp/smtp_sink.py
// (Debian's python3-aiosmtpd) as a child process, killed when the object goes. Each message it
// accepts is read back with its envelope, the raw text, and what Python's e-mail parser decodes
// from it. Not thread-safe.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace palabre::testing {

struct ReceivedMail {
  std::string mail_from;
  std::vector<std::string> rcpt_tos;
  std::string login;  // the AUTH user name, "" without AUTH
  std::string raw;
  std::string subject, from, to, content_type;  // decoded
  std::map<std::string, std::string> headers;   // decoded, first of each name
  std::string text, html;                       // the decoded parts
};

class SmtpSink {
 public:
  // With `user`, AUTH is required and only `user`/`password` pass.
  explicit SmtpSink(const std::filesystem::path& dir, const std::string& user = "",
                    const std::string& password = "");
  ~SmtpSink();
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  std::uint16_t port() const { return port_; }  // 0 if it did not start
  // The messages accepted so far, in order, once there are at least `count` (or the timeout).
  std::vector<ReceivedMail> WaitFor(std::size_t count,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace palabre::testing
