// The moderator console's page: GET /admin (and /admin/), an HTML shell that loads /admin.js
// and /admin.css, the front end built from web/admin and embedded like the widget.
//
// The shell names the two files with their ETag in the query ("/admin.js?v=3f2a…"), so they
// are cached for a year (immutable) and a new release is fetched at once; the shell itself is
// never cached. It is sent with a strict Content-Security-Policy (message.h kAdminCsp: no
// inline script or style, nothing from elsewhere), X-Frame-Options: DENY, Referrer-Policy:
// no-referrer and nosniff (the server's). Without an embedded admin.js (a build without the
// front end) the page says so. Register before RegisterStaticAssets. Thread-safe once
// registered.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/router.h"
#include "http/static_assets.h"

namespace palabre::http {

// The shell's HTML; empty versions leave the query off.
std::string RenderAdminShell(std::string_view js_version, std::string_view css_version,
                             bool has_front_end);

// Adds the /admin routes, and sets immutable caching on "/admin.js" and "/admin.css" in
// `assets` (the embedded files about to be registered).
void RegisterAdminConsole(Router& router, std::vector<StaticAsset>& assets);

}  // namespace palabre::http
