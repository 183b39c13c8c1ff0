// The XSS suite: web/tests/xss_vectors.json (script tags, event handlers, javascript:/data:/
// vbscript: URLs, SVG and MathML, broken and double-encoded entities, Markdown tricks, CSS
// expressions, Unicode tricks, template and polyglot payloads) posted through the API as comment
// texts, author names and report notes, then rendered by the widget on a host page without any
// CSP, and by the moderator console with its CSP bypassed. Each payload calls
// window.__xss(N) if it ever runs: it must never be called, and no element of the rendered
// content may carry code (xss_check.mjs). Names and notes must show as the literal text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';
import { checkDom, installSpy, vectors } from './xss_check.mjs';

const SITE = 'xss';
const ADMIN = { site: SITE, role: 'admin', email: 'xss-admin@palabre.test', password: 'une phrase de passe assez longue' };
const V = vectors();
const CHUNK = 70; // comments a thread (the widget shows up to 100 top-level comments a page)

let env;
const posted = []; // {n, kind: 'text'|'author', key, id, status, author, text}
const refused = []; // {n, kind, code}

async function postRaw(key, body) {
  const res = await fetch(`${env.api}/api/v1/threads/${SITE}/${encodeURIComponent(key)}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, data: await res.json() };
}

// What the server keeps of a multi-line text (core/text/utf8.h, NormalizeUserText): line
// breaks unified, control characters other than newline and tab removed, NFC, trimmed.
function asStored(text) {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .normalize('NFC')
    .replace(/^\s+|\s+$/gu, '');
}

// Runs `f` over `items`, `n` at a time.
async function pool(items, n, f) {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) await f(items[i++]);
  }));
}

before(async () => {
  env = await start({ open: [SITE], users: [ADMIN] });
  const jobs = [];
  V.forEach((v, i) => {
    jobs.push({ v, kind: 'text', key: `xss-text-${Math.floor(i / CHUNK)}`, body: { author: `Lecteur ${v.n}`, text: v.payload } });
    // Names are at most 60 characters: the longer payloads are tried as texts and notes only.
    if (Array.from(v.payload).length <= 60)
      jobs.push({ v, kind: 'author', key: `xss-name-${Math.floor(i / CHUNK)}`, body: { author: v.payload, text: `Commentaire ${v.n} signé d’un nom piégé.` } });
  });
  await pool(jobs, 6, async (j) => {
    const r = await postRaw(j.key, j.body);
    if (r.status === 201 || r.status === 202) {
      posted.push({ n: j.v.n, kind: j.kind, key: j.key, id: r.data.comment.id, status: r.data.status, author: r.data.comment.author, text: j.body.text });
    } else {
      refused.push({ n: j.v.n, kind: j.kind, code: r.data && r.data.error && r.data.error.code });
    }
  });
});
after(async () => {
  if (env) await env.stop();
});

test('the corpus: at least 100 vectors of every kind, each able to call __xss(N)', () => {
  assert.ok(V.length >= 100, `${V.length} vectors`);
  const kinds = new Set(V.map((v) => v.kind));
  for (const k of ['script', 'handler', 'url', 'svg_mathml', 'entities', 'markdown', 'css', 'unicode', 'template_polyglot'])
    assert.ok(kinds.has(k), k);
  const silent = V.filter((v) => !v.payload.includes(`__xss(${v.n})`) && !/vbscript|behavior|binding|base64|#95;|x5f|msgbox/.test(v.payload));
  assert.deepEqual(silent.map((v) => v.n), [], 'every vector names its own number');
  // Refusals are the server's business (length, emptiness); most vectors must get through.
  const published = posted.filter((p) => p.status === 'published');
  assert.ok(published.length >= V.length, `${published.length} published, refused: ${JSON.stringify(refused)}`);
});

async function openWidget(key) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(installSpy);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e));
  await page.goto(env.url(key, { site: SITE, limit: '100' }));
  await page.locator('#palabre h2').filter({ hasNotText: /Chargement|Loading/ }).waitFor();
  return page;
}

describe('widget, host page without CSP', () => {
  for (const kind of ['text', 'author']) {
    test(`vectors as comment ${kind === 'text' ? 'texts' : 'author names'}: nothing runs, nothing dangerous, names literal`, async () => {
      const keys = [...new Set(posted.filter((p) => p.kind === kind).map((p) => p.key))];
      assert.ok(keys.length > 0);
      for (const key of keys) {
        const page = await openWidget(key);
        const mine = posted.filter((p) => p.key === key && p.status === 'published');
        await page.locator('#palabre li.c').nth(mine.length - 1).waitFor();
        // Give handlers a chance: pointer over every comment, then let loads and errors settle.
        const bodies = page.locator('#palabre li.c article');
        for (let i = 0, n = await bodies.count(); i < n; i++) await bodies.nth(i).hover({ timeout: 2000 }).catch(() => {});
        await page.waitForTimeout(300);
        assert.deepEqual(await page.evaluate(() => window.__xssCalls), [], `__xss was called on ${key}`);
        const problems = await page.evaluate(`(${checkDom})(['#palabre', 'li.c .b'])`);
        assert.deepEqual(problems, [], `dangerous markup in comment bodies of ${key}`);
        const widgetWide = await page.evaluate(`(${checkDom})(['#palabre', 'section'])`);
        assert.deepEqual(widgetWide.filter((p) => !/<(form|style)>/.test(p)), [], `anywhere in the widget on ${key}`);
        if (kind === 'author') {
          const names = await page.evaluate((ids) => {
            const root = document.getElementById('palabre').shadowRoot;
            return ids.map((id) => {
              const a = root.querySelector(`#c${id} .a`);
              return a ? { text: a.textContent, children: a.childElementCount } : null;
            });
          }, mine.map((p) => p.id));
          mine.forEach((p, i) => {
            assert.ok(names[i], `comment ${p.id} (vector ${p.n}) shown`);
            assert.equal(names[i].children, 0, `vector ${p.n}: the name is a text node`);
            assert.equal(names[i].text, p.author, `vector ${p.n}: the name as the API gave it`);
          });
        }
        assert.deepEqual(page.errors.map(String), []);
        await page.context().close();
      }
    });
  }
});

