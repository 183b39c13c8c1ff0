// SqliteStore as a CommentStore: comments and votes.
#include "store/sqlite/sqlite_internal.h"

#include <algorithm>
#include <string>

namespace palabre::store::sqlite {

// --- Comments ---------------------------------------------------------------------------------

Result<Comment> SqliteStore::InsertComment(const Comment& comment) {
  return Write([&](Db& db) -> Result<Comment> {
    Comment stored = comment;
    std::string site_id;
    {
      PALABRE_PREPARE_OR_RETURN(thread, db, sql::kSelectThreadSite);
      thread.BindInt(1, comment.thread_id);
      PALABRE_STEP_OR_RETURN(found, thread);
      if (!found) {
        return Status(Error::kUnknownThread, "thread " + std::to_string(comment.thread_id));
      }
      site_id = thread.ColumnText(0);
    }
    if (comment.parent_id.has_value()) {
      PALABRE_PREPARE_OR_RETURN(parent, db, sql::kSelectCommentPlace);
      parent.BindInt(1, *comment.parent_id);
      PALABRE_STEP_OR_RETURN(found, parent);
      if (!found || parent.ColumnInt(0) != comment.thread_id) {
        return Status(Error::kUnknownParent, "comment " + std::to_string(*comment.parent_id) +
                                                 " is not in thread " +
                                                 std::to_string(comment.thread_id));
      }
      stored.root_id = parent.ColumnInt(1);
      stored.depth = static_cast<int>(parent.ColumnInt(2)) + 1;
    }
    if (!comment.source_id.empty()) {
      Result<std::optional<CommentId>> imported = SelectImported(db, site_id, comment.source_id);
      if (!imported.ok()) return imported.status();
      if (imported->has_value()) {
        return Status(Error::kDuplicateImport,
                      "already imported as comment " + std::to_string(**imported));
      }
    }
    {
      PALABRE_PREPARE_OR_RETURN(next, db, sql::kNextCommentId);
      PALABRE_STEP_OR_RETURN(row, next);
      if (!row) return Status(Error::kInternal, "no next comment id");
      stored.id = next.ColumnInt(0);
    }
    if (!comment.parent_id.has_value()) {
      stored.root_id = stored.id;
      stored.depth = 0;
    }
    {
      PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertComment);
      insert.BindInt(1, stored.id)
          .BindInt(2, stored.thread_id)
          .BindText(3, site_id)
          .BindOptionalInt(4, stored.parent_id)
          .BindInt(5, stored.root_id)
          .BindInt(6, stored.depth)
          .BindText(7, stored.author)
          .BindText(8, stored.email)
          .BindText(9, stored.text)
          .BindText(10, stored.html)
          .BindText(11, ToString(stored.status))
          .BindInt(12, stored.created_at)
          .BindOptionalInt(13, stored.edited_at)
          .BindInt(14, stored.upvotes)
          .BindInt(15, stored.downvotes)
          .BindText(16, stored.edit_token_hash)
          .BindText(17, stored.client_hash)
          .BindText(18, stored.source_id)
          .BindText(19, stored.moderation)
          .BindInt(20, stored.review ? 1 : 0)
          .BindInt(21, RiskKey(stored.risk))
          .BindInt(22, stored.auto_rejected ? 1 : 0)
          .BindText(23, stored.replies_token);
      PALABRE_RETURN_IF_ERROR(insert.Run());
      stored.risk = RiskOfKey(RiskKey(stored.risk));
    }
    if (stored.status == CommentStatus::kPublished) {
      PALABRE_RETURN_IF_ERROR(AddToCommentCount(db, stored.thread_id, 1));
    }
    // An imported comment is history, not news: it notifies nobody.
    const std::optional<WebhookEvent> event = EventForStatus(stored.status);
    if (event.has_value() && stored.source_id.empty()) {
      PALABRE_RETURN_IF_ERROR(EnqueueSiteEvent(db, site_id, *event, stored.id));
      if (*event == WebhookEvent::kCommentPublished) {
        PALABRE_RETURN_IF_ERROR(EnqueueReplyMail(db, stored.id));
      }
    }
    return stored;
  });
}

