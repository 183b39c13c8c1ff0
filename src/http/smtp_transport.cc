#include "http/smtp_transport.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

#include "core/crypto.h"

namespace palabre::http {
namespace {

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using Url = std::unique_ptr<CURLU, UrlDeleter>;

// One part of a parsed URL, "" when absent.
std::string Part(CURLU* url, CURLUPart part) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, 0) != CURLUE_OK || value == nullptr) return "";
  std::string out(value);
  curl_free(value);
  return out;
}

Result<Url> Parse(std::string_view text) {
  Url url(curl_url());
  if (!url) return Status(Error::kInternal, "libcurl could not parse a URL");
  const std::string s(text);
  if (curl_url_set(url.get(), CURLUPART_URL, s.c_str(), 0) != CURLUE_OK) {
    return Status(Error::kInvalidArgument, "the SMTP URL is not a URL");
  }
  return url;
}

bool IsLoopbackHost(std::string_view host) {
  return host == "localhost" || host == "[::1]" || host == "::1" || host.starts_with("127.");
}

void InitCurl() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// The domain of an address, for the Message-ID ("example.org" of "news@example.org").
std::string_view Domain(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view("palabre.invalid")
                                      : address.substr(at + 1);
}

struct Handles {
  CURL* curl = nullptr;
  curl_mime* mime = nullptr;
  curl_slist* headers = nullptr;
  curl_slist* recipients = nullptr;
  ~Handles() {
    curl_slist_free_all(recipients);
    curl_slist_free_all(headers);
    curl_mime_free(mime);
    curl_easy_cleanup(curl);
  }
};

void AddTextPart(curl_mime* mime, const std::string& body, const char* type) {
  curl_mimepart* part = curl_mime_addpart(mime);
  curl_mime_data(part, body.data(), body.size());
  curl_mime_type(part, type);
  curl_mime_encoder(part, "quoted-printable");
}

}  // namespace

Status ValidateSmtpUrl(std::string_view text) {
  Result<Url> url = Parse(text);
  if (!url.ok()) return url.status();
  const std::string scheme = Part(url->get(), CURLUPART_SCHEME);
  if (scheme != "smtp" && scheme != "smtps") {
    return Status(Error::kInvalidArgument, "the SMTP URL must start with smtp:// or smtps://");
  }
  if (Part(url->get(), CURLUPART_HOST).empty()) {
    return Status(Error::kInvalidArgument, "the SMTP URL has no host");
  }
  if (!Part(url->get(), CURLUPART_QUERY).empty() || !Part(url->get(), CURLUPART_FRAGMENT).empty()) {
    return Status(Error::kInvalidArgument, "the SMTP URL has a query or a fragment");
  }
  return Status::Ok();
}

std::string RedactSmtpUrl(std::string_view text) {
  Result<Url> url = Parse(text);
  if (!url.ok()) return "(not a URL)";
  if (!Part(url->get(), CURLUPART_PASSWORD).empty()) {
    curl_url_set(url->get(), CURLUPART_PASSWORD, "***", 0);
  }
  return Part(url->get(), CURLUPART_URL);
}

SmtpTransport::SmtpTransport(std::string url) : url_(std::move(url)) {
  InitCurl();
  if (Result<Url> parsed = Parse(url_); parsed.ok()) {
    loopback_ = IsLoopbackHost(Part(parsed->get(), CURLUPART_HOST));
  }
}

service::MailResult SmtpTransport::Send(const MailMessage& m, std::chrono::milliseconds timeout) {
  service::MailResult result;
  for (const auto& [name, value] : m.headers) {
    if (!IsSafeHeaderValue(name) || !IsSafeHeaderValue(value)) {
      result.error = "a header of the message has a line break";
      return result;
    }
  }
  if (!IsSafeHeaderValue(m.from) || !IsSafeHeaderValue(m.to)) {
    result.error = "an address has a line break";
    return result;
  }
  Handles h;
  h.curl = curl_easy_init();
  if (h.curl == nullptr) {
    result.temporary = true;
    result.error = "libcurl could not start a session";
    return result;
  }
  const std::string from_path = "<" + m.from + ">";
  const std::string to_path = "<" + m.to + ">";
  h.recipients = curl_slist_append(nullptr, to_path.c_str());

  // The message: multipart/alternative (text, then HTML, the preferred last) inside the
  // top-level part libcurl writes for SMTP.
  h.mime = curl_mime_init(h.curl);
  if (m.html.empty()) {
    AddTextPart(h.mime, m.text, "text/plain; charset=utf-8");
  } else {
    curl_mime* alternative = curl_mime_init(h.curl);
    AddTextPart(alternative, m.text, "text/plain; charset=utf-8");
    AddTextPart(alternative, m.html, "text/html; charset=utf-8");
    curl_mimepart* part = curl_mime_addpart(h.mime);
    curl_mime_subparts(part, alternative);  // owned by `part` from here
    curl_mime_type(part, "multipart/alternative");
    curl_slist* inline_header = curl_slist_append(nullptr, "Content-Disposition: inline");
    curl_mime_headers(part, inline_header, 1);
  }
  const std::string headers[] = {
      "Date: " + MailDate(std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count()),
      "From: " + FormatMailbox(m.from_name, m.from),
      "To: " + m.to,
      "Subject: " + EncodeHeaderText(m.subject),
      "Message-ID: <" + RandomToken(18) + "@" + std::string(Domain(m.from)) + ">",
  };
  for (const std::string& line : headers) h.headers = curl_slist_append(h.headers, line.c_str());
  for (const auto& [name, value] : m.headers) {
    h.headers = curl_slist_append(h.headers, (name + ": " + value).c_str());
  }

  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(h.curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(h.curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(
      h.curl, CURLOPT_USE_SSL,
      loopback_ ? static_cast<long>(CURLUSESSL_NONE) : static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(h.curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h.curl, CURLOPT_MAIL_FROM, from_path.c_str());
  curl_easy_setopt(h.curl, CURLOPT_MAIL_RCPT, h.recipients);
  curl_easy_setopt(h.curl, CURLOPT_HTTPHEADER, h.headers);
  curl_easy_setopt(h.curl, CURLOPT_MIMEPOST, h.mime);
  curl_easy_setopt(h.curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(h.curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(h.curl, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(h.curl);
  long reply = 0;
  curl_easy_getinfo(h.curl, CURLINFO_RESPONSE_CODE, &reply);
  result.smtp_code = static_cast<int>(reply);
  if (code == CURLE_OK) {
    result.sent = true;
    return result;
  }
  result.error = error[0] != '\0' ? error : curl_easy_strerror(code);
  result.temporary = code == CURLE_LOGIN_DENIED || reply < 500 || reply > 599;
  return result;
}

}  // namespace palabre::http
