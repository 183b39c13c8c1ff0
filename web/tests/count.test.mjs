// count.js on an article list: every [data-palabre-count] element gets its thread's count,
// in French or English, from one request to /api/v1/counts (chunked past 100 keys).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  if (env) await env.stop();
});

let seq = 0;
const say = () => `Merci pour cet article clair, numéro ${++seq}.`;

async function openList(keys, lang) {
  const page = await env.browser.newPage();
  const requests = [];
  page.on('request', (r) => {
    if (r.url().startsWith(env.api + '/api/')) requests.push(r.url());
  });
  const q = new URLSearchParams({ keys: keys.join('|'), ...(lang ? { lang } : {}) });
  await page.goto(`${env.hostOrigin}/list?${q}`);
  await page.waitForFunction(() => [...document.querySelectorAll('.n')].every((e) => e.textContent !== '…'));
  const texts = await page.locator('.n').allTextContents();
  return { page, requests, texts };
}

test('fills "N commentaires" on a list of articles in one request, French and English plurals', async () => {
  const none = env.key('none');
  const one = env.key('one');
  const two = env.key('two');
  const many = env.key('many'); // a key with characters to encode
  const manyKey = `${many}, été & co/2`;
  await env.post(one, { author: 'Moussa Keïta', text: say() });
  const a = await env.post(two, { author: 'Moussa Keïta', text: say() });
  await env.post(two, { author: 'Fatou Diop', text: say(), parent: a.comment.id });
  for (let i = 0; i < 3; i++) await env.post(manyKey, { author: 'Awa', text: say() });

  const fr = await openList([none, one, two, manyKey, one]);
  assert.deepEqual(fr.texts, ['0 commentaire', '1 commentaire', '2 commentaires', '3 commentaires', '1 commentaire']);
  assert.equal(fr.requests.length, 1, fr.requests.join('\n'));
  assert.match(fr.requests[0], /\/api\/v1\/counts\?site=test&keys=/);
  await fr.page.close();

  const en = await openList([none, one, two], 'en');
  assert.deepEqual(en.texts, ['0 comments', '1 comment', '2 comments']);
  await en.page.close();
});

test('more keys than the endpoint takes are asked for in chunks of 100', async () => {
  const keys = Array.from({ length: 130 }, (_, i) => `liste-${process.pid}-${i}`);
  await env.post(keys[120], { author: 'Moussa Keïta', text: say() });
  const { page, requests, texts } = await openList(keys);
  assert.equal(requests.length, 2);
  assert.equal(texts.length, 130);
  assert.equal(texts[120], '1 commentaire');
  assert.equal(texts.filter((t) => t === '0 commentaire').length, 129);
  await page.close();
});
