// The moderators' remaining daily paths against the real binary: comments the pipeline rejected
// kept in "Rejetés automatiquement" with their reasons and a "Faux positif" action; every
// decision offered back for 10 seconds ("Annuler", undone on the server); un-publishing asks a
// reason and the held comment says who did it; a reply shows its parent and each item links to
// the comment in its article; filters shown as removable chips (an article's title no longer
// re-filters); a settings error names its key and marks its field, and valid keys complete.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminSession, start } from './harness.mjs';

const SITE = 'decisions';
const ADMIN = { site: SITE, role: 'admin', email: 'khady@lejournal.example', password: 'une phrase de passe assez longue' };

let env;
let api;
before(async () => {
  env = await start({ relaxed: [SITE], users: [ADMIN] });
  api = await session(ADMIN);
});
after(async () => {
  if (env) await env.stop();
});

const session = (user) => adminSession(env.api, user);

async function settings(change) {
  const put = await api('PUT', `/sites/${SITE}/settings`, change);
  assert.equal(put.status, 200, JSON.stringify(put.data));
}

// Posts as a reader; answers the HTTP status and body (a rejection is not an exception here).
async function post(key, body) {
  const res = await fetch(`${env.api}/api/v1/threads/${SITE}/${encodeURIComponent(key)}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.91.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, data: await res.json() };
}

async function publicIds(key) {
  const r = await (await fetch(`${env.api}/api/v1/threads/${SITE}/${encodeURIComponent(key)}/comments`)).json();
  const ids = [];
  const walk = (cs) => cs.forEach((c) => (ids.push(c.id), walk(c.replies || [])));
  walk(r.comments || []);
  return ids;
}

const selectedId = (page) => page.evaluate(() => {
  const el = document.querySelector('.item.sel');
  return el ? Number(el.dataset.id) : null;
});

describe('the moderators’ decisions in the console', () => {
  test('rejected automatically: listed newest first with reasons; Faux positif publishes; Annuler takes it back', async () => {
    await settings({ banned_words: ['zorglub'] });
    const key = env.key('auto');
    const first = await post(key, { author: 'Lecteur Un', text: 'Ce ministre est un zorglub.' });
    assert.equal(first.status, 422);
    assert.equal(first.data.error.code, 'rejected');
    const second = await post(key, { author: 'Lectrice Deux', text: 'Encore un zorglub au conseil municipal.' });
    assert.equal(second.status, 422);
    const listed = await api('GET', `/queue?site=${SITE}&status=auto_rejected`);
    const [b, a] = listed.data.items.map((x) => x.id);
    assert.ok(a && b && b > a, JSON.stringify(listed.data));
    assert.deepEqual(await publicIds(key), []);

    const page = await env.console(ADMIN);
    await page.getByRole('tab', { name: 'Rejetés automatiquement' }).click();
    await page.locator(`.item[data-id="${b}"]`).waitFor();
    assert.deepEqual(await page.locator('.item').evaluateAll((xs) => xs.map((x) => Number(x.dataset.id))), [b, a], 'newest first');
    assert.equal(await page.locator(`.item[data-id="${b}"] .rc`).first().getAttribute('data-code'), 'banned_word');
    await page.locator('.auto-hint').waitFor();
    assert.equal(await page.locator(`.item[data-id="${b}"]`).getByRole('button', { name: /Rejeter/ }).count(), 0);

    await page.locator(`.item[data-id="${a}"]`).getByRole('button', { name: /Faux positif/ }).click();
    await page.locator(`.item[data-id="${a}"]`).waitFor({ state: 'detached' });
    assert.deepEqual(await publicIds(key), [a]);
    const audit = await api('GET', `/sites/${SITE}/audit`);
    assert.equal(audit.data.entries[0].action, 'false_positive');

    const undo = page.locator('.undo-bar').getByRole('button', { name: 'Annuler' });
    await undo.click();
    await page.locator(`.item[data-id="${a}"]`).waitFor();
    assert.deepEqual(await publicIds(key), []);
    const again = await api('GET', `/queue?site=${SITE}&status=auto_rejected`);
    assert.ok(again.data.items.some((x) => x.id === a && x.status === 'rejected' && x.auto_rejected));
    const log = await api('GET', `/sites/${SITE}/audit`);
    assert.equal(log.data.entries[0].action, 'undo');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('un-publishing asks a reason, the held comment says who; every decision offers Annuler for 10 seconds', async () => {
    await settings({});
    const key = env.key('unpub');
    const p = await post(key, { author: 'Awa Diallo', text: 'Un avis publié tout de suite.' });
    assert.equal(p.status, 201, JSON.stringify(p.data));
    const id = p.data.comment.id;
    const page = await env.console(ADMIN);
    await page.getByRole('tab', { name: 'Publiés' }).click();
    await page.locator(`.item[data-id="${id}"]`).click();
    await page.keyboard.press('u');
    const dialog = page.getByRole('dialog', { name: 'Dépublier : pourquoi ?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Dépublier' }).click();
    await dialog.getByText('Indiquez une raison.').waitFor();
    assert.deepEqual(await publicIds(key), [id], 'nothing sent without a reason');
    await dialog.getByLabel(/Raison/).fill('Hors sujet, à vérifier');
    await dialog.getByRole('button', { name: 'Dépublier' }).click();
    await page.locator(`.item[data-id="${id}"]`).waitFor({ state: 'detached' });
    assert.deepEqual(await publicIds(key), []);
    const bar = page.locator('.undo-bar');
    await bar.getByRole('button', { name: 'Annuler' }).waitFor();
    const shownAt = Date.now();

    await page.getByRole('tab', { name: 'En attente' }).click();
    const held = page.locator(`.item[data-id="${id}"]`);
    await held.waitFor();
    assert.equal((await held.locator('.decided').textContent()).trim(), `Dépublié par ${ADMIN.email} : « Hors sujet, à vérifier »`);
    // The offer goes after 10 seconds, not before.
    await bar.waitFor({ state: 'hidden', timeout: 15000 });
    const shown = Date.now() - shownAt;
    assert.ok(shown > 8500 && shown < 13000, `Annuler shown ${shown} ms`);

    // Approved with `a`, then taken back with the bar's button: held again, as before.
    await held.click();
    await page.keyboard.press('a');
    await held.waitFor({ state: 'detached' });
    assert.deepEqual(await publicIds(key), [id]);
    await bar.getByRole('button', { name: 'Annuler' }).click();
    await held.waitFor();
    assert.deepEqual(await publicIds(key), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('a reply shows its parent; each item links to the comment in its article', async () => {
    await settings({});
    const key = `${env.hostOrigin}/article/routes-${process.pid}`;
    const parent = await post(key, { author: 'Moussa Keita', text: 'La route de Kayes est enfin goudronnée.' });
    assert.equal(parent.status, 201, JSON.stringify(parent.data));
    await settings({ premoderation: 'all' });
    const reply = await post(key, { author: 'Fatou Sow', text: 'Pas jusqu’à Diboli, hélas.', parent: parent.data.comment.id });
    assert.equal(reply.status, 202, JSON.stringify(reply.data));
    const id = reply.data.comment.id;
    const page = await env.console(ADMIN);
    const item = page.locator(`.item[data-id="${id}"]`);
    await item.waitFor();
    const quote = item.locator('blockquote.parent');
    assert.match(await quote.textContent(), /En réponse à Moussa Keita : La route de Kayes est enfin goudronnée\./);
    assert.equal(await item.locator('a.permalink').getAttribute('href'), `${key}#palabre-c${id}`);
    assert.equal(await item.locator('a.art').getAttribute('href'), `${key}#palabre-c${id}`);
    await settings({});
    await page.context().close();
  });

  test('filters are removable chips; an article title no longer re-filters nor moves the selection', async () => {
    await settings({ premoderation: 'all' });
    const one = env.key('chips-one');
    const two = env.key('chips-two');
    const a = (await post(one, { author: 'A', text: 'Premier commentaire en attente.' })).data.comment.id;
    const b = (await post(two, { author: 'B', text: 'Second commentaire en attente.' })).data.comment.id;
    const c = (await post(one, { author: 'C', text: 'Troisième commentaire en attente.' })).data.comment.id;
    const page = await env.console(ADMIN);
    await page.getByLabel('Ordre').selectOption('newest');
    await page.waitForFunction((id) => Number(document.querySelector('.item')?.dataset.id) === id, c);
    await page.locator(`.item[data-id="${c}"] .body`).click();
    assert.equal(await selectedId(page), c, await page.locator('.queue').innerHTML());
    // The title is the article's name, not a filter.
    await page.locator(`.item[data-id="${c}"] .art`).click();
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.chip').count(), 0);
    assert.equal(await selectedId(page), c);
    assert.equal(await page.locator(`.item[data-id="${b}"]`).count(), 1);
    // Filtering on the thread is explicit, shown as a chip, and keeps the selection.
    await page.locator(`.item[data-id="${c}"]`).getByRole('button', { name: 'Filtrer sur cette discussion' }).click();
    const chip = page.locator('.chip[data-filter="thread"]');
    await chip.waitFor();
    await page.locator(`.item[data-id="${b}"]`).waitFor({ state: 'detached' });
    assert.equal(await selectedId(page), c);
    await page.getByLabel('Rechercher').fill('Premier');
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await page.locator('.chip[data-filter="q"]').waitFor();
    await page.locator(`.item[data-id="${c}"]`).waitFor({ state: 'detached' });
    assert.equal(await page.locator('.chip').count(), 2);
    await page.getByRole('button', { name: 'Retirer le filtre Recherche : « Premier »' }).click();
    await page.locator(`.item[data-id="${c}"]`).waitFor();
    await chip.getByRole('button').click();
    await page.locator(`.item[data-id="${b}"]`).waitFor();
    assert.equal(await page.locator('.chip').count(), 0);
    assert.equal(await page.getByLabel('Rechercher').inputValue(), '');
    await settings({});
    await page.context().close();
  });

  test('a settings error names its key and marks its field; valid keys complete', async () => {
    const page = await env.console(ADMIN);
    await page.getByRole('link', { name: 'Réglages' }).click();
    // The key suggestions come with the settings page's data: wait for them to be in the page.
    await page.locator('#ck-keys option').first().waitFor({ state: 'attached' });
    const options = await page.locator('#ck-keys option').evaluateAll((xs) => xs.map((x) => x.value));
    assert.ok(options.includes('flood.burst_max') && options.includes('shouting.action'), options.join(' '));
    await page.getByLabel('Clé', { exact: true }).fill('flood.burst_max');
    await page.getByLabel('Valeur', { exact: true }).fill('-5');
    await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
    const checks = page.locator('.settings textarea').last();
    assert.match(await checks.inputValue(), /^flood\.burst_max = -5$/m);
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const status = page.locator('.settings .status.er');
    await status.waitFor();
    assert.match(await status.textContent(), /Réglage « flood\.burst_max » refusé/);
    assert.equal(await checks.getAttribute('aria-invalid'), 'true');
    const selected = await checks.evaluate((el) => el.value.slice(el.selectionStart, el.selectionEnd));
    assert.equal(selected, 'flood.burst_max = -5');
    // A top-level key: its own field.
    const keep = page.getByLabel(/Garder les rejets automatiques/);
    await checks.fill('');
    await keep.fill('400');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.locator('.settings .status.er').filter({ hasText: /Garder les rejets/ }).waitFor();
    assert.equal(await keep.getAttribute('aria-invalid'), 'true');
    await page.context().close();
  });
});
