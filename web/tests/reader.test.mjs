// The reader's own comments and live threads, in headless Chromium against a real `palabre
// serve`: the author's view wins over the live event, the author's held comment in place (kept
// across reloads, approved or rejected live), live comments in the current sort order, a
// comment approved again after being unpublished, Escape, the remembered sort, stale notes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminSession, start, SITE, STRICT } from './harness.mjs';

const MODO = { site: SITE, role: 'moderator', email: 'modo@lejournal.example', password: 'une phrase de passe assez longue' };
const STRICT_MODO = { site: STRICT, role: 'moderator', email: 'strict@lejournal.example', password: 'une autre phrase de passe longue' };

let env;
before(async () => {
  env = await start({ users: [MODO, STRICT_MODO] });
});
after(async () => {
  if (env) await env.stop();
});

let seq = 0;
const say = () => `Le marché de Médina est plein ce matin, les prix montent encore (${++seq}).`;
const comments = (page) => page.locator('#palabre li.c');
const heading = (page) => page.locator('#palabre h2');

// A moderator's POST from Node, as the console makes it; it must succeed.
async function session(user) {
  const call = await adminSession(env.api, user);
  return async (path, body) => {
    const r = await call('POST', path, body || {});
    assert.equal(r.status, 200, JSON.stringify(r.data));
  };
}

// Opens the article and waits until its live stream is subscribed.
async function openLive(key, params) {
  const page = await env.open(key, params);
  await page.stream;
  await page.waitForTimeout(300);
  return page;
}

async function write(form, text, name) {
  await form.getByLabel(/^Votre (commentaire|réponse)/).fill(text);
  await form.getByLabel('Votre nom').fill(name);
  await form.getByRole('button', { name: 'Publier' }).click();
}

