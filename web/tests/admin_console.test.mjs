// The moderator console in headless Chromium against an in-memory stand-in of the admin API
// (admin_mock.mjs): login errors, the keyboard-only review of a queue, highlights, dialogs,
// bulk and cluster actions, settings, 401 back to the login, CSRF on every write, and hostile
// data shown as text. The same flows against the real binary are in admin.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './harness.mjs';
import { startMock, stopMocks } from './admin_mock.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { WEB } from './harness.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// The console's pure helpers (the key table), as the console bundles them.
const TEXT = await (async () => {
  const out = await build({ entryPoints: [join(WEB, 'admin', 'text.ts')], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  return import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
})();
// Every reason code the server writes (src/moderation/checks/, the pipeline's
// check_unavailable, the service's premoderation_*) and the older ones the reader's widget
// still words (web/src/i18n.ts).
const SERVER_CODES = [
  'empty', 'too_long', 'too_many_lines', 'duplicate', 'copy_paste', 'flood', 'link', 'phone', 'email', 'contact',
  'shouting', 'banned_word', 'suspect_word', 'threat', 'incitement', 'terrorism_apologia', 'hate', 'insult', 'toxic',
  'spam', 'off_topic', 'premoderation_all', 'premoderation_new', 'check_unavailable',
  'length', 'url', 'handle', 'profanity', 'toxicity', 'banned',
];

const EMAIL = 'modo@lejournal.example';
const PASSWORD = 'correct horse battery';
const bytes = (s) => Buffer.byteLength(s, 'utf8');
const span = (s, needle) => {
  const i = s.indexOf(needle);
  return [bytes(s.slice(0, i)), bytes(s.slice(0, i + needle.length))];
};

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  if (browser) await browser.close();
  await stopMocks();
});

async function open(mock, { login = true, viewport = { width: 1280, height: 900 }, locale = 'fr-FR' } = {}) {
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
}

const selectedId = (page) => page.evaluate(() => {
  const el = document.querySelector('.item.sel');
  return el ? Number(el.dataset.id) : null;
});
const focusedId = (page) => page.evaluate(() => {
  const el = document.activeElement && document.activeElement.closest('.item');
  return el ? Number(el.dataset.id) : null;
});

describe('login', () => {
  test('wrong password, then the lock with its wait, from the API codes', async () => {
    const mock = await startMock();
    const page = await open(mock, { login: false });
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByLabel('Mot de passe').fill('wrong');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'E-mail ou mot de passe incorrect.' }).waitFor();
    assert.equal(await page.getByLabel('Mot de passe').inputValue(), '', 'the password is cleared');
    mock.state.failures = 5;
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'réessayez dans 14 minutes' }).waitFor();
    assert.deepEqual(page.errors, []);
    await page.context().close();
    await mock.stop();
  });

  test('an open session goes straight to the queue; a 401 later goes back to the login', async () => {
    const mock = await startMock({ items: [{ author: 'Awa', text: 'Bonjour à tous' }, { author: 'Moussa', text: 'Merci' }] });
    const page = await open(mock);
    await page.reload();
    await page.locator('.item').first().waitFor();
    mock.state.sessions.clear();
    await page.keyboard.press('a');
    await page.getByRole('alert').filter({ hasText: 'Votre session a expiré' }).waitFor();
    assert.ok(await page.getByLabel('Mot de passe').isVisible());
    await page.context().close();
    await mock.stop();
  });
});

