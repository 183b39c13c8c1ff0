// The moderator console's pages in headless Chromium against the admin API's stand-in
// (admin_mock.mjs): settings, the site, API keys, the report and audit log; French words;
// accessibility; the keyboard help; hostile data shown as text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock } from './admin_mock.mjs';
import { AXE, TEXT, SERVER_CODES, EMAIL, PASSWORD, consoleBrowser } from './admin_console_harness.mjs';

const open = consoleBrowser();

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
    const context = await open.context({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
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
