// TEMPORARY: the error codes of docs/API.md, until web/src/error_codes.ts (generated from
// src/core/error.h by the HTTP side) lands; then i18n.ts imports that file and this one goes.
export const ERROR_CODES = [
  'invalid_json', 'invalid_utf8', 'invalid_argument', 'body_too_large', 'unsupported_media_type',
  'text_empty', 'text_too_long', 'author_missing', 'author_too_long', 'email_invalid',
  'email_too_long', 'key_invalid', 'site_id_invalid', 'invalid_cursor', 'invalid_vote',
  'too_many_keys', 'unknown_site', 'unknown_thread', 'unknown_comment', 'unknown_parent',
  'site_exists', 'thread_closed', 'thread_creation_disabled', 'bad_edit_token',
  'edit_window_expired', 'already_voted', 'comment_not_published', 'duplicate_import',
  'rate_limited', 'rejected', 'banned', 'not_found', 'method_not_allowed', 'origin_not_allowed',
  'unavailable', 'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
