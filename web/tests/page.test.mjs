// The widget inside a publisher's page: 360-px phones, hostile host CSS, comments that try to run
// script, and accessibility (axe-core, keyboard) — in headless Chromium against a real
// `palabre serve`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { start } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => {
  env = await start();
});
after(async () => {
  if (env) await env.stop();
});

let n = 0;
const text = (s) => `${s} (${++n})`;

// A thread with the shapes that break layouts: replies deeper than shown, long names, a long
// URL and a long word.
async function seedHardThread(key) {
  let parent;
  const names = ['Aïssatou Diallo-Bâ', 'Mamadou Lamine Ndiaye', 'Kadiatou', 'Boubacar Traoré', 'Ousmane', 'Rokia'];
  for (const author of names) {
    const r = await env.post(key, {
      author,
      text: text(
        'Voir https://www.exemple-de-journal.example/actualites/2026/11/25/un-tres-long-lien-sans-espace-qui-deborde-facilement ' +
          'et anticonstitutionnellementanticonstitutionnellement, la suite au prochain conseil.',
      ),
      parent,
    });
    parent = r.comment.id;
  }
  for (let i = 0; i < 4; i++) await env.post(key, { author: `Lecteur ${i}`, text: text('Triste nouvelle pour le pays.') });
  return parent;
}

describe('mobile', () => {
  test('a 360-px screen never scrolls sideways, even with deep replies and open forms', async () => {
    const key = env.key('mobile');
    const deepest = await seedHardThread(key);
    const page = await env.open(key, {}, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const overflow = () => page.evaluate(() => document.scrollingElement.scrollWidth);
    assert.ok((await overflow()) <= 360, `scrollWidth ${await overflow()}`);

    const li = page.locator(`#palabre #c${deepest}`);
    await li.getByRole('button', { name: /^Répondre/ }).click();
    await li.locator('form.rf').waitFor();
    assert.ok((await overflow()) <= 360, `with a reply form: ${await overflow()}`);

    // The deepest text stays readable: at least 250 px wide, inside the screen.
    const box = await li.locator('> article .b').boundingBox();
    assert.ok(box.width >= 250, `deepest body is ${box.width}px wide`);
    assert.ok(box.x + box.width <= 360);
    const rights = await page.evaluate(() =>
      [...document.getElementById('palabre').shadowRoot.querySelectorAll('li.c, button, textarea, input, select')]
        .map((e) => e.getBoundingClientRect().right));
    assert.ok(Math.max(...rights) <= 360, `rightmost element at ${Math.max(...rights)}`);
    // Touch targets of at least 24 px (WCAG 2.2 target size).
    const small = await page.evaluate(() =>
      [...document.getElementById('palabre').shadowRoot.querySelectorAll('button')]
        .filter((b) => b.offsetParent && b.getBoundingClientRect().height < 24).length);
    assert.equal(small, 0);
    await page.context().close();
  });
});

describe('isolation', () => {
  test('the host page\'s CSS does not leak into the widget', async () => {
    const key = env.key('css');
    await env.post(key, { author: 'Awa', text: text('Un paragraphe de commentaire.') });
    const page = await env.open(key, { hostile: '1' });
    // The host's rules are active on the host page...
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('article p')).color), 'rgb(255, 0, 0)');
    // ...but not inside the widget.
    const styles = await page.evaluate(() => {
      const root = document.getElementById('palabre').shadowRoot;
      const p = root.querySelector('li.c .b p');
      const b = root.querySelector('button.v');
      const li = root.querySelector('li.c');
      const ta = root.querySelector('textarea');
      const wrap = root.querySelector('.pw');
      return {
        color: getComputedStyle(p).color,
        size: getComputedStyle(p).fontSize,
        spacing: getComputedStyle(p).letterSpacing,
        font: getComputedStyle(p).fontFamily,
        buttonBg: getComputedStyle(b).backgroundColor,
        listStyle: getComputedStyle(li).listStyleType,
        textarea: ta.getBoundingClientRect().width,
        lineHeight: getComputedStyle(wrap).lineHeight,
      };
    });
    assert.equal(styles.color, 'rgb(27, 27, 27)');
    assert.equal(styles.size, '16px');
    assert.equal(styles.spacing, 'normal');
    assert.doesNotMatch(styles.font, /Comic/);
    assert.notEqual(styles.buttonBg, 'rgb(0, 255, 0)');
    assert.equal(styles.listStyle, 'none');
    assert.ok(styles.textarea > 200);
    assert.equal(styles.lineHeight, '24px');
    await page.context().close();
  });

  test('nothing a comment contains ever runs', async () => {
    const key = env.key('xss');
    const attacks = [
      '<img src=x onerror=window.__pwned=1>',
      '[x](javascript:window.__pwned=2)',
      '<script>window.__pwned=3</script>',
      '<a href="javascript:window.__pwned=4">lien</a> <svg onload=window.__pwned=5>',
      '[y](JaVaScRiPt:window.__pwned=6) ![z](x" onerror="window.__pwned=7)',
    ];
    await env.post(key, { author: '<img src=x onerror=window.__pwned=8>', text: attacks[0] });
    const page = await env.open(key);
    // Posted from the widget, then seen live from another reader, then on reload.
    const form = page.locator('#palabre form.f').first();
    for (const a of attacks.slice(1, 3)) {
      await form.getByLabel('Votre commentaire').fill(a);
      await form.getByLabel('Votre nom').fill('<b onmouseover=window.__pwned=9>Pirate</b>');
      await form.getByRole('button', { name: 'Publier' }).click();
      await form.getByText('Votre commentaire est publié.').waitFor();
    }
    assert.ok(await page.stream, 'live stream opened');
    await page.waitForTimeout(300);
    for (const a of attacks.slice(3)) await env.post(key, { author: 'Autre', text: a });
    await page.getByRole('button', { name: '2 nouveaux commentaires' }).click();
    const check = async () => {
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      const found = await page.evaluate(() => {
        const root = document.getElementById('palabre').shadowRoot;
        return {
          count: root.querySelectorAll('li.c').length,
          dangerous: root.querySelectorAll('img, script, svg, iframe, object, [onerror], [onload], [onmouseover]').length,
          jsLinks: [...root.querySelectorAll('a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') || '')).length,
          authors: [...root.querySelectorAll('.a')].map((a) => a.textContent),
        };
      });
      assert.equal(found.count, 5);
      assert.equal(found.dangerous, 0);
      assert.equal(found.jsLinks, 0);
      assert.ok(found.authors.includes('<img src=x onerror=window.__pwned=8>'), 'names are shown as text');
      assert.ok(found.authors.includes('<b onmouseover=window.__pwned=9>Pirate</b>'));
      // Clicking every link and hovering every name runs nothing either.
      for (const a of await page.locator('#palabre li.c .b a').all()) await a.click().catch(() => {});
      for (const a of await page.locator('#palabre li.c .a').all()) await a.hover();
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
    };
    await check();
    await page.reload();
    await page.locator('#palabre h2').filter({ hasText: '5 commentaires' }).waitFor();
    await check();
    await page.context().close();
  });
});

