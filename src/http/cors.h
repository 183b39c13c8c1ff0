// Cors: cross-origin rules of the API (docs/API.md, "CORS").
//
// A request with an Origin listed in its site's origins gets Access-Control-Allow-Origin with
// that origin; preflights (OPTIONS) are answered for it. Reads from other origins are served
// without CORS headers (the browser then hides them); writes from another origin are refused
// with 403 origin_not_allowed before any handler runs. Requests without Origin (curl, servers)
// pass. Every API response carries "Vary: Origin".
// The site of a request is its {site} path parameter, else its "site" query parameter, else
// the site of its {id} comment (through `site_of_comment`). When the site cannot be found
// (unknown site or comment), the request goes on without CORS headers and the handler answers
// with its own 404; a write with an Origin is then refused only if the site is known.
// Refusals of a known site's writes and preflights are recorded in `refusals` (if given), with
// the site and the origin, so that operators learn which origin to add.
// Thread-safe if the lookup functions are.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "http/message.h"
#include "http/origin_refusals.h"

namespace palabre::http {

class Cors {
 public:
  using SiteLookup = std::function<Result<Site>(std::string_view site_id)>;
  using CommentSiteLookup = std::function<Result<std::string>(CommentId id)>;  // site id

  Cors(SiteLookup site, CommentSiteLookup site_of_comment, OriginRefusals* refusals = nullptr,
       const Clock* clock = nullptr)
      : site_(std::move(site)),
        site_of_comment_(std::move(site_of_comment)),
        refusals_(refusals),
        clock_(clock) {}

  // For an API request about to be handled: adds the CORS headers to `res` and returns true,
  // or writes 403 origin_not_allowed into `res` and returns false (do not handle).
  bool Apply(const Request& req, Response& res) const;
  // For a read whose site is already at hand (a cached page): the headers Apply would add.
  static void ApplyToRead(const Request& req, Response& res, const Site& site);
  // Answers an OPTIONS preflight (Request::allow lists the path's methods): 204 with the
  // Access-Control-Allow-* headers for an allowed origin, 403 origin_not_allowed otherwise.
  void Preflight(const Request& req, Response& res) const;

 private:
  enum class Verdict { kNoOrigin, kAllowed, kRefused, kUnknown };
  // `site_id` is set when the site is known (kAllowed, kRefused).
  Verdict Check(const Request& req, std::string_view origin, std::string* site_id) const;
  void Refused(std::string_view site_id, std::string_view origin) const;

  SiteLookup site_;
  CommentSiteLookup site_of_comment_;
  OriginRefusals* refusals_;  // may be null
  const Clock* clock_;        // may be null: refusals are then recorded at time 0
};

}  // namespace palabre::http
