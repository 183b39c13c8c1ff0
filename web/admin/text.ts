// Pure helpers of the console, without DOM (unit-tested by tests/admin_text.test.mjs).

// ---- Byte offsets (UTF-8) to string indexes (UTF-16) ----

// The UTF-8 length of the code point starting at s[i] (a lone surrogate counts as U+FFFD, 3
// bytes, as the server would have refused it anyway), and how many UTF-16 units it takes.
function width(s: string, i: number): [number, number] {
  const c = s.charCodeAt(i);
  if (c < 0x80) return [1, 1];
  if (c < 0x800) return [2, 1];
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return [4, 2];
  }
  return [3, 1];
}

// The UTF-8 byte length of a string.
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const [b, u] = width(s, i);
    n += b;
    i += u;
  }
  return n;
}

// Converts byte offsets into the UTF-8 encoding of `s` to indexes into `s`. An offset inside a
// character moves to that character's start (`up` false) or end (`up` true); offsets past the
// end give s.length. `offsets` need not be sorted.
export function byteToIndex(s: string, offsets: number[], up = false): number[] {
  const order = offsets.map((_, k) => k).sort((a, b) => offsets[a] - offsets[b]);
  const out = new Array<number>(offsets.length);
  let i = 0;
  let byte = 0;
  for (const k of order) {
    const want = offsets[k];
    if (!(want > 0)) {
      out[k] = 0;
      continue;
    }
    for (;;) {
      if (i >= s.length) break;
      const [b, u] = width(s, i);
      if (byte + b > want) {
        // `want` is inside this character (or at its start when byte == want).
        if (up && byte < want) {
          byte += b;
          i += u;
        }
        break;
      }
      byte += b;
      i += u;
      if (byte === want) break;
    }
    out[k] = i;
  }
  return out;
}

// Byte spans [start, end) → sorted, merged, non-empty [start, end) index ranges into `s`.
export function spanRanges(s: string, spans: ReadonlyArray<readonly [number, number]>): [number, number][] {
  const clean = spans.filter(
    (p) => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number' && p[1] > p[0],
  );
  const starts = byteToIndex(s, clean.map((p) => p[0]), false);
  const ends = byteToIndex(s, clean.map((p) => p[1]), true);
  const ranges: [number, number][] = [];
  for (let k = 0; k < clean.length; k++) if (ends[k] > starts[k]) ranges.push([starts[k], ends[k]]);
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

export interface Segment {
  text: string;
  mark: boolean;
}

// Cuts `s` into plain and marked pieces (the console makes text nodes and <mark>s of them).
export function segments(s: string, spans: ReadonlyArray<readonly [number, number]>): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [a, b] of spanRanges(s, spans)) {
    if (a > at) out.push({ text: s.slice(at, a), mark: false });
    out.push({ text: s.slice(a, b), mark: true });
    at = b;
  }
  if (at < s.length || !out.length) out.push({ text: s.slice(at), mark: false });
  return out;
}

// ---- Keyboard ----

export type Command =
  | 'next' | 'prev' | 'approve' | 'reject' | 'ban' | 'toggle' | 'bulkApprove' | 'bulkReject'
  | 'cluster' | 'unpublish' | 'search' | 'help' | 'open';

// The queue's shortcuts, in the order the help lists them: one key, no modifier (Shift only for
// A and R). The key handler and the help both read this table, so they cannot drift.
export const KEYS: ReadonlyArray<readonly [string, Command]> = [
  ['j', 'next'], ['ArrowDown', 'next'],
  ['k', 'prev'], ['ArrowUp', 'prev'],
  ['a', 'approve'],
  ['r', 'reject'],
  ['u', 'unpublish'],
  ['b', 'ban'],
  ['x', 'toggle'],
  ['A', 'bulkApprove'],
  ['R', 'bulkReject'],
  ['c', 'cluster'],
  ['o', 'open'],
  ['/', 'search'],
  ['?', 'help'],
];

export function command(e: { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean }): Command | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  for (const [k, c] of KEYS) if (k === e.key) return c;
  return null;
}

// The help's lines: each command once with all its keys, in the table's order.
export function keyHelp(): { command: Command; keys: string[] }[] {
  const out: { command: Command; keys: string[] }[] = [];
  for (const [k, c] of KEYS) {
    const line = out.find((x) => x.command === c);
    if (line) line.keys.push(k);
    else out.push({ command: c, keys: [k] });
  }
  return out;
}

