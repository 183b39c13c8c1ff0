// What the console's browser tests share (admin_console.test.mjs, admin_pages.test.mjs): the
// console's pure helpers as it bundles them, every reason code the server writes, axe-core,
// the stand-in's moderator account, and a headless Chromium per test file whose pages open the
// console of an admin_mock.mjs stand-in, logged in.
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, WEB } from './harness.mjs';
import { stopMocks } from './admin_mock.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

export const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// The console's pure helpers (the key table), as the console bundles them.
export const TEXT = await (async () => {
  const out = await build({ entryPoints: [join(WEB, 'admin', 'text.ts')], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  return import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
})();
// Every reason code the server writes (src/moderation/checks/, the pipeline's
// check_unavailable, the service's premoderation_*) and the older ones the reader's widget
// still words (web/src/i18n.ts).
export const SERVER_CODES = [
  'empty', 'too_long', 'too_many_lines', 'duplicate', 'copy_paste', 'flood', 'link', 'phone', 'email', 'contact',
  'shouting', 'banned_word', 'suspect_word', 'threat', 'incitement', 'terrorism_apologia', 'hate', 'insult', 'toxic',
  'spam', 'off_topic', 'premoderation_all', 'premoderation_new', 'check_unavailable',
  'length', 'url', 'handle', 'profanity', 'toxicity', 'banned',
];

export const EMAIL = 'modo@lejournal.example';
export const PASSWORD = 'correct horse battery';
export const bytes = (s) => Buffer.byteLength(s, 'utf8');
export const span = (s, needle) => {
  const i = s.indexOf(needle);
  return [bytes(s.slice(0, i)), bytes(s.slice(0, i + needle.length))];
};

// Launches Chromium before the calling file's tests and closes it (and every stand-in) after;
// returns open(mock, options): a new page on the stand-in's console, logged in unless
// `login: false`, collecting page errors in page.errors; open.context(options) is a bare
// browser context, for a test that prepares its page itself.
export function consoleBrowser() {
  let browser;
  before(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => {
    if (browser) await browser.close();
    await stopMocks();
  });
  const open = async function (mock, { login = true, viewport = { width: 1280, height: 900 }, locale = 'fr-FR' } = {}) {
    const context = await browser.newContext({ viewport, locale });
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/401|403|Failed to load resource/.test(m.text())) page.errors.push(new Error(m.text()));
    });
    await page.goto(mock.base + '/admin');
    if (login) {
      await page.locator('#lg-email').fill(EMAIL);
      await page.locator('#lg-password').fill(PASSWORD);
      await page.locator('form.login button[type=submit]').click();
      await page.locator('.tabs').waitFor();
    }
    return page;
  };
  open.context = (options) => browser.newContext(options);
  return open;
}

export const selectedId = (page) => page.evaluate(() => {
  const el = document.querySelector('.item.sel');
  return el ? Number(el.dataset.id) : null;
});
export const focusedId = (page) => page.evaluate(() => {
  const el = document.activeElement && document.activeElement.closest('.item');
  return el ? Number(el.dataset.id) : null;
});