describe('queue', () => {
  test('clears a queue with the keyboard only: a, j/k, r + number; each write carries the CSRF token', async () => {
    const items = ['Premier', 'Deuxième', 'Troisième', 'Quatrième', 'Cinquième'].map((w, i) => ({
      id: 10 + i, author: `Auteur ${i}`, text: `${w} commentaire en attente`,
    }));
    const mock = await startMock({ items });
    const page = await open(mock);
    await page.locator('.item').nth(4).waitFor();
    assert.equal(await selectedId(page), 10, 'the first comment is selected');

    await page.keyboard.press('a'); // approve 10
    await page.getByRole('status').filter({ hasText: 'Commentaire de Auteur 0 approuvé.' }).waitFor();
    assert.equal(await selectedId(page), 11, 'the next comment is selected');
    assert.equal(await focusedId(page), 11, 'and focused');
    await page.keyboard.press('j'); // 12
    await page.keyboard.press('j'); // 13
    await page.keyboard.press('k'); // 12
    assert.equal(await focusedId(page), 12);
    await page.keyboard.press('r');
    const dialog = page.getByRole('dialog', { name: 'Rejeter : pourquoi ?' });
    await dialog.waitFor();
    assert.equal(await dialog.locator('button[data-reason]').count(), 7);
    await page.keyboard.press('2'); // threat
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'rejeté (Menace)' }).waitFor();
    assert.equal(await focusedId(page), 13, 'the next one after the rejected comment');
    await page.keyboard.press('a'); // 13
    await page.locator('.item.sel[data-id="14"]').waitFor();
    await page.keyboard.press('k'); // 11
    await page.keyboard.press('r');
    await page.keyboard.press('1'); // spam
    await page.locator('.item.sel[data-id="14"]').waitFor();
    await page.keyboard.press('a'); // 14
    await page.getByText('Rien à modérer ici.').waitFor();

    const status = Object.fromEntries(mock.state.items.map((x) => [x.id, x.status]));
    assert.deepEqual(status, { 10: 'published', 11: 'rejected', 12: 'rejected', 13: 'published', 14: 'published' });
    const writes = mock.state.requests.filter((r) => !r.route.startsWith('GET') && r.route !== 'POST /login');
    assert.equal(writes.length, 5);
    const token = [...mock.state.sessions.values()][0].csrf;
    for (const w of writes) assert.equal(w.csrf, token, `${w.route} sends X-CSRF-Token`);
    assert.deepEqual(writes.filter((w) => w.route.endsWith('reject')).map((w) => w.body.reason), ['threat', 'spam']);
    assert.deepEqual(page.errors, []);
    await page.context().close();
    await mock.stop();
  });

  test('shows history, reasons with score, matched spans as <mark> (byte offsets), reports', async () => {
    const text = 'Écrivez-moi 😀 sur WhatsApp au +223 76 12 34 56, prix spécial “arnaque” garanti';
    const mock = await startMock({
      items: [{
        id: 7, author: 'Vendeur', email: 'v@exemple.ml', text,
        history: { published: 3, held: 2, rejected: 5, deleted: 0 },
        thread: { id: 4, key: 'riz', title: 'Le prix du riz' },
        reasons: [
          { check: 'links_contacts', code: 'contact', detail: 'numéro de téléphone', score: 1, spans: [span(text, 'WhatsApp'), span(text, '+223 76 12 34 56')] },
          { check: 'words', code: 'banned_word', detail: 'arnaque', score: 0.875, spans: [span(text, 'arnaque')] },
        ],
        reports: [{ reason: 'spam', note: 'Il poste ça partout', created_at: new Date().toISOString() }],
        open_reports: 1,
      }],
    });
    const page = await open(mock);
    const item = page.locator('.item[data-id="7"]');
    await item.waitFor();
    assert.match(await item.locator('.hist').textContent(), /3 publiés · 2 en attente · 5 rejetés/);
    assert.equal(await item.locator('.email').textContent(), 'v@exemple.ml');
    assert.equal(await item.locator('.where .art').textContent(), 'Le prix du riz');
    assert.deepEqual(await item.locator('mark').allTextContents(), ['WhatsApp', '+223 76 12 34 56', 'arnaque']);
    assert.equal(await item.locator('.src').textContent(), text, 'nothing lost around the marks');
    assert.match(await item.locator('.reasons').textContent(), /score 0\.88/);
    assert.match(await item.locator('.reports').textContent(), /Spam — Il poste ça partout/);
    // "Filtrer sur cette discussion" filters the queue on that thread (the title no longer does).
    await item.locator('.where .thread-filter').click();
    await page.waitForFunction(() => document.getElementById('f-thread').value === '4');
    assert.equal(mock.state.requests.filter((r) => r.route === 'GET /queue').pop().query.thread, '4');
    await page.context().close();
    await mock.stop();
  });

  test('a burst of reports: banner, badge on the Signalés tab, flag on the item, whatever tab is open', async () => {
    const mock = await startMock({
      items: [
        { id: 21, author: 'Ciblé', text: 'Un avis qui attire une meute', status: 'published', open_reports: 5, report_burst: true,
          reports: [{ reason: 'spam', note: '', created_at: new Date().toISOString() }] },
        { id: 22, author: 'Calme', text: 'Un avis tranquille', open_reports: 0 },
      ],
    });
    const page = await open(mock);
    const banner = page.locator('.banner');
    await banner.waitFor();
    assert.match(await banner.textContent(), /Rafale de signalements : 1 commentaire signalé par/);
    assert.equal(await banner.getAttribute('role'), 'alert');
    const badge = page.getByRole('tab', { name: /Signalés/ }).locator('.badge.burst');
    assert.equal(await badge.textContent(), '1 en rafale');
    await page.getByRole('tab', { name: /Signalés/ }).click();
    const item = page.locator('.item[data-id="21"]');
    await item.waitFor();
    assert.equal(await item.locator('.badge.burst').textContent(), 'Rafale de signalements');
    // Decided: the alert goes with the next answer.
    await item.click();
    await page.keyboard.press('a');
    await item.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: /En attente/ }).click();
    await page.waitForFunction(() => document.querySelector('.banner').hidden);
    assert.equal(await badge.isHidden(), true);
    assert.deepEqual(page.errors.map(String), []);
    await page.context().close();
    await mock.stop();
  });

  test('ban dialog (duration by number key), bulk selection with x then A, duplicate cluster with c', async () => {
    const items = [
      { id: 1, author: 'Flooder', email: 'f@x.ml', text: 'Gagnez de l’argent vite' },
      { id: 2, author: 'Flooder', text: 'Gagnez de l’argent vite !', cluster: 1, reasons: [{ check: 'duplicate', code: 'duplicate', detail: '#1', score: 0.97 }] },
      { id: 3, author: 'Awa', text: 'Bravo' },
      { id: 4, author: 'Ibrahim', text: 'Merci' },
      { id: 5, author: 'Spam', text: 'Achetez', cluster: 9 },
      { id: 9, author: 'Spam', text: 'Achetez !' },
    ];
    const mock = await startMock({ items });
    const page = await open(mock);
    await page.locator('.item').nth(5).waitFor();
    await page.keyboard.press('b');
    const dialog = page.getByRole('dialog', { name: 'Bannir Flooder' });
    await dialog.waitFor();
    // The address is not ticked by default (one mobile-network address, many readers).
    assert.equal(await dialog.getByLabel('adresse IP').isChecked(), false);
    await dialog.getByLabel('adresse IP').check();
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Flooder est banni.' }).waitFor();
    const ban = mock.state.requests.find((r) => r.route === 'POST /bans').body;
    assert.deepEqual({ ...ban, by: ban.by.sort() }, { comment_id: 1, days: 30, reason: '', by: ['address', 'email', 'name'] });
    // The author's held comments left the list; the selection is on the next one.
    await page.locator('.item[data-id="2"]').waitFor({ state: 'detached' });
    assert.equal(await selectedId(page), 3);

    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByText('2 sélectionnés').waitFor();
    await page.keyboard.press('Shift+A');
    await page.getByRole('status').filter({ hasText: '2 commentaires traités.' }).waitFor();
    assert.deepEqual(mock.state.requests.find((r) => r.route === 'POST /comments/bulk').body, { ids: [3, 4], action: 'approve' });

    assert.equal(await selectedId(page), 5);
    await page.keyboard.press('c');
    await page.getByRole('dialog', { name: 'Doublons du commentaire n° 9' }).waitFor();
    await page.keyboard.press('1');
    await page.getByText('Rien à modérer ici.').waitFor();
    assert.deepEqual(mock.state.requests.filter((r) => r.route === 'POST /comments/bulk')[1].body, { cluster: 9, action: 'reject', reason: 'spam' });
    assert.deepEqual(page.errors, []);
    await page.context().close();
    await mock.stop();
  });

  test('published tab: u un-publishes; Escape closes a dialog and gives the focus back', async () => {
    const mock = await startMock({ items: [{ id: 3, author: 'Awa', text: 'Publié', status: 'published' }] });
    const page = await open(mock);
    await page.getByRole('tab', { name: 'Publiés' }).click();
    await page.locator('.item[data-id="3"]').waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('r');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await focusedId(page), 3);
    assert.equal(await page.locator('.item[data-id="3"] [aria-keyshortcuts="a"]').count(), 0, 'no approve on a published comment');
    await page.keyboard.press('u');
    const why = page.getByRole('dialog', { name: 'Dépublier : pourquoi ?' });
    await why.getByLabel(/Raison/).fill('Hors sujet');
    await why.getByRole('button', { name: 'Dépublier' }).click();
    await page.getByText('Rien à modérer ici.').waitFor();
    assert.equal(mock.state.items[0].status, 'held');
    await page.context().close();
    await mock.stop();
  });
});

