// The reader's widget in headless Chromium against a real `palabre serve`: first render, posting,
// replies, pagination, sorting, votes, live updates, edit and delete, error messages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { start, shadow, STRICT } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  if (env) await env.stop();
});

const TEXTS = [
  'Paix à leurs âmes. Que Dieu protège le Mali.',
  'Le prix du sac de riz a encore augmenté au marché de Médina.',
  'Merci pour cet article clair, on comprend enfin la situation à Kayes.',
  'Il faut que la mairie réponde aux habitants du quartier, ça dure depuis des mois.',
  'Les transporteurs ont raison de réclamer des routes praticables.',
  'Bonne analyse. La saison des pluies complique tout dans la région.',
];
let seq = 0;
// A distinct, realistic comment each time (moderation sees no duplicate).
const say = () => `${TEXTS[seq % TEXTS.length]} (${++seq})`;

// French numbers use narrow no-break spaces ("5 000"): compare with plain spaces.
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');
const comments = (page) => page.locator('#palabre li.c');
const heading = (page) => page.locator('#palabre h2');
const mainForm = (page) => page.locator('#palabre form.f:not(.rf):not(.ef)');

async function fillMain(page, { name = 'Awa Traoré', text, email } = {}) {
  const f = mainForm(page);
  // Name and e-mail show once the reader is in the form.
  await f.getByLabel('Votre commentaire').fill(text);
  if (name !== null) await f.getByLabel('Votre nom').fill(name);
  if (email) await f.getByLabel(/E-mail/).fill(email);
  return f;
}

describe('first render', () => {
  test('shows the count, the comments with author and times, nested replies, in one request', async () => {
    const key = env.key('render');
    const a = await env.post(key, { author: 'Moussa Keïta', text: 'Premier commentaire, **important**.' });
    await env.post(key, { author: 'Fatou Diop', text: say(), parent: a.comment.id });
    await env.post(key, { author: 'Ibrahim Sow', text: say() });

    const page = await env.browser.newPage();
    const apiRequests = [];
    page.on('request', (r) => {
      if (r.url().startsWith(env.api + '/api/')) apiRequests.push(r.url());
    });
    await page.goto(env.url(key));
    await assert.doesNotReject(heading(page).filter({ hasText: '3 commentaires' }).waitFor());
    assert.equal(await comments(page).count(), 3);

    const first = page.locator(`#palabre #c${a.comment.id} > article`);
    assert.equal(await first.locator('.a').textContent(), 'Moussa Keïta');
    assert.equal(await first.locator('.b strong').textContent(), 'important');
    const time = first.locator('time');
    assert.equal(await time.textContent(), a.comment.relative_time);
    assert.equal(await time.getAttribute('title'), a.comment.full_time);
    assert.equal(await time.getAttribute('datetime'), a.comment.created_at);
    // The reply is nested under its parent.
    assert.equal(await page.locator(`#palabre #c${a.comment.id} ul.r li.c .a`).textContent(), 'Fatou Diop');

    await page.waitForTimeout(300);
    const reads = apiRequests.filter((u) => u.includes('/comments'));
    assert.equal(reads.length, 1, `one request for the first page, got ${reads.join(', ')}`);
    assert.match(reads[0], /limit=20/);
    assert.match(reads[0], /depth=3/);
    const other = apiRequests.filter((u) => !u.includes('/comments') && !u.includes('/events'));
    assert.deepEqual(other, [], 'nothing else until the reader acts');
    assert.deepEqual(page.errors ?? [], []);
    await page.close();
  });

  test('says "Aucun commentaire", then "1 commentaire"; English from data-lang', async () => {
    const key = env.key('empty');
    let page = await env.open(key);
    assert.equal(await heading(page).textContent(), 'Aucun commentaire');
    await page.context().close();
    await env.post(key, { author: 'Awa', text: say() });
    page = await env.open(key);
    assert.equal(await heading(page).textContent(), '1 commentaire');
    await page.context().close();
    page = await env.open(key, { lang: 'en' });
    assert.equal(await heading(page).textContent(), '1 comment');
    assert.equal(await page.getByRole('button', { name: 'Reply Awa' }).count(), 1);
    await page.context().close();
    page = await env.open(env.key('empty-en'), { pagelang: 'en' });
    assert.equal(await heading(page).textContent(), 'No comments');
    await page.context().close();
  });
});

