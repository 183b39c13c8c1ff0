// The widget on publishers' pages as they are: a strict Content-Security-Policy, Trusted Types,
// themes (--palabre-* properties, data-theme, data-font) and a 360-px phone's tap targets.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { start, shadow } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  if (env) await env.stop();
});

// The widget's wrapper's computed styles (the section inside the shadow root).
const styles = (page) =>
  shadow(page, (root) => {
    const s = getComputedStyle(root.querySelector('section'));
    const h = getComputedStyle(root.querySelector('.hd'));
    return { padding: s.paddingTop, bg: s.backgroundColor, color: s.color, font: s.fontFamily, hd: h.display };
  });

// Opens the article, collecting the CSP violations reported by the page, but those of the
// host page's own inline <style> (by its hash): only the widget's count.
async function open(key, params, contextOptions = {}) {
  const html = await (await fetch(env.url(key, params))).text();
  const hostStyles = [...html.matchAll(/<style>([^]*?)<\/style>/g)].map((m) =>
    createHash('sha256').update(m[1]).digest('base64'),
  );
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e));
  page.violations = [];
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Trusted Type/i.test(text) && !hostStyles.some((h) => text.includes(h))) {
      page.violations.push(text);
    }
  });
  await page.goto(env.url(key, params));
  await page.locator('#palabre h2').filter({ hasNotText: /Chargement|Loading/ }).waitFor();
  return page;
}

async function publish(page, text) {
  const f = page.locator('#palabre form.f').first();
  await f.getByLabel('Votre commentaire').fill(text);
  await f.getByLabel('Votre nom').fill('Awa Traoré');
  await f.getByRole('button', { name: 'Publier' }).click();
  await page.locator('#palabre li.c .b', { hasText: text }).waitFor();
  await f.getByText('Votre commentaire est publié.').waitFor();
}

describe('host pages with a strict Content-Security-Policy', () => {
  test("style-src 'self': the widget is styled, and posting works", async () => {
    const key = env.key('csp');
    await env.post(key, { author: 'Moussa Keïta', text: 'Un premier avis, **argumenté**.' });
    const page = await open(key, { csp: 'strict' });
    const s = await styles(page);
    assert.equal(s.padding, '16px', 'the stylesheet applies');
    assert.equal(s.hd, 'flex');
    assert.equal(await page.locator('#palabre .b strong').textContent(), 'argumenté');
    await publish(page, 'Publié depuis une page à la politique stricte.');
    assert.equal(await page.locator('#palabre h2').textContent(), '2 commentaires');
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.violations, [], 'the widget itself causes no violation');
    await page.context().close();
  });

  test("Trusted Types required: comments render through the 'palabre' policy, and posting works", async () => {
    const key = env.key('tt');
    await env.post(key, { author: 'Moussa Keïta', text: 'Le riz, *encore* le riz.' });
    const page = await open(key, { csp: 'tt' });
    assert.equal(await page.locator('#palabre .b em').textContent(), 'encore');
    assert.equal((await styles(page)).padding, '16px');
    await publish(page, 'Publié malgré Trusted Types.');
    assert.equal(await page.locator('#palabre h2').textContent(), '2 commentaires');
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.violations, []);
    await page.context().close();
  });

  test('a page whose CSP forbids the policy is told so, not "an error on our side"', async () => {
    const key = env.key('ttother');
    await env.post(key, { author: 'Moussa Keïta', text: 'Un avis.' });
    const page = await open(key, { csp: 'ttother' });
    const status = page.locator('#palabre .ld.er');
    await status.waitFor();
    const text = await status.textContent();
    assert.match(text, /règles de sécurité de cette page/);
    assert.doesNotMatch(text, /de notre côté/);
    await page.context().close();
  });
});

describe('themes', () => {
  test('light by default; --palabre-* properties set on the host element apply', async () => {
    const key = env.key('vars');
    await env.post(key, { author: 'Moussa Keïta', text: 'Un avis.' });
    const page = await open(key, { vars: '--palabre-accent:#7a1f5c;--palabre-bg:#fdfaf3;--palabre-radius:0' });
    const s = await styles(page);
    assert.equal(s.bg, 'rgb(253, 250, 243)');
    assert.equal(s.color, 'rgb(27, 27, 27)');
    const reply = page.locator('#palabre .x button', { hasText: 'Répondre' }).first();
    assert.equal(await reply.evaluate((b) => getComputedStyle(b).color), 'rgb(122, 31, 92)');
    const select = page.locator('#palabre select');
    assert.equal(await select.evaluate((b) => getComputedStyle(b).borderRadius), '0px');
    await page.context().close();
  });

  test('data-theme="dark"; "auto" follows prefers-color-scheme, live; data-font="inherit"', async () => {
    const key = env.key('dark');
    await env.post(key, { author: 'Moussa Keïta', text: 'Un avis.' });
    const dark = await open(key, { theme: 'dark' });
    assert.equal((await styles(dark)).bg, 'rgb(22, 24, 27)');
    assert.equal((await styles(dark)).color, 'rgb(236, 236, 236)');
    await dark.context().close();

    const auto = await open(key, { theme: 'auto', font: 'inherit' }, { colorScheme: 'dark' });
    assert.equal((await styles(auto)).bg, 'rgb(22, 24, 27)');
    assert.match((await styles(auto)).font, /Georgia/, "the host page's font");
    await auto.emulateMedia({ colorScheme: 'light' }); // the change event comes a moment later
    for (let i = 0; i < 50 && (await styles(auto)).bg !== 'rgb(255, 255, 255)'; i++) await auto.waitForTimeout(20);
    assert.equal((await styles(auto)).bg, 'rgb(255, 255, 255)');
    await auto.context().close();

    const light = await open(key, {}, { colorScheme: 'dark' });
    assert.equal((await styles(light)).bg, 'rgb(255, 255, 255)', 'light unless asked');
    assert.doesNotMatch((await styles(light)).font, /Georgia/);
    await light.context().close();
  });
});

test('on a 360-px phone every button and link of the widget is at least 44 px', async () => {
  const key = env.key('tap');
  const a = await env.post(key, { author: 'Moussa Keïta', text: 'Un avis, avec [un lien](https://example.org).' });
  await env.post(key, { author: 'Fatou Diop', text: 'Une réponse.', parent: a.comment.id });
  const page = await open(key, {}, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  await page.locator('#palabre form.f textarea').first().focus(); // shows the form's buttons
  await page.locator('#palabre .x button', { hasText: 'Répondre' }).first().click();
  await page.locator('#palabre .x button', { hasText: 'Signaler' }).first().click();
  const small = await shadow(page, (root) =>
    [...root.querySelectorAll('button, a[href], select, .rr label')]
      .filter((el) => !el.closest('.b')) // links inside a comment's text are words of a sentence
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
      .map(({ el, r }) => `${el.tagName} "${el.textContent.trim()}" ${Math.round(r.width)}×${Math.round(r.height)}`),
  );
  assert.deepEqual(small, []);
  await page.context().close();
});
