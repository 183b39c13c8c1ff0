// CommentService: the discussion's use cases in one object, for the callers that want them all
// (the HTTP routes, the moderator and privacy services, tests). It only owns and wires the
// parts, each its own file and tested through this object:
//   SiteRegistry   (site_registry.h)   one cached site lookup per call, the sites' settings
//   ThreadReader   (thread_reader.h)   a thread's page, counts, an author's statuses
//   CommentWriter  (comment_writer.h)  post, edit, delete
//   ReaderActions  (reader_actions.h)  votes, reports
//   ThreadVersions (thread_versions.h) thread versions (response caches) and live listeners
//   ThreadChanges  (thread_changes.h)  moderators' changes and other nodes' changes
// The forwarding methods below keep the callers' names; new code may take a part directly
// (sites(), reader(), writer(), ...). Thread-safe: one instance serves all server threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/model.h"
#include "core/status.h"
#include "moderation/decision.h"
#include "service/comment_types.h"
#include "service/comment_writer.h"
#include "service/cursor.h"
#include "service/reader_actions.h"
#include "service/site_registry.h"
#include "service/thread_changes.h"
#include "service/thread_reader.h"
#include "service/thread_versions.h"
#include "store/change_feed.h"
#include "store/store.h"

namespace palabre::service {

class CommentService {
 public:
  CommentService(store::Store& store, moderation::Moderator& moderator, const Clock& clock,
                 Limits limits = {})
      : limits_(limits),
        sites_(store, clock),
        reader_(store, sites_, clock, limits_),
        writer_(store, moderator, sites_, versions_, clock, limits_),
        actions_(store, sites_, versions_, clock, limits_),
        changes_(store, moderator, sites_, versions_) {}

  SiteRegistry& sites() { return sites_; }
  ThreadReader& reader() { return reader_; }
  CommentWriter& writer() { return writer_; }
  ReaderActions& actions() { return actions_; }
  ThreadVersions& versions() { return versions_; }
  ThreadChanges& changes() { return changes_; }
  const Limits& limits() const { return limits_; }

  Result<PostOutput> Post(const PostInput& in) { return writer_.Post(in); }
  Result<PostOutput> Edit(CommentId id, std::string_view edit_token, std::string_view text) {
    return writer_.Edit(id, edit_token, text);
  }
  Status Delete(CommentId id, std::string_view edit_token) {
    return writer_.Delete(id, edit_token);
  }
  Result<VoteOutput> Vote(const VoteInput& in) { return actions_.Vote(in); }
  Result<ReportOutput> Report(const ReportInput& in) { return actions_.Report(in); }

  Result<ThreadPage> List(const ListInput& in) { return reader_.List(in); }
  Result<std::vector<store::ThreadCount>> Counts(std::string_view site_id,
                                                 const std::vector<std::string>& keys) {
    return reader_.Counts(site_id, keys);
  }
  Result<std::vector<AuthorView>> AuthorStatuses(std::string_view site_id,
                                                 const std::vector<AuthorQuery>& items,
                                                 text::Lang lang) {
    return reader_.AuthorStatuses(site_id, items, lang);
  }

  Result<Site> GetSite(std::string_view site_id) { return sites_.Get(site_id); }
  std::optional<Site> KnownSite(std::string_view site_id) const { return sites_.Known(site_id); }
  using Reconfigure = SiteRegistry::Reconfigure;
  void SetModeration(moderation::ModerationConfigs base, Reconfigure reconfigure) {
    sites_.SetModeration(std::move(base), std::move(reconfigure));
  }
  SiteSettings SettingsFor(const Site& site) { return sites_.SettingsFor(site); }
  Status SiteChanged(std::string_view site_id) { return sites_.SiteChanged(site_id); }

  std::uint64_t ThreadVersion(std::string_view site_id, std::string_view key) const {
    return versions_.Version(site_id, key);
  }
  using Listener = ThreadVersions::Listener;
  using RemovedListener = ThreadVersions::RemovedListener;
  using ResetListener = ThreadVersions::ResetListener;
  void SetListener(Listener listener) { versions_.SetListener(std::move(listener)); }
  void SetRemovedListener(RemovedListener listener) {
    versions_.SetRemovedListener(std::move(listener));
  }
  void SetResetListener(ResetListener listener) { versions_.SetResetListener(std::move(listener)); }

  void OnModerated(const Comment& comment) { changes_.OnModerated(comment); }
  void OnRemoteChange(const store::Change& change) { changes_.OnRemoteChange(change); }

 private:
  const Limits limits_;
  ThreadVersions versions_;
  SiteRegistry sites_;
  ThreadReader reader_;
  CommentWriter writer_;
  ReaderActions actions_;
  ThreadChanges changes_;
};

}  // namespace palabre::service
