// The console queue's state without a browser (admin/queue_state.ts): the query a tab and its
// filters ask, where the selection goes after a decision, what can be approved, clusters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { join } from 'node:path';
import { WEB } from './harness.mjs';

const out = await build({
  stdin: { contents: "export * from './queue_state';", resolveDir: join(WEB, 'admin'), loader: 'ts' },
  bundle: true,
  format: 'esm',
  write: false,
  logLevel: 'silent',
});
const Q = await import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));

const row = (id) => ({ item: { id } });

test('a new queue screen starts on the held tab, oldest first, unfiltered, nothing listed', () => {
  const st = Q.queueState();
  assert.equal(st.status, 'held');
  assert.deepEqual(st.filters, { site: '', reason: '', thread: '', order: 'oldest', q: '' });
  const l = Q.queueList();
  assert.equal(l.sel, -1);
  assert.equal(l.rows.length, 0);
  assert.equal(l.checked.size, 0);
});

test('the query carries the tab, the filters and the page; automatic rejections are newest first', () => {
  const st = Q.queueState();
  st.filters.site = 'journal';
  st.filters.q = 'riz';
  st.filters.order = 'oldest';
  assert.deepEqual(Q.query(st, 'c1'), {
    status: 'held', site: 'journal', reason: '', thread: '', q: 'riz', order: 'oldest', cursor: 'c1', limit: 50,
  });
  st.status = 'auto_rejected';
  assert.equal(Q.query(st, null).order, 'newest');
  assert.equal(Q.query(st, null).cursor, null);
});

test('the selection stays within the list', () => {
  assert.equal(Q.clamp(5, 3), 2);
  assert.equal(Q.clamp(-1, 3), 0);
  assert.equal(Q.clamp(1, 3), 1);
  assert.equal(Q.clamp(0, 0), -1);
});

test('after a decision the selection goes to the next comment left, else the one before', () => {
  const rows = [row(1), row(2), row(3), row(4)];
  assert.equal(Q.keptAfter(rows, 1, new Set([2])).item.id, 3);
  assert.equal(Q.keptAfter(rows, 1, new Set([2, 3])).item.id, 4);
  assert.equal(Q.keptAfter(rows, 3, new Set([4])).item.id, 3, 'the last one gone: the one before');
  assert.equal(Q.keptAfter(rows, 2, new Set([3, 4])).item.id, 2);
  assert.equal(Q.keptAfter(rows, -1, new Set([1])).item.id, 2, 'no selection: the first left');
  assert.equal(Q.keptAfter(rows, 0, new Set([1, 2, 3, 4])), undefined);
});

test('approving does something only where it changes a status, dismisses reports or ends a review', () => {
  assert.equal(Q.approvable({ status: 'held' }), true);
  assert.equal(Q.approvable({ status: 'rejected' }), true);
  assert.equal(Q.approvable({ status: 'published' }), false);
  assert.equal(Q.approvable({ status: 'published', open_reports: 2 }), true);
  assert.equal(Q.approvable({ status: 'published', open_reports: 0, review: true }), true);
  assert.equal(Q.falsePositive({ status: 'rejected', auto_rejected: true }), true);
  assert.equal(Q.falsePositive({ status: 'rejected' }), false);
  assert.equal(Q.falsePositive({ status: 'held', auto_rejected: true }), false);
});

test('clusters: a member names its root, a root is one when listed members name it', () => {
  const items = [{ id: 1 }, { id: 2, cluster: 1 }, { id: 3 }];
  assert.equal(Q.clusterOf(items[1], items), 1);
  assert.equal(Q.clusterOf(items[0], items), 1);
  assert.equal(Q.clusterOf(items[2], items), null);
});

test('a ban takes out the listed comments of the same author on the same site', () => {
  const items = [
    { id: 1, site: 'a', author: 'Moussa' },
    { id: 2, site: 'b', author: 'Moussa' },
    { id: 3, site: 'a', author: 'Awa' },
    { id: 4, site: 'a', author: 'Moussa' },
  ];
  assert.deepEqual(Q.sameAuthor(items, items[0]), [1, 4]);
});
