// The widget's files (/embed.js), embedded in the palabre binary at build time.
//
// web/CMakeLists.txt builds the widget with npm (esbuild) and cmake/EmbedAssets.cmake turns
// each file of the bundle into a StaticAsset (body, gzip body, ETag, content type, caching),
// defined in a generated .cc. Register them with http::RegisterStaticAssets at start-up.
// Thread-safe: the assets are constants, built on the first call (a function-local static).
#pragma once

#include <span>

#include "http/static_assets.h"

namespace palabre::web {

// Every embedded file, served at "/<file name>" (e.g. "/embed.js"). Never fails.
std::span<const http::StaticAsset> EmbeddedAssets();

}  // namespace palabre::web
