// Live updates merged into the thread: comments that arrive (live, polled, or the reader's own
// post's answer) go in place, in sort order, or wait behind the "new comments" bar; changes and
// removals are applied where the comments are; the reader's held comments are followed; a
// resync merges the shown part of the thread afresh. The decisions are state.ts's.
import { setCount, View, W } from './context';
import { h } from './dom';
import { live } from './live';
import { load, setClosed } from './loading';
import { markEdited, markHeld, redraw, renderTree, repliesOf, setHtml, takeOut, updateBar } from './render';
import { setVotes } from './actions';
import { arrive, atEnd, change, DEPTH, polled, stale, takePending, unqueue } from './state';
import { store } from './storage';
import type { Comment, MineStatus, Page, Reason } from './types';

// Puts a comment that was not on the page where it belongs; null if its parent is not shown.
// `own`: the reader's, from the post's answer.
export function place(w: W, c: Comment, own: boolean): View | null {
  const { s, views } = w;
  const known = views.get(c.id);
  // Drawn from the live event before the post's answer came: the author's version wins (drawn
  // again with its edit buttons), unless it is drawn already as the author's held or refused one.
  if (known) return own && !known.st ? redraw(w, known, c) : known;
  if (!s.seen.has(c.id)) setCount(w, s.count + 1);
  s.pending = s.pending.filter((p) => p.id !== c.id);
  updateBar(w);
  let v: View;
  if (c.parent == null) {
    v = renderTree(w, c, 0);
    if (atEnd(s)) w.list.append(v.li);
    else w.list.prepend(v.li);
  } else {
    const p = views.get(c.parent);
    if (!p) return null;
    if (p.level < DEPTH) {
      v = renderTree(w, c, p.level + 1);
      repliesOf(p).append(v.li);
    } else {
      // Past DEPTH a reply is shown flat beside its parent, "en réponse à" naming whom it answers.
      if (!c.reply_to) c.reply_to = { id: p.c.id, author: p.c.author };
      v = renderTree(w, c, p.level);
      (p.li.parentElement as HTMLElement).append(v.li);
    }
  }
  if (!own) v.li.classList.add('nw');
  if (c.parent == null) placeOrphans(w);
  return v;
}

function placeOrphans(w: W) {
  const rest: Comment[] = [];
  for (const o of w.s.orphans) if (!(o.parent != null && w.views.has(o.parent) && place(w, o, false))) rest.push(o);
  w.s.orphans = rest;
}

// A comment that someone else just posted, or changed (live or polled).
export function incoming(w: W, c: Comment): void {
  const known = w.views.get(c.id);
  if (known) return update(w, known, c);
  const to = arrive(w.s, c, (id) => w.views.has(id));
  if (to === 'place') place(w, c, false); // a reply to a comment on screen goes in place
  if (to === 'wait') {
    setCount(w, w.s.count);
    updateBar(w);
  }
}

// A comment on screen that changed elsewhere (edited, voted on, deleted, published again).
function update(w: W, v: View, c: Comment) {
  const to = change(c, v.st, v.c.deleted);
  if (to === 'back') {
    keep(w, c.id, 0);
    redraw(w, v, c);
  } else if (to === 'gone') {
    takeOut(w, v);
    setCount(w, w.s.count - 1);
  } else if (to === 'edit') {
    const body = v.art.querySelector('.b') as HTMLElement | null;
    if (body && c.html !== v.c.html) setHtml(body, c.html);
    if (c.edited_at) markEdited(w, v);
    setVotes(w, v, c.upvotes, c.downvotes);
    v.c = Object.assign(v.c, { html: c.html, edited_at: c.edited_at });
  }
}

// A comment taken out of the thread by moderation: it goes, or leaves a tombstone where
// replies hang; the "count" event that follows sets the header.
export function removed(w: W, id: number): void {
  unqueue(w.s, id);
  updateBar(w);
  const v = w.views.get(id);
  if (!v || v.c.deleted) return;
  if (w.s.mine[id]) return void askMine(w, [id]); // held (shown to its author) or rejected
  if (takeOut(w, v)) w.s.seen.delete(id); // approved again, it comes back
}

// Shows the author's held comment where it belongs (null if its parent is not shown).
export function placeHeld(w: W, c: Comment, why: Reason[]): View | null {
  const known = w.views.get(c.id);
  w.s.seen.add(c.id); // not counted: the thread's count is of published comments
  const v = known ? redraw(w, known, c) : place(w, c, true);
  if (!v) w.s.seen.delete(c.id);
  return v && markHeld(w, v, why);
}

