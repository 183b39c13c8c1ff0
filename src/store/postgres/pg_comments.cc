// PgStore as a CommentStore: comments and votes.
#include "store/postgres/pg_internal.h"

#include <algorithm>
#include <string>

namespace palabre::store::pg {

// --- Comments ---------------------------------------------------------------------------------

Result<Comment> PgStore::InsertComment(const Comment& comment) {
  return WithConn(false, [&](Conn& c) -> Result<Comment> {
    Result<Rows> place = c.Run(sql::kSelectInsertPlace,
                               Params().Int(comment.thread_id).OptionalInt(comment.parent_id));
    if (!place.ok()) return place.status();
    if (place->empty()) {
      return Status(Error::kUnknownThread, "thread " + std::to_string(comment.thread_id));
    }
    const std::string site_id = place->Text(0, 0);
    const std::string key = place->Text(0, 1);
    Comment stored = comment;
    std::optional<CommentId> root;
    if (comment.parent_id.has_value()) {
      if (place->IsNull(0, 2) || place->Int(0, 2) != comment.thread_id) {
        return Status(Error::kUnknownParent, "comment " + std::to_string(*comment.parent_id) +
                                                 " is not in thread " +
                                                 std::to_string(comment.thread_id));
      }
      root = place->Int(0, 3);
      stored.depth = static_cast<int>(place->Int(0, 4)) + 1;
    } else {
      stored.depth = 0;
    }
    Result<Rows> inserted = c.Run(sql::kInsertComment, Params()
                                                           .Int(stored.thread_id)
                                                           .Text(site_id)
                                                           .OptionalInt(stored.parent_id)
                                                           .OptionalInt(root)
                                                           .Int(stored.depth)
                                                           .Text(stored.author)
                                                           .Text(stored.email)
                                                           .Text(stored.text)
                                                           .Text(stored.html)
                                                           .Text(ToString(stored.status))
                                                           .Int(stored.created_at)
                                                           .OptionalInt(stored.edited_at)
                                                           .Int(stored.upvotes)
                                                           .Int(stored.downvotes)
                                                           .Text(stored.edit_token_hash)
                                                           .Text(stored.client_hash)
                                                           .Text(stored.source_id)
                                                           .Text(stored.moderation)
                                                           .Bool(stored.review)
                                                           .Int(RiskKey(stored.risk))
                                                           .Text(channel_)
                                                           .Text(node_id_)
                                                           .Text(key)
                                                           .Bool(stored.auto_rejected)
                                                           .Int(OutboxEventBit(stored))
                                                           .Text(stored.replies_token));
    if (!inserted.ok()) {
      if (c.last_sqlstate() == kForeignKeyViolation) {  // the thread went meanwhile
        return Status(Error::kUnknownThread, "thread " + std::to_string(comment.thread_id));
      }
      return inserted.status();
    }
    if (inserted->empty()) {
      Result<std::optional<CommentId>> existing = SelectImported(c, site_id, comment.source_id);
      std::string which = existing.ok() && existing->has_value()
                              ? " as comment " + std::to_string(**existing)
                              : std::string();
      return Status(Error::kDuplicateImport, "already imported" + which);
    }
    stored.id = inserted->Int(0, 0);
    stored.root_id = inserted->Int(0, 1);
    stored.risk = RiskOfKey(RiskKey(stored.risk));
    return stored;
  });
}

Result<Comment> PgStore::GetComment(CommentId id) {
  return WithConn(true, [&](Conn& c) -> Result<Comment> {
    Result<Rows> rows = c.Run(sql::kSelectComment, Params().Int(id));
    if (!rows.ok()) return rows.status();
    if (rows->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    return ReadComment(*rows, 0);
  });
}

Status PgStore::UpdateCommentText(CommentId id, std::string_view text, std::string_view html,
                                  TimestampMs edited_at) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated =
        c.Run(sql::kUpdateCommentText,
              Params().Int(id).Text(text).Text(html).Int(edited_at).Text(channel_).Text(node_id_));
    if (!updated.ok()) return updated.status();
    if (updated->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    return Status::Ok();
  });
}

