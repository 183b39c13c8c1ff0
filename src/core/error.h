// Error: the closed list of reasons an operation of palabre can fail for.
//
// Every failure that can reach a user has exactly one value here. The HTTP layer maps each value
// to a status code and a French/English message with a switch that has no default (so adding a
// value without mapping it does not compile); the widget imports the same list, generated. Codes
// are contracts: once released, a value's Code() never changes.
#pragma once

#include <string_view>

namespace palabre {

enum class Error {
  kOk = 0,
  // Request shape.
  kInvalidJson,             // body is not a JSON object of the expected shape
  kInvalidUtf8,             // text is not valid UTF-8
  kInvalidArgument,         // a field has the wrong type or value (detail in the message)
  kBodyTooLarge,            // request body over its limit
  kUnsupportedMediaType,    // Content-Type is not application/json
  kTextEmpty,               // comment text is blank
  kTextTooLong,             // comment text over its limit
  kAuthorMissing,           // no display name
  kAuthorTooLong,           // display name over its limit
  kEmailInvalid,            // e-mail does not look like one
  kEmailTooLong,            // e-mail over its limit
  kKeyInvalid,              // article key empty, too long or with control characters
  kSiteIdInvalid,           // site id not [a-z0-9-]{1,64}
  kInvalidCursor,           // pagination cursor not one palabre issued
  kInvalidVote,             // vote value other than up/down
  kTooManyKeys,             // counts asked for more than 100 articles
  kDuplicateJsonKey,        // a JSON object names the same key twice
  kNulCharacter,            // a JSON string holds an escaped NUL (\u0000)
  kInvalidPercentEncoding,  // "%" not followed by two hex digits in a query string or path
  // State.
  kUnknownSite,
  kUnknownThread,
  kUnknownComment,
  kUnknownParent,  // reply to a comment that is not in this thread
  kSiteExists,
  kThreadClosed,
  kThreadCreationDisabled,  // site does not create threads on first post
  kBadEditToken,
  kEditWindowExpired,
  kAlreadyVoted,
  kCommentNotPublished,  // votes and replies only on published comments
  kDuplicateImport,
  kAlreadyReported,  // this reader already reported this comment
  kUnknownUser,
  kUserExists,
  kUnknownBan,
  kUnknownApiKey,      // no such API key on this site (console, CLI)
  kUnknownWebhook,     // no such webhook on this site (console, CLI)
  kUnknownSubscriber,  // no such reply-mail subscriber (unsubscribed, or the link is forged)
  // Imports from the console.
  kUnknownUpload,        // no such uploaded export on this site (or it expired)
  kImportRunning,        // the site has an analysis or an import running: wait for its end
  kTooManyUploads,       // the node keeps as many uploaded exports as it may: retry later
  kImportFormatUnknown,  // the uploaded file's format cannot be told: name it
  // Accounts and sessions (moderator console).
  kUnauthorized,   // no valid session: log in
  kForbidden,      // the session's user may not act on this site
  kCsrfFailed,     // state-changing request without the session's CSRF token or from elsewhere
  kLoginFailed,    // wrong e-mail or password (never says which)
  kAccountLocked,  // too many failed logins: retry after the lock-out
  kWeakPassword,   // password shorter than 12 characters
  // Moderation.
  kRateLimited,  // flood: too many comments, retry later
  kRejected,     // the moderation pipeline rejected the comment
  kBanned,
  // A moderator's "Annuler": the comment's last decision is not this user's, or is not a
  // decision that can be undone, or the comment changed since.
  kUndoNotPossible,
  kUndoExpired,      // the decision is older than the undo window (30 s)
  kNotAutoRejected,  // "faux positif" on a comment the pipeline did not reject
  // Reader actions and the analysis API.
  kOwnComment,      // a vote on a comment posted from the same address
  kTooManyVotes,    // votes of one address over its hourly budget: retry later
  kTooManyReports,  // reports of one address over its hourly budget: retry later
  kApiKeyMissing,   // the analysis API needs an API key
  kApiKeyInvalid,   // not a key of this server (or of this site)
  kApiRateLimited,  // the key's requests over its per-minute budget: retry later
  kTooManyStreams,  // one address has as many live streams open as it may: retry later
  kStreamsFull,     // the node has as many live streams open as it may: retry later
  // Method and routing.
  kNotFound,  // no such route
  kMethodNotAllowed,
  kOriginNotAllowed,
  // Server side.
  kUnavailable,  // storage temporarily unavailable: retry
  kInternal,
};

// Stable lower_snake_case code for clients ("text_too_long").
std::string_view ErrorCode(Error e);

}  // namespace palabre
