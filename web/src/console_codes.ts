// The API error codes only the moderator console and the command line can meet (login, users,
// bans, API keys, webhooks, imports, undo), and those of the pages the links of reader e-mails
// open (a confirmation or an unsubscribe link gone stale): the reader's widget carries no message
// of its own for them and shows the server's message if one ever reached it. Imported as a type by i18n.ts (no
// bytes in the widget) and as a value by its tests.
export const CONSOLE_ONLY = [
  'site_exists',
  'duplicate_import',
  'unknown_user',
  'user_exists',
  'unknown_ban',
  'unknown_api_key',
  'unknown_webhook',
  'unknown_subscriber', // the reader e-mails' links, not the widget
  'unknown_upload',
  'import_running',
  'too_many_uploads',
  'import_format_unknown',
  'unauthorized',
  'forbidden',
  'csrf_failed',
  'login_failed',
  'account_locked',
  'weak_password',
  'api_key_missing',
  'api_key_invalid',
  'api_rate_limited',
  'undo_not_possible',
  'undo_expired',
  'not_auto_rejected',
] as const;

export type ConsoleOnlyCode = (typeof CONSOLE_ONLY)[number];
