// The moderator console in headless Chromium against an in-memory stand-in of the admin API
// (admin_mock.mjs): login errors, the keyboard-only review of a queue, highlights, dialogs,
// bulk and cluster actions, 401 back to the login, CSRF on every write, the review tab. Its
// pages, words, accessibility and hostile data: admin_pages.test.mjs. The same flows against
// the real binary are in admin.test.mjs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock } from './admin_mock.mjs';
import { EMAIL, PASSWORD, span, consoleBrowser, selectedId, focusedId } from './admin_console_harness.mjs';

const open = consoleBrowser();

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
