// Takes docs/screenshots/widget-held.png: on a 360-px phone, the author's own comment held for
// review, shown in place to its author only ("En attente de vérification : il contient un
// lien."), against a real `palabre serve` (the browser suite's harness, site `strict`).
// Usage: PALABRE_BINARY=build/palabre node web/scripts/screenshot_held.mjs
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { start, STRICT, WEB } from '../tests/harness.mjs';

const OUT = join(WEB, '..', 'docs', 'screenshots');
const env = await start();
try {
  const key = 'kayes-routes-coupees';
  await env.post(key, { author: 'Moussa Keïta', text: 'Trois semaines sans route entre Kayes et Diéma, les camions attendent au bord du fleuve.' }, 'fr', STRICT);
  const page = await env.open(key, { site: STRICT, title: 'Kayes : les routes coupées par la crue' },
    { viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true });
  const form = page.locator('#palabre form.f');
  await form.getByLabel('Votre commentaire').fill('Le communiqué de la mairie est sur https://mairie-kayes.example/communique.');
  await form.getByLabel('Votre nom').fill('Salimata Diallo');
  await form.getByRole('button', { name: 'Publier' }).click();
  const held = page.locator('#palabre li.c').filter({ hasText: 'En attente de vérification' });
  await held.waitFor();
  await mkdir(OUT, { recursive: true });
  await held.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -60));
  await page.screenshot({ path: join(OUT, 'widget-held.png'), fullPage: false });
  console.log('wrote docs/screenshots/widget-held.png');
  await page.context().close();
} finally {
  await env.stop();
}