Result<Comment> SqliteStore::GetComment(CommentId id) {
  ReaderLease lease = Read();
  return SelectComment(lease.db(), id);
}

Status SqliteStore::UpdateCommentText(CommentId id, std::string_view text, std::string_view html,
                                      TimestampMs edited_at) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kUpdateCommentText);
    update.BindInt(1, id).BindText(2, text).BindText(3, html).BindInt(4, edited_at);
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    return Status::Ok();
  });
}

Status SqliteStore::SetCommentStatus(CommentId id, CommentStatus status) {
  return Write([&](Db& db) { return ChangeStatus(db, id, status, /*by_moderator=*/false); });
}

Status SqliteStore::SetCommentModeration(CommentId id, std::string_view moderation, bool review,
                                         double risk) {
  return Write([&](Db& db) -> Status {
    PALABRE_PREPARE_OR_RETURN(update, db, sql::kSetCommentModeration);
    update.BindInt(1, id)
        .BindText(2, moderation)
        .BindInt(3, review ? 1 : 0)
        .BindInt(4, RiskKey(risk));
    PALABRE_RETURN_IF_ERROR(update.Run());
    if (db.Changes() == 0) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    return Status::Ok();
  });
}

Result<TopLevelPage> SqliteStore::ListTopLevel(ThreadId thread, Sort sort,
                                               std::optional<PageCursor> after, int limit) {
  if (limit < 1) return Status(Error::kInvalidArgument, "page limit must be at least 1");
  const char* query = nullptr;
  switch (sort) {
    case Sort::kOldest:
      query = after.has_value() ? sql::kListTopOldestAfter : sql::kListTopOldest;
      break;
    case Sort::kNewest:
      query = after.has_value() ? sql::kListTopNewestAfter : sql::kListTopNewest;
      break;
    case Sort::kBest:
      query = after.has_value() ? sql::kListTopBestAfter : sql::kListTopBest;
      break;
  }
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), query);
  stmt.BindInt(1, thread);
  if (after.has_value()) stmt.BindInt(2, after->key).BindInt(3, after->id);
  // One row more than the page tells whether another page follows.
  stmt.BindInt(4, static_cast<std::int64_t>(limit) + 1);
  TopLevelPage page;
  // Capped: a caller's huge limit must not become a huge allocation before any row is read.
  page.comments.reserve(std::min<std::size_t>(static_cast<std::size_t>(limit) + 1, 128));
  PALABRE_RETURN_IF_ERROR(ReadComments(stmt, page.comments));
  if (page.comments.size() > static_cast<std::size_t>(limit)) {
    page.comments.pop_back();
    const Comment& last = page.comments.back();
    page.next = PageCursor{sort == Sort::kBest ? last.score() : last.created_at, last.id};
  }
  return page;
}

Result<std::vector<Comment>> SqliteStore::ListReplies(ThreadId thread,
                                                      std::span<const CommentId> roots) {
  std::vector<Comment> replies;
  if (roots.empty()) return replies;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListReplies);
  stmt.BindInt(1, thread).BindText(2, JsonIds(roots));
  PALABRE_RETURN_IF_ERROR(ReadComments(stmt, replies));
  return replies;
}

Result<std::vector<Comment>> SqliteStore::ListRecentComments(std::string_view site_id,
                                                             TimestampMs since, int limit) {
  std::vector<Comment> comments;
  if (limit < 1) return comments;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListRecent);
  stmt.BindText(1, site_id).BindInt(2, since).BindInt(3, limit);
  PALABRE_RETURN_IF_ERROR(ReadComments(stmt, comments));
  return comments;
}

Result<std::vector<Comment>> SqliteStore::ListLatestPublished(std::string_view site_id,
                                                              ThreadId thread, int limit) {
  std::vector<Comment> comments;
  if (limit < 1) return comments;
  ReaderLease lease = Read();
  if (thread != 0) {
    PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListLatestPublishedOfThread);
    stmt.BindInt(1, thread).BindInt(2, limit).BindText(3, site_id);
    PALABRE_RETURN_IF_ERROR(ReadComments(stmt, comments));
  } else {
    PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListLatestPublishedOfSite);
    stmt.BindText(1, site_id).BindInt(2, limit);
    PALABRE_RETURN_IF_ERROR(ReadComments(stmt, comments));
  }
  return comments;
}