describe('review', () => {
  test('the À revoir tab lists by risk with the review reasons; a leaves one published, u unpublishes', async () => {
    const text = 'LE MAIRE DOIT PARTIR, il a menti sur les routes.';
    const mock = await startMock({
      items: [
        { id: 20, author: 'Awa', text: 'Un avis calme.', status: 'published' },
        { id: 21, author: 'Moussa', text: 'Avis douteux', status: 'published', review: true, risk: 0.55,
          reasons: [{ check: 'lexicon', code: 'suspect_word', detail: 'Mot suspect', score: 0.55, action: 'review', spans: [[0, 5]] }] },
        { id: 22, author: 'Fanta', text, status: 'published', review: true, risk: 0.91,
          reasons: [
            { check: 'shouting', code: 'shouting', detail: 'Majuscules (91 %)', score: 0.91, action: 'review', spans: [span(text, 'LE MAIRE DOIT PARTIR')] },
            { check: 'toxicity', code: 'insult', detail: 'Insulte', score: 0.3, action: 'flag', spans: [] },
          ] },
        { id: 23, author: 'Ali', text: 'En attente', status: 'held' },
      ],
    });
    const page = await open(mock);
    await page.getByRole('tab', { name: 'À revoir' }).click();
    await page.locator('.item[data-id="21"]').waitFor();
    const ids = await page.locator('.queue .item').evaluateAll((els) => els.map((e) => Number(e.dataset.id)));
    assert.deepEqual(ids, [22, 21], 'highest risk first, published ones only');
    assert.ok(await page.getByLabel('Ordre').isDisabled(), 'one order: by risk');
    await page.getByText('2 commentaires affichés').waitFor();
    const top = page.locator('.item[data-id="22"]');
    assert.equal(await top.locator('.badge.st-review').textContent(), 'à revoir');
    assert.equal(await top.locator('.risk').textContent(), 'risque 0.91');
    assert.equal(await top.locator('.reasons li.rv').count(), 1, 'the reason that asked for the review stands out');
    assert.equal(await top.locator('mark').first().textContent(), 'LE MAIRE DOIT PARTIR');
    assert.equal(await top.locator('[aria-keyshortcuts="a"]').count(), 1, 'approve: leave it published');
    assert.equal(await top.locator('[aria-keyshortcuts="u"]').count(), 1);

    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(await selectedId(page), 22);
    await page.keyboard.press('a');
    await page.locator('.item[data-id="22"]').waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Commentaire de Fanta revu : il reste publié.' }).waitFor();
    assert.equal(mock.state.items.find((x) => x.id === 22).status, 'published');
    assert.equal(await focusedId(page), 21);
    await page.keyboard.press('u');
    await page.getByText('Rien à modérer ici.').waitFor();
    assert.equal(mock.state.items.find((x) => x.id === 21).status, 'held');
    const writes = mock.state.requests.filter((r) => r.route.startsWith('POST /comments/')).map((r) => r.route);
    assert.deepEqual(writes, ['POST /comments/22/approve', 'POST /comments/21/unpublish']);
    assert.equal(mock.state.requests.filter((r) => r.route === 'GET /queue').find((r) => r.query.status === 'review').query.status, 'review');
    // Back to another tab: the order can be chosen again.
    await page.getByRole('tab', { name: 'En attente' }).click();
    await page.locator('.item[data-id="23"]').waitFor();
    assert.ok(!(await page.getByLabel('Ordre').isDisabled()));
    assert.deepEqual(page.errors, []);
    await page.context().close();
    await mock.stop();
  });
});

