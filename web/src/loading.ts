// Loading the thread: the first page (asked for before the skeleton was built), "Voir plus",
// a new sort, the pages towards a permalink; then, once, live updates, the relative times'
// refresh and the permalink's seek. The latest load wins; a failed one offers to try again.
import { A, errorText, I, s, setCount, t, views, w } from './context';
import { h } from './dom';
import { renderTree, updateBar } from './render';
import { ago, DEPTH, heldHere, restart, TICK_MS } from './state';
import { askMine, startLive } from './updates';

// The thread is closed: no posting, no replying (reporting and one's own edits stay).
export function setClosed(): void {
  s.closed = true;
  w.mainForm.hidden = true;
  w.closedNote.hidden = false;
  w.list.querySelectorAll('.x .lk:not(.own):not(.rb)').forEach((b) => b.remove());
}

// `reset`: from the first page (a new sort, a retry of the first load); else the next page.
export async function load(reset: boolean): Promise<void> {
  const { moreButton: more, loadStatus: status } = w;
  if (!reset && more.getAttribute('aria-disabled')) return;
  const ticket = ++s.loads;
  if (reset) {
    restart(s);
    updateBar();
  }
  more.setAttribute('aria-disabled', 'true');
  status.hidden = false;
  status.className = 'ld';
  status.textContent = t('loading');
  try {
    const ask = w.firstPage || A.page(s.sort, w.seeking ? 100 : w.cfg.limit, DEPTH, s.cursor);
    w.firstPage = null;
    const p = await ask;
    if (ticket !== s.loads) return;
    if (!s.loaded) performance.mark('palabre:data');
    if (reset) {
      w.list.textContent = '';
      views.clear();
      s.seen.clear();
      w.openReply = null;
    }
    w.attach();
    if (p.thread.closed && !s.closed) setClosed();
    s.notify = p.thread.notify;
    setCount(p.thread.count);
    const lis: HTMLLIElement[] = [];
    for (const c of p.comments) if (!views.has(c.id)) lis.push(renderTree(c, 0).li);
    w.list.append(...lis);
    s.pending = s.pending.filter((c) => !views.has(c.id));
    updateBar();
    s.cursor = p.next_cursor;
    more.hidden = !s.cursor;
    status.hidden = true;
    const held = heldHere(s, w.here);
    if (reset && held.length) askMine(held);
    if (!s.loaded) {
      s.loaded = true;
      performance.mark('palabre:rendered');
      w.host.dispatchEvent(new CustomEvent('palabre:ready', { detail: { count: s.count } }));
      startLive();
      setInterval(tick, TICK_MS);
      setTimeout(seekHash);
      addEventListener('hashchange', seekHash);
    } else if (!reset && lis[0]) {
      lis[0].focus();
    }
  } catch (e) {
    if (ticket !== s.loads) return;
    w.attach();
    status.className = 'ld er';
    status.textContent = '';
    status.append(
      (s.loaded ? '' : t('loadError') + ' ') + errorText(I, e) + ' ',
      h('button', { type: 'button', class: 'lk', onclick: () => load(reset) }, t('retry')),
    );
  } finally {
    if (ticket === s.loads) more.removeAttribute('aria-disabled');
  }
}

// Opened with a permalink (or the hash changed to one): the comment is loaded (up to 10 more
// pages of 100 top-level comments), unfolded, scrolled to, highlighted and focused.
async function seekHash() {
  if (!/^#palabre-c\d+$/.test(location.hash)) return;
  const id = +location.hash.slice(10); // after #palabre-c
  w.seeking = true;
  for (let i = 0; i < 10 && !views.has(id) && s.cursor; i++) await load(false);
  w.seeking = false;
  const v = views.get(id);
  if (!v) return;
  for (let e: HTMLElement | null = v.li; e && e !== w.list; e = e.parentElement)
    if (e.hidden) (e.parentElement!.nextElementSibling as HTMLElement).click();
  v.li.classList.add('nw');
  v.li.scrollIntoView({ block: 'center' });
  v.li.focus({ preventScroll: true });
}

// Relative times stay true on an open page: one timer for the widget, every TICK_MS while the
// page is visible. Only times of the same day change, in the server's words (Intl's, which
// are the same); older ones name a day or a date, as the server wrote them.
function tick() {
  if (document.hidden) return;
  const now = Date.now();
  w.root.querySelectorAll('time').forEach((el) => {
    const rel = ago(el.getAttribute('datetime') as string, now, w.cfg.lang, t('now')); // (none: null, NaN as '' was)
    if (rel && el.textContent !== rel) el.textContent = rel;
  });
}
