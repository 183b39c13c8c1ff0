// What the widget's modules share for the mounted thread (built by widget.ts's mount): its
// settings, API client and words, the thread's state (state.ts), the comments on screen (one
// View each) and the skeleton's elements; and the few helpers every module uses. One widget a
// page (embed.ts mounts #palabre once): the parts import this context as module bindings, set
// by mount (bind) before any of them runs, rather than being handed it in every call.
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
  replyList?: HTMLUListElement;
  replyButton?: HTMLButtonElement;
  form?: HTMLElement; // the open reply form
  rep?: HTMLElement; // the open report menu
  editForm?: HTMLElement; // the open edit form
  errorNote?: HTMLElement; // an error under the comment
  st?: 1 | 2; // the author's own comment: 1 held for review, 2 not published
}

export interface W {
  cfg: Config;
  here: string; // site/key: the thread of the reader's own comments
  host: HTMLElement;
  root: ShadowRoot;
  // The flags and the open reply start unset (false, none).
  openReply?: View | null;
  firstPage: Promise<Page> | null; // asked for before the skeleton was built
  seeking?: boolean; // loading pages towards a permalink: larger pages
  syncing?: boolean; // a resync is under way (updates.ts)
  again?: boolean; // and a reset came meanwhile: it runs once more
  ro: ResizeObserver | null; // measures long comments (render.ts clamp)
  attach: () => void; // puts the widget on the page (once)
  heading: HTMLElement;
  announcer: HTMLElement;
  list: HTMLUListElement;
  bar: HTMLButtonElement;
  moreButton: HTMLButtonElement;
  loadStatus: HTMLElement;
  mainForm: HTMLElement;
  closedNote: HTMLElement;
  repliesLink?: HTMLElement; // the reader's replies feed, once shown (forms.ts repliesFeed)
}

export let w: W; // the settings, the skeleton's elements and the loading's flags (above)
export let A: Api; // the API client
export let I: I18n; // the words
export let t: I18n['t'];
export let s: ThreadState; // the thread's state
export const views = new Map<number, View>(); // the comments on screen

export function bind(ctx: W, api: Api, words: I18n, state: ThreadState): void {
  w = ctx;
  A = api;
  I = words;
  t = words.t;
  s = state;
}

// Says `msg` to screen readers (the live region, emptied first so that a repeat is said).
export function say(msg: string): void {
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
export function named(key: Key, name: string): (string | Node)[] {
  const [before, after] = t(key, { a: '\u0000' }).split('\u0000');
  return [before, h('bdi', null, name), after];
}

export function setCount(n: number): void {
  s.count = Math.max(0, n);
  w.heading.textContent = I.count(s.count);
}