// Remembers whether one of the reader's comments waits for review.
export function keep(w: W, id: number, held: 0 | 1): void {
  const m = w.s.mine[id];
  if (!m) return;
  if (held) m.h = 1;
  else delete m.h;
  store.setMine(id, m);
}

// Where the reader's own comments stand, asked with their edit tokens: held ones are shown
// to their author, rejected ones said so, the others forgotten as held.
export async function askMine(w: W, ids: (string | number)[]): Promise<void> {
  let r: { items: MineStatus[] };
  try {
    r = await w.A.mine(ids.map((id) => ({ id: +id, edit_token: w.s.mine[id].t })));
  } catch (e) {
    return;
  }
  for (const x of r.items) {
    const v = w.views.get(x.id);
    if (x.status === 'held' && x.comment) {
      keep(w, x.id, 1);
      if (!v || v.st !== 1) placeHeld(w, x.comment, x.reasons || []);
    } else if (x.status === 'published') keep(w, x.id, 0);
    else if (x.status === 'rejected') {
      keep(w, x.id, 0); // said once; still the author's if a moderator approves it after all
      if (v) v.st !== 2 && markHeld(w, redraw(w, v, v.c), null);
      else w.list.before(h('p', { class: 'nt er', role: 'status' }, w.I.reasons(x.reasons || [])));
    } else {
      store.setMine(x.id, null);
      w.s.mine = store.mine();
      removed(w, x.id);
    }
  }
}

// The "new comments" bar pressed: they go in place, the focus on the first one in reading order.
export function showPending(w: W): void {
  // Oldest first and the end of the thread not loaded: they come with the next pages.
  if (atEnd(w.s) && w.s.cursor) return void load(w, false);
  let first: View | null = null;
  for (const c of takePending(w.s)) {
    const v = place(w, c, false); // counted on arrival: still in `seen`, so not counted again
    if (v && (!first || !atEnd(w.s))) first = v;
  }
  updateBar(w);
  if (first) first.li.focus();
}

// The server says it may have missed changes (or the stream was down): the shown part of the
// thread is asked for again and merged in place, as live events would have been (new
// comments behind the bar, changes and removals where they are): open forms, drafts, the
// sort and the scroll stay. A reset during a resync runs it once more.
async function resync(w: W) {
  if (w.syncing) return void (w.again = true);
  w.syncing = true;
  try {
    do {
      w.again = false;
      const ticket = w.s.loads;
      const shown = w.list.children.length;
      const p = await w.A.page(w.s.sort, Math.min(1000, Math.max(w.cfg.limit, shown)), DEPTH, null);
      if (ticket !== w.s.loads) return; // a load started meanwhile: it is fresh anyway
      mergeFresh(w, p);
    } while (w.again);
  } catch (e) {
    // the next reset, or the reader, loads again
  } finally {
    w.syncing = false;
  }
}

function mergeFresh(w: W, p: Page) {
  const gone = stale(p);
  for (const [id, v] of [...w.views]) {
    if (v.st) continue;
    let top: Element = v.li;
    while (top.parentElement && top.parentElement !== w.list) top = top.parentElement;
    if (gone(id, Number(top.id.slice(1)))) removed(w, id);
  }
  const visit = (cs: Comment[]) => {
    for (const c of cs) {
      incoming(w, c);
      if (c.replies && w.views.has(c.id)) visit(c.replies);
    }
  };
  visit(p.comments);
  if (p.thread.closed && !w.s.closed) setClosed(w);
  setCount(w, p.thread.count);
}

// Live updates start once the widget is (nearly) on screen: a reader who never scrolls to
// the comments never opens the stream.
export function startLive(w: W): void {
  let started = false;
  let baseline = true;
  const go = () => {
    if (started) return;
    started = true;
    live(
      w.A.eventsUrl(),
      (c) => incoming(w, c),
      (n) => setCount(w, n),
      (id) => removed(w, id),
      () => resync(w),
      async () => {
        const p = await w.A.page('newest', 20, DEPTH, null);
        polled(w.s, p.comments, baseline).forEach((c) => incoming(w, c));
        baseline = false;
      },
    );
  };
  if (typeof IntersectionObserver !== 'function') return go();
  const io = new IntersectionObserver(
    (es) => {
      if (es.some((e) => e.isIntersecting)) {
        io.disconnect();
        go();
      }
    },
    { rootMargin: '400px' },
  );
  io.observe(w.host);
}
