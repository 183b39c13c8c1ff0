// The console's pure helpers, without a browser: UTF-8 byte offsets to string indexes (the
// pipeline's spans), highlight segments, keyboard commands, settings parsing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { join } from 'node:path';
import { WEB } from './harness.mjs';

const out = await build({
  entryPoints: [join(WEB, 'admin', 'text.ts')],
  bundle: true,
  format: 'esm',
  write: false,
  logLevel: 'silent',
});
const T = await import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));

const bytes = (s) => Buffer.byteLength(s, 'utf8');
// The byte offset of the substring `needle` in `s` and its end.
const span = (s, needle) => {
  const i = s.indexOf(needle);
  assert.ok(i >= 0, needle);
  return [bytes(s.slice(0, i)), bytes(s.slice(0, i + needle.length))];
};

test('utf8Length agrees with Buffer.byteLength', () => {
  for (const s of ['', 'abc', 'é', 'Traoré', '€', '😀', 'a😀b', 'ﷺ', '\u202e', 'ڪ😀é\u200b']) {
    assert.equal(T.utf8Length(s), bytes(s), JSON.stringify(s));
  }
});

test('byte offsets map to string indexes for 1-, 2-, 3- and 4-byte characters', () => {
  const s = 'aé€😀b';
  // bytes:  a=0 é=1..2 €=3..5 😀=6..9 b=10 end=11 ; indexes: a0 é1 €2 😀3,4 b5 end6
  assert.deepEqual(T.byteToIndex(s, [0, 1, 3, 6, 10, 11]), [0, 1, 2, 3, 5, 6]);
  // Unsorted input keeps its order.
  assert.deepEqual(T.byteToIndex(s, [10, 0, 6]), [5, 0, 3]);
  // Past the end: the length; negative or NaN: 0.
  assert.deepEqual(T.byteToIndex(s, [99, -4, NaN]), [6, 0, 0]);
  // Inside a character: its start, or its end when rounding up.
  assert.deepEqual(T.byteToIndex(s, [2, 4, 7, 8]), [1, 2, 3, 3]);
  assert.deepEqual(T.byteToIndex(s, [2, 4, 7, 8], true), [2, 3, 5, 5]);
});

test('every substring of a mixed text is found back from its byte span', () => {
  const s = 'Ça coûte 16 000 F — 😡 scandale! ארץ \u202eevil\u202c fin';
  const cps = Array.from(s);
  for (let a = 0; a < cps.length; a++) {
    for (let b = a + 1; b <= cps.length; b++) {
      const sub = cps.slice(a, b).join('');
      const pre = cps.slice(0, a).join('');
      const range = T.spanRanges(s, [[bytes(pre), bytes(pre) + bytes(sub)]]);
      assert.deepEqual(range, [[pre.length, pre.length + sub.length]]);
    }
  }
});

test('segments: marked pieces from byte spans, merged, clamped, in order', () => {
  const s = 'Appelez le 76 12 34 56 ou écrivez à spam@exemple.ml 😀 merci';
  const seg = T.segments(s, [span(s, 'spam@exemple.ml'), span(s, '76 12 34 56')]);
  assert.deepEqual(seg.filter((x) => x.mark).map((x) => x.text), ['76 12 34 56', 'spam@exemple.ml']);
  assert.equal(seg.map((x) => x.text).join(''), s, 'nothing lost or repeated');
  // Overlapping and touching spans merge; empty, reversed and junk spans are ignored.
  const t = 'abcdefgh';
  const merged = T.segments(t, [[1, 3], [2, 5], [5, 6], [7, 7], [8, 2], ['x', 3], null]);
  assert.deepEqual(merged, [
    { text: 'a', mark: false },
    { text: 'bcdef', mark: true },
    { text: 'gh', mark: false },
  ]);
  // Spans past the end are clamped; no spans: one plain segment.
  assert.deepEqual(T.segments('été', [[2, 99]]), [{ text: 'é', mark: false }, { text: 'té', mark: true }]);
  assert.deepEqual(T.segments('', []), [{ text: '', mark: false }]);
  // A span that starts in the middle of a character widens to the whole character.
  assert.deepEqual(T.segments('a😀b', [[2, 3]]), [{ text: 'a', mark: false }, { text: '😀', mark: true }, { text: 'b', mark: false }]);
});

