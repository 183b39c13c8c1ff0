// FeedService: the public Atom feeds of a discussion (docs/NOTIFICATIONS.md, "Feeds"): a
// thread's latest comments and a site's latest comments, newest first, capped. Only published
// comments are listed (never held, rejected nor deleted ones), each shown by its author's
// name (never an e-mail nor an address), its sanitised HTML and a link to it on its article
// page when the thread's key says where that page is. The feed is built as service/atom.h's
// AtomFeed; the caller writes it with WriteAtom and owns caching. Thread-safe (no state but
// the references it is given).
#pragma once

#include <string>
#include <string_view>

#include "core/model.h"
#include "core/status.h"
#include "service/atom.h"
#include "service/comment_types.h"
#include "service/site_registry.h"
#include "store/store.h"

namespace palabre::service {

struct FeedLimits {
  int default_items = 50;
  int max_items = 100;
};

// Where a comment is shown: the article's URL (its key when that is an absolute http(s) URL on
// one of the site's origins; the site's first origin followed by the key when the key is a
// path; else "") followed by the widget's anchor "#palabre-c<ID>"; "" when the article's URL
// is not known.
std::string CommentUrl(const Site& site, const Thread& thread, CommentId id);
// The article's URL as above, "" when not known.
std::string ArticleUrl(const Site& site, const Thread& thread);

class FeedService {
 public:
  FeedService(store::Store& store, SiteRegistry& sites, const Limits& limits,
              FeedLimits feed_limits = {})
      : store_(store), sites_(sites), limits_(limits), feed_limits_(feed_limits) {}

  const FeedLimits& limits() const { return feed_limits_; }

  // The latest `items` (1..max_items) published comments of the thread (site_id, key), replies
  // included. kUnknownSite, kKeyInvalid, kUnknownThread, kInvalidArgument (items).
  Result<AtomFeed> ThreadFeed(std::string_view site_id, std::string_view key, int items,
                              std::string_view self_url);
  // The latest `items` published comments of the site, all threads. kUnknownSite,
  // kInvalidArgument. Both are one store query (ListLatestPublished) for the entries, however
  // many comments are held or rejected.
  Result<AtomFeed> SiteFeed(std::string_view site_id, int items, std::string_view self_url);
  // The latest `items` published replies to the comments of the reader whose replies feed
  // token is `token` (RepliesFeedToken), on the site, their own replies left out. An unknown
  // token is an empty feed (a token says nothing of whether it was ever used). kUnknownSite,
  // kInvalidArgument (items, or a token that is not 64 hex digits).
  Result<AtomFeed> RepliesFeed(std::string_view site_id, std::string_view token, int items,
                               std::string_view self_url);

 private:
  store::Store& store_;
  SiteRegistry& sites_;
  const Limits limits_;
  const FeedLimits feed_limits_;
};

}  // namespace palabre::service
