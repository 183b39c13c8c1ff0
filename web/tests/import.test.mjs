// Other systems' exports through `palabre import`, then shown by the widget: the XSS corpus
// (web/tests/xss_vectors.json) as the HTML of Disqus messages and WordPress comment contents
// and as author names never runs and leaves no element carrying code; a small realistic Disqus
// export (a reply before its parent, a deleted comment with a reply, spam, an orphan reply,
// paragraphs, a line break, bold, a link) renders as the discussion it was; a dry run writes
// nothing. The export files are written here, in a temporary directory, and imported by the
// harness before the server starts (its `imports` option).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SITE, shadow, start } from './harness.mjs';
import { checkDom, installSpy, vectors } from './xss_check.mjs';

const V = vectors();
const CHUNK = 70; // comments a thread (the widget shows up to 100 top-level comments a page)
const NAME_MAX = 60; // code points of an author name (longer ones are refused: tried as texts only)

// XML 1.0 has no way to write these characters, not even as a character reference (palabre
// refuses such a file whole): an exporter leaves them out, and so does this one.
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const xmlSafe = (s) => s.replace(XML_FORBIDDEN, '');
// A CDATA section cannot hold "]]>": it is split across two sections.
const cdata = (s) => `<![CDATA[${xmlSafe(s).split(']]>').join(']]]]><![CDATA[>')}]]>`;
const escape = (s) => xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const minutes = (m) => new Date(Date.UTC(2022, 6, 22, 8, 0) + m * 60000).toISOString().replace('.000', '');
const wpDate = (m) => minutes(m).replace('T', ' ').replace('Z', '');

// What palabre keeps of a one-line name: line breaks and tabs become spaces; other control
// characters, bidirectional controls and zero-width characters go; NFC; trimmed
// (core/text/utf8.h, NormalizeUserText).
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
const nameAsStored = (s) => s.replace(/[\r\n\t\u2028\u2029]/g, ' ').replace(INVISIBLE, '').normalize('NFC').trim();

const DISQUS_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n' +
  '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n';

function disqusThread(id, key, title) {
  return `<thread dsq:id="${id}"><id>${escape(key)}</id><forum>journal</forum>` +
    `<link>https://journal.example/${encodeURIComponent(key)}/</link><title>${escape(title)}</title>` +
    `<createdAt>${minutes(0)}</createdAt><isClosed>false</isClosed><isDeleted>false</isDeleted></thread>\n`;
}

// `name` and `message` are written as they come (CDATA): the export's raw HTML.
function disqusPost({ id, thread, parent, name, message, at, deleted = false, spam = false }) {
  return `<post dsq:id="${id}"><id/><message>${cdata(message)}</message><createdAt>${minutes(at)}</createdAt>` +
    `<isDeleted>${deleted}</isDeleted><isSpam>${spam}</isSpam>` +
    `<author><name>${cdata(name)}</name><isAnonymous>false</isAnonymous></author>` +
    `<thread dsq:id="${thread}"/>${parent ? `<parent dsq:id="${parent}"/>` : ''}</post>\n`;
}

// Disqus: vectors as message HTML (threads imp-dq-text-*) and as author names (imp-dq-name-*).
function disqusXss() {
  const threads = new Map();
  const posts = [];
  V.forEach((v, i) => {
    const chunk = Math.floor(i / CHUNK);
    const text = `imp-dq-text-${chunk}`;
    threads.set(text, 100 + chunk);
    posts.push(disqusPost({ id: `t${v.n}`, thread: 100 + chunk, name: `Lecteur ${v.n}`, message: v.payload, at: v.n }));
    if (Array.from(nameAsStored(xmlSafe(v.payload))).length <= NAME_MAX) {
      const name = `imp-dq-name-${chunk}`;
      threads.set(name, 200 + chunk);
      posts.push(disqusPost({ id: `a${v.n}`, thread: 200 + chunk, name: v.payload, message: `<p>Commentaire ${v.n} signé d’un nom piégé.</p>`, at: v.n }));
    }
  });
  return DISQUS_HEAD + [...threads].map(([key, id]) => disqusThread(id, key, `Fil ${key}`)).join('') + posts.join('') + '</disqus>\n';
}

