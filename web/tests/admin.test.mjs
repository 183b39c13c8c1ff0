// The moderators' side against the real binary (issue 6, "done when"): a moderator created with
// `palabre user add` logs in at /admin, clears a queue of held comments with the keyboard only,
// bans a flooder (whose next comment from the widget is refused), changes a site setting (a
// banned word, then a comment with it is rejected); a reader's report from the widget reaches
// the Reported tab; a comment the site sends to review is published at once, listed under
// "À revoir" by risk, and unpublished from there with one key.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { adminSession, start, SITE } from './harness.mjs';

// The console's site: moderated like the harness's `test` site (no flood limit between the
// tests' posts), with its lexicon on for the banned-word test.
const STRICT = 'console';

const ADMIN = { site: STRICT, role: 'admin', email: 'awa@lejournal.example', password: 'une phrase de passe assez longue' };
const MODO = { site: SITE, role: 'moderator', email: 'moussa@lejournal.example', password: 'une autre phrase de passe longue' };

let env;
before(async () => {
  env = await start({ relaxed: [STRICT], users: [ADMIN, MODO] });
});
after(async () => {
  if (env) await env.stop();
});

const session = (user) => adminSession(env.api, user);

const focusedId = (page) => page.evaluate(() => {
  const el = document.activeElement && document.activeElement.closest('.item');
  return el ? Number(el.dataset.id) : null;
});

