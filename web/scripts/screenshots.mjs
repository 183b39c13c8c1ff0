// Takes the README's screenshots of the widget under a demo-like article, against a real
// `palabre serve` (same harness as the browser suite): docs/screenshots/widget-desktop.png
// (1280 px) and widget-mobile.png (360 px).
// Usage: PALABRE_BINARY=build/palabre node web/scripts/screenshots.mjs
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { start, WEB } from '../tests/harness.mjs';

const OUT = join(WEB, '..', 'docs', 'screenshots');
const key = 'bamako-prix-du-riz';
const ago = (minutes) => new Date(Date.now() - minutes * 60000).toISOString();
// The discussion, as a publisher's history imported before the server starts (so its comments
// have their own ages); votes and the live comment then go through the API.
const history = [
  ['a', null, 'Aminata Coulibaly', 26 * 60,
    'Merci pour cet article. Au marché de Médina Coura, le sac de 25 kg est passé de **13 500 à 16 000 francs** en deux mois. Les familles ne suivent plus.'],
  ['b', 'a', 'Moussa Keïta', 25 * 60, 'Le problème, ce sont les taxes à la frontière. Tant que les camions attendent des jours à Kouremalé, les prix monteront.'],
  ['c', 'b', 'Fatoumata Diarra', 5 * 60, 'Pas seulement les taxes : la saison a été mauvaise dans l’Office du Niger, il faut le dire aussi.'],
  ['d', null, 'Ibrahim Sangaré', 3 * 60, 'Le gouvernement avait promis des boutiques témoins. Où sont-elles ? À Kalaban Coro on n’en a vu aucune.'],
  ['e', null, 'Awa Touré', 47, '> Les familles ne suivent plus.\n\nC’est exactement ça. On achète maintenant au kilo, plus au sac.'],
  ['f', 'e', 'Seydou Traoré', 12, 'Courage à toutes les mamans qui font le marché chaque matin.'],
  ['g', null, 'Kadiatou Sow', 4, 'Article très clair, merci à la rédaction. Pouvez-vous faire le même travail sur le prix du gaz ?'],
];
const seed = [{ type: 'thread', id: key, title: 'Bamako : le prix du riz s’envole avant la fin de l’année', body: '' }];
for (const [id, parent, author, minutes, text] of history) {
  seed.push({ id, thread: key, parent, author, text, created_at: ago(minutes) });
}
const env = await start({ seed });
try {
  const page0 = await env.open(key);
  const ids = await page0.evaluate(() =>
    [...document.getElementById('palabre').shadowRoot.querySelectorAll('li.c')].map((li) => Number(li.id.slice(1))));
  await page0.context().close();
  const [a, b, , , e] = ids; // in page order: a, b, c, d, e, f, g
  const voters = ['v1', 'v2', 'v3', 'v4', 'v5'];
  for (const v of voters) await env.vote(a, 'up', v);
  for (const v of voters.slice(0, 2)) await env.vote(e, 'up', v);
  await env.vote(b, 'down', 'v1');

  await mkdir(OUT, { recursive: true });
  const params = {
    title: 'Bamako : le prix du riz s’envole avant la fin de l’année',
    body: 'Dans les marchés de la capitale, le sac de riz importé a pris près de vingt pour cent en deux mois. ' +
      'Commerçants et ménages s’inquiètent à l’approche des fêtes, tandis que les autorités promettent des mesures.',
  };
  const shots = [
    ['desktop', { width: 1280, height: 900 }, 'Oumar Cissé', 'Les prix du ciment aussi ont doublé, personne n’en parle.'],
    ['mobile', { width: 360, height: 740 }, 'Mariam Keïta', 'À Sikasso c’est pareil pour l’huile et le sucre.'],
  ];
  for (const [name, viewport, author, text] of shots) {
    const page = await env.open(key, params, { viewport, deviceScaleFactor: 1, isMobile: name === 'mobile' });
    await page.stream;
    await page.waitForTimeout(300);
    await env.post(key, { author, text });
    await page.getByRole('button', { name: '1 nouveau commentaire' }).waitFor();
    await page.locator('#palabre').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, document.getElementById('palabre').offsetTop - 120));
    await page.screenshot({ path: join(OUT, `widget-${name}.png`), fullPage: false });
    console.log(`wrote docs/screenshots/widget-${name}.png`);
    await page.context().close();
  }
} finally {
  await env.stop();
}
