// The thread as the widget holds it, apart from the DOM: sort, pagination cursor, count, the
// comments waiting behind the "new comments" bar, the reader's own comments and votes; and the
// rules that decide, from this state alone, where a comment goes (new, live, polled, resynced).
// No DOM here: tests/state.test.mjs runs these functions in node.
import type { Mine } from './storage';
import type { Comment, Page, Sort } from './types';

export const DEPTH = 3; // reply levels shown, as the API's default
export const FEW = 3; // replies shown of a longer branch, before "Afficher N réponses"
export const EDIT_MS = 15 * 60 * 1000; // the server's default edit window
export const TICK_MS = 30000; // relative times are refreshed this often

export interface ThreadState {
  sort: Sort;
  cursor: string | null; // the next page's; null when the end of the thread is shown
  count: number; // published comments of the thread (the heading)
  closed?: boolean; // unset: open
  notify?: boolean; // the server mails replies on request (thread.notify)
  maxId: number; // the highest comment id met: polling's floor
  loaded?: boolean; // the first page arrived (unset: not yet)
  loads: number; // one ticket a load: the latest wins, earlier answers are dropped
  seen: Set<number>; // counted already: shown, waiting behind the bar, or the author's held one
  pending: Comment[]; // new top-level comments waiting behind the bar
  orphans: Comment[]; // live replies whose parent is not shown (yet)
  mine: Record<string, Mine>; // the reader's own comments (storage.ts)
  votes: Record<string, 'up' | 'down'>; // the reader's votes
}

export function threadState(
  sort: Sort,
  mine: Record<string, Mine>,
  votes: Record<string, 'up' | 'down'>,
): ThreadState {
  return { sort, cursor: null, count: 0, maxId: 0, loads: 0, seen: new Set(), pending: [], orphans: [], mine, votes };
}

// The reader's own comment `id` while it can still be edited, else null.
export function editable(s: ThreadState, id: number, now: number): Mine | null {
  const m = s.mine[id];
  return m && now - m.at < EDIT_MS ? m : null;
}

// How many of `n` replies a branch hides behind "Afficher N réponses": none up to FEW + 1
// (a button for a single reply would hide nothing worth it), else all but the first FEW.
export function folded(n: number): number {
  return n > FEW + 1 ? n - FEW : 0;
}

// A new top-level comment goes at the end of the list sorted oldest first, else at the top.
export function atEnd(s: ThreadState): boolean {
  return s.sort === 'oldest';
}

// A comment someone else posted (live or polled) that is not on screen: "skip" (deleted, or
// known already), "place" (its parent is shown: it goes in place), "wait" (counted, and kept
// behind the bar, or as an orphan until its parent shows).
export function arrive(s: ThreadState, c: Comment, shown: (id: number) => boolean): 'skip' | 'place' | 'wait' {
  if (c.deleted || s.seen.has(c.id)) return 'skip';
  if (c.id > s.maxId) s.maxId = c.id;
  if (c.parent != null && shown(c.parent)) return 'place';
  s.seen.add(c.id);
  s.count++;
  (c.parent == null ? s.pending : s.orphans).push(c);
  return 'wait';
}

// What a changed comment `c` does to the one shown (`st` the author's status on screen, `gone`
// whether it shows as deleted): "back" (published again after being held, unpublished or
// refused: drawn anew), "skip" (a tombstone stays one), "gone" (deleted), "edit" (text, votes).
export function change(c: Comment, st: number | undefined, gone: boolean): 'back' | 'skip' | 'gone' | 'edit' {
  if (!c.deleted && (st || gone)) return 'back';
  if (gone) return 'skip';
  return c.deleted ? 'gone' : 'edit';
}

// Comment `id` leaves the waiting lists (shown, or taken out by moderation).
export function unqueue(s: ThreadState, id: number): void {
  s.pending = s.pending.filter((p) => p.id !== id);
  s.orphans = s.orphans.filter((p) => p.id !== id);
}

// The comments behind the bar, oldest first, taken out of the waiting list.
export function takePending(s: ThreadState): Comment[] {
  const batch = s.pending.sort((a, b) => a.id - b.id);
  s.pending = [];
  return batch;
}

// A fresh load from the first page: no cursor, nothing waiting.
export function restart(s: ThreadState): void {
  s.cursor = null;
  s.pending = [];
  s.orphans = [];
}

// The reader's comments of thread `here` that waited for review when last seen.
export function heldHere(s: ThreadState, here: string): string[] {
  return Object.keys(s.mine).filter((id) => s.mine[id].h && s.mine[id].k === here);
}

// Polling's newest comments (a tree): those above the highest id met before, in the page's
// order (parents before their replies); none on the first poll, which only sets the floor.
export function polled(s: ThreadState, cs: Comment[], baseline: boolean): Comment[] {
  const floor = s.maxId;
  const out: Comment[] = [];
  const walk = (xs: Comment[]) => {
    for (const c of xs) {
      if (!baseline && c.id > floor) out.push(c);
      if (c.id > s.maxId) s.maxId = c.id;
      if (c.replies) walk(c.replies);
    }
  };
  walk(cs);
  return out;
}

// After a resync with page `p`: whether comment `id`, under the top-level comment `top`, is
// gone: the page lists its root (its replies come with it) or holds the whole thread, and it
// is not there.
export function stale(p: Page): (id: number, top: number) => boolean {
  const all = new Set<number>();
  const walk = (cs: Comment[]) => cs.forEach((c) => (all.add(c.id), c.replies && walk(c.replies)));
  walk(p.comments);
  const roots = new Set(p.comments.map((c) => c.id));
  return (id, top) => !all.has(id) && (!p.next_cursor || roots.has(top));
}

// The relative time of `iso` at `now` in the reader's language, as the server writes it: ''
// when it names a day or a date (the server's words stay) or Intl cannot say it.
const rtf: Record<string, any> = {};
export function ago(iso: string, now: number, lang: string, justNow: string): string {
  const at = Date.parse(iso);
  const m = Math.floor((now - at) / 60000);
  const RT = (Intl as any).RelativeTimeFormat; // Safari 14+: older ones keep the server's
  if (m < 1) return justNow;
  if (!RT || (m >= 60 && new Date(at).toDateString() !== new Date(now).toDateString())) return '';
  const f = (rtf[lang] = rtf[lang] || new RT(lang));
  return m < 60 ? f.format(-m, 'minute') : f.format(-Math.floor(m / 60), 'hour');
}