describe('taking part', () => {
  test('posts a comment: live count, disabled while sending, name remembered', async () => {
    const key = env.key('post');
    const page = await env.open(key);
    const f = await fillMain(page, { text: 'Bonjour à tous, très bon article.', email: 'awa@example.com' });
    assert.equal(plain(await f.locator('.cn').textContent()), '33 / 5 000');

    // Hold the request a moment to see the form while it is sent.
    let release;
    const held = new Promise((ok) => (release = ok));
    await page.route(`${env.api}/api/v1/threads/**`, async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    const submit = f.getByRole('button', { name: /Publier|Envoi/ });
    await submit.click();
    await assert.doesNotReject(f.getByRole('button', { name: 'Envoi…' }).waitFor());
    assert.equal(await submit.isDisabled(), true);
    release();
    await assert.doesNotReject(f.getByText('Votre commentaire est publié.').waitFor());
    assert.equal(await submit.isDisabled(), false);
    assert.equal(await heading(page).textContent(), '1 commentaire');
    const mine = comments(page).first();
    assert.equal(await mine.locator('.a').textContent(), 'Awa Traoré');
    assert.equal((await mine.locator('.b').textContent()).trim(), 'Bonjour à tous, très bon article.');
    assert.equal(await f.getByLabel('Votre commentaire').inputValue(), '');
    // Focus moved to the new comment.
    assert.equal(await shadow(page, (root) => root.activeElement && root.activeElement.className), 'c');

    // The name is remembered, the e-mail is never shown.
    assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('palabre.name'))), 'Awa Traoré');
    assert.equal(await page.locator('#palabre').getByText('awa@example.com').count(), 0);
    await page.reload();
    await heading(page).filter({ hasText: '1 commentaire' }).waitFor();
    await mainForm(page).getByLabel('Votre commentaire').focus();
    assert.equal(await mainForm(page).getByLabel('Votre nom').inputValue(), 'Awa Traoré');
    assert.equal(await comments(page).first().getByRole('button', { name: 'Modifier' }).count(), 1);
    await page.context().close();
  });

  test('replies inline: form under the comment, focus in its text area, reply nested', async () => {
    const key = env.key('reply');
    const parent = await env.post(key, { author: 'Moussa', text: say() });
    const page = await env.open(key);
    const li = page.locator(`#palabre #c${parent.comment.id}`);
    const replyButton = li.getByRole('button', { name: 'Répondre Moussa' });
    await replyButton.click();
    assert.equal(await replyButton.getAttribute('aria-expanded'), 'true');
    const form = li.locator('form.rf');
    assert.equal(await form.getAttribute('aria-label'), 'Répondre à Moussa');
    const focused = await shadow(page, (root) => root.activeElement && root.activeElement.labels[0].textContent);
    assert.equal(focused, 'Votre réponse à Moussa');

    await form.getByLabel('Votre réponse à Moussa').fill('Tout à fait d’accord avec vous.');
    await form.getByLabel('Votre nom').fill('Aminata');
    await form.getByRole('button', { name: 'Publier' }).click();
    const reply = li.locator('ul.r > li.c');
    await reply.waitFor();
    assert.equal(await reply.locator('.a').textContent(), 'Aminata');
    assert.equal(await li.locator('form.rf').count(), 0, 'the reply form closes');
    assert.equal(await heading(page).textContent(), '2 commentaires');

    // Cancel closes the form and gives focus back to the button.
    await replyButton.click();
    await li.locator('form.rf').getByRole('button', { name: 'Annuler' }).click();
    assert.equal(await li.locator('form.rf').count(), 0);
    assert.equal(await shadow(page, (root) => root.activeElement && root.activeElement.textContent), 'Répondre Moussa');
    await page.context().close();
  });

  test('deep replies are flattened with "en réponse à X"', async () => {
    const key = env.key('deep');
    let parent = null;
    const names = ['Awa', 'Bakary', 'Coumba', 'Djibril', 'Esther', 'Fanta'];
    const ids = [];
    for (const author of names) {
      const r = await env.post(key, { author, text: say(), parent: parent ?? undefined });
      parent = r.comment.id;
      ids.push(parent);
    }
    const page = await env.open(key);
    assert.equal(await comments(page).count(), 6);
    // Levels 0..3 nest; the 5th and 6th are shown at the deepest level, naming whom they answer.
    const depthOf = (id) => shadow(page, (root, i) => {
      let n = 0;
      for (let el = root.getElementById('c' + i).parentElement; el; el = el.parentElement) if (el.matches('ul.r')) n++;
      return n;
    }, id);
    assert.equal(await depthOf(ids[3]), 3);
    assert.equal(await depthOf(ids[4]), 3);
    assert.equal(await page.locator(`#palabre #c${ids[4]} .rt`).textContent(), 'en réponse à Djibril');
    assert.equal(await page.locator(`#palabre #c${ids[5]} .rt`).textContent(), 'en réponse à Esther');
    await page.context().close();
  });

  test('"Voir plus de commentaires" loads the next page by cursor', async () => {
    const key = env.key('more');
    for (let i = 0; i < 23; i++) await env.post(key, { author: `Lecteur ${i}`, text: say() });
    const page = await env.open(key);
    assert.equal(await heading(page).textContent(), '23 commentaires');
    assert.equal(await comments(page).count(), 20);
    const more = page.getByRole('button', { name: 'Voir plus de commentaires' });
    const [req] = await Promise.all([page.waitForRequest(/cursor=/), more.click()]);
    assert.match(req.url(), /cursor=/);
    await comments(page).nth(22).waitFor();
    assert.equal(await comments(page).count(), 23);
    assert.equal(await comments(page).nth(22).locator('.a').textContent(), 'Lecteur 22');
    assert.equal(await more.isHidden(), true);
    // Focus goes to the first comment of the new page.
    assert.match(await shadow(page, (root) => root.activeElement.textContent), /Lecteur 20/);
    await page.context().close();
  });

  test('sorts by oldest, newest and best', async () => {
    const key = env.key('sort');
    const a = await env.post(key, { author: 'Ancien', text: say() });
    const b = await env.post(key, { author: 'Apprécié', text: say() });
    await env.post(key, { author: 'Récent', text: say() });
    await env.vote(b.comment.id, 'up', 'voter-1');
    await env.vote(b.comment.id, 'up', 'voter-2');
    await env.vote(a.comment.id, 'down', 'voter-1');
    const page = await env.open(key);
    const firstAuthor = () => comments(page).first().locator('.a').textContent();
    assert.equal(await firstAuthor(), 'Ancien');
    const select = page.getByLabel('Trier par');
    assert.deepEqual(await select.locator('option').allTextContents(), ['Plus anciens', 'Plus récents', 'Meilleurs']);
    await Promise.all([page.waitForResponse(/sort=newest/), select.selectOption('newest')]);
    await page.waitForFunction(() =>
      document.getElementById('palabre').shadowRoot.querySelector('li.c .a').textContent === 'Récent');
    await Promise.all([page.waitForResponse(/sort=best/), select.selectOption('best')]);
    await page.waitForFunction(() =>
      document.getElementById('palabre').shadowRoot.querySelector('li.c .a').textContent === 'Apprécié');
    assert.equal(await comments(page).count(), 3);
    await page.context().close();
  });

  test('votes with a remembered browser token; pressed again, the vote is taken back', async () => {
    const key = env.key('vote');
    const c = await env.post(key, { author: 'Salif', text: say() });
    const page = await env.open(key);
    const li = page.locator(`#palabre #c${c.comment.id}`);
    const up = li.getByRole('button', { name: /J’approuve/ });
    assert.equal(await up.getAttribute('aria-pressed'), 'false');
    await up.click();
    await li.locator('.v.up[aria-pressed="true"]').waitFor();
    assert.equal(await up.locator('.n').textContent(), '1');
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('palabre.voter')));
    assert.match(token, /^[0-9a-f]{32}$/);
    // Pressed again: taken back (DELETE), then cast again.
    const [undo] = await Promise.all([page.waitForRequest((r) => r.method() === 'DELETE' && /\/votes$/.test(r.url())), up.click()]);
    assert.equal(JSON.parse(undo.postData()).token, token);
    await li.locator('.v.up[aria-pressed="false"]').waitFor();
    assert.equal(await up.locator('.n').textContent(), '0');
    await up.click();
    await li.locator('.v.up[aria-pressed="true"]').waitFor();
    // The same vote from another browser of the same reader (address) is explained.
    const other = await env.open(key);
    const again = other.locator(`#palabre #c${c.comment.id}`);
    await again.getByRole('button', { name: /J’approuve/ }).click();
    await again.getByRole('alert').filter({ hasText: 'Vous avez déjà voté ainsi pour ce commentaire.' }).waitFor();
    await other.context().close();
    // The other vote replaces it.
    await li.getByRole('button', { name: /Je désapprouve/ }).click();
    await li.locator('.v.down[aria-pressed="true"]').waitFor();
    assert.equal(await up.locator('.n').textContent(), '0');
    assert.equal(await li.locator('.v.down .n').textContent(), '1');
    await page.context().close();
  });

  test('names are Unicode isolates; one\'s own comment takes no vote', async () => {
    const key = env.key('isolate');
    // A right-to-left name ending in digits, and one that tried a RIGHT-TO-LEFT OVERRIDE (the
    // server strips it).
    const rtl = await env.post(key, { author: 'سلمى 2024', text: say() });
    const rlo = await env.post(key, { author: 'Awa \u202Eexe.gpj', text: say() });
    assert.equal(rlo.comment.author, 'Awa exe.gpj');
    const page = await env.open(key);
    const name = page.locator(`#palabre #c${rtl.comment.id} .a`);
    assert.equal(await name.evaluate((el) => el.tagName), 'BDI');
    assert.equal(await name.textContent(), 'سلمى 2024');
    // Inside a sentence, an isolate of its own too.
    const li = page.locator(`#palabre #c${rtl.comment.id}`);
    await li.getByRole('button', { name: /^Signaler/ }).click();
    const legend = li.locator('legend');
    assert.equal(await legend.locator('bdi').textContent(), 'سلمى 2024');
    assert.equal(await legend.textContent(), 'Pourquoi signaler ce commentaire de سلمى 2024 ?');
    // The reader's own comment: the vote buttons only show the counts.
    await fillMain(page, { text: 'Mon propre avis, sans me plébisciter.' });
    await mainForm(page).getByRole('button', { name: 'Publier' }).click();
    const mine = comments(page).last();
    await mine.getByRole('button', { name: 'Modifier' }).waitFor();
    assert.equal(await mine.locator('.v.up').isDisabled(), true);
    assert.equal(await mine.locator('.v.down').getAttribute('title'), 'Vous ne pouvez pas voter pour votre propre commentaire.');
    assert.equal(await page.locator(`#palabre #c${rtl.comment.id} .v.up`).isDisabled(), false);
    await page.context().close();
  });

  test('edits and deletes one\'s own comment within the window', async () => {
    const key = env.key('edit');
    const page = await env.open(key);
    await fillMain(page, { text: 'Premiere version du texte.' });
    await mainForm(page).getByRole('button', { name: 'Publier' }).click();
    const li = comments(page).first();
    await li.waitFor();
    await li.getByRole('button', { name: 'Modifier' }).click();
    const area = li.getByLabel('Modifier votre commentaire');
    assert.equal(await area.inputValue(), 'Premiere version du texte.');
    assert.equal(await shadow(page, (root) => root.activeElement.tagName), 'TEXTAREA');
    await area.fill('Première version du texte, *corrigée*.');
    await li.getByRole('button', { name: 'Enregistrer' }).click();
    await li.locator('.b em').waitFor();
    assert.equal((await li.locator('.b').textContent()).trim(), 'Première version du texte, corrigée.');
    assert.equal(await li.locator('.ed').textContent(), '(modifié)');

    // Still editable after a reload (token and text kept in localStorage).
    await page.reload();
    await heading(page).filter({ hasText: '1 commentaire' }).waitFor();
    await comments(page).first().getByRole('button', { name: 'Supprimer' }).click();
    const confirm = comments(page).first().getByRole('group', { name: 'Supprimer définitivement ce commentaire ?' });
    await confirm.getByRole('button', { name: 'Oui, supprimer' }).click();
    await heading(page).filter({ hasText: 'Aucun commentaire' }).waitFor();
    assert.equal(await comments(page).count(), 0);
    await page.reload();
    await heading(page).filter({ hasText: 'Aucun commentaire' }).waitFor();
    await page.context().close();
  });

  test('deleting a comment that has replies leaves a tombstone', async () => {
    const key = env.key('tomb');
    const page = await env.open(key);
    await fillMain(page, { text: 'Un avis qui recevra une réponse.' });
    await mainForm(page).getByRole('button', { name: 'Publier' }).click();
    const li = comments(page).first();
    await li.waitFor();
    const id = Number((await li.getAttribute('id')).slice(1));
    await env.post(key, { author: 'Oumar', text: say(), parent: id });
    await page.reload();
    await heading(page).filter({ hasText: '2 commentaires' }).waitFor();
    await li.getByRole('button', { name: 'Supprimer' }).first().click();
    await li.getByRole('button', { name: 'Oui, supprimer' }).click();
    await li.locator('> article .tb').waitFor();
    assert.equal(await li.locator('> article .tb').textContent(), 'Commentaire supprimé.');
    assert.equal(await li.locator('ul.r li.c .a').textContent(), 'Oumar');
    await page.context().close();
  });
});

