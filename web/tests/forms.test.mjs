// The widget's checks before sending and its error sentences, without a browser
// (src/forms.ts, src/context.ts): characters counted as the server counts them, the first
// problem of a comment, and what each kind of failure says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { join } from 'node:path';
import { WEB } from './harness.mjs';

const out = await build({
  stdin: {
    contents:
      "export { chars, invalid, MAX } from './forms'; export { errorText } from './context'; export { ApiError } from './api'; export { i18n } from './i18n';",
    resolveDir: join(WEB, 'src'),
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  write: false,
  logLevel: 'silent',
});
const F = await import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));

test('characters are code points of the NFC text, as the server counts them', () => {
  assert.equal(F.chars('abc'), 3);
  assert.equal(F.chars('😀'), 1, 'a surrogate pair is one character');
  assert.equal(F.chars('e\u0301'), 1, 'a combining accent composes (NFC)');
  assert.equal(F.chars(''), 0);
});

test('a comment is checked before it is sent: text first, then the name', () => {
  assert.equal(F.invalid('  \n ', ''), 'text_empty');
  assert.equal(F.invalid('x'.repeat(F.MAX + 1), ''), 'text_too_long');
  assert.equal(F.invalid('😀'.repeat(F.MAX), 'Awa'), '', 'MAX characters, not UTF-16 units');
  assert.equal(F.invalid('Bonjour', ''), 'author_missing');
  assert.equal(F.invalid('Bonjour', 'Awa'), '');
  assert.equal(F.invalid('Bonjour'), '', 'an edit has no name to check');
  assert.equal(F.invalid(' '), 'text_empty');
});

test('each failure says what happened, and when to try again', () => {
  const I = F.i18n('fr');
  const E = (code, retry = 0, reasons = []) => new F.ApiError(400, code, 'message du serveur', reasons, retry);
  assert.equal(F.errorText(I, new Error('CSP')), I.t('broken'));
  assert.equal(F.errorText(I, E('network')), I.t('network'));
  assert.equal(F.errorText(I, E('rejected', 0, [{ code: 'link' }])), I.reasons([{ code: 'link' }]));
  assert.equal(F.errorText(I, E('rate_limited', 1)), I.t('rateIn1'));
  assert.equal(F.errorText(I, E('rate_limited', 42)), I.t('rateIn', { n: 42 }));
  assert.equal(F.errorText(I, E('rate_limited')), I.error('rate_limited'));
  assert.equal(F.errorText(I, E('unavailable', 9)), I.t('unavailableIn', { n: 9 }));
  assert.equal(F.errorText(I, E('thread_closed')), I.error('thread_closed'));
  assert.equal(F.errorText(I, E('a_newer_code')), 'message du serveur');
});
