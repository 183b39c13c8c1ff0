// A stand-in for palabre's moderator API (docs/API.md, "Moderator console API"), in memory, for
// the console's own browser tests and screenshots: it serves the /admin shell under the strict
// CSP the real server uses, web/dist/admin.js and admin.css, and answers the admin routes
// with the contract's shapes, status codes, cookie and CSRF rule. The real server is tested by
// admin.test.mjs; this one lets the console's behaviour (keyboard, focus, rendering of hostile
// data) be tested without a C++ build and with data the pipeline would not produce on demand.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB } from './harness.mjs';

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const SHELL = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>palabre</title><link rel="stylesheet" href="/admin/admin.css"></head>
<body><div id="palabre-admin"></div><script src="/admin/admin.js"></script></body></html>`;

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const mocks = new Set();
// Stops every mock still running (a failed test leaves its own).
export async function stopMocks() {
  for (const m of [...mocks]) await m.stop();
}

export async function startMock({ items = [], users, settings, report, audit, refused, sites: siteList, csp = true } = {}) {
  const state = {
    items: items.map((x, i) => ({
      id: x.id ?? 100 + i,
      parent: null,
      depth: 0,
      author: 'Anonyme',
      email: null,
      created_at: new Date(Date.now() - (items.length - i) * 60000).toISOString(),
      relative_time: `il y a ${items.length - i} min`,
      status: 'held',
      site: 'lejournal',
      thread: { id: 1, key: 'article-1', title: 'Article de test' },
      reasons: [],
      reports: [],
      open_reports: 0,
      history: { published: 0, held: 1, rejected: 0, deleted: 0 },
      cluster: null,
      ...x,
      html: x.html ?? '<p>' + esc(x.text ?? '') + '</p>',
    })),
    users: users ?? [{ email: 'modo@lejournal.example', password: 'correct horse battery', sites: [{ site: 'lejournal', role: 'admin' }] }],
    sessions: new Map(),
    settings: settings ?? {
      lejournal: {
        premoderation: 'new', premoderation_min_approved: 2, report_threshold: 3, close_after_days: 30,
        banned_words: ['arnaque'], suspect_words: [], link_policy: 'hold', allow_domains: ['lejournal.example'],
        checks: { 'shouting.enabled': 'false' },
      },
    },
    sites: { lejournal: { id: 'lejournal', name: 'Le Journal', origins: ['https://lejournal.example'], time_zone: 'Africa/Dakar', locale: 'fr' } },
    // Origins the server refused readers' posts from, per site; gone once allowed.
    refused: refused ?? { lejournal: [] },
    started: new Date(Date.now() - 3600000).toISOString(),
    bans: [],
    keys: [],
    audit: audit ?? [],
    report: report ?? null,
    failures: 0,
    requests: [],
  };
  const sites = siteList ?? [{ id: 'lejournal', name: 'Le Journal', role: 'admin' }];

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const fail = (res, status, code, headers) => send(res, status, { error: { code, message: `(mock) ${code}` } }, headers);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const p = url.pathname;
    if (p === '/admin' || p === '/admin/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(csp ? { 'Content-Security-Policy': CSP } : {}), 'Cache-Control': 'no-store' });
      return res.end(SHELL);
    }
    if (p === '/admin/admin.js' || p === '/admin/admin.css') {
      const type = p.endsWith('.js') ? 'text/javascript' : 'text/css';
      res.writeHead(200, { 'Content-Type': type + '; charset=utf-8', 'Cache-Control': 'no-store' });
      return res.end(readFileSync(join(WEB, 'dist', p.slice(7))));
    }
    if (!p.startsWith('/api/v1/admin/')) return fail(res, 404, 'not_found');
    let body = '';
    for await (const c of req) body += c;
    const json = body ? JSON.parse(body) : {};
    const route = req.method + ' ' + p.slice('/api/v1/admin'.length);
    state.requests.push({ route, csrf: req.headers['x-csrf-token'] || '', body: json, query: Object.fromEntries(url.searchParams) });

    if (route === 'POST /login') {
      const u = state.users.find((x) => x.email === json.email);
      if (state.failures >= 5) return fail(res, 429, 'account_locked', { 'Retry-After': '840' });
      if (!u || u.password !== json.password) {
        state.failures++;
        return fail(res, 401, 'login_failed');
      }
      const token = Math.random().toString(36).slice(2);
      const csrf = 'csrf-' + Math.random().toString(36).slice(2);
      state.sessions.set(token, { user: u, csrf });
      return send(res, 200, { user: { id: 1, email: u.email, sites: u.sites }, csrf_token: csrf }, {
        'Set-Cookie': `palabre_session=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }
    const cookie = /palabre_session=([^;]+)/.exec(req.headers.cookie || '');
    const sess = cookie && state.sessions.get(cookie[1]);
    if (!sess) return fail(res, 401, 'unauthorized');
    if (req.method !== 'GET' && req.headers['x-csrf-token'] !== sess.csrf) return fail(res, 403, 'csrf_failed');
    const user = { id: 1, email: sess.user.email, sites: sess.user.sites };
    let m;
    if (route === 'POST /logout') {
      state.sessions.delete(cookie[1]);
      return send(res, 204, undefined, { 'Set-Cookie': 'palabre_session=; Max-Age=0; Path=/' });
    }
    if (route === 'GET /session') return send(res, 200, { user, csrf_token: sess.csrf });
    if (route === 'GET /sites') return send(res, 200, { sites });
    if (route === 'GET /queue') {
      const st = url.searchParams.get('status') || 'held';
      const q = (url.searchParams.get('q') || '').toLowerCase();
      const reason = url.searchParams.get('reason') || '';
      const thread = url.searchParams.get('thread') || '';
      let list = state.items.filter((x) =>
        st === 'reported' ? x.open_reports > 0 && x.status !== 'rejected'
          : st === 'review' ? x.status === 'published' && x.review
            : x.status === st);
      if (q) list = list.filter((x) => (x.text || '').toLowerCase().includes(q) || x.author.toLowerCase().includes(q));
      if (reason) list = list.filter((x) => x.reasons.some((r) => r.code === reason));
      if (thread) list = list.filter((x) => String(x.thread.id) === thread);
      if (st === 'review') list = list.slice().sort((a, b) => b.risk - a.risk || b.id - a.id);
      else if (url.searchParams.get('order') === 'newest') list = list.slice().reverse();
      const bursts = state.items.filter((x) => x.report_burst && x.open_reports > 0).length;
      return send(res, 200, { items: list, next_cursor: null, report_bursts: bursts });
    }
    if ((m = /^POST \/comments\/(\d+)\/(approve|reject|unpublish)$/.exec(route))) {
      const it = state.items.find((x) => x.id === Number(m[1]));
      if (!it) return fail(res, 404, 'unknown_comment');
      if (m[2] === 'reject' && !['spam', 'threat', 'hate', 'harassment', 'off_topic', 'illegal', 'other'].includes(json.reason))
        return fail(res, 400, 'invalid_argument');
      it.status = m[2] === 'approve' ? 'published' : m[2] === 'reject' ? 'rejected' : 'held';
      if (m[2] !== 'unpublish') it.open_reports = 0;
      it.review = false;
      state.audit.unshift({ id: state.audit.length + 1, user: sess.user.email, action: m[2], comment_id: it.id, reason: json.reason || '', detail: '{}', response_ms: 60000, at: new Date().toISOString() });
      return send(res, 200, { comment: it });
    }
    if (route === 'POST /comments/bulk') {
      const ids = json.cluster != null
        ? state.items.filter((x) => x.status === 'held' && (x.id === json.cluster || x.cluster === json.cluster)).map((x) => x.id)
        : json.ids || [];
      const done = [];
      const failed = [];
      for (const id of ids) {
        const it = state.items.find((x) => x.id === id);
        if (!it) failed.push({ id, code: 'unknown_comment' });
        else {
          it.status = json.action === 'approve' ? 'published' : 'rejected';
          done.push(id);
        }
      }
      return send(res, 200, { done, failed });
    }
    if (route === 'POST /bans') {
      const it = state.items.find((x) => x.id === json.comment_id);
      if (!it) return fail(res, 404, 'unknown_comment');
      const ban = { id: state.bans.length + 1, site: it.site, author: it.author, by_address: json.by.includes('address'), by_email: json.by.includes('email'), reason: json.reason, created_at: new Date().toISOString(), expires_at: json.days ? new Date(Date.now() + json.days * 86400000).toISOString() : null, days: json.days };
      state.bans.push(ban);
      for (const x of state.items) if (x.author === it.author && x.status === 'held') x.status = 'rejected';
      return send(res, 201, { ban });
    }
    if (route === 'GET /bans') return send(res, 200, { bans: state.bans });
    if ((m = /^DELETE \/bans\/(\d+)$/.exec(route))) {
      state.bans = state.bans.filter((b) => b.id !== Number(m[1]));
      return send(res, 204);
    }
    if ((m = /^(GET|PUT) \/sites\/([^/]+)$/.exec(route))) {
      const site = state.sites[decodeURIComponent(m[2])];
      if (!site) return fail(res, 403, 'forbidden');
      if (m[1] === 'PUT') {
        const bad = (json.origins || []).find((o) => !/^https?:\/\/[a-z0-9.:\[\]-]+$/i.test(o));
        if (bad !== undefined) return send(res, 400, { error: { code: 'invalid_argument', message: 'Paramètre invalide.', field: 'origins' } });
        if (!String(json.name || '').trim()) return send(res, 400, { error: { code: 'invalid_argument', message: 'Paramètre invalide.', field: 'name' } });
        Object.assign(site, { name: json.name, origins: json.origins, time_zone: json.time_zone });
      }
      const refusedNow = (state.refused[site.id] || []).filter((r) => !site.origins.includes(r.origin));
      return send(res, 200, { site, refused_origins: refusedNow, refused_since: state.started });
    }
    if ((m = /^(GET|PUT) \/sites\/([^/]+)\/settings$/.exec(route))) {
      const site = decodeURIComponent(m[2]);
      if (!state.settings[site]) return fail(res, 403, 'forbidden');
      if (m[1] === 'PUT') {
        for (const k of Object.keys(json.checks || {})) {
          if (!/^(shouting|links_contacts|toxicity|flood|duplicate|off_topic|words)\./.test(k))
            return send(res, 400, { error: { code: 'invalid_argument', message: `(mock) unknown setting: checks.${k}` } });
        }
        state.settings[site] = json;
      }
      return send(res, 200, { settings: state.settings[site] });
    }
    if ((m = /^GET \/sites\/([^/]+)\/audit$/.exec(route))) return send(res, 200, { entries: state.audit });
    if ((m = /^GET \/sites\/([^/]+)\/keys$/.exec(route))) return send(res, 200, { keys: state.keys });
    if ((m = /^POST \/sites\/([^/]+)\/keys$/.exec(route))) {
      const secret = 'plb_' + Math.random().toString(36).slice(2).padEnd(43, 'x');
      const key = { id: state.keys.length + 1, site: decodeURIComponent(m[1]), name: json.name || '', hint: secret.slice(0, 8), per_minute: json.per_minute ?? 60, created_at: new Date().toISOString() };
      state.keys.push(key);
      return send(res, 201, { key, secret });
    }
    if ((m = /^DELETE \/sites\/([^/]+)\/keys\/(\d+)$/.exec(route))) {
      state.keys = state.keys.filter((k) => k.id !== Number(m[2]));
      return send(res, 204);
    }
    if ((m = /^GET \/sites\/([^/]+)\/report$/.exec(route))) {
      const days = Number(url.searchParams.get('days') || 30);
      return send(res, 200, state.report ?? {
        days: Array.from({ length: days }, (_, i) => ({ date: new Date(Date.now() - (days - 1 - i) * 86400000).toISOString().slice(0, 10), published: 40 + ((i * 37) % 30), held: 5 + ((i * 13) % 9), rejected: 2 + ((i * 7) % 6) })),
        reasons: [{ code: 'link', held: 31, rejected: 12 }, { code: 'banned_word', held: 0, rejected: 44 }, { code: 'insult', held: 23, rejected: 9 }, { code: 'duplicate', held: 17, rejected: 3 }, { code: 'premoderation_new', held: 8, rejected: 2 }],
        response_ms: { median: 14 * 60000, p90: 95 * 60000, count: 312 },
      });
    }
    return fail(res, 404, 'not_found');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  const mock = {
    base,
    state,
    stop: () => {
      mocks.delete(mock);
      server.closeAllConnections();
      return new Promise((ok) => server.close(ok));
    },
  };
  mocks.add(mock);
  return mock;
}
