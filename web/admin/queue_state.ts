// The queue's state apart from the DOM: the tab and filters (kept while the console is open),
// the listed comments with the selection, the ticked ones and the next page's cursor; and the
// rules that decide from it alone (what a query asks, where the selection goes after a
// decision, which comments can be approved or handled as a cluster). tests/queue_state.test.mjs
// runs them in node.
import type { Order, QueueItem, Status } from './types';

export interface Filters {
  site: string;
  reason: string;
  thread: string;
  order: Order;
  q: string;
}

// What the console remembers between visits of the queue screen.
export interface QueueState {
  status: Status;
  filters: Filters;
}

export function queueState(): QueueState {
  return { status: 'held', filters: { site: '', reason: '', thread: '', order: 'oldest', q: '' } };
}

// One listed comment; `li`, `art` and `box` are its elements (queue_render.ts).
export interface Row {
  item: QueueItem;
  li: HTMLLIElement;
  art: HTMLElement;
  box: HTMLInputElement;
}

// The screen's list: rows in order, the selected index (-1: none), the ticked ids.
export interface QueueList {
  rows: Row[];
  sel: number;
  checked: Set<number>;
  cursor: string | null; // the next page's
  loads: number; // one ticket a load: the latest wins
  busy: boolean; // a decision is being sent: keys wait
  threadTitle: string; // the thread filter's chip says its title, when known
}

export function queueList(): QueueList {
  return { rows: [], sel: -1, checked: new Set(), cursor: null, loads: 0, busy: false, threadTitle: '' };
}

// The API query of a tab, its filters and a page. "Rejetés automatiquement" is always newest
// first (the review tab's order is the server's: highest risk first).
export function query(st: QueueState, cursor: string | null) {
  const f = st.filters;
  return {
    status: st.status,
    site: f.site,
    reason: f.reason,
    thread: f.thread,
    q: f.q,
    order: st.status === 'auto_rejected' ? ('newest' as Order) : f.order,
    cursor,
    limit: 50,
  };
}

// The index `i` kept within the list (-1 when it is empty).
export function clamp(i: number, n: number): number {
  return n ? Math.max(0, Math.min(n - 1, i)) : -1;
}

// Where the selection goes when the comments `gone` leave the list: the first comment left at
// or after the selection, else the last one before it; undefined when none is left.
export function keptAfter<T extends { item: { id: number } }>(rows: T[], sel: number, gone: Set<number>): T | undefined {
  const after = rows.slice(Math.max(0, sel)).find((r) => !gone.has(r.item.id));
  return after || rows.slice(0, Math.max(0, sel)).filter((r) => !gone.has(r.item.id)).pop();
}

// Whether "Approuver" does something: a comment not published, or a published one with open
// reports (approving dismisses them) or waiting for review (approving ends it).
export function approvable(item: QueueItem): boolean {
  return item.status !== 'published' || (item.open_reports ?? 0) > 0 || !!item.review;
}

// An automatic rejection the moderator can call a false positive.
export function falsePositive(item: QueueItem): boolean {
  return !!item.auto_rejected && item.status === 'rejected';
}

// The cluster (of near-identical comments) `item` belongs to: its root's id, or its own when
// listed comments name it as their root; null when alone.
export function clusterOf(item: QueueItem, items: QueueItem[]): number | null {
  if (item.cluster != null) return item.cluster;
  return items.some((x) => x.cluster === item.id) ? item.id : null;
}

// The listed comments of the same author on the same site (a ban rejects their held ones).
export function sameAuthor(items: QueueItem[], item: QueueItem): number[] {
  return items.filter((x) => x.site === item.site && x.author === item.author).map((x) => x.id);
}