Status PgStore::SetCommentModeration(CommentId id, std::string_view moderation, bool review,
                                     double risk) {
  return WithConn(false, [&](Conn& c) -> Status {
    Result<Rows> updated = c.Run(sql::kSetCommentModeration,
                                 Params().Int(id).Text(moderation).Bool(review).Int(RiskKey(risk)));
    if (!updated.ok()) return updated.status();
    if (updated->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    return Status::Ok();
  });
}

Status ChangeCommentStatus(Conn& c, CommentId id, CommentStatus status, bool by_moderator,
                           std::string_view channel, std::string_view node_id) {
  Result<Rows> locked = c.Run(sql::kLockCommentStatus, Params().Int(id));
  if (!locked.ok()) return locked.status();
  if (locked->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
  std::optional<CommentStatus> old_status = ParseCommentStatus(locked->View(0, 0));
  if (!old_status.has_value()) {
    return Status(Error::kInternal, "comment " + std::to_string(id) + ": unknown status");
  }
  if (*old_status == status) return Status::Ok();
  const int delta = Published(status) - Published(*old_status);
  Result<Rows> updated =
      c.Run(sql::kSetCommentStatus,
            Params().Int(id).Text(ToString(status)).Int(delta).Text(channel).Text(node_id));
  if (!updated.ok()) return updated.status();
  std::optional<WebhookEvent> event = EventForStatus(status);
  if (by_moderator && status == CommentStatus::kDeleted) event = WebhookEvent::kCommentRejected;
  if (!event.has_value()) return Status::Ok();
  Result<Rows> enqueued =
      c.Run(sql::kEnqueueCommentEvent, Params().Int(id).Int(static_cast<std::int64_t>(*event)));
  if (!enqueued.ok()) return enqueued.status();
  if (*event != WebhookEvent::kCommentPublished) return Status::Ok();
  Result<Rows> mailed = c.Run(sql::kEnqueueReplyMail, Params().Int(id));
  return mailed.ok() ? Status::Ok() : mailed.status();
}

Status PgStore::SetCommentStatus(CommentId id, CommentStatus status) {
  return WithConn(false, [&](Conn& c) -> Status {
    return InTransaction(c, [&]() -> Status {
      return ChangeCommentStatus(c, id, status, false, channel_, node_id_);
    });
  });
}

Result<TopLevelPage> PgStore::ListTopLevel(ThreadId thread, Sort sort,
                                           std::optional<PageCursor> after, int limit) {
  if (limit < 1) return Status(Error::kInvalidArgument, "page limit must be at least 1");
  const Query* query = nullptr;
  switch (sort) {
    case Sort::kOldest:
      query = after.has_value() ? &sql::kListTopOldestAfter : &sql::kListTopOldest;
      break;
    case Sort::kNewest:
      query = after.has_value() ? &sql::kListTopNewestAfter : &sql::kListTopNewest;
      break;
    case Sort::kBest:
      query = after.has_value() ? &sql::kListTopBestAfter : &sql::kListTopBest;
      break;
  }
  Params params;
  params.Int(thread);
  if (after.has_value()) params.Int(after->key).Int(after->id);
  // One row more than the page tells whether another page follows.
  params.Int(static_cast<std::int64_t>(limit) + 1);
  return WithConn(true, [&](Conn& c) -> Result<TopLevelPage> {
    Result<Rows> rows = c.Run(*query, params);
    if (!rows.ok()) return rows.status();
    TopLevelPage page;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, page.comments));
    if (page.comments.size() > static_cast<std::size_t>(limit)) {
      page.comments.pop_back();
      const Comment& last = page.comments.back();
      page.next = PageCursor{sort == Sort::kBest ? last.score() : last.created_at, last.id};
    }
    return page;
  });
}

Result<std::vector<Comment>> PgStore::ListReplies(ThreadId thread,
                                                  std::span<const CommentId> roots) {
  std::vector<Comment> replies;
  if (roots.empty()) return replies;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Comment>> {
    Result<Rows> rows = c.Run(sql::kListReplies, Params().Int(thread).Text(IdArray(roots)));
    if (!rows.ok()) return rows.status();
    std::vector<Comment> out;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, out));
    return out;
  });
}

Result<std::vector<Comment>> PgStore::ListRecentComments(std::string_view site_id,
                                                         TimestampMs since, int limit) {
  std::vector<Comment> comments;
  if (limit < 1) return comments;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Comment>> {
    Result<Rows> rows = c.Run(sql::kListRecent, Params().Text(site_id).Int(since).Int(limit));
    if (!rows.ok()) return rows.status();
    std::vector<Comment> out;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, out));
    return out;
  });
}

