// The widget's words, without a browser: every error code of the API has a French and an
// English message, moderation reasons are said in plain words, counts agree in number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { join } from 'node:path';
import { WEB } from './harness.mjs';

async function load() {
  const out = await build({
    stdin: {
      contents:
        "export { i18n } from './i18n'; export { ERROR_CODES } from './error_codes'; export { CONSOLE_ONLY } from './console_codes';",
      resolveDir: join(WEB, 'src'),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
}
const { i18n, ERROR_CODES, CONSOLE_ONLY } = await load();
const fr = i18n('fr');
const en = i18n('en');

test('every error code a reader can meet has its own message in French and in English', () => {
  assert.ok(ERROR_CODES.length >= 30);
  const generic = fr.error('a_code_that_does_not_exist');
  const reader = ERROR_CODES.filter((c) => !CONSOLE_ONLY.includes(c));
  assert.ok(reader.length >= 30);
  for (const code of CONSOLE_ONLY) {
    assert.ok(ERROR_CODES.includes(code), `${code} is an API code`);
    assert.equal(fr.error(code, 'message du serveur'), 'message du serveur', `${code}: the server's words`);
  }
  for (const code of reader) {
    const f = fr.error(code);
    const e = en.error(code);
    assert.ok(f.length > 10 && e.length > 10, code);
    assert.notEqual(f, e, `${code} is translated`);
    if (code !== 'internal') assert.notEqual(f, generic, `${code} has its own message`);
  }
  const messages = reader.filter((c) => !['rate_limited', 'unavailable'].includes(c)).map((c) => fr.error(c));
  assert.equal(new Set(messages).size, messages.length, 'no two codes say the same thing');
});

test('the key messages say what issue 5 asks for', () => {
  assert.equal(fr.t('held'), 'Votre commentaire sera publié après vérification.');
  assert.equal(fr.t('rateIn', { n: 42 }), 'Vous publiez trop vite, réessayez dans 42 secondes.');
  assert.equal(fr.t('rateIn1'), 'Vous publiez trop vite, réessayez dans 1 seconde.');
  assert.equal(fr.error('text_too_long').replace(/\u00a0/g, ' '), 'Votre commentaire dépasse 5 000 caractères : raccourcissez-le.');
});

test('an unknown code falls back to the server\'s own message', () => {
  assert.equal(fr.error('new_code_from_a_newer_server', 'Message du serveur.'), 'Message du serveur.');
  assert.equal(fr.error('new_code_from_a_newer_server'), fr.error('internal'));
});

test('moderation reasons are said in plain words, each once', () => {
  assert.equal(fr.reasons([{ code: 'link' }]), 'Votre commentaire n’a pas été publié : il contient un lien.');
  assert.equal(
    fr.reasons([{ code: 'phone' }, { code: 'spam' }, { code: 'link' }, { code: 'link' }]),
    'Votre commentaire n’a pas été publié : il contient un numéro de téléphone, il ressemble à de la publicité et il contient un lien.',
  );
  assert.equal(en.reasons([{ code: 'threat' }, { code: 'insult' }]), 'Your comment was not published: it contains threats and it contains insults.');
  assert.equal(fr.reasons([{ code: 'incitement' }]), 'Votre commentaire n’a pas été publié : il appelle à la violence.');
  assert.equal(en.reasons([{ code: 'terrorism_apologia' }]), 'Your comment was not published: it glorifies terrorism.');
  // A reason the widget does not know yet: the server's detail, else the general rule.
  assert.equal(fr.reasons([{ code: 'new_check', detail: 'il cite une source interdite' }]),
    'Votre commentaire n’a pas été publié : il cite une source interdite.');
  assert.equal(fr.reasons([]), fr.error('rejected'));
  // The reason codes of docs/moderation/checks.md.
  for (const code of ['empty', 'too_long', 'too_many_lines', 'duplicate', 'copy_paste', 'flood', 'link', 'phone',
    'email', 'contact', 'shouting', 'banned_word', 'suspect_word', 'threat', 'hate', 'insult', 'spam', 'toxic',
    'off_topic', 'incitement', 'terrorism_apologia']) {
    assert.doesNotMatch(fr.reasons([{ code }]), /undefined|: \.$/, code);
    assert.notEqual(fr.reasons([{ code }]), fr.error('rejected'), `${code} has words`);
  }
});

test('counts agree in number', () => {
  const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');
  assert.equal(fr.count(0), 'Aucun commentaire');
  assert.equal(fr.count(1), '1 commentaire');
  assert.equal(fr.count(2), '2 commentaires');
  assert.equal(plain(fr.count(1234)), '1 234 commentaires');
  assert.equal(en.count(0), 'No comments');
  assert.equal(en.count(1), '1 comment');
  assert.equal(en.count(1234), '1,234 comments');
  assert.equal(fr.t('new1'), '1 nouveau commentaire');
  assert.equal(fr.t('newN', { n: 3 }), '3 nouveaux commentaires');
});
