// The JSON shapes of docs/API.md, "Moderator console API", that the console reads.

export type Role = 'admin' | 'moderator';
// The queue's tabs: a status, or `reported` (open reader reports) and `review` (published, queued
// for a moderator's second look, highest risk first).
export type Status = 'held' | 'review' | 'published' | 'rejected' | 'auto_rejected' | 'reported';
export type Order = 'newest' | 'oldest';

export interface User {
  id: number;
  email: string;
  sites: { site: string; role: Role }[];
}

export interface Session {
  user: User;
  csrf_token: string;
}

export interface SiteInfo {
  id: string;
  name: string;
  role: Role;
}

// GET/PUT /api/v1/admin/sites/{site}: the site itself, and the origins this server refused
// readers' posts from since it started (refused_since), those allowed since left out.
export interface SiteDetails {
  site: { id: string; name: string; origins: string[]; time_zone: string; locale: string };
  refused_origins: { origin: string; count: number; last_at: string }[];
  refused_since: string;
}

export interface Reason {
  check: string;
  code: string;
  detail?: string;
  score?: number;
  action?: 'pass' | 'flag' | 'review' | 'hold' | 'reject' | string;
  spans?: [number, number][];
}

export interface ReaderReport {
  reason: string;
  note?: string;
  created_at: string;
}

export interface QueueItem {
  id: number;
  parent: number | null;
  author: string;
  html: string;
  text?: string;
  created_at: string;
  relative_time?: string;
  full_time?: string;
  status: Status | string;
  review?: boolean; // published and waiting for a moderator's second look
  risk?: number; // 0..1, the review queue's order
  site: string;
  thread: { id: number; key: string; title: string };
  email?: string | null;
  reasons?: Reason[];
  reports?: ReaderReport[];
  open_reports?: number;
  report_burst?: boolean;
  history?: { published: number; held: number; rejected: number; deleted?: number };
  cluster?: number | null;
  auto_rejected?: boolean; // rejected by the pipeline on arrival
  parent_comment?: { id: number; author: string; text: string; status: string } | null;
  url?: string | null; // the comment in its article (…#palabre-c<ID>)
  last_decision?: { action: string; user: string; reason: string; at: string } | null;
}

export interface QueuePage {
  items: QueueItem[];
  next_cursor: string | null;
  report_bursts?: number; // comments with an open burst of reports, whatever the tab
}

// An uploaded export (POST …/imports) and an analysis or import of it (docs/API.md, "Imports").
export interface ImportUpload {
  id: string;
  format: string;
  bytes: number;
  expires_at: string;
}
// What `palabre import --json` prints (docs/IMPORT.md, "The report").
export interface ImportReport {
  format: string;
  dry_run: boolean;
  plan: {
    source_threads: number; threads: number; merged_threads: number; comments: number;
    top_level: number; replies: number; published: number; held: number; spam: number;
    tombstones: number; deleted_skipped: number; orphans: number; placeholders: number;
    duplicates: number; no_thread: number; malformed: number;
    threads_by_rule: Record<string, number>; omitted: Record<string, number>; problems: string[];
  };
  moderation: { evaluated: number; publish: number; review: number; hold: number; reject: number; by_code: Record<string, number> };
  written: { threads: number; comments: number; already_imported: number; cycles_broken: number; refused: number; refused_examples: string[] };
  site?: { settings: boolean; bans: number; bans_already_there: number };
}
export interface ImportJob {
  upload: string;
  dry_run: boolean;
  state: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  started_at: string;
  finished_at: string | null;
  report?: ImportReport;
  error?: { code: string; message: string; detail: string };
}

export interface ApiKey {
  id: number;
  site: string;
  name: string;
  hint: string; // the key's first characters
  per_minute: number;
  created_at: string;
}

// A site's webhook and its deliveries (docs/API.md, "Moderator console API"; docs/NOTIFICATIONS.md).
export type WebhookFormat = 'palabre' | 'slack' | 'telegram';
export type WebhookEvent = 'comment.published' | 'comment.held' | 'comment.reported' | 'comment.rejected' | 'user.banned';
export interface Webhook {
  id: number;
  url: string; // a Slack or Telegram URL cut after its host ("https://hooks.slack.com/…")
  format: WebhookFormat | string;
  events: (WebhookEvent | string)[];
  created_at: string;
}
export type DeliveryState = 'pending' | 'sent' | 'failed';
export interface Delivery {
  id: number;
  webhook: number;
  event: WebhookEvent | string;
  subject: number; // the comment's id, or the ban's (user.banned)
  state: DeliveryState | string;
  attempts: number;
  created_at: string;
  next_attempt_at: string | null; // pending only
  done_at: string | null;
  last_error: string;
}

export interface Ban {
  id: number;
  site: string;
  author: string;
  by_address: boolean;
  by_email: boolean;
  reason: string;
  created_at: string;
  expires_at: string | null;
}

export interface Settings {
  premoderation: 'none' | 'new' | 'all';
  premoderation_min_approved: number;
  report_threshold: number;
  close_after_days: number;
  keep_rejected_days?: number;
  banned_words: string[];
  suspect_words: string[];
  link_policy: 'allow' | 'review' | 'hold' | 'reject';
  allow_domains: string[];
  checks: Record<string, string>;
}

export interface AuditEntry {
  id: number;
  user: string;
  action: string;
  comment_id: number | null;
  reason: string;
  detail: string | Record<string, unknown> | null;
  response_ms: number;
  at: string;
}

export interface Report {
  days: { date: string; published: number; held: number; rejected: number }[];
  reasons: { code: string; held: number; rejected: number }[];
  response_ms: { median: number; p90: number; count: number };
}