// WordPress: vectors as comment_content (CDATA) in items /imp-wp-text-*, and as author names
// (XML-escaped, not CDATA) in items /imp-wp-name-*; an item without an identifier is keyed by
// its URL's path.
function wxrXss() {
  const items = new Map();
  const add = (key, comment) => {
    if (!items.has(key)) items.set(key, []);
    items.get(key).push(comment);
  };
  const comment = (id, author, content, at) => `<wp:comment><wp:comment_id>${id}</wp:comment_id>` +
    `<wp:comment_author>${author}</wp:comment_author><wp:comment_date_gmt>${wpDate(at)}</wp:comment_date_gmt>` +
    `<wp:comment_content>${content}</wp:comment_content><wp:comment_approved>1</wp:comment_approved>` +
    '<wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>\n';
  V.forEach((v, i) => {
    const chunk = Math.floor(i / CHUNK);
    add(`imp-wp-text-${chunk}`, comment(1000 + v.n, cdata(`Lecteur ${v.n}`), cdata(v.payload), v.n));
    if (Array.from(nameAsStored(xmlSafe(v.payload))).length <= NAME_MAX)
      add(`imp-wp-name-${chunk}`, comment(2000 + v.n, escape(v.payload), cdata(`Commentaire ${v.n} signé d’un nom piégé.`), v.n));
  });
  let post = 10;
  const body = [...items].map(([key, comments]) => `<item><title>${key}</title><link>https://blog.example/${key}/</link>` +
    `<wp:post_id>${++post}</wp:post_id><wp:comment_status>open</wp:comment_status><wp:post_type>post</wp:post_type>\n` +
    comments.join('') + '</item>\n').join('');
  return '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel><title>Blog</title>' +
    '<link>https://blog.example</link><wp:wxr_version>1.2</wp:wxr_version>\n' + body + '</channel></rss>\n';
}

// A small discussion as Disqus exports it: the reply comes before its parent in the file.
const REAL = 'imp-real';
const DOSSIER = 'https://www.sahel-info.example/dossier';
function disqusReal() {
  const t = 500;
  return DISQUS_HEAD + disqusThread(t, REAL, 'Attaque de Kati : ce que l’on sait') + [
    { id: 5002, parent: 5001, name: 'Moussa', message: '<p>Merci <b>Awa</b>, c&#39;est exactement ça.</p>', at: 30 },
    { id: 5001, name: 'Awa', message: `<p>Paix à l'âme des victimes &amp; courage aux familles.</p><p>Lire aussi <a href="${DOSSIER}">notre dossier</a>.<br>Fin.</p>`, at: 10 },
    { id: 5003, name: 'Ibrahim', message: '<p>Message supprimé par son auteur.</p>', at: 40, deleted: true },
    { id: 5004, parent: 5003, name: 'Fanta', message: '<p>Je réponds au message supprimé : le riz est à 500 F le kilo.</p>', at: 50 },
    { id: 5005, name: 'Promo', message: '<p>Achetez des montres pas chères sur http://spam.example</p>', at: 45, spam: true },
    { id: 5006, name: 'Sidiki', message: '<p>Supprimé, et personne n’y a répondu.</p>', at: 55, deleted: true },
    { id: 5007, parent: 4999, name: 'Oumar', message: '<p>Réponse à un message absent de l’export.</p>', at: 60 },
  ].map((p) => disqusPost({ ...p, thread: t })).join('') + '</disqus>\n';
}

const DRY = 'imp-dry';
function disqusDry() {
  return DISQUS_HEAD + disqusThread(600, DRY, 'Essai à blanc') +
    disqusPost({ id: 6001, thread: 600, name: 'Awa', message: '<p>Premier commentaire de l’essai.</p>', at: 1 }) +
    disqusPost({ id: 6002, thread: 600, parent: 6001, name: 'Moussa', message: '<p>Et une réponse.</p>', at: 2 }) +
    '</disqus>\n';
}

