#include "core/error.h"

namespace palabre {

std::string_view ErrorCode(Error e) {
  switch (e) {
    case Error::kOk:
      return "ok";
    case Error::kInvalidJson:
      return "invalid_json";
    case Error::kInvalidUtf8:
      return "invalid_utf8";
    case Error::kInvalidArgument:
      return "invalid_argument";
    case Error::kBodyTooLarge:
      return "body_too_large";
    case Error::kUnsupportedMediaType:
      return "unsupported_media_type";
    case Error::kTextEmpty:
      return "text_empty";
    case Error::kTextTooLong:
      return "text_too_long";
    case Error::kAuthorMissing:
      return "author_missing";
    case Error::kAuthorTooLong:
      return "author_too_long";
    case Error::kEmailInvalid:
      return "email_invalid";
    case Error::kEmailTooLong:
      return "email_too_long";
    case Error::kKeyInvalid:
      return "key_invalid";
    case Error::kSiteIdInvalid:
      return "site_id_invalid";
    case Error::kInvalidCursor:
      return "invalid_cursor";
    case Error::kInvalidVote:
      return "invalid_vote";
    case Error::kTooManyKeys:
      return "too_many_keys";
    case Error::kUnknownSite:
      return "unknown_site";
    case Error::kUnknownThread:
      return "unknown_thread";
    case Error::kUnknownComment:
      return "unknown_comment";
    case Error::kUnknownParent:
      return "unknown_parent";
    case Error::kSiteExists:
      return "site_exists";
    case Error::kThreadClosed:
      return "thread_closed";
    case Error::kThreadCreationDisabled:
      return "thread_creation_disabled";
    case Error::kBadEditToken:
      return "bad_edit_token";
    case Error::kEditWindowExpired:
      return "edit_window_expired";
    case Error::kAlreadyVoted:
      return "already_voted";
    case Error::kCommentNotPublished:
      return "comment_not_published";
    case Error::kDuplicateImport:
      return "duplicate_import";
    case Error::kRateLimited:
      return "rate_limited";
    case Error::kRejected:
      return "rejected";
    case Error::kBanned:
      return "banned";
    case Error::kNotFound:
      return "not_found";
    case Error::kMethodNotAllowed:
      return "method_not_allowed";
    case Error::kOriginNotAllowed:
      return "origin_not_allowed";
    case Error::kUnavailable:
      return "unavailable";
    case Error::kInternal:
      return "internal";
  }
  return "internal";
}

}  // namespace palabre