describe('accessibility', () => {
  test('axe-core finds no violation, with comments, a reply form and messages', async () => {
    const key = env.key('axe');
    const first = await env.post(key, { author: 'Awa', text: text('Un avis **argumenté** avec un [lien](https://example.com).') });
    await env.post(key, { author: 'Moussa', text: text('Une réponse.'), parent: first.comment.id });
    await env.post(key, { author: 'Fatou', text: text('> une citation\n\nEt mon avis.') });
    const page = await env.open(key);
    await page.addScriptTag({ content: AXE });
    const audit = async () => {
      const result = await page.evaluate(() =>
        window.axe.run(document.getElementById('palabre'), {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        }));
      const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((x) => x.target.join(' ')).join(', ')})`);
      assert.deepEqual(violations, []);
      return result;
    };
    await audit(); // as first rendered
    await page.locator(`#palabre #c${first.comment.id}`).getByRole('button', { name: 'Répondre Awa' }).click();
    const form = page.locator('#palabre form.f').first();
    await form.getByLabel('Votre commentaire').focus();
    await form.getByRole('button', { name: 'Publier' }).click(); // an error message
    const result = await audit(); // with a reply form, the full posting form and a message
    assert.ok(result.passes.some((p) => p.id === 'color-contrast'), 'contrast was checked');
    await page.context().close();
  });

  test('keyboard: Tab follows the reading order, Enter on "Répondre" puts the cursor in the form', async () => {
    const key = env.key('keys');
    const first = await env.post(key, { author: 'Awa', text: text('Un avis avec un [lien](https://example.com).') });
    const page = await env.open(key);
    const active = () => page.evaluate(() => {
      const el = document.getElementById('palabre').shadowRoot.activeElement;
      if (!el) return null;
      const label = el.labels && el.labels[0] ? el.labels[0].textContent : '';
      return (label || el.getAttribute('aria-label') || el.textContent || el.tagName).trim();
    });
    const seen = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      seen.push(await active());
    }
    assert.deepEqual(seen, [
      'Trier par', 'Atom', 'Votre commentaire', 'Votre nom', 'E-mail (facultatif, jamais affiché)', 'Publier',
      'lien', 'J’approuve 0', 'Je désapprouve 0', 'Répondre Awa',
    ]);
    await page.keyboard.press('Enter');
    assert.equal(await active(), 'Votre réponse à Awa');
    await page.keyboard.type('Réponse au clavier.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Clavier');
    await page.locator(`#palabre #c${first.comment.id} form.rf`).getByRole('button', { name: 'Publier' }).press('Enter');
    await page.locator(`#palabre #c${first.comment.id} ul.r li.c`).waitFor();
    assert.equal(await page.locator(`#palabre #c${first.comment.id} ul.r li.c .a`).textContent(), 'Clavier');
    await page.context().close();
  });
});