describe('pages', () => {
  test('settings: validates, saves with PUT, shows the server’s error', async () => {
    const mock = await startMock();
    const page = await open(mock);
    await page.getByRole('link', { name: 'Réglages' }).click();
    const banned = page.getByLabel('Mots interdits (un par ligne : rejet)');
    await banned.waitFor();
    assert.equal(await banned.inputValue(), 'arnaque');
    await banned.fill('arnaque\nescroquerie\n\narnaque');
    await page.getByLabel('Signalements avant retrait automatique').fill('5');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.locator('.settings .status.ok').filter({ hasText: 'Réglages enregistrés.' }).waitFor();
    const put = mock.state.requests.find((r) => r.route === 'PUT /sites/lejournal/settings');
    assert.deepEqual(put.body.banned_words, ['arnaque', 'escroquerie']);
    assert.equal(put.body.report_threshold, 5);
    assert.deepEqual(put.body.checks, { 'shouting.enabled': 'false' });

    await page.getByLabel('Signalements avant retrait automatique').fill('-2');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.locator('.settings .status.er').filter({ hasText: 'doit être un nombre entier' }).waitFor();
    await page.getByLabel('Signalements avant retrait automatique').fill('3');
    const checks = page.getByLabel(/Réglages avancés/);
    await checks.fill('shouting.enabled = false\nnimporte quoi');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.locator('.settings .status.er').filter({ hasText: 'ligne 2' }).waitFor();
    await checks.fill('nope.key = 1');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.locator('.settings .status.er').filter({ hasText: 'unknown setting: checks.nope.key' }).waitFor();
    await page.context().close();
    await mock.stop();
  });

  test('site: name, origins and time zone; a refused origin is announced and allowed in one click', async () => {
    const last = new Date(Date.now() - 60000).toISOString();
    const mock = await startMock({ refused: { lejournal: [{ origin: 'https://www.lejournal.example', count: 3, last_at: last }] } });
    const page = await open(mock);
    // The queue says it first, with a link to the site's settings.
    const banner = page.locator('.refused-sites .banner');
    await banner.waitFor();
    assert.match(await banner.textContent(), /Publications de lecteurs refusées sur Le Journal : l’origine https:\/\/www\.lejournal\.example n’est pas autorisée/);
    await banner.getByRole('link').click();
    const site = page.locator('section.site');
    const origins = site.getByLabel('Origines autorisées (une par ligne)');
    await site.getByText('Des lecteurs n’ont pas pu publier').waitFor();
    assert.equal(await origins.inputValue(), 'https://lejournal.example');
    assert.equal(await site.getByLabel('Nom du site').inputValue(), 'Le Journal');
    assert.equal(await site.getByLabel(/Fuseau horaire/).inputValue(), 'Africa/Dakar');
    assert.match(await site.locator('li[data-origin]').textContent(), /https:\/\/www\.lejournal\.example : 3 refus, le dernier le/);

    await site.getByRole('button', { name: 'Autoriser https://www.lejournal.example' }).click();
    await site.locator('.status.ok').filter({ hasText: 'https://www.lejournal.example est autorisée' }).waitFor();
    let put = mock.state.requests.filter((r) => r.route === 'PUT /sites/lejournal').pop();
    assert.deepEqual(put.body, { name: 'Le Journal', origins: ['https://lejournal.example', 'https://www.lejournal.example'], time_zone: 'Africa/Dakar' });
    assert.equal(await site.locator('.banner.refused').isHidden(), true);
    assert.equal(await origins.inputValue(), 'https://lejournal.example\nhttps://www.lejournal.example');

    // The server names the field at fault; the console marks it.
    await origins.fill('https://lejournal.example\nlejournal.example/page');
    await site.getByRole('button', { name: 'Enregistrer le site' }).click();
    await site.locator('.status.er').filter({ hasText: 'Une origine s’écrit https://hôte' }).waitFor();
    assert.equal(await origins.getAttribute('aria-invalid'), 'true');
    await origins.fill('https://lejournal.example');
    await site.getByLabel('Nom du site').fill('Le Journal du Sahel');
    await site.getByRole('button', { name: 'Enregistrer le site' }).click();
    await site.locator('.status.ok').filter({ hasText: 'Site enregistré.' }).waitFor();
    assert.equal(await origins.getAttribute('aria-invalid'), null);
    put = mock.state.requests.filter((r) => r.route === 'PUT /sites/lejournal').pop();
    assert.deepEqual(put.body, { name: 'Le Journal du Sahel', origins: ['https://lejournal.example'], time_zone: 'Africa/Dakar' });
    assert.ok(put.csrf, 'a write carries the CSRF token');
    assert.deepEqual(page.errors.map(String), []);
    await page.context().close();
    await mock.stop();
  });

  test('settings: the analysis API keys, the new one shown once as text', async () => {
    const mock = await startMock();
    const page = await open(mock);
    await page.getByRole('link', { name: 'Réglages' }).click();
    const keys = page.locator('section.keys');
    await keys.getByText('Aucune clé.').waitFor();
    await keys.getByLabel('Nom de la clé').fill('Outil <b>CMS</b>');
    await keys.getByLabel('Requêtes par minute').fill('0');
    await keys.getByRole('button', { name: 'Créer une clé' }).click();
    await keys.locator('.status.er').filter({ hasText: 'doit être un nombre entier' }).waitFor();
    await keys.getByLabel('Requêtes par minute').fill('30');
    await keys.getByRole('button', { name: 'Créer une clé' }).click();
    const secret = keys.locator('.secret');
    await secret.waitFor();
    const made = mock.state.keys[0];
    assert.match(await secret.textContent(), /^plb_/);
    assert.equal(await secret.evaluate((el) => el.childElementCount), 0);
    const post = mock.state.requests.find((r) => r.route === 'POST /sites/lejournal/keys');
    assert.deepEqual(post.body, { name: 'Outil <b>CMS</b>', per_minute: 30 });
    const row = keys.locator(`li[data-key="${made.id}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /Outil <b>CMS<\/b> · 30\/min/);
    assert.equal(await row.locator('b').count(), 0, 'the name is text');
    await row.getByRole('button', { name: 'Retirer' }).click();
    await keys.getByText('Aucune clé.').waitFor();
    assert.equal(await secret.isHidden(), true);
    assert.ok(mock.state.requests.some((r) => r.route === `DELETE /sites/lejournal/keys/${made.id}`));
    assert.deepEqual(page.errors.map(String), []);
    await page.context().close();
    await mock.stop();
  });

  test('report: bars per day and per reason, response time; audit log', async () => {
    const mock = await startMock({
      audit: [{ id: 2, user: 'modo@lejournal.example', action: 'reject', comment_id: 12, reason: 'spam', detail: '{"note":"<b>x</b>"}', response_ms: 125000, at: new Date().toISOString() }],
    });
    const page = await open(mock);
    await page.getByRole('link', { name: 'Rapport' }).click();
    await page.locator('svg.chart').waitFor();
    assert.equal(await page.locator('svg.chart g').count(), 30);
    assert.ok((await page.locator('svg.chart rect').count()) >= 60);
    assert.equal(await page.locator('.hbar').count(), 5);
    assert.match(await page.locator('.big').textContent(), /médiane 14 min · 90 % sous 1 h 35 · 312 décisions/);
    await page.getByLabel('Période').selectOption('7');
    await page.waitForFunction(() => document.querySelectorAll('svg.chart g').length === 7);
    await page.getByRole('link', { name: 'Journal' }).click();
    await page.locator('table.grid tbody tr').first().waitFor();
    const cells = await page.locator('table.grid tbody tr').first().locator('td').allTextContents();
    assert.deepEqual(cells.slice(1), ['modo@lejournal.example', 'Rejet', '12', 'Spam', 'note : « <b>x</b> »', '2 min']);
    assert.deepEqual(page.errors, []);
    await page.context().close();
    await mock.stop();
  });
});

describe('French words', () => {
  test('counts agree with their number: 1 publié, 0 rejeté, 1 non traité, 1 commentaire affiché, 1 sélectionné', async () => {
    const mock = await startMock({
      items: [{ id: 5, author: 'Awa', text: 'Un avis', history: { published: 1, held: 2, rejected: 0, deleted: 0 },
        reports: [{ reason: 'spam', note: '', created_at: new Date().toISOString() }], open_reports: 1 }],
      report: { days: [], reasons: [], response_ms: { median: 60000, p90: 120000, count: 1 } },
    });
    const page = await open(mock);
    const item = page.locator('.item[data-id="5"]');
    await item.waitFor();
    assert.equal(await item.locator('.hist').textContent(), '1 publié · 2 en attente · 0 rejeté');
    assert.equal(await item.locator('.sect h3').filter({ hasText: 'Signalement' }).textContent(), 'Signalements (1 non traité)');
    await page.getByText('1 commentaire affiché', { exact: true }).waitFor();
    await page.keyboard.press('x');
    await page.getByText('1 commentaire affiché · 1 sélectionné', { exact: true }).waitFor();
    await page.keyboard.press('Shift+A');
    await page.getByRole('status').filter({ hasText: /^1 commentaire traité\.$/ }).waitFor();
    await page.getByRole('link', { name: 'Rapport' }).click();
    await page.locator('.big').waitFor();
    assert.match(await page.locator('.big').textContent(), / · 1 décision$/);
    assert.deepEqual(await page.locator('#rp-days option').allTextContents(), ['7 jours', '30 jours', '90 jours']);
    assert.deepEqual(page.errors.map(String), []);
    await page.context().close();
    await mock.stop();
  });

  test('the report’s axis and table say French dates, not ISO ones', async () => {
    const dates = ['2026-11-25', '2026-11-26', '2026-11-27'];
    const mock = await startMock({
      report: { days: dates.map((date) => ({ date, published: 3, held: 1, rejected: 0 })), reasons: [], response_ms: { median: 0, p90: 0, count: 0 } },
    });
    const page = await open(mock);
    await page.goto(mock.base + '/admin#report/lejournal');
    await page.locator('svg.chart').waitFor();
    const ticks = await page.locator('svg.chart text.tick[text-anchor="middle"]').allTextContents();
    assert.deepEqual(ticks, ['25 nov.', '26 nov.', '27 nov.']);
    assert.equal(await page.locator('svg.chart g title').first().textContent(), 'mer. 25 novembre 2026 : 3 Publiés, 1 En attente, 0 Rejetés');
    const rows = await page.locator('table.sr-table tbody th').allTextContents();
    assert.deepEqual(rows, ['mer. 25 novembre 2026', 'jeu. 26 novembre 2026', 'ven. 27 novembre 2026']);
    await page.context().close();
    await mock.stop();
  });

  test('reason codes in words, one label per code the server writes (French and English)', async () => {
    const report = { days: [], reasons: SERVER_CODES.map((code, i) => ({ code, held: i + 1, rejected: 0 })), response_ms: { median: 0, p90: 0, count: 0 } };
    const mock = await startMock({
      report,
      items: [{ id: 8, author: 'Awa', text: 'Un lien', reasons: [{ check: 'links_contacts', code: 'link', detail: 'Lien vers exemple.com.', score: 0.9 }] }],
    });
    for (const [locale, words] of [['fr-FR', { banned_word: 'Mot interdit', premoderation_new: 'Pré-modération (nouvel auteur)', terrorism_apologia: 'Apologie du terrorisme' }],
      ['en-US', { banned_word: 'Banned word', premoderation_new: 'Pre-moderation (new author)', terrorism_apologia: 'Glorifying terrorism' }]]) {
      const page = await open(mock, { locale });
      if (locale === 'fr-FR') {
        const li = page.locator('.item[data-id="8"] .reasons li');
        await li.waitFor();
        assert.equal(await li.textContent(), 'Lien — Lien vers exemple.com. score 0.90');
        const options = await page.locator('#f-codes option').evaluateAll((els) => els.map((o) => [o.value, o.textContent]));
        assert.ok(options.length > 10 && options.every(([v, l]) => l && l !== v), 'the reason filter offers words');
      }
      await page.goto(mock.base + '/admin#report/lejournal');
      await page.locator('.card table.grid tbody th[data-code]').first().waitFor();
      const shown = await page.locator('.card table.grid tbody th[data-code]').evaluateAll((els) => els.map((e) => [e.dataset.code, e.textContent]));
      assert.equal(shown.length, SERVER_CODES.length);
      for (const [code, label] of shown) assert.ok(label && label !== code && !/_/.test(label), `${locale}: ${code} has words (${label})`);
      for (const [code, label] of Object.entries(words)) assert.equal(Object.fromEntries(shown)[code], label);
      await page.context().close();
    }
    await mock.stop();
  });

  test('audit details in words, not JSON', async () => {
    const at = new Date().toISOString();
    const mock = await startMock({
      audit: [
        { id: 6, user: 'a@x', action: 'site', comment_id: null, reason: '', detail: '{"origins":["https://a.example","https://b.example"],"time_zone":"Africa/Dakar"}', response_ms: 0, at },
        { id: 5, user: 'a@x', action: 'settings', comment_id: null, reason: '', detail: '{"premoderation":"all","report_threshold":3,"banned_words":["arnaque"]}', response_ms: 0, at },
        { id: 4, user: 'a@x', action: 'ban', comment_id: 9, reason: 'flood', detail: '{"ban_id":3,"days":7,"by":["name","address"]}', response_ms: 0, at },
        { id: 3, user: 'a@x', action: 'unpublish', comment_id: 8, reason: 'spam', detail: '{"from":"published","review":true,"risk":0.5}', response_ms: 0, at },
        { id: 2, user: 'a@x', action: 'approve', comment_id: 7, reason: '', detail: '{"from":"held"}', response_ms: 60000, at },
        { id: 1, user: 'a@x', action: 'api_key_add', comment_id: null, reason: '', detail: '{"id":2,"name":"CMS"}', response_ms: 0, at },
      ],
    });
    const page = await open(mock);
    await page.getByRole('link', { name: 'Journal' }).click();
    await page.locator('table.grid tbody tr').nth(5).waitFor();
    const details = await page.locator('table.grid tbody td.detail').allTextContents();
    assert.deepEqual(details, [
      'origines : https://a.example, https://b.example · fuseau : Africa/Dakar',
      'Pré-modération : all · Signalements avant retrait automatique : 3 · Mots interdits (un par ligne : rejet) : arnaque',
      'bannissement n° 3 · durée : 7 jours · par nom, adresse IP',
      'avant : publié · était à revoir (risque 0.50)',
      'avant : en attente',
      'clé n° 2 · nom : « CMS »',
    ]);
    await page.context().close();
    await mock.stop();
  });

  test('headings contract "de" with the site’s name: du, de, d’, des, de la', async () => {
    const names = { quotidien: 'Le Quotidien du Sahel', demo: 'Demo', afrik: 'Afrik Info', echos: 'Les Échos', gazette: 'La Gazette', lobs: 'L’Observateur' };
    const sites = Object.entries(names).map(([id, name]) => ({ id, name, role: 'admin' }));
    const mock = await startMock({ sites, users: [{ email: EMAIL, password: PASSWORD, sites: sites.map((x) => ({ site: x.id, role: 'admin' })) }] });
    const page = await open(mock);
    const h1 = async (hash) => {
      await page.goto(mock.base + '/admin#' + hash);
      await page.locator('main h1').waitFor();
      return page.locator('main h1').textContent();
    };
    assert.equal(await h1('settings/quotidien'), 'Réglages du Quotidien du Sahel');
    assert.equal(await h1('settings/demo'), 'Réglages de Demo');
    assert.equal(await h1('settings/afrik'), 'Réglages d’Afrik Info');
    assert.equal(await h1('settings/echos'), 'Réglages des Échos');
    assert.equal(await h1('settings/gazette'), 'Réglages de la Gazette');
    assert.equal(await h1('settings/lobs'), 'Réglages de l’Observateur');
    assert.equal(await h1('report/quotidien'), 'Rapport du Quotidien du Sahel');
    assert.equal(await h1('audit/afrik'), 'Journal d’Afrik Info');
    assert.equal(await h1('bans/echos'), 'Bannissements actifs des Échos');
    await page.context().close();
    await mock.stop();
  });
});

describe('accessibility of the console', () => {
  const axe = async (page) => {
    await page.evaluate(AXE);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((x) => x.target.join(' ')).join(', ')})`);
  };

  test('the queue keeps list semantics (axe: no serious violation); one <h1> and no empty table header on every screen', async () => {
    const mock = await startMock({
      items: [
        { id: 1, author: 'Awa', text: 'Un lien', reasons: [{ check: 'links_contacts', code: 'link', detail: 'Lien.', score: 0.9, spans: [[0, 2]] }],
          reports: [{ reason: 'spam', note: 'pub', created_at: new Date().toISOString() }], open_reports: 1 },
        { id: 2, author: 'Moussa', text: 'Merci' },
      ],
      audit: [{ id: 1, user: 'a@x', action: 'approve', comment_id: 1, reason: '', detail: '{"from":"held"}', response_ms: 1000, at: new Date().toISOString() }],
    });
    const page = await open(mock);
    await page.locator('.item').nth(1).waitFor();
    const roles = await page.evaluate(() => {
      const ol = document.querySelector('ol.queue');
      return { ol: ol.getAttribute('role'), items: [...ol.children].map((c) => c.tagName + (c.getAttribute('role') || '')) };
    });
    assert.deepEqual(roles, { ol: null, items: ['LI', 'LI'] });
    assert.deepEqual(await axe(page), []);
    assert.equal(await page.locator('h1').count(), 1, 'the queue has an <h1>');
    // A ban, for the bans table.
    await page.keyboard.press('b');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    for (const [link, ready] of [['Réglages', 'form.settings'], ['Bannissements', 'table.grid'], ['Journal', 'table.grid tbody tr'], ['Rapport', '.hbar']]) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.locator(ready).first().waitFor();
      assert.equal(await page.locator('h1').count(), 1, `${link}: one <h1>`);
      const empty = await page.locator('th').evaluateAll((els) => els.filter((e) => !e.textContent.trim()).length);
      assert.equal(empty, 0, `${link}: no empty table header`);
      assert.deepEqual(await axe(page), [], link);
    }
    assert.deepEqual(page.errors.map(String), []);
    await page.context().close();
    await mock.stop();
  });

  test('the report fits a 360-pixel phone: no horizontal scroll', async () => {
    const mock = await startMock();
    const page = await open(mock, { viewport: { width: 360, height: 740 } });
    await page.goto(mock.base + '/admin#report/lejournal');
    await page.locator('.hbar').first().waitFor();
    await page.locator('details summary').click();
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: document.documentElement.clientWidth }));
    assert.ok(width.scroll <= width.view, `page ${width.scroll} px wide in a ${width.view} px viewport`);
    const wide = await page.evaluate(() => [...document.querySelectorAll('main *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((e) => e.tagName + '.' + e.className.baseVal ?? e.className));
    assert.deepEqual(wide, []);
    await page.context().close();
    await mock.stop();
  });
});

