// Webhooks from the console against the real binary: an admin adds a webhook to a receiver
// started here (node:http on 127.0.0.1, loopback http being allowed) for "Commentaire publié";
// the secret is shown once, with its copy button; a comment posted through the public API
// reaches the receiver, signed (X-Palabre-Signature verified here with the secret read from the
// page); the deliveries list it as sent; removing asks first, then stops the deliveries. A
// refused URL is marked on its field; the section passes axe, fits a 360-px phone, and a
// moderator does not see it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { adminSession, start } from './harness.mjs';
import { AXE } from './admin_console_harness.mjs';

const SITE_ID = 'alertes';
const ADMIN = { site: SITE_ID, role: 'admin', email: 'khady@lejournal.example', password: 'une phrase de passe assez longue' };
const MODO = { site: SITE_ID, role: 'moderator', email: 'ibrahima@lejournal.example', password: 'une autre phrase de passe longue' };

let env;
let receiver;
let hookUrl = '';
const received = []; // { url, headers, body (the raw body, as text) }

before(async () => {
  receiver = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  const port = await new Promise((ok, ko) => {
    receiver.once('error', ko);
    receiver.listen(0, '127.0.0.1', () => ok(receiver.address().port));
  });
  hookUrl = `http://127.0.0.1:${port}/hook`;
  env = await start({ relaxed: [SITE_ID], users: [ADMIN, MODO] });
});
after(async () => {
  if (env) await env.stop();
  if (receiver) await new Promise((ok) => receiver.close(ok));
});

