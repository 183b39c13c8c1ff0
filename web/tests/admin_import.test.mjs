// Importing from the console against the real binary: an admin chooses the Disqus fixture
// (src/import/testdata/disqus.xml) in the file input of the site's page, "Analyser" shows the
// report of the dry run (and nothing is written), "Importer" imports it, the progress is
// announced and the summary shown, and the thread API then serves the comments. The section
// passes axe and fits a phone's width.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, WEB } from './harness.mjs';
import { AXE } from './admin_console_harness.mjs';

const SITE_ID = 'archives';
const ADMIN = { site: SITE_ID, role: 'admin', email: 'fatou@lejournal.example', password: 'une phrase de passe assez longue' };
const FIXTURE = join(WEB, '..', 'src', 'import', 'testdata', 'disqus.xml');

let env;
before(async () => {
  env = await start({ relaxed: [SITE_ID], users: [ADMIN] });
});
after(async () => {
  if (env) await env.stop();
});

async function thread(key) {
  const res = await fetch(`${env.api}/api/v1/threads/${SITE_ID}/${encodeURIComponent(key)}/comments`);
  return { status: res.status, data: await res.json().catch(() => null) };
}

async function openSitePage(viewport = { width: 1280, height: 900 }) {
  const context = await env.browser.newContext({ viewport, locale: 'fr-FR' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e));
  await page.goto(`${env.api}/admin`);
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.locator('.tabs').waitFor();
  await page.goto(`${env.api}/admin#settings/${SITE_ID}`);
  await page.getByRole('heading', { name: 'Importer des commentaires' }).waitFor();
  return { context, page };
}

describe('imports from the console', () => {
  test('upload, analysis report, confirmation, summary; the comments are then served', async () => {
    const { context, page } = await openSitePage();
    const section = page.locator('section.imports');
    // No file: said, nothing sent.
    await section.getByRole('button', { name: 'Analyser' }).click();
    await section.getByRole('status').filter({ hasText: 'Choisissez un fichier.' }).waitFor();

    await section.getByLabel('Fichier d’export').setInputFiles(FIXTURE);
    await section.getByLabel('Ce qui identifie une discussion').selectOption('id');
    await section.getByRole('button', { name: 'Analyser' }).click();
    await section.getByRole('heading', { name: 'Rapport d’analyse' }).waitFor();
    const status = section.getByRole('status');
    assert.match(await status.textContent(), /Analyse terminée, rien n’a été écrit/);
    const report = await section.locator('.imp-rep').innerText();
    assert.match(report, /7 commentaires : \d+ de premier niveau, \d+ réponses/);
    assert.match(report, /2 discussions \(\d+ dans l’export, 2 fusionnées\)/);
    assert.match(report, /Serait écrit\s+2 nouvelles discussions, 7 commentaires/);
    assert.match(await section.locator('.imp-problems').innerText(), /\S/, 'the malformed post is listed');
    const before = await thread('article-kati-2022');
    assert.ok(before.status === 404 || before.data.comments.length === 0, 'the analysis wrote nothing');

    await page.evaluate(AXE);
    const axe = await page.evaluate(async () => {
      const r = await window.axe.run(document.querySelector('section.imports'), { resultTypes: ['violations'] });
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((x) => x.target.join(' ')).join(', ')})`);
    });
    assert.deepEqual(axe, []);

    await section.getByRole('button', { name: 'Importer', exact: true }).click();
    await section.getByRole('heading', { name: 'Bilan de l’import' }).waitFor();
    assert.equal(await status.textContent(), 'Import terminé : 7 commentaires écrits, 2 nouvelles discussions.');
    assert.match(await section.locator('.imp-rep').innerText(), /Écrit\s+2 nouvelles discussions, 7 commentaires/);
    assert.equal(await section.getByRole('button', { name: 'Importer', exact: true }).isVisible(), false);

    const kati = await thread('article-kati-2022');
    assert.equal(kati.status, 200);
    assert.equal(kati.data.thread.count, 2);
    assert.equal(kati.data.comments[0].author, 'Awa');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  test('the section fits a phone and finds the last import again', async () => {
    const { context, page } = await openSitePage({ width: 360, height: 740 });
    const section = page.locator('section.imports');
    await section.getByRole('heading', { name: 'Bilan de l’import' }).waitFor();
    // Nothing of the section sticks out sideways: inputs, menus, the report.
    const out = await page.evaluate(() => {
      const view = document.documentElement.clientWidth;
      return Array.from(document.querySelectorAll('section.imports, section.imports *'))
        .filter((el) => el.getBoundingClientRect().right > view + 0.5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} ${Math.round(el.getBoundingClientRect().right)}`);
    });
    assert.deepEqual(out, []);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
