// Entry point of admin.js, the moderator console served by palabre at /admin (docs/CONSOLE.md).
// The page is a bare shell under a strict CSP: <div id="palabre-admin"> and this script; the
// whole interface is built here, with no inline script, style or event handler attribute, and
// no HTML built from data (ui.ts).
import { api, ApiError, setCsrf, whenUnauthorized } from './api';
import { t, lang } from './i18n';
import { h, say, setAnnouncer, errorText } from './ui';
import { queueScreen, queueState } from './queue';
import { auditScreen, bansScreen, reportScreen, settingsScreen } from './pages';
import type { Session, SiteInfo } from './types';

const root = document.getElementById('palabre-admin') || document.body.appendChild(h('div', { id: 'palabre-admin' }));
document.documentElement.lang = lang;

let session: Session | null = null;
let sites: SiteInfo[] = [];
let cleanup: (() => void) | null = null;
const queue = queueState();

function clear() {
  if (cleanup) cleanup();
  cleanup = null;
  root.textContent = '';
}

// ---- Login ----
function loginScreen(message?: string) {
  clear();
  session = null;
  document.title = t('loginTitle') + ' · palabre';
  const email = h('input', { id: 'lg-email', type: 'email', autocomplete: 'username', required: true });
  const password = h('input', { id: 'lg-password', type: 'password', autocomplete: 'current-password', required: true });
  const status = h('p', { class: 'status', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn ok' }, t('signIn'));
  if (message) {
    status.textContent = message;
    status.className = 'status er';
  }
  const form = h(
    'form',
    {
      class: 'login card',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        if (!email.value.trim() || !password.value) {
          status.className = 'status er';
          status.textContent = t('loginFailed');
          return (email.value.trim() ? password : email).focus();
        }
        submit.disabled = true;
        submit.textContent = t('signingIn');
        try {
          const s = await api.login(email.value.trim(), password.value);
          password.value = '';
          await enter(s);
        } catch (x) {
          status.className = 'status er';
          if (x instanceof ApiError && x.code === 'login_failed') status.textContent = t('loginFailed');
          else if (x instanceof ApiError && x.code === 'account_locked') {
            const min = Math.max(1, Math.ceil((x.retryAfter || 900) / 60));
            status.textContent = min === 1 ? t('locked1') : t('locked', { n: min });
          } else status.textContent = errorText(x);
          password.value = '';
          password.focus();
        } finally {
          submit.disabled = false;
          submit.textContent = t('signIn');
        }
      },
    },
    h('h1', null, t('loginTitle')),
    h('div', { class: 'fld' }, h('label', { for: 'lg-email' }, t('email')), email),
    h('div', { class: 'fld' }, h('label', { for: 'lg-password' }, t('password')), password),
    submit,
    status,
  );
  root.append(h('main', { class: 'center' }, h('p', { class: 'brand' }, 'palabre'), form));
  email.focus();
}

whenUnauthorized(() => {
  if (session) loginScreen(t('sessionEnded'));
});

async function enter(s: Session) {
  session = s;
  setCsrf(s.csrf_token);
  try {
    sites = (await api.sites()).sites || [];
  } catch (e) {
    sites = (s.user.sites || []).map((m) => ({ id: m.site, name: m.site, role: m.role }));
  }
  if (!location.hash) location.hash = '#queue/held';
  route();
}

// ---- Shell and routes ----
// #queue/<status>, #settings/<site>, #bans/<site>, #audit/<site>, #report/<site>[/<days>]
function route() {
  if (!session) return;
  clear();
  const [page, a, b] = location.hash.replace(/^#/, '').split('/').map((x) => decodeURIComponent(x || ''));
  const site = a && sites.some((x) => x.id === a) ? a : sites.length ? sites[0].id : '';
  const adminSite = sites.find((x) => x.role === 'admin');
  const nav: [string, string, string][] = [
    ['queue', '#queue/' + queue.status, t('navQueue')],
    ['settings', '#settings/' + encodeURIComponent(page !== 'queue' && site ? site : adminSite ? adminSite.id : site), t('navSettings')],
    ['bans', '#bans/' + encodeURIComponent(site), t('navBans')],
    ['audit', '#audit/' + encodeURIComponent(site), t('navAudit')],
    ['report', '#report/' + encodeURIComponent(site), t('navReport')],
  ];
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  setAnnouncer(status);
  const main = h('main', { id: 'main', tabindex: -1 });
  const logout = h('button', {
    type: 'button', class: 'btn ghost',
    onclick: async () => {
      try {
        await api.logout();
      } catch (e) {
        /* the session is gone either way */
      }
      session = null;
      loginScreen();
    },
  }, t('logout'));
  root.append(
    h('a', { class: 'skip', href: '#main', onclick: (e: Event) => (e.preventDefault(), main.focus()) }, t('skip')),
    h('header', { class: 'top' },
      h('span', { class: 'brand' }, 'palabre · ' + t('title')),
      h('nav', { 'aria-label': t('title') }, ...nav.map(([id, href, label]) =>
        h('a', { href, 'aria-current': id === (page || 'queue') ? 'page' : null }, label))),
      h('span', { class: 'who' }, (session as Session).user.email),
      logout),
    status,
    main,
  );
  document.title = t('title') + ' · palabre';
  if (page === 'settings') settingsScreen(main, sites, site);
  else if (page === 'bans') bansScreen(main, sites, site);
  else if (page === 'audit') auditScreen(main, sites, site);
  else if (page === 'report') reportScreen(main, sites, site, [7, 30, 90].indexOf(Number(b)) >= 0 ? Number(b) : 30);
  else {
    if (a === 'held' || a === 'reported' || a === 'published' || a === 'rejected') queue.status = a;
    cleanup = queueScreen(main, sites, queue);
  }
}

window.addEventListener('hashchange', () => {
  // The queue's tabs do not change the hash; other pages do.
  route();
});

// ---- Boot: an open session goes straight in ----
(async () => {
  try {
    await enter(await api.session());
  } catch (e) {
    loginScreen(e instanceof ApiError && e.code !== 'unauthorized' ? errorText(e) : undefined);
  }
})();

export { say };