describe("the author's own comments", () => {
  test('a reply whose live event comes before the answer is still the author’s', async () => {
    const key = env.key('race');
    const parent = await env.post(key, { author: 'Moussa', text: say() });
    const page = await openLive(key);
    const li = page.locator(`#palabre #c${parent.comment.id}`);
    const reply = li.locator('ul.r > li.c');
    // The answer to the post is held back until the live event has drawn the reply.
    let drawn = false;
    await page.route(`${env.api}/api/v1/threads/**`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch();
      await reply.waitFor({ timeout: 10000 });
      drawn = true;
      await route.fulfill({ response });
    });
    await li.getByRole('button', { name: 'Répondre Moussa' }).click();
    await write(li.locator('form.rf'), 'Je suis d’accord, les prix ont doublé.', 'Aminata');
    await li.locator('form.rf').waitFor({ state: 'detached' });
    assert.equal(drawn, true, 'the live event came first');
    assert.equal(await reply.count(), 1, 'no duplicate');
    await reply.getByRole('button', { name: 'Modifier' }).waitFor();
    assert.equal(await reply.getByRole('button', { name: 'Supprimer' }).count(), 1);
    assert.equal(await reply.getByRole('button', { name: /^Signaler/ }).count(), 0);
    assert.equal(await reply.evaluate((el) => el.classList.contains('nw')), false, 'not highlighted as new');
    assert.equal(await heading(page).textContent(), '2 commentaires');
    await page.context().close();
  });

  test('a held comment stays in place for its author, across reloads, until approved live', async () => {
    const key = env.key('held');
    const page = await openLive(key, { site: STRICT });
    const form = page.locator('#palabre form.f:not(.rf):not(.ef)');
    await write(form, 'Le communiqué complet est sur https://mairie-kayes.example/communique.', 'Salimata');
    const mine = comments(page).first();
    await mine.getByText('En attente de vérification : il contient un lien.').waitFor();
    assert.match(await mine.locator('.b').textContent(), /mairie-kayes/);
    assert.equal(await mine.getByRole('button', { name: 'Modifier' }).count(), 1);
    assert.equal(await mine.getByRole('button', { name: /^Signaler|^Répondre/ }).count(), 0);
    assert.equal(await mine.locator('.v').count(), 0, 'no votes on a held comment');
    assert.equal(await heading(page).textContent(), 'Aucun commentaire', 'not counted');
    const id = Number((await mine.getAttribute('id')).slice(1));

    // Another reader does not see it.
    const other = await env.open(key, { site: STRICT });
    assert.equal(await comments(other).count(), 0);
    await other.context().close();

    // Reloaded: still there, still editable; an edit keeps it held.
    await page.reload();
    await heading(page).filter({ hasNotText: /Chargement/ }).waitFor();
    await page.stream;
    const again = page.locator(`#palabre #c${id}`);
    await again.getByText('En attente de vérification : il contient un lien.').waitFor();
    await again.getByRole('button', { name: 'Modifier' }).click();
    await again.getByLabel('Modifier votre commentaire').fill('Le communiqué est sur https://mairie-kayes.example/communique-complet.');
    await again.getByRole('button', { name: 'Enregistrer' }).click();
    await again.locator('.b').filter({ hasText: 'communique-complet' }).waitFor();
    await again.getByText('En attente de vérification : il contient un lien.').waitFor();

    // Approved by a moderator: a normal comment, live.
    await page.waitForTimeout(300);
    const modo = await session(STRICT_MODO);
    await modo(`/comments/${id}/approve`);
    await heading(page).filter({ hasText: '1 commentaire' }).waitFor({ timeout: 5000 });
    await again.getByText(/En attente/).waitFor({ state: 'detached' });
    assert.equal(await again.locator('.v').count(), 2, 'votes shown');
    assert.equal(await again.getByRole('button', { name: 'Modifier' }).count(), 1);
    assert.equal(await comments(page).count(), 1, 'no duplicate');

    // A second held comment, rejected: said so in place.
    await write(form, 'Écrivez-moi sur https://vente-riz.example/offre pour du riz moins cher.', 'Salimata');
    const second = page.locator('#palabre li.c').filter({ hasText: 'vente-riz' });
    await second.getByText(/En attente de vérification/).waitFor();
    const secondId = Number((await second.getAttribute('id')).slice(1));
    await modo(`/comments/${secondId}/reject`, { reason: 'spam' });
    await second.getByText(/n’a pas été publié/).waitFor({ timeout: 5000 });
    assert.equal(await second.getByRole('button').count(), 0);
    assert.equal(await heading(page).textContent(), '1 commentaire');

    // Rejected while the page was closed: said once at the next visit.
    await write(form, 'Mon numéro pour la livraison : https://livraison-riz.example/commande.', 'Salimata');
    const third = page.locator('#palabre li.c').filter({ hasText: 'livraison-riz' });
    await third.getByText(/En attente de vérification/).waitFor();
    const thirdId = Number((await third.getAttribute('id')).slice(1));
    await page.close();
    await modo(`/comments/${thirdId}/reject`, { reason: 'spam' });
    const back = await page.context().newPage();
    await back.goto(env.url(key, { site: STRICT }));
    await back.locator('#palabre p.nt.er').filter({ hasText: 'Votre commentaire n’a pas été publié : il contient un lien.' }).waitFor();
    assert.equal(await comments(back).filter({ hasText: 'livraison-riz' }).count(), 0);
    await back.reload();
    await heading(back).filter({ hasText: '1 commentaire' }).waitFor();
    await back.waitForTimeout(500);
    assert.equal(await back.locator('#palabre p.nt.er').count(), 0, 'said once');
    await back.context().close();
  });
});

