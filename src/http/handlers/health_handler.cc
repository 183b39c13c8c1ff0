#include "http/handlers/health_handler.h"

#include <memory>
#include <string>

#include "http/errors.h"

namespace palabre::http::handlers {

void Health(Request&, Response& res) {
  static const auto* const kBody = new std::shared_ptr<const std::string>(
      std::make_shared<const std::string>("{\"status\":\"ok\"}"));
  res.content_type = kJsonType;
  res.shared_body = *kBody;
  res.AddHeader("Cache-Control", "no-store");
}

void Ready(const std::function<Status()>& ready, Request& req, Response& res) {
  if (ready) {
    const Status status = ready();
    if (!status.ok()) {
      return SetError(res, Status(Error::kUnavailable, "not ready: " + status.ToString()),
                      PreferredLang(req));
    }
  }
  res.content_type = kJsonType;
  res.body = "{\"status\":\"ready\"}";
  res.AddHeader("Cache-Control", "no-store");
}

}  // namespace palabre::http::handlers
