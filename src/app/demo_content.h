// The demo site's article and its seeded discussion (`palabre demo`). Written for palabre.
#pragma once

#include <vector>

#include "core/clock.h"
#include "service/import_service.h"

namespace palabre::app {

struct DemoContent {
  service::ImportedThread article;
  std::vector<service::ImportedComment> comments;  // parents before replies
};

// Comment times are spread over the three weeks before `now`.
DemoContent MakeDemoContent(TimestampMs now);

}  // namespace palabre::app
