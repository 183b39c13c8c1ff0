// The widget's answer to a `reset` event (the server may have missed changes: its change feed
// to the database was cut off): it asks for the thread again and shows what it had not
// received live, keeping the reader's drafts, open forms and sort. The API is the real server;
// the live stream is answered by the test (a `reset` sent once comments were posted, removed
// and replied to behind the widget's back), with a long `retry:` so that EventSource does not
// reconnect meanwhile.
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

const comments = (page) => page.locator('#palabre li.c');
const heading = (page) => page.locator('#palabre h2');

// Holds the page's live stream until `release(events)`: then answers it with `events`.
async function holdStream(page) {
  let release;
  const released = new Promise((ok) => (release = ok));
  let opened;
  const asked = new Promise((ok) => (opened = ok));
  await page.route(/\/events(\?|$)/, async (route) => {
    opened();
    const events = await released;
    await route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' },
      body: 'retry: 600000\n\n' + events,
    });
  });
  return { asked, release };
}

test('a reset makes the widget show what it had not received live, drafts and sort kept', async () => {
  const key = env.key('reset');
  const first = await env.post(key, { author: 'Premier', text: 'Le marché de Médina ouvre plus tôt cette semaine.' });
  const second = await env.post(key, { author: 'Deuxième', text: 'Les transporteurs attendent la réponse de la mairie.' });
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  const stream = await holdStream(page);
  const pages = [];
  page.on('request', (r) => {
    if (r.url().includes('/comments?')) pages.push(new URL(r.url()).searchParams.get('sort'));
  });
  await page.goto(env.url(key, { sort: 'newest' }));
  await heading(page).filter({ hasText: '2 commentaires' }).waitFor();
  await stream.asked;

  // The reader is writing: a draft in the main form and one in a reply form.
  await page.locator('#palabre form.f:not(.rf):not(.ef)').getByLabel('Votre commentaire').fill('Mon brouillon');
  await page.locator(`#palabre #c${second.comment.id} button.lk`, { hasText: 'Répondre' }).click();
  const replyField = page.locator(`#palabre #c${second.comment.id} form.rf textarea`);
  await replyField.fill('Ma réponse en cours');

  // Meanwhile, behind the widget's back: a new comment, a reply to one on screen, a deletion.
  const missed = await env.post(key, { author: 'Pendant la coupure', text: 'Un avis posté pendant la coupure.' });
  const reply = await env.post(key, {
    author: 'Répondant',
    text: 'Une réponse postée pendant la coupure.',
    parent: second.comment.id,
  });
  await env.remove(first.comment.id, first.edit_token);
  await page.waitForTimeout(300);
  assert.equal(await comments(page).count(), 2, 'nothing arrives without the stream');

  const before = pages.length;
  stream.release('event: count\ndata: {"count":2}\n\nevent: reset\ndata: {"reason":"resync"}\n\n');

  // The reply goes in place; the new top-level comment waits behind the bar, as a live one does.
  await page.locator(`#palabre #c${second.comment.id} ul.r #c${reply.comment.id}`).waitFor({ timeout: 5000 });
  const bar = page.getByRole('button', { name: '1 nouveau commentaire' });
  await bar.waitFor({ timeout: 5000 });
  // The deleted comment (no replies) is gone.
  await page.locator(`#palabre #c${first.comment.id}`).waitFor({ state: 'detached', timeout: 5000 });
  await heading(page).filter({ hasText: '3 commentaires' }).waitFor({ timeout: 5000 });
  assert.equal(pages.length, before + 1, 'one request for the reload');
  assert.equal(pages.at(-1), 'newest', 'in the sort the reader chose');
  await bar.click();
  await page.locator(`#palabre #c${missed.comment.id}`).waitFor();
  assert.equal(
    await page.locator(`#palabre #c${missed.comment.id} .a`).textContent(),
    'Pendant la coupure',
  );
  assert.equal(await comments(page).count(), 3);
  // Nothing of the reader's was lost.
  assert.equal(await page.locator('#palabre form.f:not(.rf):not(.ef)').getByLabel('Votre commentaire').inputValue(), 'Mon brouillon');
  assert.equal(await replyField.inputValue(), 'Ma réponse en cours');
  assert.equal(await page.locator('#palabre select#ps').inputValue(), 'newest');
  assert.deepEqual(errors, []);
  await context.close();
});
