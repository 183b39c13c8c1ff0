#include "core/status.h"

namespace palabre {

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out(ErrorCode(error_));
  if (!message_.empty()) {
    out += ": ";
    out += message_;
  }
  return out;
}

}  // namespace palabre
