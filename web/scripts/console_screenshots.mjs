// Takes the console's screenshots for docs/CONSOLE.md (desktop, 1280 px): the held queue with
// the pipeline's reasons and highlighted spans, the reject dialog, the settings, the site card
// with an origin readers' posts were refused from, and the report.
// The console is the built web/dist/admin.js, served with realistic data by the admin API
// stand-in of the browser tests (tests/admin_mock.mjs), so that every kind of item shows.
// Usage: npm --prefix web run build && node web/scripts/console_screenshots.mjs
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, WEB } from '../tests/harness.mjs';
import { startMock } from '../tests/admin_mock.mjs';

const OUT = join(WEB, '..', 'docs', 'screenshots');
const b = (s) => Buffer.byteLength(s, 'utf8');
const span = (s, needle) => {
  const i = s.indexOf(needle);
  return [b(s.slice(0, i)), b(s.slice(0, i + needle.length))];
};
const riz = { id: 12, key: 'bamako-prix-du-riz', title: 'Bamako : le prix du riz s’envole avant la fin de l’année' };
const gaz = { id: 15, key: 'penurie-gaz', title: 'Pénurie de gaz : les files s’allongent à Kalaban Coro' };
const t1 = 'Gagnez 50 000 F par jour depuis chez vous !!! Écrivez sur WhatsApp au +223 76 12 34 56';
const t2 = 'Ces gens-là il faudrait les chasser du quartier, on sait où ils habitent.';
const t3 = 'Le gouvernement ment, c’est une arnaque organisée par les importateurs.';
const t4 = 'Gagnez 50 000 F par jour depuis chez vous !!! Écrivez sur WhatsApp';
const mock = await startMock({
  items: [
    {
      id: 301, author: 'Opportunité Business', email: 'cash.rapide@exemple.ml', text: t1, thread: riz,
      history: { published: 0, held: 3, rejected: 6 }, relative_time: 'il y a 4 minutes',
      reasons: [
        { check: 'links_contacts', code: 'contact', detail: 'numéro de téléphone, WhatsApp', score: 1, spans: [span(t1, 'WhatsApp'), span(t1, '+223 76 12 34 56')] },
        { check: 'toxicity', code: 'spam', detail: 'publicité', score: 0.94, spans: [] },
      ],
    },
    {
      id: 302, author: 'Bakary D.', email: null, text: t2, thread: riz,
      history: { published: 12, held: 1, rejected: 1 }, relative_time: 'il y a 9 minutes',
      reasons: [{ check: 'toxicity', code: 'threat', detail: 'menace', score: 0.81, spans: [span(t2, 'on sait où ils habitent')] }],
    },
    {
      id: 303, author: 'Citoyen engagé', email: 'citoyen@exemple.ml', text: t3, thread: gaz,
      history: { published: 31, held: 0, rejected: 0 }, relative_time: 'il y a 12 minutes',
      reasons: [{ check: 'words', code: 'suspect_word', detail: 'arnaque', score: 1, spans: [span(t3, 'arnaque')] }],
      reports: [{ reason: 'abuse', note: 'Accusation sans preuve', created_at: new Date().toISOString() }], open_reports: 1,
    },
    {
      id: 304, author: 'Opportunité Business', email: 'cash.rapide@exemple.ml', text: t4, thread: gaz, cluster: 301,
      history: { published: 0, held: 3, rejected: 6 }, relative_time: 'il y a 15 minutes',
      reasons: [{ check: 'duplicate', code: 'copy_paste', detail: 'presque identique au n° 301', score: 0.96, spans: [] }],
    },
  ],
  audit: [
    { id: 3, user: 'awa@lejournal.example', action: 'reject', comment_id: 288, reason: 'spam', detail: '', response_ms: 6 * 60000, at: new Date(Date.now() - 3600000).toISOString() },
    { id: 2, user: 'awa@lejournal.example', action: 'ban', comment_id: 288, reason: 'flood', detail: '{"days":7}', response_ms: 0, at: new Date(Date.now() - 3500000).toISOString() },
    { id: 1, user: 'moussa@lejournal.example', action: 'approve', comment_id: 281, reason: '', detail: '', response_ms: 22 * 60000, at: new Date(Date.now() - 7200000).toISOString() },
  ],
});
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  await mkdir(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'fr-FR' });
  await page.goto(mock.base + '/admin');
  await page.getByLabel('E-mail').fill('modo@lejournal.example');
  await page.screenshot({ path: join(OUT, 'console-login.png') });
  await page.getByLabel('Mot de passe').fill('correct horse battery');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.locator('.item').nth(3).waitFor();
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.screenshot({ path: join(OUT, 'console-queue.png') });
  await page.keyboard.press('r');
  await page.getByRole('dialog').waitFor();
  await page.screenshot({ path: join(OUT, 'console-reject.png') });
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Réglages' }).click();
  await page.locator('form.settings').waitFor();
  await page.screenshot({ path: join(OUT, 'console-settings.png') });
  await page.getByRole('link', { name: 'Rapport' }).click();
  await page.locator('svg.chart').waitFor();
  await page.screenshot({ path: join(OUT, 'console-report.png') });
  // The site card, with readers' posts refused from a page whose origin is not allowed yet.
  const refusing = await startMock({
    refused: { lejournal: [{ origin: 'https://www.lejournal.example', count: 14, last_at: new Date(Date.now() - 120000).toISOString() }] },
  });
  const site = await browser.newPage({ viewport: { width: 1280, height: 640 }, deviceScaleFactor: 1, locale: 'fr-FR' });
  await site.goto(refusing.base + '/admin');
  await site.getByLabel('E-mail').fill('modo@lejournal.example');
  await site.getByLabel('Mot de passe').fill('correct horse battery');
  await site.getByRole('button', { name: 'Se connecter' }).click();
  await site.locator('.refused-sites .banner a').click();
  await site.locator('section.site li[data-origin]').waitFor();
  await site.screenshot({ path: join(OUT, 'console-site.png') });
  await refusing.stop();
  for (const n of ['login', 'queue', 'reject', 'settings', 'site', 'report']) console.log(`wrote docs/screenshots/console-${n}.png`);
} finally {
  await browser.close();
  await mock.stop();
}