async function until(what, f, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

async function openSettings(user, options = {}) {
  const page = await env.console(user, options);
  await page.goto(`${env.api}/admin#settings/${SITE_ID}`);
  await page.locator('form.settings').waitFor();
  return page;
}

// The section's serious and critical axe violations.
async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document.querySelector('section.webhooks'), { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((x) => x.target.join(' ')).join(', ')})`);
  });
}

// Checks a delivery's X-Palabre-Signature as docs/NOTIFICATIONS.md tells receivers to.
function verify(secret, delivery) {
  const header = delivery.headers['x-palabre-signature'] || '';
  const parts = Object.fromEntries(header.split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  assert.match(parts.t || '', /^\d+$/, header);
  assert.ok(Math.abs(Date.now() / 1000 - Number(parts.t)) <= 300, `t=${parts.t} within 5 minutes`);
  const expected = createHmac('sha256', secret).update(`${parts.t}.${delivery.body}`).digest('hex');
  assert.equal(parts.v1, expected, 'v1 is the HMAC-SHA256 of "t.body" keyed with the secret');
}

// Adds a webhook through the form, subscribed to `events` only (their French labels).
async function addWebhook(section, url, events) {
  await section.getByLabel('Adresse (URL)').fill(url);
  for (const label of ['Commentaire en attente', 'Commentaire signalé', 'Commentaire publié', 'Commentaire rejeté', 'Auteur banni']) {
    await section.getByLabel(label, { exact: true }).setChecked(events.includes(label));
  }
  await section.getByRole('button', { name: 'Ajouter un webhook' }).click();
}

describe('webhooks from the console', () => {
  test('add, the secret once, a signed delivery, listed as sent; removing asks first', async () => {
    const page = await openSettings(ADMIN, { permissions: ['clipboard-read', 'clipboard-write'] });
    const section = page.locator('section.webhooks');
    await section.getByRole('heading', { name: 'Webhooks', level: 2 }).waitFor();
    await section.getByText('Aucun webhook.').waitFor();
    assert.deepEqual(await section.getByLabel('Format').locator('option').allTextContents(),
      ['palabre (JSON signé)', 'Slack', 'Telegram']);

    await addWebhook(section, hookUrl, ['Commentaire publié']);
    const box = section.locator('.wh-secret');
    await box.waitFor();
    const secret = (await box.locator('code.secret').textContent()).trim();
    assert.match(secret, /^whsec_\S{16,}$/);
    await box.getByRole('heading', { name: 'Secret de signature' }).waitFor();
    const boxText = await box.innerText();
    assert.match(boxText, /il ne sera plus jamais affiché/);
    assert.match(boxText, /X-Palabre-Signature/);
    await page.getByRole('status').filter({ hasText: 'Webhook ajouté. Copiez son secret maintenant' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Copier le secret');
    await box.getByRole('button', { name: 'Copier le secret' }).click();
    await page.getByRole('status').filter({ hasText: 'Secret copié.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);

    const item = section.locator('.whlist li');
    assert.equal(await item.count(), 1);
    const itemText = await item.innerText();
    assert.match(itemText, /palabre \(JSON signé\)/);
    assert.ok(itemText.includes(hookUrl), itemText);
    assert.match(itemText, /Commentaire publié/);
    assert.doesNotMatch(itemText, /Commentaire en attente|whsec_/);

    // A comment published through the public API reaches the receiver within seconds, signed.
    const posted = await env.post(env.key('hook'), { author: 'Awa', text: 'Un avis posé, qui part vers le webhook.' }, 'fr', SITE_ID);
    assert.equal(posted.status, 'published');
    const delivery = await until('the delivery', () => received.find((r) => r.headers['x-palabre-event'] === 'comment.published'));
    assert.equal(delivery.method, 'POST');
    assert.equal(delivery.url, '/hook');
    assert.match(delivery.headers['content-type'], /^application\/json/);
    assert.match(delivery.headers['x-palabre-delivery'], /^[0-9a-f]{32}$/);
    assert.equal(delivery.headers['idempotency-key'], delivery.headers['x-palabre-delivery']);
    verify(secret, delivery);
    const body = JSON.parse(delivery.body);
    assert.equal(body.event, 'comment.published');
    assert.equal(body.site.id, SITE_ID);
    assert.equal(body.comment.id, posted.comment.id);

    // Refreshed, the deliveries list it as sent.
    const rows = section.locator('table.wh-deliveries tbody tr');
    await until('the sent row', async () => {
      await section.getByRole('button', { name: 'Rafraîchir' }).click();
      return (await rows.count()) === 1 && /envoyé/.test(await rows.first().innerText());
    });
    const cells = await rows.first().locator('td').allInnerTexts();
    assert.equal(cells[1], 'Commentaire publié');
    assert.equal(cells[2], `commentaire n° ${posted.comment.id}`);
    assert.equal(cells[3], 'envoyé');
    assert.equal(cells[4], '1');
    assert.equal(cells[5], '');
    assert.deepEqual(await section.locator('table.wh-deliveries thead th').allInnerTexts(),
      ['Date', 'Événement', 'Objet', 'État', 'Essais', 'Dernière erreur']);
    await page.getByRole('status').filter({ hasText: '1 envoi affiché.' }).waitFor();
    // Filtered on failures: none.
    await section.getByLabel('Afficher').selectOption({ label: 'En échec' });
    await section.getByText('Aucun envoi.').waitFor();
    assert.equal(await section.locator('table.wh-deliveries').isVisible(), false);
    await section.getByLabel('Afficher').selectOption({ label: 'Tous' });
    await rows.first().waitFor();

    assert.deepEqual(await axe(page), []);

    // Removing asks first: cancelled, nothing changes; confirmed, the webhook is gone.
    const remove = section.getByRole('button', { name: `Supprimer le webhook ${hookUrl}` });
    await remove.click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer ce webhook ?' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /ses envois en attente seront abandonnés/);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Annuler', 'the safe choice has the focus');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await item.count(), 1);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Supprimer');
    await remove.click();
    await dialog.getByRole('button', { name: 'Supprimer' }).click();
    await section.getByText('Aucun webhook.').waitFor();
    await page.getByRole('status').filter({ hasText: 'Webhook supprimé.' }).waitFor();
    assert.equal(await box.isVisible(), false, 'the secret is not left on screen');
    const api = await adminSession(env.api, ADMIN);
    assert.deepEqual((await api('GET', `/sites/${SITE_ID}/webhooks`)).data, { webhooks: [] });

    // Nothing goes out any more.
    const before = received.length;
    await env.post(env.key('hook'), { author: 'Moussa', text: 'Un second avis, que personne ne reçoit.' }, 'fr', SITE_ID);
    await new Promise((ok) => setTimeout(ok, 2500));
    assert.equal(received.length, before);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('errors are shown on their field: a refused URL, no URL, no event', async () => {
    const page = await openSettings(ADMIN);
    const section = page.locator('section.webhooks');
    const url = section.getByLabel('Adresse (URL)');
    const message = section.locator('#wh-url-er');

    // The server refuses plain http to another machine: its `field` marks the URL.
    await addWebhook(section, 'http://hooks.example.sn/x', ['Commentaire publié']);
    await message.waitFor();
    assert.match(await message.textContent(), /^Adresse refusée : https:\/\/ seulement/);
    assert.equal(await url.getAttribute('aria-invalid'), 'true');
    assert.match(await url.getAttribute('aria-describedby'), /\bwh-url-er\b/);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'wh-url');
    assert.equal(await section.locator('.wh-secret').isVisible(), false);
    assert.deepEqual(await axe(page), []);

    // Fixed, the mark goes; no event ticked: the events are marked (nothing sent).
    await addWebhook(section, hookUrl, []);
    await section.locator('#wh-ev-er').waitFor();
    assert.equal(await message.isVisible(), false);
    assert.equal(await url.getAttribute('aria-invalid'), null);
    assert.equal(await url.getAttribute('aria-describedby'), 'wh-url-hint');
    assert.equal(await section.locator('#wh-ev-er').textContent(), 'Cochez au moins un événement.');
    assert.equal(await section.getByLabel('Commentaire publié').getAttribute('aria-invalid'), 'true');
    assert.match(await section.locator('fieldset.wh-events').getAttribute('aria-describedby'), /wh-ev-er/);

    await addWebhook(section, '', ['Commentaire publié']);
    await until('the empty URL message', async () => (await message.textContent()) === 'Indiquez l’adresse qui recevra les envois.');
    assert.equal(await section.locator('#wh-ev-er').isVisible(), false);
    const api = await adminSession(env.api, ADMIN);
    assert.equal((await api('GET', `/sites/${SITE_ID}/webhooks`)).data.webhooks.length, 0, 'nothing was added');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('the section fits a 360-px phone: list, secret, form, deliveries', async () => {
    const page = await openSettings(ADMIN, { viewport: { width: 360, height: 740 } });
    const section = page.locator('section.webhooks');
    const long = `${hookUrl}/un/chemin/assez/long/pour/voir/la/ligne/se/couper?jeton=${'x'.repeat(60)}`;
    await addWebhook(section, long, ['Commentaire publié', 'Commentaire en attente', 'Commentaire rejeté']);
    await section.locator('.wh-secret').waitFor();
    const before = received.length;
    await env.post(env.key('phone'), { author: 'Fatou', text: 'Un avis lu sur un petit écran.' }, 'fr', SITE_ID);
    await until('the delivery', () => received.length > before);
    const rows = section.locator('table.wh-deliveries tbody tr');
    await until('a sent row', async () => {
      await section.getByRole('button', { name: 'Rafraîchir' }).click();
      return (await rows.count()) > 0 && /envoyé/.test(await rows.first().innerText());
    });
    const out = await page.evaluate(() => {
      const view = document.documentElement.clientWidth;
      return Array.from(document.querySelectorAll('section.webhooks, section.webhooks *'))
        .filter((el) => el.getBoundingClientRect().right > view + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
    });
    assert.deepEqual(out, []);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true,
      'no horizontal scroll');
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('a moderator does not see the section, nor may use its API', async () => {
    const page = await openSettings(MODO);
    await page.getByRole('heading', { name: 'Le site' }).waitFor();
    assert.equal(await page.locator('section.webhooks').count(), 0);
    assert.equal(await page.getByRole('heading', { name: 'Webhooks' }).count(), 0);
    const api = await adminSession(env.api, MODO);
    assert.equal((await api('GET', `/sites/${SITE_ID}/webhooks`)).status, 403);
    assert.equal((await api('GET', `/sites/${SITE_ID}/deliveries`)).status, 403);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});