let env;
let dir;
let summaries; // {dq, wp, real, dry}: the `palabre import --json` summaries

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palabre-import-'));
  const files = { dq: disqusXss(), wp: wxrXss(), real: disqusReal(), dry: disqusDry() };
  for (const [name, xml] of Object.entries(files)) await writeFile(join(dir, `${name}.xml`), xml);
  env = await start({
    imports: [
      { file: join(dir, 'dq.xml'), format: 'disqus' },
      { file: join(dir, 'wp.xml'), format: 'wxr' },
      { file: join(dir, 'real.xml') }, // the format detected
      { file: join(dir, 'dry.xml'), format: 'disqus', dryRun: true },
    ],
  });
  const [dq, wp, real, dry] = env.imported;
  summaries = { dq, wp, real, dry };
});
after(async () => {
  if (env) await env.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// A thread as the API gives it (everything on one page, every level).
async function thread(key) {
  const res = await fetch(`${env.api}/api/v1/threads/${SITE}/${encodeURIComponent(key)}/comments?limit=1000&depth=10`);
  assert.equal(res.status, 200);
  return res.json();
}
const flat = (comments) => comments.flatMap((c) => [c, ...flat(c.replies || [])]);

async function openWidget(key) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(installSpy);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e));
  await page.goto(env.url(key, { limit: '100' }));
  await page.locator('#palabre h2').filter({ hasNotText: /Chargement|Loading/ }).waitFor();
  return page;
}

