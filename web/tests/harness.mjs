// Test harness of the widget's browser suite: a real `palabre serve` on a temporary SQLite file,
// a tiny host site (the publisher's article pages, on another origin) that embeds the widget
// with the exact published tag, and Debian's headless Chromium driven by playwright-core.
//
// The palabre binary comes from $PALABRE_BINARY (default ../build/palabre, beside web/). The
// widget is the one the binary embeds and serves at /embed.js; for quick iterations on the
// widget alone, PALABRE_WIDGET_DIST=1 serves web/dist/embed.js from the host site instead
// (with data-api pointing at the same real server).
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

export const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BINARY = resolve(process.env.PALABRE_BINARY || join(WEB, '..', 'build', 'palabre'));
export const CHROMIUM = process.env.PALABRE_CHROMIUM || '/usr/bin/chromium';
export const SITE = 'test';
// A second site with palabre's default moderation, for the messages of held, rejected and
// rate-limited comments. Site `test` turns off the checks that would get in the way of
// testing the widget itself (flood limits, near-duplicates of test texts, links, off-topic, and
// the classifier, which holds some of the short made-up test texts).
export const STRICT = 'strict';
// Site `strict` keeps every rule check but not the classifier either: with it on, the suite's
// first ordinary comment there was held (to investigate: docs/MODERATION.md, known limits).
const RELAXED_OFF = ['flood', 'duplicate', 'links_contacts', 'off_topic', 'toxicity'];
const relaxedLines = (id) => RELAXED_OFF.map((check) => `moderation.sites.${id}.${check}.enabled = false\n`).join('');
const RELAXED = relaxedLines(SITE) + `moderation.sites.${STRICT}.toxicity.enabled = false\n`;

const run = promisify(execFile);

// Simulated readers' addresses (the server runs with --trust-proxy): one per call, or one per
// reader name. 10.77/16: never the browser's own 127.0.0.1.
let addresses = 0;
const named = new Map();
const nextAddress = () => `10.77.${(++addresses >> 8) & 255}.${addresses & 255}`;
const addressOf = (reader) => {
  if (!named.has(reader)) named.set(reader, nextAddress());
  return named.get(reader);
};

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function escapeAttr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

// The publisher's article page: the exact tag of docs/WIDGET.md, plus optional hostile CSS.
const DIST = process.env.PALABRE_WIDGET_DIST ? join(WEB, 'dist', 'embed.js') : '';

// The Content-Security-Policy of a host page (?csp=strict|tt|ttother): docs/WIDGET.md's directives.
export function hostCsp(api, q) {
  const csp = q.get('csp');
  if (!csp) return null;
  const script = DIST ? `${api} 'self'` : api;
  const strict = `default-src 'none'; script-src ${script}; connect-src ${api}; style-src 'self'`;
  // tt: Trusted Types required, the widget's policy allowed; ttother: only another policy name.
  if (csp === 'tt' || csp === 'ttother') {
    return `${strict}; require-trusted-types-for 'script'; trusted-types ${csp === 'tt' ? 'palabre' : 'other'}`;
  }
  return strict;
}