describe('live updates', () => {
  test('a comment from another reader shows a bar, inserted on click; replies go in place', async () => {
    const key = env.key('live');
    const first = await env.post(key, { author: 'Premier', text: say() });
    const page = await env.browser.newPage();
    const stream = page.waitForRequest((r) => r.url().includes('/events'));
    await page.goto(env.url(key));
    await heading(page).filter({ hasText: '1 commentaire' }).waitFor();
    await stream;
    await page.waitForTimeout(300); // the stream is subscribed server side

    const other = await env.post(key, { author: 'Autre lecteur', text: say() });
    const bar = page.getByRole('button', { name: '1 nouveau commentaire' });
    await assert.doesNotReject(bar.waitFor({ timeout: 5000 }));
    assert.equal(await comments(page).count(), 1, 'not inserted before the click');
    assert.equal(await heading(page).textContent(), '2 commentaires');
    await env.post(key, { author: 'Troisième', text: say() });
    await page.getByRole('button', { name: '2 nouveaux commentaires' }).waitFor();
    await page.getByRole('button', { name: '2 nouveaux commentaires' }).click();
    assert.equal(await comments(page).count(), 3);
    assert.equal(await bar.isHidden(), true);
    assert.equal(await shadow(page, (root) => root.activeElement.id), `c${other.comment.id}`);

    // A reply to a comment on screen goes in place.
    await env.post(key, { author: 'Répondant', text: say(), parent: first.comment.id });
    await page.locator(`#palabre #c${first.comment.id} ul.r li.c`).waitFor({ timeout: 5000 });
    assert.equal(await page.locator(`#palabre #c${first.comment.id} ul.r li.c .a`).textContent(), 'Répondant');
    assert.equal(await heading(page).textContent(), '4 commentaires');
    await page.close();
  });

  test('falls back to polling every 30 s without EventSource', async () => {
    const key = env.key('poll');
    await env.post(key, { author: 'Premier', text: say() });
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      delete window.EventSource;
    });
    await page.clock.install();
    const polls = [];
    page.on('request', (r) => {
      if (r.url().includes('sort=newest')) polls.push(r.url());
    });
    const baseline = page.waitForResponse(/sort=newest/);
    await page.goto(env.url(key));
    await heading(page).filter({ hasText: '1 commentaire' }).waitFor();
    await baseline; // a first poll sets the baseline
    await page.waitForTimeout(100);
    assert.equal(polls.length, 1);
    await env.post(key, { author: 'Nouveau', text: say() });
    await page.clock.runFor(25000); // (real time also flows a little)
    assert.equal(polls.length, 1);
    await page.clock.runFor(6000);
    await assert.doesNotReject(page.getByRole('button', { name: '1 nouveau commentaire' }).waitFor({ timeout: 5000 }));
    assert.equal(polls.length, 2);
    await context.close();
  });
});