test('keyboard: one key per command, no modifiers; reasons by number', () => {
  assert.equal(T.command({ key: 'j' }), 'next');
  assert.equal(T.command({ key: 'k' }), 'prev');
  assert.equal(T.command({ key: 'a' }), 'approve');
  assert.equal(T.command({ key: 'A' }), 'bulkApprove');
  assert.equal(T.command({ key: 'r' }), 'reject');
  assert.equal(T.command({ key: 'R' }), 'bulkReject');
  assert.equal(T.command({ key: 'b' }), 'ban');
  assert.equal(T.command({ key: 'x' }), 'toggle');
  assert.equal(T.command({ key: 'c' }), 'cluster');
  assert.equal(T.command({ key: 'a', ctrlKey: true }), null, 'Ctrl+A stays select-all');
  assert.equal(T.command({ key: 'r', metaKey: true }), null, 'Cmd+R stays reload');
  assert.equal(T.command({ key: 'z' }), null);
  assert.deepEqual(T.REJECT_REASONS, ['spam', 'threat', 'hate', 'harassment', 'off_topic', 'illegal', 'other']);
  assert.equal(T.reasonForKey('1'), 'spam');
  assert.equal(T.reasonForKey('7'), 'other');
  assert.equal(T.reasonForKey('8'), null);
  assert.equal(T.reasonForKey('0'), null);
  assert.equal(T.reasonForKey('a'), null);
});

test('keyboard help: every key of the table, each command once, with all its keys', () => {
  const help = T.keyHelp();
  const commands = help.map((x) => x.command);
  assert.equal(new Set(commands).size, commands.length, 'one line per command');
  assert.deepEqual(help.flatMap((x) => x.keys).sort(), T.KEYS.map(([k]) => k).sort(), 'every key once');
  for (const { command, keys } of help) for (const key of keys) assert.equal(T.command({ key }), command);
  assert.deepEqual(help.find((x) => x.command === 'next').keys, ['j', 'ArrowDown']);
  assert.ok(commands.includes('open'));
});

test('settings: word lists, per-check overrides, numbers', () => {
  assert.deepEqual(T.lines('  arnaque \n\nviagra\r\narnaque\n  '), ['arnaque', 'viagra']);
  assert.deepEqual(T.parseChecks('# comment\nshouting.enabled = false\n toxicity.threat_reject=0.9 \n'), {
    checks: { 'shouting.enabled': 'false', 'toxicity.threat_reject': '0.9' },
  });
  assert.deepEqual(T.parseChecks('shouting.enabled = false\nnot a line'), { line: 2 });
  assert.deepEqual(T.parseChecks('enabled = true'), { line: 1 }, 'a key needs its check');
  assert.equal(T.formatChecks({ 'b.x': '1', 'a.y': 'z' }), 'a.y = z\nb.x = 1');
  assert.equal(T.intIn('3', 1, 10), 3);
  assert.equal(T.intIn(' 0 ', 0, 10), 0);
  assert.equal(T.intIn('-1', 0, 10), null);
  assert.equal(T.intIn('2.5', 0, 10), null);
  assert.equal(T.intIn('11', 0, 10), null);
  assert.equal(T.intIn('', 0, 10), null);
});

test('report helpers: axis maximum and durations', () => {
  assert.equal(T.niceMax(0), 1);
  assert.equal(T.niceMax(7), 10);
  assert.equal(T.niceMax(13), 20);
  assert.equal(T.niceMax(40), 50);
  assert.equal(T.niceMax(100), 100);
  assert.equal(T.duration(42_000, 'fr'), '42 s');
  assert.equal(T.duration(12 * 60_000, 'fr'), '12 min');
  assert.equal(T.duration(185 * 60_000, 'fr'), '3 h 05');
  assert.equal(T.duration(5 * 86_400_000, 'fr'), '5 j');
  assert.equal(T.duration(5 * 86_400_000, 'en'), '5 d');
});