describe('the XSS corpus imported', () => {
  test('the imports: every vector read, most of them written', async (t) => {
    const names = V.filter((v) => Array.from(nameAsStored(xmlSafe(v.payload))).length <= NAME_MAX).length;
    const chunks = Math.ceil(V.length / CHUNK);
    for (const [format, s, prefix] of [['disqus', summaries.dq, 'imp-dq-'], ['wxr', summaries.wp, '/imp-wp-']]) {
      assert.equal(s.format, format);
      assert.equal(s.dry_run, false);
      assert.equal(s.plan.malformed, 0, JSON.stringify(s.plan.problems));
      assert.equal(s.plan.comments, V.length + names, `${format}: every comment read`);
      assert.equal(s.plan.published, V.length + names);
      assert.equal(s.written.comments + s.written.refused, V.length + names, `${format}: ${JSON.stringify(s.written)}`);
      // What reached the threads: every name (the text beside it is plain), and most texts. A
      // text is refused when nothing is left of it once its HTML is converted (a lone <script>
      // or <img>): palabre's rule for an empty comment.
      const count = async (kind) => {
        let n = 0;
        for (let i = 0; i < chunks; i++) n += (await thread(`${prefix}${kind}-${i}`)).thread.count;
        return n;
      };
      const texts = await count('text');
      assert.equal(await count('name'), names, `${format}: every name`);
      assert.equal(texts + s.written.refused, V.length, `${format}: the refused are texts`);
      t.diagnostic(`${format}: ${texts} of ${V.length} texts and ${names} names imported, ${s.written.refused} texts empty once converted`);
      assert.ok(texts > V.length / 2, `${format}: ${texts} of ${V.length} texts, ${JSON.stringify(s.written)}`);
      for (const e of s.written.refused_examples) assert.match(e, /^[0-9t]+: invalid_argument: missing text$/, `${format}: ${e}`);
    }
  });

  for (const [label, prefix] of [['Disqus messages (HTML)', 'imp-dq-text-'], ['Disqus author names', 'imp-dq-name-'],
    ['WordPress comment contents (HTML)', '/imp-wp-text-'], ['WordPress author names', '/imp-wp-name-']]) {
    test(`vectors as ${label}: nothing runs, nothing dangerous${/names/.test(label) ? ', names literal' : ''}`, async () => {
      const keys = Array.from({ length: Math.ceil(V.length / CHUNK) }, (_, i) => `${prefix}${i}`);
      let shown = 0;
      for (const key of keys) {
        const data = await thread(key);
        const mine = flat(data.comments);
        assert.ok(mine.length > 0, `${key}: imported comments`);
        assert.equal(data.thread.count, mine.length);
        const page = await openWidget(key);
        await page.locator('#palabre li.c').nth(mine.length - 1).waitFor();
        assert.equal(await page.locator('#palabre li.c').count(), mine.length, key);
        // Give handlers a chance: pointer over every comment, then let loads and errors settle.
        const bodies = page.locator('#palabre li.c article');
        for (let i = 0, n = await bodies.count(); i < n; i++) await bodies.nth(i).hover({ timeout: 2000 }).catch(() => {});
        await page.waitForTimeout(300);
        assert.deepEqual(await page.evaluate(() => window.__xssCalls), [], `__xss was called on ${key}`);
        assert.deepEqual(await page.evaluate(`(${checkDom})(['#palabre', 'li.c .b'])`), [], `dangerous markup in comment bodies of ${key}`);
        const widgetWide = await page.evaluate(`(${checkDom})(['#palabre', 'section'])`);
        assert.deepEqual(widgetWide.filter((p) => !/<(form|style)>/.test(p)), [], `anywhere in the widget on ${key}`);
        if (/names/.test(label)) {
          const names = await page.evaluate((ids) => {
            const root = document.getElementById('palabre').shadowRoot;
            return ids.map((id) => {
              const a = root.querySelector(`#c${id} .a`);
              return a ? { text: a.textContent, children: a.childElementCount } : null;
            });
          }, mine.map((c) => c.id));
          mine.forEach((c, i) => {
            const n = Number(/Commentaire (\d+) /.exec(c.html)[1]);
            assert.ok(names[i], `comment ${c.id} (vector ${n}) shown`);
            assert.equal(names[i].children, 0, `vector ${n}: the name is a text node`);
            assert.equal(names[i].text, c.author, `vector ${n}: the name as the API gave it`);
            // Names are plain text in both formats: never read as HTML, whatever they hold.
            assert.equal(c.author, nameAsStored(xmlSafe(V[n - 1].payload)), `vector ${n}: the name as written`);
          });
        }
        assert.deepEqual(page.errors.map(String), []);
        await page.context().close();
        shown += mine.length;
      }
      const s = /^\/?imp-dq/.test(prefix) ? summaries.dq : summaries.wp;
      assert.ok(shown > 0 && shown <= s.written.comments);
    });
  }
});