Result<std::vector<Comment>> PgStore::ListLatestPublished(std::string_view site_id, ThreadId thread,
                                                          int limit) {
  std::vector<Comment> comments;
  if (limit < 1) return comments;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Comment>> {
    Result<Rows> rows =
        thread != 0 ? c.Run(sql::kListLatestPublishedOfThread,
                            Params().Int(thread).Int(limit).Text(site_id))
                    : c.Run(sql::kListLatestPublishedOfSite, Params().Text(site_id).Int(limit));
    if (!rows.ok()) return rows.status();
    std::vector<Comment> out;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, out));
    return out;
  });
}

Result<std::vector<Comment>> PgStore::ListRepliesTo(std::string_view site_id,
                                                    std::string_view replies_token, int limit) {
  std::vector<Comment> comments;
  if (limit < 1 || replies_token.empty()) return comments;
  return WithConn(true, [&](Conn& c) -> Result<std::vector<Comment>> {
    Result<Rows> rows =
        c.Run(sql::kListRepliesTo, Params().Text(site_id).Text(replies_token).Int(limit));
    if (!rows.ok()) return rows.status();
    std::vector<Comment> out;
    PALABRE_RETURN_IF_ERROR(ReadComments(*rows, out));
    return out;
  });
}

Result<std::optional<CommentId>> PgStore::FindImported(std::string_view site_id,
                                                       std::string_view source_id) {
  return WithConn(true, [&](Conn& c) { return SelectImported(c, site_id, source_id); });
}

// --- Votes ------------------------------------------------------------------------------------

Result<Comment> PgStore::Vote(CommentId id, std::string_view voter_hash,
                              std::string_view token_hash, int direction, TimestampMs at) {
  if (direction < -1 || direction > 1) {
    return Status(Error::kInvalidArgument, "vote direction must be -1, 0 or +1");
  }
  if (voter_hash.empty()) return Status(Error::kInvalidArgument, "a vote needs its voter's hash");
  return WithConn(false, [&](Conn& c) -> Result<Comment> {
    return InTransaction(c, [&]() -> Result<Comment> {
      Result<Rows> locked = c.Run(sql::kLockCommentForVote, Params().Int(id));
      if (!locked.ok()) return locked.status();
      if (locked->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
      Result<Rows> votes =
          c.Run(sql::kSelectVotes, Params().Int(id).Text(voter_hash).Text(token_hash));
      if (!votes.ok()) return votes.status();
      std::int64_t up = 0;
      std::int64_t down = 0;
      bool all_same = true;
      for (int r = 0; r < votes->size(); ++r) {  // the standing votes are taken back
        const std::int64_t previous = votes->Int(r, 0);
        all_same = all_same && previous == direction;
        up -= previous == 1 ? 1 : 0;
        down -= previous == -1 ? 1 : 0;
      }
      if (direction != 0 && !votes->empty() && all_same) {
        return Status(Error::kAlreadyVoted, "comment " + std::to_string(id));
      }
      if (!votes->empty()) {
        Result<Rows> removed =
            c.Run(sql::kDeleteVotes, Params().Int(id).Text(voter_hash).Text(token_hash));
        if (!removed.ok()) return removed.status();
      }
      if (direction != 0) {
        Result<Rows> inserted =
            c.Run(sql::kInsertVote,
                  Params().Int(id).Text(voter_hash).Text(token_hash).Int(direction).Int(at));
        if (!inserted.ok()) return inserted.status();
        up += direction == 1 ? 1 : 0;
        down += direction == -1 ? 1 : 0;
      }
      Result<Rows> voted =
          c.Run(sql::kVote, Params().Int(id).Int(up).Int(down).Text(channel_).Text(node_id_));
      if (!voted.ok()) return voted.status();
      if (voted->empty()) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
      return ReadComment(*voted, 0);
    });
  });
}

Result<RecentActions> PgStore::RecentVotes(std::string_view voter_hash, TimestampMs since) {
  return WithConn(true, [&](Conn& c) -> Result<RecentActions> {
    Result<Rows> rows = c.Run(sql::kRecentVotes, Params().Text(voter_hash).Int(since));
    if (!rows.ok()) return rows.status();
    return RecentActions{rows->Int(0, 0), rows->Int(0, 1)};
  });
}

}  // namespace palabre::store::pg