describe('moderator console, CSP bypassed', () => {
  test('vectors as author names, texts and report notes in the Reported and Held tabs', async () => {
    const targets = posted.filter((p) => p.status === 'published');
    const notes = new Map();
    await pool(targets.slice(0, V.length), 6, async (p) => {
      const v = V[p.n - 1];
      const note = Array.from(v.payload).length <= 500 ? v.payload : `note ${v.n}`;
      await env.report(p.id, { reason: 'other', note, reporter: `xss-${p.id}` });
      notes.set(p.id, note);
    });
    const page = await env.console(ADMIN, { bypassCSP: true });
    await page.evaluate(installSpy);
    await page.getByRole('tab', { name: 'Signalés' }).click();
    await page.locator('.item').first().waitFor();
    while (await page.locator('button.more').isVisible()) {
      const n = await page.locator('.item').count();
      await page.locator('button.more').click();
      await page.waitForFunction((k) => document.querySelectorAll('.item').length > k, n, { timeout: 5000 }).catch(() => {});
      if ((await page.locator('.item').count()) === n) break;
    }
    const shown = await page.evaluate(() => [...document.querySelectorAll('.item')].map((el) => ({
      id: Number(el.dataset.id),
      author: el.querySelector('.author').textContent,
      authorKids: el.querySelector('.author').childElementCount,
      notes: [...el.querySelectorAll('.reports .note')].map((x) => x.textContent),
    })));
    const byId = new Map(shown.map((s) => [s.id, s]));
    for (const p of targets.slice(0, V.length)) {
      const s = byId.get(p.id);
      assert.ok(s, `reported comment ${p.id} (vector ${p.n}) in the Reported tab`);
      assert.equal(s.author, p.author);
      assert.equal(s.authorKids, 0);
      assert.deepEqual(s.notes, [asStored(notes.get(p.id))], `vector ${p.n}: the note as written`);
    }
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.__xssCalls), []);
    assert.deepEqual(await page.evaluate(`(${checkDom})([null, '.item .body, .item .author, .item .reports, .item .src, .item .reasons'])`), []);
    assert.deepEqual((await page.evaluate(`(${checkDom})([null, '#palabre-admin'])`)).filter((p) => !/<form>/.test(p)), []);
    assert.deepEqual(page.errors.map(String), []);
    await page.context().close();
  });
});
