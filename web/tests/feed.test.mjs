// The widget's link to its thread's Atom feed (docs/WIDGET.md, "Feed link"), in headless
// Chromium against a real `palabre serve`: rel="alternate", the feed's type and URL, and that
// the URL answers the thread's published comments as Atom.
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

test('the widget links to its thread feed with rel="alternate"', async () => {
  const key = env.key('flux/é?&');
  await env.post(key, { author: 'Awa Traoré', text: 'Un avis à suivre dans un lecteur de flux.' });
  const page = await env.open(key);
  const link = page.locator('#palabre a[rel="alternate"]');
  assert.equal(await link.count(), 1);
  assert.equal(await link.getAttribute('type'), 'application/atom+xml');
  assert.equal(await link.textContent(), 'Atom');
  const href = await link.getAttribute('href');
  assert.equal(href, `${env.api}/api/v1/threads/test/${encodeURIComponent(key)}/feed.atom`);

  const res = await fetch(href);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
  const body = await res.text();
  assert.match(body, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/);
  assert.match(body, /Un avis à suivre dans un lecteur de flux\./);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
