// Takes the screenshots of docs/CONSOLE.md's moderators' decisions against the real binary
// (the browser tests' harness: `palabre serve` on a temporary database, a real moderator
// account, comments posted through the public API): "Rejetés automatiquement" with its "Faux
// positif", a decision's "Annuler", the un-publishing reason, the held comment that says who
// un-published it, a reply with its parent and its link into the article, filters as chips, and
// a settings error that names its key. PNGs in docs/img/, each checked to stay under 150 KB.
// Usage: PALABRE_BINARY=$PWD/build/palabre node web/scripts/decision_screenshots.mjs
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { start, WEB } from '../tests/harness.mjs';

const OUT = join(WEB, '..', 'docs', 'img');
const MAX_BYTES = 150 * 1024;
const SITE = 'lejournal';
const ADMIN = { site: SITE, role: 'admin', email: 'awa@lejournal.example', password: 'une phrase de passe assez longue' };

const env = await start({ relaxed: [SITE], users: [ADMIN] });
let n = 0;
async function post(key, body) {
  const res = await fetch(`${env.api}/api/v1/threads/${SITE}/${encodeURIComponent(key)}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `10.92.0.${++n}` },
    body: JSON.stringify(body),
  });
  return res.json();
}
async function admin() {
  const res = await fetch(`${env.api}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  const cookie = /palabre_session=[^;]+/.exec(res.headers.get('set-cookie'))[0];
  const { csrf_token: csrf } = await res.json();
  return (method, path, body) => fetch(`${env.api}/api/v1/admin${path}`, {
    method,
    headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
}

const shots = [];
async function shot(page, name, locator) {
  const path = join(OUT, name);
  await (locator || page).screenshot({ path });
  const { size } = await stat(path);
  if (size > MAX_BYTES) throw new Error(`${name}: ${size} bytes, more than ${MAX_BYTES}`);
  shots.push(`${name} ${Math.round(size / 1024)} KB`);
}

try {
  await mkdir(OUT, { recursive: true });
  const api = await admin();
  await api('PUT', `/sites/${SITE}/settings`, { banned_words: ['arnaqueur*'] });
  const article = `${env.hostOrigin}/article/prix-du-riz`;
  await post(article, { author: 'Bakary D.', text: 'Ce commerçant est un arnaqueur, il a doublé ses prix.' });
  await post(article, { author: 'Mariam T.', text: 'Les arnaqueurs du marché de Médina Coura ont encore frappé.' });
  const first = await post(article, { author: 'Moussa K.', text: 'Le prix du riz a doublé en deux semaines à Bamako.' });
  await api('PUT', `/sites/${SITE}/settings`, { premoderation: 'all' });
  await post(article, { author: 'Fatou S.', text: 'Pas seulement à Bamako : à Kayes aussi, et le gaz suit.', parent: first.comment.id });
  await post(`${env.hostOrigin}/article/penurie-gaz`, { author: 'Oumar B.', text: 'Les files s’allongent à Kalaban Coro depuis lundi.' });

  const page = await env.console(ADMIN, { viewport: { width: 1100, height: 700 }, deviceScaleFactor: 1 });
  await page.getByLabel('Ordre').selectOption('newest');
  const reply = page.locator('.item').filter({ has: page.locator('blockquote.parent') });
  await reply.waitFor();
  await page.waitForLoadState('networkidle'); // the order's reload done: the list is still
  await shot(page, 'console-reply.png', reply);

  await reply.getByRole('button', { name: 'Filtrer sur cette discussion' }).click();
  await page.locator('.chip').waitFor();
  await shot(page, 'console-chips.png');
  await page.locator('.chip button').click();

  await page.getByRole('tab', { name: 'Rejetés automatiquement' }).click();
  await page.locator('.item').nth(1).waitFor();
  await shot(page, 'console-auto-rejected.png');
  await page.locator('.item').first().getByRole('button', { name: /Faux positif/ }).click();
  await page.locator('.undo-bar').getByRole('button', { name: 'Annuler' }).waitFor();
  await shot(page, 'console-undo.png');

  await page.getByRole('tab', { name: 'Publiés' }).click();
  await page.locator('.item').first().waitFor();
  await page.locator('.item').first().getByRole('button', { name: /Dépublier/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Raison/).fill('Accusation sans preuve contre un commerçant nommé');
  await shot(page, 'console-unpublish.png');
  await dialog.getByRole('button', { name: 'Dépublier' }).click();
  await page.getByRole('tab', { name: 'En attente' }).click();
  const decided = page.locator('.item').filter({ has: page.locator('.decided') });
  await decided.waitFor();
  await shot(page, 'console-unpublished-by.png', decided);

  await page.getByRole('link', { name: 'Réglages' }).click();
  await page.getByLabel('Clé', { exact: true }).fill('flood.burst_max');
  await page.getByLabel('Valeur', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.locator('.settings .status.er').waitFor();
  await page.locator('.settings textarea').last().scrollIntoViewIfNeeded();
  await shot(page, 'console-settings-error.png', page.locator('.settings fieldset').last());
  await page.context().close();
  console.log(shots.join('\n'));
} finally {
  await env.stop();
}