// An article list with count.js (?keys=k1|k2|…; ?site=; ?lang=): one element per key.
export function listPage(api, q) {
  const keys = (q.get('keys') || '').split('|').filter(Boolean);
  const site = escapeAttr(q.get('site') || SITE);
  const items = keys
    .map((k, i) => `<li><a href="/article?key=${encodeURIComponent(k)}">Article ${i + 1}</a> · ` +
      `<span class="n" data-palabre-count data-key="${escapeAttr(k)}">…</span></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="${q.get('lang') || 'fr'}"><head><meta charset="utf-8"><title>Articles</title></head>
<body><ul>${items}</ul>
<script src="${api}/count.js" data-site="${site}" async></script>
</body></html>`;
}

export function articlePage(api, q) {
  const key = q.get('key') || 'article-1';
  const title = q.get('title') || 'Article de test';
  const attrs = [`data-site="${escapeAttr(q.get('site') || SITE)}"`, `data-key="${escapeAttr(key)}"`,
    `data-title="${escapeAttr(title)}"`];
  for (const a of ['lang', 'sort', 'limit', 'theme', 'font']) if (q.get(a)) attrs.push(`data-${a}="${escapeAttr(q.get(a))}"`);
  if (DIST) attrs.push(`data-api="${escapeAttr(api)}"`);
  const hostile = q.get('hostile')
    ? `<style>p{color:red !important;font-size:40px} *{font-family:"Comic Sans MS",cursive;letter-spacing:3px}
       button{background:lime;padding:30px} ul,li{list-style:disc;margin:40px} textarea{width:10px}
       #palabre{color:red;font-size:30px;line-height:4}</style>`
    : '';
  // Theme properties set by the publisher on the host element, e.g. vars="--palabre-accent:#7a1f5c".
  const vars = q.get('vars') ? `<style>#palabre{${q.get('vars')}}</style>` : '';
  return `<!doctype html>
<html lang="${q.get('pagelang') || 'fr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttr(title)}</title>
<style>body{margin:0;font:17px/1.6 Georgia,serif;color:#1d1d1b;background:#fafaf7}
header{background:#0b3d2e;color:#fff;padding:12px 16px;font:600 20px/1.2 system-ui,sans-serif}
main{max-width:720px;margin:0 auto;padding:16px}</style>${hostile}${vars}
</head>
<body>
<header>Le Quotidien du Sahel</header>
<main>
<article><h1>${escapeAttr(title)}</h1>
<p>${escapeAttr(q.get('body') || 'Le texte de l’article.')}</p></article>
<div id="palabre" ${attrs.join(' ')}></div>
<script src="${DIST ? '' : api}/embed.js" async></script>
</main>
</body>
</html>`;
}

function listen(server) {
  return new Promise((ok, ko) => {
    server.once('error', ko);
    server.listen(0, '127.0.0.1', () => ok(server.address().port));
  });
}

// A port free on the loopback right now (the system's pick, released at once), for a server
// whose URL must be known before it starts (palabre's --public-url).
export async function freePort() {
  const server = createNetServer();
  const port = await listen(server);
  await new Promise((ok) => server.close(ok));
  return port;
}

// Starts palabre serve and resolves with its base URL once it prints the listening line.
// `listenOn`: host:port (default the loopback, any port); `extra`: more flags.
function startServer(db, config, listenOn = '127.0.0.1:0', extra = []) {
  return new Promise((ok, ko) => {
    // --trust-proxy: readers simulated through the API (env.vote, env.report) each come from an
    // address of their own (X-Forwarded-For); the browser's own requests carry none.
    const args = ['serve', '--db', db, '--listen', listenOn, '--moderation-config', config, '--trust-proxy', ...extra];
    const proc = spawn(BINARY, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => ko(new Error(`palabre serve did not start:\n${out}\n${err}`)), 15000);
    proc.stderr.on('data', (d) => (err += d));
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /palabre listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ proc, api: m[1].replace(/\/$/, '') });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      ko(new Error(`palabre serve exited with ${code}:\n${out}\n${err}`));
    });
  });
}

let keySeq = 0;

