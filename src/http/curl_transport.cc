#include "http/curl_transport.h"

#include <curl/curl.h>

#include <mutex>
#include <string>

namespace palabre::http {
namespace {

constexpr std::size_t kMaxAnswerBytes = 512;  // kept for the error message; the rest is dropped

std::size_t KeepSome(char* data, std::size_t size, std::size_t count, void* user) {
  auto* answer = static_cast<std::string*>(user);
  const std::size_t bytes = size * count;
  if (answer->size() < kMaxAnswerBytes) {
    answer->append(data, std::min(bytes, kMaxAnswerBytes - answer->size()));
  }
  return bytes;
}

// The first line of an answer's body, printable ASCII only, for the outbox's last_error.
std::string Snippet(const std::string& body) {
  std::string out;
  for (char c : body) {
    if (c == '\n' || c == '\r') break;
    if (c >= 0x20 && c < 0x7f) out += c;
    if (out.size() >= 200) break;
  }
  return out;
}

}  // namespace

CurlTransport::CurlTransport() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

service::TransportResult CurlTransport::Post(const service::WebhookRequest& request,
                                             std::chrono::milliseconds timeout) {
  service::TransportResult result;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    result.error = "libcurl could not start a request";
    return result;
  }
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    headers = curl_slist_append(headers, (name + ": " + value).c_str());
  }
  headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip
  std::string answer;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, KeepSome);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) {
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    result.http_status = static_cast<int>(status);
    if (status < 200 || status >= 300) result.error = Snippet(answer);
  } else {
    result.error = error[0] != '\0' ? error : curl_easy_strerror(code);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return result;
}

}  // namespace palabre::http