describe('error messages', () => {
  test('empty text, missing name and too long text are explained before any request', async () => {
    const key = env.key('err-client');
    const page = await env.open(key);
    const posts = [];
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    const f = mainForm(page);
    const status = f.locator('.st');
    assert.equal(await f.getByRole('button', { name: 'Publier' }).isVisible(), false, 'compact until used');
    await f.getByLabel('Votre commentaire').focus();
    await f.getByRole('button', { name: 'Publier' }).click();
    assert.equal(await status.textContent(), 'Écrivez votre commentaire avant de le publier.');

    await fillMain(page, { name: '', text: 'Un avis.' });
    await f.getByRole('button', { name: 'Publier' }).click();
    assert.equal(await status.textContent(), 'Indiquez votre nom.');
    assert.equal(await shadow(page, (root) => root.activeElement.getAttribute('autocomplete')), 'name');

    await fillMain(page, { text: 'é'.repeat(5001) });
    assert.equal(plain(await f.locator('.cn').textContent()), '5 001 / 5 000 : 1 caractère de trop');
    assert.equal(await f.getByLabel('Votre commentaire').getAttribute('aria-invalid'), 'true');
    await f.getByRole('button', { name: 'Publier' }).click();
    assert.equal(plain(await status.textContent()), 'Votre commentaire dépasse 5 000 caractères : raccourcissez-le.');
    await f.getByLabel('Votre commentaire').fill('é'.repeat(5000));
    assert.equal(plain(await f.locator('.cn').textContent()), '5 000 / 5 000');
    assert.deepEqual(posts, []);
    await page.context().close();
  });

  test('server errors are shown in plain French', async () => {
    const key = env.key('err-server');
    const page = await env.open(key);
    const f = mainForm(page);
    const status = f.locator('.st');
    const submit = () => f.getByRole('button', { name: 'Publier' }).click();

    await fillMain(page, { text: 'Un avis.', email: 'pas-une-adresse' });
    await submit();
    await assert.doesNotReject(status.filter({ hasText: 'L’adresse e-mail n’est pas valide.' }).waitFor());
    assert.equal(await f.getByLabel(/E-mail/).getAttribute('aria-invalid'), 'true');

    await fillMain(page, { name: 'N'.repeat(61), text: 'Un avis.' });
    await f.getByLabel(/E-mail/).fill('');
    await submit();
    await assert.doesNotReject(status.filter({ hasText: 'Votre nom est trop long.' }).waitFor());
    await page.context().close();
  });

  test('moderation: held, rejected with its reasons, rate limited with the seconds to wait', async () => {
    // Site `strict` runs palabre's default moderation: 3 comments in 30 s per name and address.
    const key = env.key('moderated');
    const page = await env.open(key, { site: STRICT });
    const f = mainForm(page);
    const status = f.locator('.st');
    const submit = () => f.getByRole('button', { name: 'Publier' }).click();

    await fillMain(page, { name: 'Salimata', text: 'Les routes de Kayes sont coupées depuis trois semaines, personne ne répond.' });
    await submit();
    await status.filter({ hasText: 'Votre commentaire est publié.' }).waitFor();

    // The same text again: a repost, rejected, with the reason in plain words.
    await fillMain(page, { name: 'Salimata', text: 'Les routes de Kayes sont coupées depuis trois semaines, personne ne répond.' });
    await submit();
    await assert.doesNotReject(status.filter({ hasText: 'Votre commentaire n’a pas été publié : vous avez déjà publié ce commentaire.' }).waitFor());
    assert.equal(await f.getByLabel('Votre commentaire').inputValue() !== '', true, 'the text is kept to be corrected');

    await fillMain(page, { name: 'Salimata', text: 'Ce responsable est un connard.' });
    await submit();
    await assert.doesNotReject(status.filter({ hasText: /^Votre commentaire n’a pas été publié : .*il contient un mot interdit/ }).waitFor());

    // A link is held for a moderator.
    await fillMain(page, { name: 'Salimata', text: 'Le communiqué complet est sur https://mairie-kayes.example/communique.' });
    await submit();
    await assert.doesNotReject(status.filter({ hasText: 'Votre commentaire sera publié après vérification.' }).waitFor());
    assert.equal(await comments(page).count(), 2, 'a held comment is shown to its author');
    assert.equal(await comments(page).getByText('En attente de vérification : il contient un lien.').count(), 1);
    assert.equal(await heading(page).textContent(), '1 commentaire');
    assert.equal(await f.getByLabel('Votre commentaire').inputValue(), '');

    // A third comment within 30 s is allowed, a fourth is flood.
    await fillMain(page, { name: 'Salimata', text: 'Merci à la rédaction de suivre ce dossier.' });
    await submit();
    await status.filter({ hasText: 'Votre commentaire est publié.' }).waitFor();
    await fillMain(page, { name: 'Salimata', text: 'Et la saison des pluies n’est pas finie.' });
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), submit()]);
    assert.equal(response.status(), 429);
    const wait = Number(response.headers()['retry-after']);
    assert.ok(wait >= 1 && wait <= 30, `Retry-After ${wait}`);
    await assert.doesNotReject(
      status.filter({ hasText: wait === 1 ? 'Vous publiez trop vite, réessayez dans 1 seconde.' : `Vous publiez trop vite, réessayez dans ${wait} secondes.` }).waitFor(),
    );
    await page.context().close();
  });

  test('offline: the load failure is explained and "Réessayer" loads the comments', async () => {
    const key = env.key('offline');
    await env.post(key, { author: 'Awa', text: say() });
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.route(`${env.api}/api/v1/threads/**`, (route) => route.abort('internetdisconnected'));
    await page.goto(env.url(key));
    const status = page.locator('#palabre p.ld');
    await assert.doesNotReject(status.filter({
      hasText: 'Impossible de charger les commentaires. Connexion impossible. Vérifiez votre connexion puis réessayez.',
    }).waitFor());
    await page.unroute(`${env.api}/api/v1/threads/**`);
    await status.getByRole('button', { name: 'Réessayer' }).click();
    await heading(page).filter({ hasText: '1 commentaire' }).waitFor();
    assert.equal(await comments(page).count(), 1);
    assert.equal(await status.isHidden(), true);

    // Posting offline says so too, and keeps the text.
    await page.route(`${env.api}/api/v1/threads/**`, (route) => route.abort('internetdisconnected'));
    await fillMain(page, { text: 'Écrit dans le bus, sans réseau.' });
    await mainForm(page).getByRole('button', { name: 'Publier' }).click();
    await assert.doesNotReject(mainForm(page).locator('.st')
      .filter({ hasText: 'Connexion impossible. Vérifiez votre connexion puis réessayez.' }).waitFor());
    assert.equal(await mainForm(page).getByLabel('Votre commentaire').inputValue(), 'Écrit dans le bus, sans réseau.');
    await context.close();
  });

  test('messages in English on an English page', async () => {
    const page = await env.open(env.key('en'), { lang: 'en' });
    const f = page.locator('#palabre form.f').first();
    await f.getByLabel('Your comment').fill('A comment.');
    await f.getByRole('button', { name: 'Post' }).click();
    assert.equal(await f.locator('.st').textContent(), 'Enter your name.');
    await f.getByLabel('Your name').fill('Ann');
    await f.getByLabel(/E-mail/).fill('not-an-address');
    await f.getByRole('button', { name: 'Post' }).click();
    await assert.doesNotReject(f.locator('.st').filter({ hasText: 'The e-mail address is not valid.' }).waitFor());
    await f.getByLabel(/E-mail/).fill('');
    await f.getByRole('button', { name: 'Post' }).click();
    await f.locator('.st').filter({ hasText: 'Your comment is published.' }).waitFor();
    assert.equal(await heading(page).textContent(), '1 comment');
    await page.context().close();
  });

  test('a stale page: replying to a deleted comment, editing with a wrong token', async () => {
    const key = env.key('err-stale');
    const gone = await env.post(key, { author: 'Parti', text: say() });
    const page = await env.open(key);
    await env.remove(gone.comment.id, gone.edit_token);
    const li = page.locator(`#palabre #c${gone.comment.id}`);
    await li.getByRole('button', { name: 'Répondre Parti' }).click();
    const form = li.locator('form.rf');
    await form.getByLabel('Votre réponse à Parti').fill('Je réponds trop tard.');
    await form.getByLabel('Votre nom').fill('Retardataire');
    await form.getByRole('button', { name: 'Publier' }).click();
    await assert.doesNotReject(
      form.locator('.st').filter({ hasText: /Le commentaire auquel vous répondez n’existe plus.|Ce commentaire n’existe plus.|Ce commentaire n’est pas publié/ }).waitFor(),
    );

    // Own comment whose token was lost or tampered with.
    await fillMain(page, { text: 'Mon avis à moi.' });
    await mainForm(page).getByRole('button', { name: 'Publier' }).click();
    await mainForm(page).getByText('Votre commentaire est publié.').waitFor();
    await page.evaluate(() => {
      const all = JSON.parse(localStorage.getItem('palabre.mine'));
      for (const k in all) all[k].t = 'faux-jeton';
      localStorage.setItem('palabre.mine', JSON.stringify(all));
    });
    await page.reload();
    await heading(page).waitFor();
    const mine = page.locator('#palabre li.c', { hasText: 'Mon avis à moi.' });
    await mine.getByRole('button', { name: 'Modifier' }).click();
    await mine.getByRole('button', { name: 'Enregistrer' }).click();
    await assert.doesNotReject(mine.getByText(/Vous ne pouvez modifier ou supprimer que vos propres commentaires/).waitFor());
    assert.equal(await mine.getByRole('button', { name: 'Supprimer' }).count(), 0, 'own buttons removed');
    await page.context().close();
  });
});