describe('a realistic Disqus export', () => {
  test('replies under their parents, tombstones with their replies, no spam, the right count', async () => {
    const s = summaries.real;
    assert.equal(s.format, 'disqus');
    assert.deepEqual(
      { comments: s.plan.comments, spam: s.plan.spam, tombstones: s.plan.tombstones, deleted_skipped: s.plan.deleted_skipped,
        orphans: s.plan.orphans, placeholders: s.plan.placeholders, refused: s.written.refused },
      { comments: 7, spam: 1, tombstones: 1, deleted_skipped: 1, orphans: 1, placeholders: 1, refused: 0 });

    const data = await thread(REAL);
    assert.equal(data.thread.count, 4, 'Awa, Moussa, Fanta and Oumar');
    const all = flat(data.comments);
    const by = (author) => all.find((c) => c.author === author);
    const [awa, moussa, fanta, oumar] = ['Awa', 'Moussa', 'Fanta', 'Oumar'].map(by);
    for (const [name, c] of Object.entries({ awa, moussa, fanta, oumar })) assert.ok(c, `${name} in the thread`);
    assert.equal(by('Promo'), undefined, 'spam is not shown');
    assert.equal(by('Ibrahim'), undefined, 'a deleted comment keeps no author');
    assert.equal(by('Sidiki'), undefined, 'a deleted comment without replies is left out');
    // Top level, oldest first: Awa, the tombstone of Ibrahim's comment, the placeholder.
    assert.equal(data.comments.length, 3);
    const [first, tomb, placeholder] = data.comments;
    assert.equal(first.id, awa.id);
    assert.deepEqual(first.replies.map((c) => c.id), [moussa.id]);
    for (const [t, reply] of [[tomb, fanta], [placeholder, oumar]]) {
      assert.equal(t.deleted, true);
      assert.equal(t.author, '');
      assert.equal(t.html, '');
      assert.deepEqual(t.replies.map((c) => c.id), [reply.id]);
    }

    const page = await openWidget(REAL);
    await page.locator(`#palabre #c${oumar.id}`).waitFor();
    assert.equal(await page.locator('#palabre h2').textContent(), '4 commentaires');
    const top = await shadow(page, (root) => [...root.querySelectorAll('li.c')]
      .filter((li) => !li.parentElement.closest('li.c')).map((li) => li.id));
    assert.deepEqual(top, [`c${awa.id}`, `c${tomb.id}`, `c${placeholder.id}`]);
    // The reply written before its parent in the file sits under it.
    assert.equal(await page.locator(`#palabre #c${awa.id} > ul.r > li.c#c${moussa.id}`).count(), 1);
    // The deleted comment and the missing parent: shown as deleted, their replies under them.
    for (const [t, reply] of [[tomb, fanta], [placeholder, oumar]]) {
      const li = page.locator(`#palabre #c${t.id}`);
      assert.equal(await li.locator(':scope > article .tb').textContent(), 'Commentaire supprimé.');
      assert.equal(await li.locator(':scope > article .a').count(), 0);
      assert.equal(await li.locator(`:scope > ul.r > li.c#c${reply.id}`).isVisible(), true);
    }
    assert.equal(await page.locator('#palabre li.c').count(), 6);
    const text = await page.locator('#palabre').evaluate((el) => el.shadowRoot.textContent);
    assert.doesNotMatch(text, /montres|Promo|Ibrahim|Sidiki|supprimé par son auteur|personne n’y a répondu/);
    // The HTML became palabre's Markdown and came back: paragraphs, bold, the link, the break.
    const body = page.locator(`#palabre #c${awa.id} > article .b`);
    assert.deepEqual(await body.locator('p').allTextContents(),
      ['Paix à l\'âme des victimes & courage aux familles.', 'Lire aussi notre dossier.\nFin.']);
    assert.equal(await body.locator('p').nth(1).locator('br').count(), 1);
    const link = body.locator('a');
    assert.equal(await link.count(), 1);
    assert.equal(await link.getAttribute('href'), DOSSIER);
    assert.equal(await link.textContent(), 'notre dossier');
    assert.match(await link.getAttribute('rel'), /\bnofollow\b/);
    assert.match(awa.html, /<a [^>]*rel="[^"]*nofollow/, 'nofollow from the server already');
    assert.equal(await page.locator(`#palabre #c${moussa.id} .b strong`).textContent(), 'Awa');
    assert.deepEqual(await page.locator(`#palabre #c${moussa.id} .b p`).allTextContents(), ['Merci Awa, c\'est exactement ça.']);
    assert.deepEqual(page.errors.map(String), []);
    await page.context().close();
  });
});

describe('a dry run', () => {
  test('reports what it would write and writes nothing', async () => {
    const s = summaries.dry;
    assert.equal(s.dry_run, true);
    assert.equal(s.plan.comments, 2);
    assert.equal(s.written.comments, 2, 'would write 2 comments');
    const data = await thread(DRY);
    assert.equal(data.thread.count, 0);
    assert.deepEqual(data.comments, []);
    const page = await openWidget(DRY);
    assert.equal(await page.locator('#palabre h2').textContent(), 'Aucun commentaire');
    assert.equal(await page.locator('#palabre li.c').count(), 0);
    await page.context().close();
  });
});