function importLines(db, objects) {
  return new Promise((ok, ko) => {
    const proc = spawn(BINARY, ['import', '--site', SITE, '--db', db], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    proc.once('exit', (code) => (code === 0 ? ok(out) : ko(new Error(`palabre import failed (${code}): ${out}`))));
    proc.stdin.end(objects.map((o) => JSON.stringify(o)).join('\n') + '\n');
  });
}

// `palabre import --json` of another system's export (`imports` option of start()): resolves
// with the parsed summary. Exit status 2 (some elements malformed or refused) is a result, not
// a failure: the summary says which, and the caller decides.
function importExport(db, { file, format, site = SITE, threadKey, dryRun = false }) {
  const args = ['import', '--site', site, '--db', db, '--json'];
  if (format) args.push('--format', format);
  if (threadKey) args.push('--thread-key', threadKey);
  if (dryRun) args.push('--dry-run');
  args.push(file);
  return new Promise((ok, ko) => {
    execFile(BINARY, args, { maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      const code = error ? error.code : 0;
      if (code !== 0 && code !== 2) return ko(new Error(`palabre import ${file} failed (${code}): ${stderr}${stdout}`));
      try {
        ok(JSON.parse(stdout));
      } catch (e) {
        ko(new Error(`palabre import ${file}: no JSON summary (${code}): ${stderr}${stdout}`));
      }
    });
  });
}

// The moderation checks an "open" site (option `open`) turns off: only emptiness and length
// remain, so that any text reaches the thread or the queue (the XSS suite).
const OPEN_OFF = ['flood', 'duplicate', 'links_contacts', 'shouting', 'lexicon', 'toxicity', 'off_topic'];

function userAdd(db, { site, role = 'admin', email, password }) {
  return new Promise((ok, ko) => {
    const proc = spawn(BINARY, ['user', 'add', '--site', site, '--role', role, email, '--password-stdin', '--db', db], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    proc.once('exit', (code) => (code === 0 ? ok(out) : ko(new Error(`palabre user add failed (${code}): ${out}`))));
    proc.stdin.end(password + '\n');
  });
}

// Options: `seed`, JSON Lines objects loaded with `palabre import --site test` before the
// server starts (no rate limits apply to an import); `open`, ids of more sites with the
// checks of OPEN_OFF off; `users`, moderators added with `palabre user add`
// ({site, role, email, password}); `relaxed`, ids of more sites moderated like `test` (no
// flood, duplicate, links, off-topic or classifier checks; lexicon and shouting on);
// `imports`, exports of other systems loaded with `palabre import --json` after `seed`
// ({file, format, site, threadKey, dryRun}; their summaries, in order, are env.imported);
// `serveArgs`, more flags for `palabre serve`, a function of the server's own URL (its port is
// picked before it starts: --public-url names it).
export async function start({ seed, open = [], relaxed = [], users = [], imports = [], serveArgs } = {}) {
  if (!existsSync(BINARY)) throw new Error(`no palabre binary at ${BINARY}: build it or set PALABRE_BINARY`);
  const dir = await mkdtemp(join(tmpdir(), 'palabre-web-'));
  const db = join(dir, 'test.db');

  let api = '';
  const host = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/article') {
      const csp = hostCsp(api, url.searchParams);
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        ...(csp ? { 'Content-Security-Policy': csp } : {}),
      });
      res.end(articlePage(api, url.searchParams));
    } else if (url.pathname === '/list') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(listPage(api, url.searchParams));
    } else if (DIST && url.pathname === '/embed.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(readFileSync(DIST));
    } else {
      res.writeHead(404).end();
    }
  });
  const hostPort = await listen(host);
  const hostOrigin = `http://127.0.0.1:${hostPort}`;
  await run(BINARY, ['site', 'add', SITE, '--name', 'Test', '--origin', hostOrigin, '--db', db]);
  await run(BINARY, ['site', 'add', STRICT, '--name', 'Strict', '--origin', hostOrigin, '--db', db]);
  for (const id of [...open, ...relaxed]) {
    await run(BINARY, ['site', 'add', id, '--name', id, '--origin', hostOrigin, '--db', db]);
  }
  for (const u of users) await userAdd(db, u);
  if (seed) await importLines(db, seed);
  const imported = [];
  for (const i of imports) imported.push(await importExport(db, i));
  const config = join(dir, 'moderation.conf');
  const openLines = open.flatMap((id) => OPEN_OFF.map((c) => `moderation.sites.${id}.${c}.enabled = false\n`)).join('');
  await writeFile(config, RELAXED + relaxed.map(relaxedLines).join('') + openLines);
  const listenOn = serveArgs ? `127.0.0.1:${await freePort()}` : '127.0.0.1:0';
  const server = await startServer(db, config, listenOn, serveArgs ? serveArgs(`http://${listenOn}`) : []);
  api = server.api;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });

  const env = {
    api,
    hostOrigin,
    db,
    browser,
    imported,
    // A fresh article key, so that tests do not see each other's comments.
    key: (name = 'a') => `${name}-${process.pid}-${++keySeq}`,
    url: (key, params = {}) => {
      const q = new URLSearchParams({ key, ...params });
      return `${hostOrigin}/article?${q}`;
    },
    // Posts through the API as another reader would (no Origin: server to server), from an
    // address of its own (not the browser's: its comments would be the browser reader's own).
    async post(key, body, lang = 'fr', site = SITE) {
      const res = await fetch(`${api}/api/v1/threads/${site}/${encodeURIComponent(key)}/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': lang, 'X-Forwarded-For': nextAddress() },
        body: JSON.stringify(body),
      });
      const data = await res.json();
      if (res.status !== 201 && res.status !== 202) {
        throw new Error(`post failed: ${res.status} ${JSON.stringify(data)}`);
      }
      return data;
    },
    // Reports a comment as a reader would (docs/API.md, "Reader reports"), from an address of
    // its own unless `address` is given.
    async report(id, body, address = nextAddress()) {
      const res = await fetch(`${api}/api/v1/comments/${id}/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
        body: JSON.stringify(body),
      });
      const data = await res.json().catch(() => null);
      if (res.status !== 201) throw new Error(`report failed: ${res.status} ${JSON.stringify(data)}`);
      return data;
    },
    // Opens the moderator console at /admin, logged in as `user` (a `users` entry).
    async console(user, contextOptions = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', ...contextOptions });
      const page = await context.newPage();
      page.errors = [];
      page.on('pageerror', (e) => page.errors.push(e));
      await page.goto(`${api}/admin`);
      await page.getByLabel('E-mail').fill(user.email);
      await page.getByLabel('Mot de passe').fill(user.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.locator('.tabs').waitFor();
      return page;
    },
    // Votes as a reader would: each `reader` name is an address of its own.
    async vote(id, vote, reader) {
      const res = await fetch(`${api}/api/v1/comments/${id}/votes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': addressOf(reader) },
        body: JSON.stringify({ vote }),
      });
      if (res.status !== 200) throw new Error(`vote failed: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async remove(id, token) {
      const res = await fetch(`${api}/api/v1/comments/${id}`, {
        method: 'DELETE',
        headers: { 'X-Edit-Token': token },
      });
      if (res.status !== 204) throw new Error(`delete failed: ${res.status} ${await res.text()}`);
    },
    // Opens a page on the article and waits for the widget's first render.
    async open(key, params = {}, contextOptions = {}) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e));
      page.errors = errors;
      // Resolves once the widget opened its live stream (null if it never does).
      page.stream = page.waitForRequest((r) => r.url().includes('/events'), { timeout: 10000 }).catch(() => null);
      await page.goto(env.url(key, params));
      await page.locator('#palabre h2').filter({ hasNotText: /Chargement|Loading/ }).waitFor();
      return page;
    },
    async stop() {
      await browser.close().catch(() => {});
      server.proc.kill('SIGTERM');
      await new Promise((ok) => {
        if (server.proc.exitCode !== null) return ok();
        const t = setTimeout(() => {
          server.proc.kill('SIGKILL');
          ok();
        }, 5000);
        server.proc.once('exit', () => {
          clearTimeout(t);
          ok();
        });
      });
      await new Promise((ok) => host.close(ok));
      await rm(dir, { recursive: true, force: true });
    },
  };
  return env;
}

// The widget's shadow root content, for assertions that Playwright locators cannot express.
export function shadow(page, fn, arg) {
  return page.evaluate(
    ([src, a]) => {
      const root = document.getElementById('palabre').shadowRoot;
      // eslint-disable-next-line no-new-func
      return new Function('root', 'arg', `return (${src})(root, arg)`)(root, a);
    },
    [fn.toString(), arg],
  );
}

// The admin API from Node, as the console calls it: logs `user` in on the server at `api` and
// returns call(method, path, body) → { status, data } with the session cookie and the CSRF token.
export async function adminSession(api, user) {
  const res = await fetch(`${api}/api/v1/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  if (res.status !== 200) throw new Error(`login of ${user.email}: ${res.status} ${await res.text()}`);
  const cookie = /palabre_session=[^;]+/.exec(res.headers.get('set-cookie'))[0];
  const { csrf_token: csrf } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(`${api}/api/v1/admin${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, data: text ? JSON.parse(text) : null };
  };
}
