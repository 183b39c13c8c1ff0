// Live updates merged into the thread: comments that arrive (live, polled, or the reader's own
// post's answer) go in place, in sort order, or wait behind the "new comments" bar; changes and
// removals are applied where the comments are; the reader's held comments are followed; a
// resync merges the shown part of the thread afresh. The decisions are state.ts's.
import { A, I, s, setCount, View, views, w } from './context';
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
export function place(c: Comment, own: boolean): View | null {
  const known = views.get(c.id);
  // Drawn from the live event before the post's answer came: the author's version wins (drawn
  // again with its edit buttons), unless it is drawn already as the author's held or refused one.
  if (known) return own && !known.st ? redraw(known, c) : known;
  if (!s.seen.has(c.id)) setCount(s.count + 1);
  s.pending = s.pending.filter((p) => p.id !== c.id);
  updateBar();
  let v: View;
  if (c.parent == null) {
    v = renderTree(c, 0);
    if (atEnd(s)) w.list.append(v.li);
    else w.list.prepend(v.li);
  } else {
    const p = views.get(c.parent);
    if (!p) return null;
    if (p.level < DEPTH) {
      v = renderTree(c, p.level + 1);
      repliesOf(p).append(v.li);
    } else {
      // Past DEPTH a reply is shown flat beside its parent, "en réponse à" naming whom it answers.
      if (!c.reply_to) c.reply_to = { id: p.c.id, author: p.c.author };
      v = renderTree(c, p.level);
      (p.li.parentElement as HTMLElement).append(v.li);
    }
  }
  if (!own) v.li.classList.add('nw');
  if (c.parent == null) placeOrphans();
  return v;
}

function placeOrphans() {
  const rest: Comment[] = [];
  for (const o of s.orphans) if (!(o.parent != null && views.has(o.parent) && place(o, false))) rest.push(o);
  s.orphans = rest;
}

// A comment that someone else just posted, or changed (live or polled).
export function incoming(c: Comment): void {
  const known = views.get(c.id);
  if (known) return update(known, c);
  const to = arrive(s, c, (id) => views.has(id));
  if (to === 'place') place(c, false); // a reply to a comment on screen goes in place
  if (to === 'wait') {
    setCount(s.count);
    updateBar();
  }
}

// A comment on screen that changed elsewhere (edited, voted on, deleted, published again).
function update(v: View, c: Comment) {
  const to = change(c, v.st, v.c.deleted);
  if (to === 'back') {
    keep(c.id, 0);
    redraw(v, c);
  } else if (to === 'gone') {
    takeOut(v);
    setCount(s.count - 1);
  } else if (to === 'edit') {
    const body = v.art.querySelector('.b') as HTMLElement | null;
    if (body && c.html !== v.c.html) setHtml(body, c.html);
    if (c.edited_at) markEdited(v);
    setVotes(v, c.upvotes, c.downvotes);
    v.c.html = c.html;
    v.c.edited_at = c.edited_at;
  }
}

// A comment taken out of the thread by moderation: it goes, or leaves a tombstone where
// replies hang; the "count" event that follows sets the header.
export function removed(id: number): void {
  unqueue(s, id);
  updateBar();
  const v = views.get(id);
  if (!v || v.c.deleted) return;
  if (s.mine[id]) return void askMine([id]); // held (shown to its author) or rejected
  if (takeOut(v)) s.seen.delete(id); // approved again, it comes back
}

// Shows the author's held comment where it belongs (null if its parent is not shown).
export function placeHeld(c: Comment, why: Reason[]): View | null {
  const known = views.get(c.id);
  s.seen.add(c.id); // not counted: the thread's count is of published comments
  const v = known ? redraw(known, c) : place(c, true);
  if (!v) s.seen.delete(c.id);
  return v && markHeld(v, why);
}

// Remembers whether one of the reader's comments waits for review.
export function keep(id: number, held: 0 | 1): void {
  const m = s.mine[id];
  if (!m) return;
  if (held) m.h = 1;
  else delete m.h;
  store.setMine(id, m);
}

// Where the reader's own comments stand, asked with their edit tokens: held ones are shown
// to their author, rejected ones said so, the others forgotten as held.
export async function askMine(ids: (string | number)[]): Promise<void> {
  let r: { items: MineStatus[] };
  try {
    r = await A.mine(ids.map((id) => ({ id: +id, edit_token: s.mine[id].t })));
  } catch (e) {
    return;
  }
  for (const x of r.items) {
    const v = views.get(x.id);
    if (x.status === 'held' && x.comment) {
      keep(x.id, 1);
      if (!v || v.st !== 1) placeHeld(x.comment, x.reasons || []);
    } else if (x.status === 'published') keep(x.id, 0);
    else if (x.status === 'rejected') {
      keep(x.id, 0); // said once; still the author's if a moderator approves it after all
      if (v) v.st !== 2 && markHeld(redraw(v, v.c), null);
      else w.list.before(h('p', { class: 'nt er', role: 'status' }, I.reasons(x.reasons || [])));
    } else {
      store.setMine(x.id, null);
      s.mine = store.mine();
      removed(x.id);
    }
  }
}

// The "new comments" bar pressed: they go in place, the focus on the first one in reading order.
export function showPending(): void {
  // Oldest first and the end of the thread not loaded: they come with the next pages.
  if (atEnd(s) && s.cursor) return void load(false);
  let first: View | null = null;
  for (const c of takePending(s)) {
    const v = place(c, false); // counted on arrival: still in `seen`, so not counted again
    if (v && (!first || !atEnd(s))) first = v;
  }
  updateBar();
  if (first) first.li.focus();
}

// The server says it may have missed changes (or the stream was down): the shown part of the
// thread is asked for again and merged in place, as live events would have been (new
// comments behind the bar, changes and removals where they are): open forms, drafts, the
// sort and the scroll stay. A reset during a resync runs it once more.
async function resync() {
  if (w.syncing) return void (w.again = true);
  w.syncing = true;
  try {
    do {
      w.again = false;
      const ticket = s.loads;
      const shown = w.list.children.length;
      const p = await A.page(s.sort, Math.min(1000, Math.max(w.cfg.limit, shown)), DEPTH, null);
      if (ticket !== s.loads) return; // a load started meanwhile: it is fresh anyway
      mergeFresh(p);
    } while (w.again);
  } catch (e) {
    // the next reset, or the reader, loads again
  } finally {
    w.syncing = false;
  }
}

function mergeFresh(p: Page) {
  const gone = stale(p);
  for (const [id, v] of [...views]) {
    if (v.st) continue;
    let top: Element = v.li;
    while (top.parentElement && top.parentElement !== w.list) top = top.parentElement;
    if (gone(id, +top.id.slice(1))) removed(id);
  }
  const visit = (cs: Comment[]) => {
    for (const c of cs) {
      incoming(c);
      if (c.replies && views.has(c.id)) visit(c.replies);
    }
  };
  visit(p.comments);
  if (p.thread.closed && !s.closed) setClosed();
  setCount(p.thread.count);
}

// Live updates start once the widget is (nearly) on screen: a reader who never scrolls to
// the comments never opens the stream.
export function startLive(): void {
  let baseline = true;
  // Runs once: the observer is disconnected before it calls go, and calls nothing after that.
  const go = () =>
    live(A.eventsUrl(), incoming, setCount, removed, resync, async () => {
      const p = await A.page('newest', 20, DEPTH, null);
      polled(s, p.comments, baseline).forEach(incoming);
      baseline = false;
    });
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
