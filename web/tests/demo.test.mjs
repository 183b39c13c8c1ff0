// The demo as a newcomer meets it: `palabre demo` run as scripts/demo.sh runs it (README's first
// command; here on a temporary database and a port the system picks), the printed URL opened in
// headless Chromium, a comment written and "Publier" pressed, then a vote and a report. The
// browser sends Origin with each of these same-origin posts, so the demo site must allow the
// address it is served at, under either loopback name.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BINARY, CHROMIUM, CHROMIUM_ARGS } from './harness.mjs';

let dir;
let demo;
let browser;

// Starts `palabre demo ARGS` and resolves with the URL it tells the reader to open.
function startDemo(args) {
  return new Promise((ok, ko) => {
    const proc = spawn(BINARY, ['demo', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => ko(new Error(`palabre demo did not start:\n${out}\n${err}`)), 20000);
    proc.stderr.on('data', (d) => (err += d));
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /^open (http:\/\/\S+) to see the demo article/m.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ proc, url: m[1], out });
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      ko(new Error(`palabre demo exited (${code}):\n${out}\n${err}`));
    });
  });
}

function stop(proc) {
  return new Promise((ok) => {
    if (proc.exitCode !== null) return ok();
    proc.removeAllListeners('exit');
    proc.once('exit', ok);
    proc.kill('SIGTERM');
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palabre-demo-'));
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  if (browser) await browser.close().catch(() => {});
  if (demo) await stop(demo.proc);
  if (dir) await rm(dir, { recursive: true, force: true });
});

const mainForm = (page) => page.locator('#palabre form.f:not(.rf):not(.ef)');

// Opens `url`, publishes a comment, votes for and reports the `nth` comment of someone else
// (votes and reports are one per reader's address, and every browser here is 127.0.0.1).
async function readerDay(url, text, nth) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const refused = [];
  page.on('response', (r) => {
    if (r.status() === 403) refused.push(r.url());
  });
  await page.goto(url);
  const form = mainForm(page);
  await form.getByLabel('Votre commentaire').fill(text);
  await form.getByLabel('Votre nom').fill('Awa Traoré');
  const [posted] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && /\/comments$/.test(r.url())),
    form.getByRole('button', { name: 'Publier' }).click(),
  ]);
  assert.equal(posted.status(), 201, await posted.text());
  assert.equal((await posted.request().allHeaders()).origin, new URL(url).origin, 'the browser sent Origin');
  const mine = page.locator('#palabre li.c').filter({ hasText: text });
  await mine.getByRole('button', { name: 'Modifier' }).waitFor();

  // Someone else's comment: a vote, then a report.
  const other = page.locator('#palabre li.c').filter({ hasNot: page.getByRole('button', { name: 'Modifier' }) }).nth(nth);
  const up = other.getByRole('button', { name: /J’approuve/ }).first();
  await up.click();
  await other.locator('.v.up[aria-pressed="true"]').first().waitFor();
  await other.getByRole('button', { name: /^Signaler/ }).first().click();
  await other.getByLabel('Spam ou publicité').check();
  await other.getByRole('button', { name: 'Envoyer' }).click();
  await other.getByText('Merci, les modérateurs vont examiner ce commentaire.').waitFor();
  assert.deepEqual(refused, [], 'no request refused');
  await context.close();
}

describe('palabre demo', () => {
  test('publishes, votes and reports from the page it prints, under either loopback name', async () => {
    demo = await startDemo(['--db', join(dir, 'demo.db'), '--listen', '127.0.0.1:0']);
    const url = new URL(demo.url);
    assert.equal(url.hostname, '127.0.0.1');
    await readerDay(demo.url, 'Merci pour ce reportage clair sur la crue du fleuve Niger.', 0);
    // The same page typed as localhost.
    url.hostname = 'localhost';
    await readerDay(url.href, 'La mairie doit vite aider les familles des quartiers inondés.', 1);
  });

  test('run again on the same database at another address, it follows', async () => {
    await stop(demo.proc);
    demo = await startDemo(['--db', join(dir, 'demo.db'), '--listen', 'localhost:0']);
    assert.match(demo.url, /^http:\/\/localhost:\d+\/$/);
    await readerDay(demo.url, 'Les routes de la région sont coupées depuis trois jours.', 2);
  });
});
