// What the widget's modules share for one mounted thread (built by widget.ts's mount): its
// settings, API client and words, the thread's state (state.ts), the comments on screen (one
// View each) and the skeleton's elements; and the few helpers every module uses.
import { Api, ApiError } from './api';
import { h } from './dom';
import type { I18n, Key, Lang } from './i18n';
import type { ThreadState } from './state';
import type { Comment, Page, Sort } from './types';

export interface Config {
  base: string; // API base URL (the script's own folder)
  site: string;
  key: string;
  title: string;
  lang: Lang;
  sort: Sort;
  limit: number;
  theme: 'light' | 'dark' | 'auto';
  font: boolean; // the host page's font (data-font="inherit")
}

// One comment on screen.
export interface View {
  c: Comment;
  li: HTMLLIElement;
  art: HTMLElement;
  level: number;
  replies?: HTMLUListElement;
  reply?: HTMLButtonElement;
  form?: HTMLElement; // the open reply form
  rep?: HTMLElement; // the open report menu
  edit?: HTMLElement; // the open edit form
  note?: HTMLElement;
  st?: 1 | 2; // the author's own comment: 1 held for review, 2 not published
}

export interface W {
  cfg: Config;
  A: Api;
  I: I18n;
  t: I18n['t'];
  s: ThreadState;
  here: string; // site/key: the thread of the reader's own comments
  host: HTMLElement;
  root: ShadowRoot;
  views: Map<number, View>;
  openReply: View | null;
  firstPage: Promise<Page> | null; // asked for before the skeleton was built
  seeking: boolean; // loading pages towards a permalink: larger pages
  syncing: boolean; // a resync is under way (updates.ts)
  again: boolean; // and a reset came meanwhile: it runs once more
  ro: ResizeObserver | null; // measures long comments (render.ts clamp)
  attach: () => void; // puts the widget on the page (once)
  heading: HTMLElement;
  announcer: HTMLElement;
  list: HTMLUListElement;
  bar: HTMLButtonElement;
  more: HTMLButtonElement;
  status: HTMLElement;
  mainForm: HTMLElement;
  closedNote: HTMLElement;
}

// Says `msg` to screen readers (the live region, emptied first so that a repeat is said).
export function say(w: W, msg: string): void {
  w.announcer.textContent = '';
  setTimeout(() => (w.announcer.textContent = msg), 50);
}

export function errorText(I: I18n, e: unknown): string {
  const t = I.t;
  // Not an answer of the server: the page's CSP or Trusted Types stopped the widget (or a bug).
  if (!(e instanceof ApiError)) return t('broken');
  if (e.code === 'network') return t('network');
  if (e.code === 'rejected') return I.reasons(e.reasons);
  if (e.retryAfter > 0 && e.code === 'rate_limited')
    return e.retryAfter === 1 ? t('rateIn1') : t('rateIn', { n: e.retryAfter });
  if (e.retryAfter > 0 && e.code === 'unavailable') return t('unavailableIn', { n: e.retryAfter });
  return I.error(e.code, e.message);
}

// A sentence that names a reader, the name an isolate of its own (<bdi>, Unicode TR 9): a
// right-to-left name, or one ending in digits or punctuation, cannot reorder the words around
// it. (The server already strips bidi controls from names.) Accessible labels that are not
// shown keep the plain text.
export function named(w: W, key: Key, name: string): (string | Node)[] {
  const [before, after] = w.t(key, { a: '\u0000' }).split('\u0000');
  return [before, h('bdi', null, name), after];
}

export function setCount(w: W, n: number): void {
  w.s.count = Math.max(0, n);
  w.heading.textContent = w.I.count(w.s.count);
}
