#include "http/handlers/health_handler.h"

#include <memory>
#include <string>

namespace palabre::http::handlers {

void Health(Request&, Response& res) {
  static const auto* const kBody = new std::shared_ptr<const std::string>(
      std::make_shared<const std::string>("{\"status\":\"ok\"}"));
  res.content_type = kJsonType;
  res.shared_body = *kBody;
  res.AddHeader("Cache-Control", "no-store");
}

}  // namespace palabre::http::handlers