describe('live threads', () => {
  test('live comments follow the sort: newest at the top, oldest at the end once it is loaded', async () => {
    const key = env.key('order');
    const texts = [];
    for (let i = 0; i < 3; i++) {
      texts.push(say());
      await env.post(key, { author: `Lecteur ${i}`, text: texts[i] });
    }
    const order = (page) => comments(page).locator('.b').allTextContents().then((all) => all.map((s) => s.trim()));

    // Oldest first, two per page: the end is not loaded, the new comment waits for it.
    const page = await openLive(key, { sort: 'oldest', limit: 2 });
    const late = say();
    await env.post(key, { author: 'Retardataire', text: late });
    const bar = page.getByRole('button', { name: '1 nouveau commentaire' });
    await bar.waitFor({ timeout: 5000 });
    await bar.click();
    await comments(page).filter({ hasText: late }).waitFor();
    const more = page.getByRole('button', { name: 'Voir plus de commentaires' });
    if (await more.isVisible()) await more.click();
    await comments(page).nth(3).waitFor();
    assert.deepEqual(await order(page), [...texts, late]);
    assert.equal(await bar.isHidden(), true);

    // Newest first: at the top, above the first page.
    const newest = await openLive(key, { sort: 'newest', limit: 2 });
    const latest = say();
    await env.post(key, { author: 'Dernier', text: latest });
    await newest.getByRole('button', { name: '1 nouveau commentaire' }).click();
    assert.equal((await order(newest))[0], latest);
    await newest.context().close();
    await page.context().close();
  });

  test('a comment unpublished then approved again comes back live', async () => {
    const key = env.key('back');
    const parent = await env.post(key, { author: 'Moussa', text: say() });
    const reply = await env.post(key, { author: 'Awa', text: say(), parent: parent.comment.id });
    const page = await openLive(key);
    const p = page.locator(`#palabre #c${parent.comment.id}`);
    const modo = await session(MODO);

    await modo(`/comments/${parent.comment.id}/unpublish`, { reason: 'vérification' });
    await p.locator('> article .tb').waitFor({ timeout: 5000 });
    await modo(`/comments/${parent.comment.id}/approve`);
    await p.locator('> article .a').filter({ hasText: 'Moussa' }).waitFor({ timeout: 5000 });
    assert.equal(await p.locator('> article .tb').count(), 0);
    assert.equal(await p.locator(`#c${reply.comment.id}`).count(), 1, 'its reply stays under it');

    // A reply without replies leaves, and comes back under its parent.
    await modo(`/comments/${reply.comment.id}/unpublish`, { reason: 'vérification' });
    await page.locator(`#palabre #c${reply.comment.id}`).waitFor({ state: 'detached', timeout: 5000 });
    await modo(`/comments/${reply.comment.id}/approve`);
    await p.locator(`ul.r > #c${reply.comment.id}`).waitFor({ timeout: 5000 });
    await heading(page).filter({ hasText: '2 commentaires' }).waitFor();
    await page.context().close();
  });
});

describe('phones and keyboards', () => {
  test('Escape closes the reply form; the sort is remembered; a success clears a stale error', async () => {
    const key = env.key('keys');
    const first = await env.post(key, { author: 'Moussa', text: say() });
    await env.post(key, { author: 'Awa', text: say() });
    const page = await env.open(key);
    const li = page.locator(`#palabre #c${first.comment.id}`);
    await li.getByRole('button', { name: 'Répondre Moussa' }).click();
    await li.locator('form.rf textarea').press('Escape');
    assert.equal(await li.locator('form.rf').count(), 0, 'closed');
    assert.equal(await page.evaluate(() => document.getElementById('palabre').shadowRoot.activeElement.textContent), 'Répondre Moussa');

    // A vote that fails, then one that works: the error goes.
    let fail = true;
    await page.route(`${env.api}/api/v1/comments/*/votes`, (route) =>
      fail ? route.fulfill({ status: 503, contentType: 'application/json', headers: { 'Retry-After': '5' }, body: '{"error":{"code":"unavailable","message":""}}' }) : route.continue(),
    );
    await li.getByRole('button', { name: /J’approuve/ }).first().click();
    const note = li.locator('> article .nt.er');
    await note.waitFor();
    fail = false;
    await li.getByRole('button', { name: /J’approuve/ }).first().click();
    await li.locator('> article .v.up .n').filter({ hasText: '1' }).waitFor();
    assert.equal(await note.count(), 0, 'the stale error is gone');

    // A post that fails, then one that works: the form says only the success.
    let failPost = true;
    await page.route(`${env.api}/api/v1/threads/**`, (route) =>
      failPost && route.request().method() === 'POST'
        ? route.fulfill({ status: 503, contentType: 'application/json', headers: { 'Retry-After': '5' }, body: '{"error":{"code":"unavailable","message":""}}' })
        : route.continue(),
    );
    const form = page.locator('#palabre form.f:not(.rf):not(.ef)');
    await write(form, 'Les routes sont coupées depuis trois semaines.', 'Aminata');
    await form.locator('.st.er').waitFor();
    failPost = false;
    await form.getByRole('button', { name: 'Publier' }).click();
    await form.locator('.st.ok').filter({ hasText: 'Votre commentaire est publié.' }).waitFor();
    assert.equal(await form.locator('.st.er, [aria-invalid]').count(), 0);

    // The sort chosen is kept for the next article of the site.
    await page.locator('#palabre select').selectOption('newest');
    await comments(page).first().filter({ hasNotText: 'Moussa' }).waitFor();
    const next = await env.open(env.key('keys'), {}, { storageState: await page.context().storageState() });
    assert.equal(await next.locator('#palabre select').inputValue(), 'newest');
    const asked = next.waitForRequest((r) => r.url().includes('/comments?sort=newest'));
    await next.reload();
    await assert.doesNotReject(asked);
    await next.context().close();
    await page.context().close();
  });
});