// The fixed reasons of a rejection, in the order of their number keys (1–7).
export const REJECT_REASONS = ['spam', 'threat', 'hate', 'harassment', 'off_topic', 'illegal', 'other'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

// The number key `key` ("1"…"7") → its reason, else null.
export function reasonForKey(key: string): RejectReason | null {
  const n = /^[1-9]$/.test(key) ? Number(key) : 0;
  return n >= 1 && n <= REJECT_REASONS.length ? REJECT_REASONS[n - 1] : null;
}

// Ban durations of the ban dialog, in days (0 = permanent), by number key.
export const BAN_DAYS = [1, 7, 30, 0] as const;

// ---- Settings forms ----

// A textarea, one entry a line → the entries, trimmed, without blanks nor repeats.
export function lines(s: string): string[] {
  const out: string[] = [];
  for (const l of s.split(/\r?\n/)) {
    const t = l.trim();
    if (t && out.indexOf(t) < 0) out.push(t);
  }
  return out;
}

// "check.key = value" lines → an object, or the number (1-based) of the first malformed line.
export function parseChecks(s: string): { checks: Record<string, string> } | { line: number } {
  const checks: Record<string, string> = {};
  const all = s.split(/\r?\n/);
  for (let n = 0; n < all.length; n++) {
    const l = all[n].trim();
    if (!l || l[0] === '#') continue;
    const m = /^([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)\s*=\s*(.*)$/.exec(l);
    if (!m) return { line: n + 1 };
    checks[m[1]] = m[2].trim();
  }
  return { checks };
}

export function formatChecks(checks: Record<string, string> | null | undefined): string {
  if (!checks) return '';
  return Object.keys(checks)
    .sort()
    .map((k) => k + ' = ' + checks[k])
    .join('\n');
}

// A whole number in [min, max] from a form field, else null.
export function intIn(s: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(s)) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

// ---- Report ----

// A "nice" upper bound for a chart's axis: 1, 2, 5 × 10^k at or above `max`.
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(max)));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

// Milliseconds → "45 s", "12 min", "3 h 05", "2 j" (French) / "2 d" (English).
export function duration(ms: number, lang: 'fr' | 'en'): string {
  if (!(ms >= 0)) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return s + ' s';
  const m = Math.round(s / 60);
  if (m < 60) return m + ' min';
  const h = Math.floor(m / 60);
  if (h < 48) return h + ' h ' + String(m % 60).padStart(2, '0');
  return Math.round(h / 24) + (lang === 'fr' ? ' j' : ' d');
}

// ---- Settings ----
// The keys a site's `checks` setting takes ("<check>.<key>", docs/moderation/checks.md), as
// `palabre serve --check-config` lists them under `moderation.` less those a site may not set
// (pipeline.*, model paths, and the word and domain lists, which have fields of their own).
// The settings page offers them as it completes a key.
export const CHECK_KEYS: ReadonlyArray<string> = [
  'duplicate.across_site', 'duplicate.budget_us', 'duplicate.copy_action', 'duplicate.copy_window_s',
  'duplicate.enabled', 'duplicate.max_indexed', 'duplicate.min_chars', 'duplicate.repeat_action',
  'duplicate.repeat_window_s', 'duplicate.similarity', 'empty.action', 'empty.allow_emoji_only',
  'empty.budget_us', 'empty.enabled', 'flood.action', 'flood.budget_us', 'flood.burst_max',
  'flood.burst_window_s', 'flood.by_client', 'flood.by_name', 'flood.enabled', 'flood.sustained_max',
  'flood.sustained_window_s', 'length.action', 'length.budget_us', 'length.enabled', 'length.max_chars',
  'length.max_lines', 'lexicon.banned_action', 'lexicon.budget_us', 'lexicon.enabled', 'lexicon.languages',
  'lexicon.suspect_action', 'links_contacts.budget_us', 'links_contacts.contact_action',
  'links_contacts.email_action', 'links_contacts.enabled', 'links_contacts.link_action',
  'links_contacts.phone_action', 'off_topic.action', 'off_topic.budget_us', 'off_topic.enabled',
  'off_topic.min_words', 'off_topic.threshold', 'shouting.acronyms', 'shouting.action', 'shouting.budget_us',
  'shouting.caps_ratio', 'shouting.enabled', 'shouting.max_letter_run', 'shouting.max_punctuation_run',
  'shouting.min_letters', 'toxicity.budget_us', 'toxicity.enabled', 'toxicity.hate.hold',
  'toxicity.hate.reject', 'toxicity.hate.review', 'toxicity.insult.hold', 'toxicity.insult.reject',
  'toxicity.insult.review', 'toxicity.spam.hold', 'toxicity.spam.reject', 'toxicity.spam.review',
  'toxicity.threat.hold', 'toxicity.threat.reject', 'toxicity.threat.review', 'toxicity.toxic.hold',
  'toxicity.toxic.reject', 'toxicity.toxic.review', 'violence.apologia_action', 'violence.armed_groups',
  'violence.budget_us', 'violence.enabled', 'violence.incitement_action', 'violence.state_forces',
  'violence.threat_action',
];
