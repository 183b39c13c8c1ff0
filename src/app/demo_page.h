// The demo's article page: the article, then the discussion widget embedded exactly as a
// publisher would (one div, one script tag).
#pragma once

#include <string>

#include "service/import_service.h"

namespace palabre::app {

std::string RenderDemoPage(const service::ImportedThread& article, const std::string& site_id);

}  // namespace palabre::app
