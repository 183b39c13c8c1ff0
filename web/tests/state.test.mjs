// The widget's thread state without a browser (src/state.ts): where a live comment goes, how a
// changed one is applied, the bar's order, folding, polling's floor, a resync's removals, the
// edit window and relative times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { join } from 'node:path';
import { WEB } from './harness.mjs';

async function load() {
  const out = await build({
    stdin: { contents: "export * from './state';", resolveDir: join(WEB, 'src'), loader: 'ts' },
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
}
const S = await load();

const c = (id, parent = null, more = {}) => ({ id, parent, deleted: false, replies: [], ...more });
const fresh = (sort = 'oldest') => S.threadState(sort, {}, {});

test('a live comment whose parent is shown goes in place, uncounted until placed', () => {
  const s = fresh();
  assert.equal(S.arrive(s, c(7, 3), (id) => id === 3), 'place');
  assert.equal(s.count, 0);
  assert.equal(s.maxId, 7);
  assert.deepEqual(s.pending, []);
  assert.deepEqual(s.orphans, []);
});

test('a new top-level comment waits behind the bar, a reply to a comment not shown as an orphan; each counted once', () => {
  const s = fresh();
  const none = () => false;
  assert.equal(S.arrive(s, c(5), none), 'wait');
  assert.equal(S.arrive(s, c(6, 99), none), 'wait');
  assert.equal(s.count, 2);
  assert.deepEqual(s.pending.map((x) => x.id), [5]);
  assert.deepEqual(s.orphans.map((x) => x.id), [6]);
  // The same event again (SSE and a poll both saw it): not counted twice.
  assert.equal(S.arrive(s, c(5), none), 'skip');
  assert.equal(s.count, 2);
  assert.equal(s.pending.length, 1);
  // Deleted before it was ever shown: nothing to do.
  assert.equal(S.arrive(s, c(8, null, { deleted: true }), none), 'skip');
  assert.equal(s.count, 2);
  assert.equal(s.maxId, 6);
});

test('the bar shows its comments oldest first, and empties', () => {
  const s = fresh('newest');
  for (const id of [12, 10, 11]) S.arrive(s, c(id), () => false);
  assert.deepEqual(S.takePending(s).map((x) => x.id), [10, 11, 12]);
  assert.deepEqual(s.pending, []);
});

test('new top-level comments go at the end only when sorted oldest first', () => {
  assert.equal(S.atEnd(fresh('oldest')), true);
  assert.equal(S.atEnd(fresh('newest')), false);
  assert.equal(S.atEnd(fresh('best')), false);
});

test('a comment taken out leaves the waiting lists', () => {
  const s = fresh();
  S.arrive(s, c(1), () => false);
  S.arrive(s, c(2, 40), () => false);
  S.arrive(s, c(3), () => false);
  S.unqueue(s, 1);
  S.unqueue(s, 2);
  assert.deepEqual(s.pending.map((x) => x.id), [3]);
  assert.deepEqual(s.orphans, []);
  s.cursor = 'abc';
  S.restart(s);
  assert.equal(s.cursor, null);
  assert.deepEqual(s.pending, []);
});

test('a changed comment: published again comes back, a tombstone stays, a deletion goes, an edit applies', () => {
  // Held (1) or refused (2) on its author's screen, then published: drawn anew.
  assert.equal(S.change(c(1), 1, false), 'back');
  assert.equal(S.change(c(1), 2, false), 'back');
  // Shown as deleted (unpublished, a tombstone), then approved again.
  assert.equal(S.change(c(1), undefined, true), 'back');
  assert.equal(S.change(c(1, null, { deleted: true }), undefined, true), 'skip');
  assert.equal(S.change(c(1, null, { deleted: true }), undefined, false), 'gone');
  assert.equal(S.change(c(1), undefined, false), 'edit');
});

test('a branch folds only when it would hide two replies or more', () => {
  assert.equal(S.folded(0), 0);
  assert.equal(S.folded(S.FEW), 0);
  assert.equal(S.folded(S.FEW + 1), 0);
  assert.equal(S.folded(S.FEW + 2), 2);
  assert.equal(S.folded(20), 20 - S.FEW);
});

test('polling: the first poll only sets the floor; later ones return what is newer, parents first', () => {
  const s = fresh();
  const page = [c(4, null, { replies: [c(9, 4)] }), c(3)];
  assert.deepEqual(S.polled(s, page, true), []);
  assert.equal(s.maxId, 9);
  const next = [c(11, null, { replies: [c(12, 11)] }), c(4, null, { replies: [c(9, 4), c(10, 4)] })];
  assert.deepEqual(S.polled(s, next, false).map((x) => x.id), [11, 12, 10]);
  assert.equal(s.maxId, 12);
  assert.deepEqual(S.polled(s, next, false), []);
});

test('a resync removes what its page should list and does not', () => {
  const page = { thread: {}, comments: [c(1, null, { replies: [c(2, 1)] })], next_cursor: 'more' };
  const gone = S.stale(page);
  assert.equal(gone(2, 1), false, 'still there');
  assert.equal(gone(3, 1), true, 'a reply of a listed root, missing');
  assert.equal(gone(5, 5), false, 'under a root past the page: unknown, kept');
  const whole = S.stale({ ...page, next_cursor: null });
  assert.equal(whole(5, 5), true, 'the page holds the whole thread');
});

test('the reader\'s own comments: editable within the window, held ones of this thread', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const s = S.threadState('oldest', {
    1: { t: 'a', x: 'un', at: now - 60000, k: 's/k', h: 1 },
    2: { t: 'b', x: 'deux', at: now - S.EDIT_MS - 1, k: 's/k' },
    3: { t: 'c', x: 'trois', at: now, k: 's/other', h: 1 },
  }, {});
  assert.equal(S.editable(s, 1, now).t, 'a');
  assert.equal(S.editable(s, 2, now), null);
  assert.equal(S.editable(s, 4, now), null);
  assert.deepEqual(S.heldHere(s, 's/k'), ['1']);
});

test('relative times: refreshed within the day, the server\'s words kept for older ones', () => {
  // Local times: "the same day" is the reader's day.
  const now = new Date(2026, 11, 1, 15, 0, 0).getTime();
  const at = (d, h, m, sec = 0) => new Date(2026, 11, d, h, m, sec).toISOString();
  assert.equal(S.ago(at(1, 14, 59, 40), now, 'fr', 'à l’instant'), 'à l’instant');
  assert.equal(S.ago(at(1, 14, 55), now, 'en', 'now'), '5 minutes ago');
  assert.equal(S.ago(at(1, 14, 55), now, 'fr', 'now'), 'il y a 5 minutes');
  assert.equal(S.ago(at(1, 12, 0), now, 'en', 'now'), '3 hours ago');
  assert.equal(S.ago(new Date(2026, 10, 28, 12).toISOString(), now, 'en', 'now'), '', 'another day');
  assert.ok(S.TICK_MS >= 10000 && S.TICK_MS <= 60000);
});