describe('moderator console on the real server', () => {
  test('the /admin page is a bare shell under a strict CSP', async () => {
    const res = await fetch(`${env.api}/admin`);
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') || '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    const html = await res.text();
    assert.match(html, /id="palabre-admin"/);
    assert.doesNotMatch(html, /<script>|\son\w+=/i, 'no inline script nor handler');
  });

  test('login errors, then a queue of held comments cleared with j/k/a/r only', async () => {
    const api = await session(ADMIN);
    const r = await api('GET', `/sites/${STRICT}/settings`);
    assert.equal(r.status, 200);
    const put = await api('PUT', `/sites/${STRICT}/settings`, { ...r.data.settings, premoderation: 'all' });
    assert.equal(put.status, 200, JSON.stringify(put.data));

    const key = env.key('queue');
    const texts = [
      'Le marché de Médina Coura est plein ce matin.',
      'Merci pour ce reportage sur les transporteurs de Kayes.',
      'La mairie doit répondre aux habitants de Kalaban Coro.',
      'Bonne analyse de la saison des pluies dans la région.',
    ];
    const ids = [];
    for (const [i, text] of texts.entries()) {
      const p = await env.post(key, { author: `Lecteur ${i}`, text }, 'fr', STRICT);
      assert.equal(p.status, 'held');
      ids.push(p.comment.id);
    }

    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${env.api}/admin`);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Mot de passe').fill('mauvais mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').filter({ hasText: 'E-mail ou mot de passe incorrect.' }).waitFor();
    await page.getByLabel('Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.locator('.tabs').waitFor();
    await page.getByLabel('Ordre').selectOption('oldest');
    await page.locator(`.item[data-id="${ids[3]}"]`).waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    assert.equal(await focusedId(page), ids[0]);
    await page.keyboard.press('a');
    await page.locator(`.item[data-id="${ids[0]}"]`).waitFor({ state: 'detached' });
    assert.equal(await focusedId(page), ids[1]);
    await page.keyboard.press('r');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('5'); // off_topic
    await page.locator(`.item[data-id="${ids[1]}"]`).waitFor({ state: 'detached' });
    await page.keyboard.press('a');
    await page.locator(`.item[data-id="${ids[2]}"]`).waitFor({ state: 'detached' });
    await page.keyboard.press('a');
    await page.getByText('Rien à modérer ici.').waitFor();

    const thread = await (await fetch(`${env.api}/api/v1/threads/${STRICT}/${key}/comments`)).json();
    assert.deepEqual(thread.comments.map((c) => c.id).sort(), [ids[0], ids[2], ids[3]].sort());
    const rejected = await api('GET', `/queue?status=rejected&site=${STRICT}`);
    assert.ok(rejected.data.items.some((x) => x.id === ids[1]));
    const audit = await api('GET', `/sites/${STRICT}/audit`);
    assert.ok(audit.data.entries.some((e) => e.action === 'reject' && e.comment_id === ids[1] && e.reason === 'off_topic'));
    await context.close();
  });

  test('bans a flooder: their next comment from the widget is refused with the banned message', async () => {
    const key = env.key('flood');
    const p = await env.post(key, { author: 'Gagnant Rapide', text: 'Une offre unique, écrivez-moi vite.' }, 'fr', STRICT);
    const page = await env.console(ADMIN);
    await page.locator(`.item[data-id="${p.comment.id}"]`).click();
    await page.keyboard.press('b');
    await page.getByRole('dialog', { name: 'Bannir Gagnant Rapide' }).waitFor();
    await page.keyboard.press('2'); // 7 days
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Gagnant Rapide est banni.' }).waitFor();
    await page.context().close();

    const reader = await env.open(key, { site: STRICT });
    const form = reader.locator('#palabre form.f:not(.rf):not(.ef)');
    await form.getByLabel('Votre commentaire').fill('Encore une offre à ne pas manquer.');
    await form.getByLabel('Votre nom').fill('Gagnant Rapide');
    await form.getByRole('button', { name: 'Publier' }).click();
    await form.getByText('Vous ne pouvez plus publier de commentaires sur ce site.').waitFor();
    await reader.context().close();
  });

  test('a banned word added in the settings page rejects the next comment with it', async () => {
    const page = await env.console(ADMIN);
    await page.getByRole('link', { name: 'Réglages' }).click();
    await page.getByLabel('Pré-modération', { exact: true }).selectOption('none');
    const words = page.getByLabel('Mots interdits (un par ligne : rejet)');
    await words.fill(((await words.inputValue()) + '\nzorglub').trim());
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.locator('.settings .status.ok').waitFor();
    await page.context().close();
    const res = await fetch(`${env.api}/api/v1/threads/${STRICT}/${env.key('words')}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ author: 'Lecteur', text: 'Le ministre est un vrai zorglub, voilà.' }),
    });
    assert.equal(res.status, 422);
    assert.equal((await res.json()).error.code, 'rejected');
  });

  test('a reader page on an origin the site does not allow: counted, announced, allowed from the console', async () => {
    const origin = 'https://www.nouveau-domaine.example';
    const postFrom = () => fetch(`${env.api}/api/v1/threads/${STRICT}/${env.key('origin')}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ author: 'Lectrice', text: 'Je lis le journal sur sa nouvelle adresse.' }),
    });
    const refused = await postFrom();
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error.code, 'origin_not_allowed');
    const metrics = await (await fetch(`${env.api}/metrics`)).text();
    assert.match(metrics, new RegExp(`^palabre_origin_refused_total\\{site="${STRICT}"\\} 1$`, 'm'));
    assert.doesNotMatch(metrics, /nouveau-domaine/);

    const page = await env.console(ADMIN);
    await page.locator(`.refused-sites .banner[data-site="${STRICT}"]`).getByRole('link').click();
    const site = page.locator('section.site');
    await site.locator(`li[data-origin="${origin}"]`).waitFor();
    await site.getByRole('button', { name: `Autoriser ${origin}` }).click();
    await site.locator('.status.ok').waitFor();
    assert.match(await site.getByLabel('Origines autorisées (une par ligne)').inputValue(), new RegExp(`\\n${origin.replace(/\./g, '\\.')}$`));
    await page.context().close();
    const allowed = await postFrom();
    assert.ok(allowed.status === 201 || allowed.status === 202, `${allowed.status} ${await allowed.text()}`);
  });

  test('a comment a moderator unpublishes leaves an open reader page live, count included', async () => {
    const key = env.key('unpublish');
    const keep = await env.post(key, { author: 'Aminata', text: 'Un premier avis, qui reste.' });
    const gone = await env.post(key, { author: 'Ousmane', text: 'Un second avis, bientôt retiré.' });
    const reader = await env.open(key);
    const widget = reader.locator('#palabre');
    await widget.locator(`#c${gone.comment.id}`).waitFor();
    await widget.getByText('2 commentaires').waitFor();
    // The stream is open once the live status is set; give it a moment to subscribe.
    await reader.waitForTimeout(500);
    const api = await session(MODO);
    const r = await api('POST', `/comments/${gone.comment.id}/unpublish`, { reason: 'vérification' });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    await widget.locator(`#c${gone.comment.id}`).waitFor({ state: 'detached', timeout: 5000 });
    await widget.getByText('1 commentaire', { exact: true }).waitFor({ timeout: 5000 });
    assert.equal(await widget.locator(`#c${keep.comment.id}`).count(), 1);
    await reader.context().close();
  });

  test('a reader reports a comment from the widget; it shows in the Reported tab with the note', async () => {
    const key = env.key('report');
    const c = await env.post(key, { author: 'Bakary', text: 'Un commentaire que quelqu’un trouvera déplacé.' });
    const reader = await env.open(key);
    const li = reader.locator(`#palabre #c${c.comment.id}`);
    await li.getByRole('button', { name: /^Signaler/ }).click();
    await li.getByLabel('Insulte ou harcèlement').check();
    await li.getByLabel('Précisions (facultatif)').fill('Il insulte <b>les</b> habitants');
    await li.getByRole('button', { name: 'Envoyer' }).click();
    await li.getByText('Merci, les modérateurs vont examiner ce commentaire.').waitFor();
    // Again from the same browser: already reported.
    await reader.reload();
    await reader.locator(`#palabre #c${c.comment.id}`).getByRole('button', { name: /^Signaler/ }).click();
    await reader.locator(`#palabre #c${c.comment.id}`).getByLabel('Spam ou publicité').check();
    await reader.locator(`#palabre #c${c.comment.id}`).getByRole('button', { name: 'Envoyer' }).click();
    await reader.locator(`#palabre #c${c.comment.id}`).getByText('Vous avez déjà signalé ce commentaire, merci.').waitFor();
    await reader.context().close();

    const page = await env.console(MODO);
    await page.getByRole('tab', { name: 'Signalés' }).click();
    const item = page.locator(`.item[data-id="${c.comment.id}"]`);
    await item.waitFor();
    assert.match(await item.locator('.reports').textContent(), /Insulte — Il insulte <b>les<\/b> habitants/);
    // Approving resolves the report: it leaves the tab.
    await item.click();
    await page.keyboard.press('a');
    await item.waitFor({ state: 'detached' });
    await page.context().close();
  });

  test('review after publishing: shown at once, listed under À revoir by risk, unpublished with one key', async () => {
    const api = await session(ADMIN);
    const r = await api('GET', `/sites/${STRICT}/settings`);
    assert.equal(r.status, 200);
    const settings = { ...r.data.settings, premoderation: 'none', checks: { ...r.data.settings.checks, 'shouting.action': 'review' } };
    const put = await api('PUT', `/sites/${STRICT}/settings`, settings);
    assert.equal(put.status, 200, JSON.stringify(put.data));

    const key = env.key('review');
    const shouted = await env.post(key, { author: 'Kadiatou', text: 'LES ROUTES DE KAYES SONT DANS UN ÉTAT LAMENTABLE' }, 'fr', STRICT);
    const exclaimed = await env.post(key, { author: 'Seydou', text: 'Les routes de Kayes, encore et toujours !!!!' }, 'fr', STRICT);
    // Published as any other comment: the answer says nothing of the review.
    for (const p of [shouted, exclaimed]) {
      assert.equal(p.status, 'published');
      assert.deepEqual(Object.keys(p).sort(), ['comment', 'edit_token', 'status']);
      assert.equal('review' in p.comment || 'risk' in p.comment || 'reasons' in p, false);
    }

    const reader = await env.open(key, { site: STRICT });
    const widget = reader.locator('#palabre');
    await widget.locator(`#c${shouted.comment.id}`).waitFor();
    await widget.locator(`#c${exclaimed.comment.id}`).waitFor();
    await widget.getByText('2 commentaires').waitFor();
    await reader.stream; // the live stream is open
    await reader.waitForTimeout(500);

    const page = await env.console(ADMIN);
    await page.getByRole('tab', { name: 'À revoir' }).click();
    const top = page.locator(`.item[data-id="${shouted.comment.id}"]`);
    await top.waitFor();
    await page.locator(`.item[data-id="${exclaimed.comment.id}"]`).waitFor();
    const ids = await page.locator('.queue .item').evaluateAll((els) => els.map((e) => Number(e.dataset.id)));
    assert.deepEqual(ids.filter((id) => id === shouted.comment.id || id === exclaimed.comment.id), [shouted.comment.id, exclaimed.comment.id], 'highest risk first');
    assert.equal(await top.locator('.risk').textContent(), 'risque 1.00');
    assert.match(await top.locator('.reasons li.rv').textContent(), /^Majuscules ou ponctuation excessives — /);
    assert.equal(await top.locator('.reasons li.rv .rc').getAttribute('data-code'), 'shouting');
    // The matched passage of the other one is highlighted in its source text.
    assert.equal(await page.locator(`.item[data-id="${exclaimed.comment.id}"] mark`).textContent(), '!!!!');
    // One key: the selected (riskiest) comment is unpublished.
    assert.equal(await page.locator('.item.sel').getAttribute('data-id'), String(shouted.comment.id));
    await page.keyboard.press('u');
    await top.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Commentaire de Kadiatou dépublié.' }).waitFor();
    // Gone from the reader's open page, live, and from the thread.
    await widget.locator(`#c${shouted.comment.id}`).waitFor({ state: 'detached', timeout: 5000 });
    await widget.getByText('1 commentaire', { exact: true }).waitFor({ timeout: 5000 });
    assert.equal(await widget.locator(`#c${exclaimed.comment.id}`).count(), 1);
    const thread = await (await fetch(`${env.api}/api/v1/threads/${STRICT}/${key}/comments`)).json();
    assert.deepEqual(thread.comments.map((c) => c.id), [exclaimed.comment.id]);
    // The other one is left published with a (the selection moved to it).
    await page.keyboard.press('a');
    await page.locator(`.item[data-id="${exclaimed.comment.id}"]`).waitFor({ state: 'detached' });
    assert.deepEqual(page.errors, []);
    await page.context().close();
    await reader.reload();
    await reader.locator(`#palabre #c${exclaimed.comment.id}`).waitFor();
    assert.equal(await reader.locator(`#palabre #c${shouted.comment.id}`).count(), 0);
    await reader.context().close();

    const audit = await api('GET', `/sites/${STRICT}/audit`);
    const unpublished = audit.data.entries.find((e) => e.comment_id === shouted.comment.id);
    assert.equal(unpublished.action, 'unpublish');
    assert.equal(unpublished.reason, 'review: shouting');
    assert.equal(unpublished.detail.review, true);
    const kept = audit.data.entries.find((e) => e.comment_id === exclaimed.comment.id);
    assert.equal(kept.action, 'approve');
    assert.deepEqual(kept.detail, { from: 'published', review: true, risk: 0.5 });
    const queue = await api('GET', `/queue?status=review&site=${STRICT}`);
    assert.equal(queue.data.items.length, 0);
  });
});
