// The reader's feed of the replies to their comments (docs/WIDGET.md, "Feed links"), in headless
// Chromium against a real `palabre serve`: a post sends the browser's reader token, the answer's
// feed is linked from the widget (rel="alternate", Atom) and kept for later visits, the feed holds
// the replies other readers wrote and nothing of the reader's own, and a reader who never posted
// from this browser sees no such link.
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

const LABEL = 'Réponses à vos commentaires';
const mainForm = (page) => page.locator('#palabre form.f:not(.rf):not(.ef)');
const repliesLink = (page) => page.locator('#palabre a[rel="alternate"]', { hasText: LABEL });

// Writes in `form` and publishes; resolves with the request's JSON body and the answer's.
async function publish(page, form, text, name) {
  await form.getByLabel(/^Votre (commentaire|réponse)/).fill(text);
  await form.getByLabel('Votre nom').fill(name);
  const sent = page.waitForRequest((r) => r.method() === 'POST' && /\/comments$/.test(r.url()));
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && /\/comments$/.test(r.url()));
  await form.getByRole('button', { name: 'Publier' }).click();
  const res = await answer;
  assert.ok([201, 202].includes(res.status()), `posted: ${res.status()}`);
  return { body: (await sent).postDataJSON(), data: await res.json() };
}

test('a reader who posted gets the feed of the replies to their comments, linked from the widget', async () => {
  const key = env.key('replies');
  const ownText = 'Le marché de Médina rouvre lundi, enfin.';
  const replyText = 'Bonne nouvelle, les commerçants attendaient depuis des mois.';

  // Reader A posts: the token goes with the post, the answer names the feed, the link shows.
  const a = await env.open(key);
  assert.equal(await repliesLink(a).count(), 0, 'no link before posting');
  const posted = await publish(a, mainForm(a), ownText, 'Awa');
  const token = await a.evaluate(() => JSON.parse(localStorage.getItem('palabre.voter')));
  assert.match(token, /^[0-9a-f]{32}$/);
  assert.equal(posted.body.token, token, 'the browser’s reader token is sent');
  assert.match(posted.data.replies_feed, /^\/api\/v1\/sites\/test\/replies\/[0-9a-f]{64}\/feed\.atom$/);
  const link = repliesLink(a);
  await link.waitFor();
  assert.equal(await link.getAttribute('type'), 'application/atom+xml');
  const href = await link.getAttribute('href');
  assert.equal(href, env.api + posted.data.replies_feed, 'absolute, on the API base as the thread’s feed');
  assert.notEqual(href, await a.locator('#palabre a[rel="alternate"]', { hasText: /^Atom$/ }).getAttribute('href'));
  assert.match(await link.getAttribute('title'), /qui a ce lien voit les réponses à vos commentaires/);

  // Reader B, another browser, replies to A's comment in the widget.
  const b = await env.open(key);
  const li = b.locator(`#palabre #c${posted.data.comment.id}`);
  await li.getByRole('button', { name: 'Répondre Awa' }).click();
  const reply = await publish(b, li.locator('form.rf'), replyText, 'Moussa');
  assert.notEqual(reply.body.token, token, 'each browser its own token');
  assert.equal(reply.data.comment.parent, posted.data.comment.id);
  // B posted too: B's own feed, not A's.
  await repliesLink(b).waitFor();
  assert.notEqual(await repliesLink(b).getAttribute('href'), href);

  // A's feed: Atom, B's reply in it, nothing of A's own text.
  const res = await fetch(href);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/atom\+xml/);
  const atom = await res.text();
  assert.match(atom, /^<\?xml[^>]*\?>\s*<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
  assert.match(atom, /<entry>/);
  assert.match(atom, /Bonne nouvelle, les commerçants attendaient depuis des mois\./);
  assert.doesNotMatch(atom, /Le marché de Médina rouvre lundi/);
  assert.match(atom, /<\/feed>\s*$/);

  // A comes back later: the link is still there, the same.
  await a.reload();
  await a.locator('#palabre h2').filter({ hasNotText: /Chargement/ }).waitFor();
  await repliesLink(a).waitFor();
  assert.equal(await repliesLink(a).getAttribute('href'), href);
  assert.equal(await a.locator('#palabre a[rel="alternate"]').count(), 2, 'the thread’s feed and the replies feed');

  // Reader C never posted from this browser: the thread's feed only.
  const c = await env.open(key);
  await c.locator('#palabre .c').first().waitFor();
  assert.equal(await c.locator('#palabre a[rel="alternate"]').count(), 1);
  assert.equal(await repliesLink(c).count(), 0);
  assert.equal(await c.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('palabre.feed.')).length), 0);

  for (const p of [a, b, c]) {
    assert.deepEqual(p.errors, []);
    await p.context().close();
  }
});

test('in English, the link says so', async () => {
  const key = env.key('replies-en');
  const page = await env.open(key, { lang: 'en' });
  const f = page.locator('#palabre form.f:not(.rf):not(.ef)');
  await f.getByLabel('Your comment').fill('The new bridge opens on Monday.');
  await f.getByLabel('Your name').fill('Awa');
  await f.getByRole('button', { name: 'Post' }).click();
  const link = page.locator('#palabre a[rel="alternate"]', { hasText: 'Replies to your comments' });
  await link.waitFor();
  assert.match(await link.getAttribute('title'), /whoever has this link sees the replies to your comments/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