Result<std::vector<Comment>> SqliteStore::ListRepliesTo(std::string_view site_id,
                                                        std::string_view replies_token, int limit) {
  std::vector<Comment> comments;
  if (limit < 1 || replies_token.empty()) return comments;
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kListRepliesTo);
  stmt.BindText(1, site_id).BindText(2, replies_token).BindInt(3, limit);
  PALABRE_RETURN_IF_ERROR(ReadComments(stmt, comments));
  return comments;
}

Result<std::optional<CommentId>> SqliteStore::FindImported(std::string_view site_id,
                                                           std::string_view source_id) {
  ReaderLease lease = Read();
  return SelectImported(lease.db(), site_id, source_id);
}

// --- Votes ------------------------------------------------------------------------------------

Result<Comment> SqliteStore::Vote(CommentId id, std::string_view voter_hash,
                                  std::string_view token_hash, int direction, TimestampMs at) {
  if (direction < -1 || direction > 1) {
    return Status(Error::kInvalidArgument, "vote direction must be -1, 0 or +1");
  }
  if (voter_hash.empty()) return Status(Error::kInvalidArgument, "a vote needs its voter's hash");
  return Write([&](Db& db) -> Result<Comment> {
    {
      PALABRE_PREPARE_OR_RETURN(place, db, sql::kSelectCommentPlace);
      place.BindInt(1, id);
      PALABRE_STEP_OR_RETURN(found, place);
      if (!found) return Status(Error::kUnknownComment, "comment " + std::to_string(id));
    }
    // The voter's standing votes on this comment (by client or by browser; two at most).
    std::int64_t up = 0;
    std::int64_t down = 0;
    bool all_same = true;
    int standing = 0;
    {
      PALABRE_PREPARE_OR_RETURN(select, db, sql::kSelectVotes);
      select.BindInt(1, id).BindText(2, voter_hash).BindText(3, token_hash);
      while (true) {
        PALABRE_STEP_OR_RETURN(row, select);
        if (!row) break;
        const std::int64_t previous = select.ColumnInt(0);
        ++standing;
        all_same = all_same && previous == direction;
        up -= previous == 1 ? 1 : 0;  // taken back
        down -= previous == -1 ? 1 : 0;
      }
    }
    if (direction != 0 && standing > 0 && all_same) {
      return Status(Error::kAlreadyVoted, "comment " + std::to_string(id));
    }
    if (standing > 0) {
      PALABRE_PREPARE_OR_RETURN(remove, db, sql::kDeleteVotes);
      remove.BindInt(1, id).BindText(2, voter_hash).BindText(3, token_hash);
      PALABRE_RETURN_IF_ERROR(remove.Run());
    }
    if (direction != 0) {
      PALABRE_PREPARE_OR_RETURN(insert, db, sql::kInsertVote);
      insert.BindInt(1, id)
          .BindText(2, voter_hash)
          .BindText(3, token_hash)
          .BindInt(4, direction)
          .BindInt(5, at);
      PALABRE_RETURN_IF_ERROR(insert.Run());
      up += direction == 1 ? 1 : 0;
      down += direction == -1 ? 1 : 0;
    }
    if (up != 0 || down != 0) {
      PALABRE_PREPARE_OR_RETURN(add, db, sql::kAddVotes);
      add.BindInt(1, id).BindInt(2, up).BindInt(3, down);
      PALABRE_RETURN_IF_ERROR(add.Run());
    }
    return SelectComment(db, id);
  });
}

Result<RecentActions> SqliteStore::RecentVotes(std::string_view voter_hash, TimestampMs since) {
  ReaderLease lease = Read();
  PALABRE_PREPARE_OR_RETURN(stmt, lease.db(), sql::kRecentVotes);
  stmt.BindText(1, voter_hash).BindInt(2, since);
  return ReadRecent(stmt);
}

}  // namespace palabre::store::sqlite
