// Long and living threads in the widget: relative times that refresh, long branches folded
// behind "Afficher N réponses", long comments cut with "Lire la suite", permalinks
// (#palabre-c<ID>) and "Copier le lien".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { start, shadow } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(async () => {
  if (env) await env.stop();
});

let seq = 0;
const say = () => `Les routes de la région sont encore coupées, avis numéro ${++seq}.`;

// Opens a page (optionally with a hash, and a script run before the page's own).
async function open(key, { params = {}, hash = '', init, clock, track, contextOptions = {} } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  page.requests = [];
  if (track) page.on('request', (r) => page.requests.push(r.url()));
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e));
  if (init) await page.addInitScript(init);
  if (clock) await page.clock.install();
  await page.goto(env.url(key, params) + hash);
  await page.locator('#palabre h2').filter({ hasNotText: /Chargement|Loading/ }).waitFor();
  return page;
}

test('relative times refresh on an open page', async () => {
  const key = env.key('time');
  const a = await env.post(key, { author: 'Moussa Keïta', text: say() });
  const page = await open(key, { clock: true });
  const time = page.locator(`#palabre #c${a.comment.id} time`);
  assert.equal(await time.textContent(), "à l'instant");
  await page.clock.fastForward('02:05');
  await page.locator('#palabre time', { hasText: 'il y a 2 minutes' }).waitFor({ timeout: 5000 });
  await page.clock.fastForward('01:00');
  await page.locator('#palabre time', { hasText: 'il y a 3 minutes' }).waitFor({ timeout: 5000 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

describe('long branches and long comments', () => {
  test('a branch of 6 replies shows 3 and "Afficher 3 réponses" (aria-expanded, focus)', async () => {
    const key = env.key('fold');
    const root = await env.post(key, { author: 'Moussa Keïta', text: say() });
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await env.post(key, { author: 'Fatou Diop', text: say(), parent: root.comment.id })).comment.id);
    const short = await env.post(key, { author: 'Ibrahim Sow', text: say() });
    for (let i = 0; i < 4; i++) await env.post(key, { author: 'Awa', text: say(), parent: short.comment.id });

    const page = await open(key);
    const replies = page.locator(`#palabre #c${root.comment.id} > ul.r > li.c`);
    assert.equal(await replies.count(), 6);
    const visible = async () => (await Promise.all((await replies.all()).map((r) => r.isVisible()))).filter(Boolean).length;
    assert.equal(await visible(), 3);
    const btn = page.locator(`#palabre #c${root.comment.id} > button`);
    assert.equal(await btn.textContent(), 'Afficher 3 réponses');
    assert.equal(await btn.getAttribute('aria-expanded'), 'false');
    await btn.focus();
    await page.keyboard.press('Enter');
    assert.equal(await visible(), 6);
    assert.equal(await btn.getAttribute('aria-expanded'), 'true');
    assert.equal(await btn.textContent(), 'Masquer les réponses');
    assert.equal(await shadow(page, (root) => root.activeElement && root.activeElement.id), `c${ids[3]}`);
    await btn.click();
    assert.equal(await visible(), 3);
    // Four replies: all shown (folding one would save nothing).
    assert.equal(await page.locator(`#palabre #c${short.comment.id} > ul.r > li.c:visible`).count(), 4);
    assert.equal(await page.locator(`#palabre #c${short.comment.id} > button`).count(), 0);
    await page.context().close();

    const en = await open(key, { params: { lang: 'en' } });
    assert.equal(await en.locator(`#palabre #c${root.comment.id} > button`).textContent(), 'Show 3 replies');
    await en.context().close();
  });

  test('a long comment is cut with "Lire la suite"; a short one is not', async () => {
    const key = env.key('long');
    const text = Array.from({ length: 16 }, (_, i) => `Paragraphe ${i + 1} : la saison des pluies complique tout.`).join('\n\n');
    const long = await env.post(key, { author: 'Moussa Keïta', text });
    const short = await env.post(key, { author: 'Fatou Diop', text: say() });
    const page = await open(key);
    const body = page.locator(`#palabre #c${long.comment.id} .b`);
    const more = page.locator(`#palabre #c${long.comment.id} article > button`);
    await more.waitFor();
    assert.equal(await more.textContent(), 'Lire la suite');
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    const cut = await body.evaluate((b) => [b.clientHeight, b.scrollHeight]);
    assert.ok(cut[0] < cut[1] - 100, `cut: ${cut}`);
    await more.click();
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    assert.equal(await more.textContent(), 'Réduire');
    const full = await body.evaluate((b) => [b.clientHeight, b.scrollHeight]);
    assert.equal(full[0], full[1]);
    assert.equal(await page.locator(`#palabre #c${short.comment.id} article > button`).count(), 0);
    await page.context().close();
  });
});

describe('permalinks', () => {
  test('#palabre-c<ID> loads the comment\'s page, unfolds its branch, scrolls to it and highlights it', async () => {
    const key = env.key('perma');
    const tops = [];
    for (let i = 0; i < 7; i++) tops.push((await env.post(key, { author: `Lecteur ${i}`, text: say() })).comment);
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push((await env.post(key, { author: 'Fatou Diop', text: say(), parent: tops[6].id })).comment);

    // Past the first page (3 a page), then in the folded part of a branch.
    const page = await open(key, { params: { limit: '3' }, hash: `#palabre-c${tops[4].id}`, track: true });
    const target = page.locator(`#palabre #c${tops[4].id}`);
    await target.waitFor();
    await page.waitForFunction((id) => document.getElementById('palabre').shadowRoot.activeElement?.id === id, `c${tops[4].id}`);
    assert.match(await target.getAttribute('class'), /\bnw\b/);
    assert.ok(await target.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }));
    // One more request, for the rest in pages of 100.
    const pages = page.requests.filter((u) => u.includes('/comments?'));
    assert.equal(pages.length, 2, pages.join('\n'));
    assert.match(pages[1], /limit=100&.*cursor=/);

    await page.evaluate((id) => (location.hash = '#palabre-c' + id), replies[5].id);
    const reply = page.locator(`#palabre #c${replies[5].id}`);
    await page.waitForFunction((id) => document.getElementById('palabre').shadowRoot.activeElement?.id === id, `c${replies[5].id}`);
    assert.ok(await reply.isVisible());
    assert.equal(await page.locator(`#palabre #c${tops[6].id} > button`).getAttribute('aria-expanded'), 'true');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test('"Copier le lien" copies the address with the anchor; refused, the address bar shows it', async () => {
    const key = env.key('copy');
    const a = await env.post(key, { author: 'Moussa Keïta', text: say() });
    const page = await open(key);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.hostOrigin });
    const link = page.locator(`#palabre #c${a.comment.id} .x a`);
    assert.equal(await link.getAttribute('href'), `#palabre-c${a.comment.id}`);
    assert.match(await link.textContent(), /^Copier le lien/);
    await link.click();
    await page.locator(`#palabre #c${a.comment.id} .x a`, { hasText: 'Lien copié' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), env.url(key) + `#palabre-c${a.comment.id}`);
    await page.context().close();

    const refused = await open(key, {
      init: () => {
        navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
      },
    });
    await refused.locator(`#palabre #c${a.comment.id} .x a`).click();
    await refused.locator(`#palabre #c${a.comment.id} .x a`, { hasText: 'Lien dans la barre d’adresse' }).waitFor();
    assert.equal(new URL(refused.url()).hash, `#palabre-c${a.comment.id}`);
    await refused.context().close();
  });
});