describe('keyboard help', () => {
  test('lists every key the queue handles, from the key table itself', async () => {
    const mock = await startMock({ items: [{ id: 1, author: 'Awa', text: 'Bonjour' }] });
    const page = await open(mock);
    await page.locator('.item').waitFor();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    await dialog.waitFor();
    const listed = await dialog.locator('kbd[data-key]').evaluateAll((els) => els.map((e) => e.dataset.key));
    const handled = TEXT.KEYS.map(([k]) => k);
    assert.ok(handled.includes('o') && handled.includes('ArrowDown'), 'the table has the keys the handler reads');
    for (const k of handled) assert.ok(listed.includes(k), `the help lists ${k}`);
    for (const k of listed) {
      assert.ok(TEXT.command({ key: k }) || ['ArrowLeft', 'ArrowRight', 'Escape'].includes(k), `${k} does something`);
    }
    // Each line says what its keys do, in words.
    for (const line of await dialog.locator('ul.keys li').allTextContents()) assert.match(line, / : \p{L}/u);
    assert.match(await dialog.locator('li[data-command="open"]').textContent(), /^o : /);
    assert.match(await dialog.locator('li[data-command="next"]').textContent(), /^j \/ ↓ : commentaire suivant$/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.context().close();
    await mock.stop();
  });
});

describe('hostile data (no CSP on the page)', () => {
  test('XSS vectors as names, e-mails, titles, reasons, notes, source text and even raw html: nothing runs', async () => {
    const { vectors, installSpy, checkDom } = await import('./xss_check.mjs');
    const V = vectors();
    const items = V.map((v) => ({
      id: 1000 + v.n,
      author: v.payload,
      email: v.payload,
      text: v.payload,
      // Not what the server sends (its sanitized rendering), to test the console's own
      // allow-list, which is there in case the server ever gets it wrong.
      html: v.payload,
      thread: { id: v.n, key: v.payload, title: v.payload },
      reasons: [{ check: v.payload, code: v.payload, detail: v.payload, score: 0.5, spans: [[0, Buffer.byteLength(v.payload) >> 1]] }],
      reports: [{ reason: v.payload, note: v.payload, created_at: new Date().toISOString() }],
      open_reports: 1,
    }));
    const mock = await startMock({ items, csp: false });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    await context.addInitScript(installSpy);
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e));
    await page.goto(mock.base + '/admin');
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('.item').nth(V.length - 1).waitFor();
    for (let i = 0; i < V.length; i += 10) await page.locator('.item').nth(i).hover().catch(() => {});
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.__xssCalls), []);
    assert.deepEqual(await page.evaluate(`(${checkDom})([null, '.item'])`), []);
    const shown = await page.evaluate(() => [...document.querySelectorAll('.item')].map((el) => [
      el.querySelector('.author').textContent,
      el.querySelector('.email').textContent,
      el.querySelector('.where .art').textContent,
      el.querySelector('.reports .note').textContent,
      el.querySelector('.src').textContent,
      el.querySelector('.author').childElementCount + el.querySelector('.reports .note').childElementCount,
    ]));
    V.forEach((v, i) => assert.deepEqual(shown[i], [v.payload, v.payload, v.payload, v.payload, v.payload, 0], `vector ${v.n}`));
    assert.deepEqual(page.errors.map(String), []);
    await context.close();
    await mock.stop();
  });
});
