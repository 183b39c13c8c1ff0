// The per-site pages: the site and its settings (admins; with its webhooks, webhooks.ts, and
// imports, import.ts), bans, audit log, report.
import { api, ApiError } from './api';
import { CHECK_KEYS, duration, formatChecks, intIn, lines, niceMax, parseChecks } from './text';
import { lang, t, tn, tr, dateTime, dayLabel, reasonLabel, siteTitle, Key } from './i18n';
import { h, say, errorText } from './ui';
import { importSection } from './import';
import { webhooksSection } from './webhooks';
import type { Settings, SiteDetails, SiteInfo } from './types';

const SVG = 'http://www.w3.org/2000/svg';
function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...kids: (Node | string)[]) {
  const el = document.createElementNS(SVG, tag);
  for (const k in attrs) el.setAttribute(k, String(attrs[k]));
  for (const c of kids) el.append(c);
  return el;
}

function sitePicker(sites: SiteInfo[], site: string, page: string): HTMLElement {
  const sel = h(
    'select',
    { id: 'pg-site', onchange: () => (location.hash = '#' + page + '/' + encodeURIComponent(sel.value)) },
    ...sites.map((x) => h('option', { value: x.id, selected: x.id === site }, x.name ? x.name + ' (' + x.id + ')' : x.id)),
  );
  return h('div', { class: 'fld inline' }, h('label', { for: 'pg-site' }, t('site')), sel);
}

// The site's name as its moderators know it (its id when it has none).
function siteName(sites: SiteInfo[], site: string): string {
  const info = sites.find((x) => x.id === site);
  return info && info.name ? info.name : site;
}

function failBox(main: HTMLElement, e: unknown) {
  main.append(h('p', { class: 'status er', role: 'alert' }, errorText(e)));
}

// ---- Settings ----
export async function settingsScreen(main: HTMLElement, sites: SiteInfo[], site: string): Promise<void> {
  const info = sites.find((x) => x.id === site);
  main.append(h('div', { class: 'pagehead' }, h('h1', null, siteTitle('settingsTitle', siteName(sites, site))), sitePicker(sites, site, 'settings')));
  let cur: Settings;
  try {
    cur = (await api.settings(site)).settings;
  } catch (e) {
    return failBox(main, e);
  }
  const admin = !!info && info.role === 'admin';
  main.append(siteSection(site, admin));
  let uid = 0;
  const row = (label: string, el: HTMLElement) => {
    const id = 'st' + ++uid;
    el.id = id;
    return h('div', { class: 'fld' }, h('label', { for: id }, label), el);
  };
  const select = (value: string, opts: [string, Key][]) =>
    h('select', null, ...opts.map(([v, k]) => h('option', { value: v, selected: v === value }, t(k))));
  const num = (v: number) => {
    const el = h('input', { type: 'number', min: 0, step: 1, inputmode: 'numeric' });
    el.value = String(v ?? 0);
    return el;
  };
  const area = (v: string[] | undefined, rows = 5) => {
    const el = h('textarea', { rows, spellcheck: 'false' });
    el.value = (v || []).join('\n');
    return el;
  };
  const premod = select(cur.premoderation, [['none', 'premodNone'], ['new', 'premodNew'], ['all', 'premodAll']]);
  const premodMin = num(cur.premoderation_min_approved);
  const threshold = num(cur.report_threshold);
  const closeAfter = num(cur.close_after_days);
  const keepRejected = num(cur.keep_rejected_days ?? 30);
  const banned = area(cur.banned_words);
  const suspect = area(cur.suspect_words);
  const links = select(cur.link_policy, [['allow', 'linkAllow'], ['review', 'linkReview'], ['hold', 'linkHold'], ['reject', 'linkReject']]);
  const domains = area(cur.allow_domains, 3);
  const checks = area([], 6);
  checks.value = formatChecks(cur.checks);
  const status = h('p', { class: 'status', id: 'settings-status', role: 'status', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'btn ok' }, t('save'));
  const settingField = (key: string): HTMLElement | undefined => {
    if (key.startsWith('checks.') || key === 'checks') return checks;
    const byKey: Record<string, HTMLElement> = {
      premoderation: premod, premoderation_min_approved: premodMin, report_threshold: threshold,
      close_after_days: closeAfter, keep_rejected_days: keepRejected, banned_words: banned,
      suspect_words: suspect, link_policy: links, allow_domains: domains,
    };
    return byKey[key] || (key.startsWith('lexicon') ? banned : undefined);
  };
  // A valid `checks` key completed from CHECK_KEYS, then added as a line of the textarea.
  const ckKey = h('input', { type: 'text', id: 'ck-key', list: 'ck-keys', autocomplete: 'off', spellcheck: 'false', size: 30 });
  const ckVal = h('input', { type: 'text', id: 'ck-val', autocomplete: 'off', size: 10 });
  const ckList = h('datalist', { id: 'ck-keys' }, ...CHECK_KEYS.map((k) => h('option', { value: k })));
  const ckAdd = h('button', {
    type: 'button', class: 'btn',
    onclick: () => {
      const k = ckKey.value.trim();
      if (!k) return ckKey.focus();
      const line = k + ' = ' + ckVal.value.trim();
      const kept = checks.value.split(/\r?\n/).filter((l) => l.trim() && !new RegExp('^\\s*' + k.replace(/\./g, '\\.') + '\\s*=').test(l));
      checks.value = [...kept, line].join('\n');
      ckKey.value = ckVal.value = '';
      ckKey.focus();
    },
  }, t('addCheckBtn'));
  const form = h(
    'form',
    {
      class: 'settings',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        status.className = 'status';
        status.textContent = '';
        form.querySelectorAll('[aria-invalid]').forEach((x) => x.removeAttribute('aria-invalid'));
        const bad = (el: HTMLElement, msg: string) => {
          el.setAttribute('aria-invalid', 'true');
          status.className = 'status er';
          status.textContent = msg;
          el.focus();
        };
        const ints: [HTMLInputElement, Key, number, number][] = [
          [premodMin, 'premodMin', 0, 1000], [threshold, 'reportThreshold', 1, 1000], [closeAfter, 'closeAfter', 0, 3650],
          [keepRejected, 'keepRejected', 0, 365],
        ];
        const vals: number[] = [];
        for (const [el, k, min, max] of ints) {
          const v = intIn(el.value, min, max);
          if (v == null) return bad(el, t('badNumber', { f: t(k), min, max }));
          vals.push(v);
        }
        const parsed = parseChecks(checks.value);
        if ('line' in parsed) return bad(checks, t('badCheckLine', { n: parsed.line }));
        const next: Settings = {
          premoderation: premod.value as Settings['premoderation'],
          premoderation_min_approved: vals[0],
          report_threshold: vals[1],
          close_after_days: vals[2],
          keep_rejected_days: vals[3],
          banned_words: lines(banned.value),
          suspect_words: lines(suspect.value),
          link_policy: links.value as Settings['link_policy'],
          allow_domains: lines(domains.value),
          checks: parsed.checks,
        };
        save.disabled = true;
        try {
          cur = (await api.saveSettings(site, next)).settings;
          checks.value = formatChecks(cur.checks);
          status.className = 'status ok';
          status.textContent = t('saved');
          say(t('saved'));
        } catch (x) {
          // The server names the key at fault ("checks.flood.burst_max", "banned_words"…):
          // the message says which, and its field is marked (a checks key: its line selected).
          const key = x instanceof ApiError && x.code === 'invalid_argument' ? x.field : '';
          const el = key ? settingField(key) : undefined;
          status.className = 'status er';
          status.setAttribute('role', 'alert');
          if (key) {
            status.textContent = t('badSetting', { k: key.startsWith('checks.') ? key.slice(7) : key, m: errorText(x) });
            if (el) {
              el.setAttribute('aria-invalid', 'true');
              el.setAttribute('aria-describedby', status.id);
              el.focus();
              if (el === checks && key.startsWith('checks.')) selectLine(checks, key.slice(7));
            }
          } else {
            status.textContent = errorText(x);
          }
        } finally {
          save.disabled = false;
        }
      },
    },
    admin ? null : h('p', { class: 'status er' }, t('adminOnly')),
    h('fieldset', null, h('legend', null, t('premod')),
      row(t('premod'), premod), row(t('premodMin'), premodMin)),
    h('fieldset', null, h('legend', null, t('reportThreshold')),
      row(t('reportThreshold'), threshold), row(t('closeAfter'), closeAfter), row(t('keepRejected'), keepRejected)),
    h('fieldset', null, h('legend', null, t('bannedWords')),
      row(t('bannedWords'), banned), row(t('suspectWords'), suspect)),
    h('fieldset', null, h('legend', null, t('linkPolicy')),
      row(t('linkPolicy'), links), row(t('allowDomains'), domains)),
    h('fieldset', null, h('legend', null, t('checks')), row(t('checks'), checks),
      h('div', { class: 'ck-add', role: 'group', 'aria-label': t('addCheck') },
        h('div', { class: 'fld' }, h('label', { for: 'ck-key' }, t('checkKey')), ckKey), ckList,
        h('div', { class: 'fld' }, h('label', { for: 'ck-val' }, t('checkValue')), ckVal), ckAdd)),
    h('div', { class: 'acts' }, save),
    status,
  );
  if (!admin) form.querySelectorAll('input, select, textarea, button').forEach((x) => ((x as HTMLInputElement).disabled = true));
  main.append(form);
  if (admin) main.append(keysSection(site), webhooksSection(site), importSection(site));
}

// The site itself: name, allowed origins, time zone (admins change them), and the origins this
// server refused readers' posts from since it started, each with a button that allows it.
function siteSection(site: string, admin: boolean): HTMLElement {
  const name = h('input', { id: 'site-name', type: 'text', maxlength: 200, autocomplete: 'off' });
  const origins = h('textarea', { id: 'site-origins', rows: 3, spellcheck: 'false' });
  const zone = h('input', { id: 'site-tz', type: 'text', autocomplete: 'off', spellcheck: 'false', list: 'site-tzs' });
  const zones = h('datalist', { id: 'site-tzs' });
  const supported = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf;
  if (supported) for (const z of supported('timeZone')) zones.append(h('option', { value: z }));
  const refused = h('div', { class: 'banner refused', role: 'alert', hidden: true });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const save = h('button', { type: 'submit', class: 'btn ok' }, t('siteSave'));
  const fieldEl: Record<string, [HTMLElement, Key]> = {
    name: [name, 'badSiteName'], origins: [origins, 'badOrigins'], time_zone: [zone, 'badTimeZone'],
  };
  const fail = (e: unknown) => {
    status.className = 'status er';
    const bad = e instanceof ApiError && e.code === 'invalid_argument' ? fieldEl[e.field] : undefined;
    if (bad) {
      bad[0].setAttribute('aria-invalid', 'true');
      status.textContent = t(bad[1]);
      bad[0].focus();
    } else {
      status.textContent = errorText(e);
    }
  };
  function show(d: SiteDetails) {
    name.value = d.site.name;
    origins.value = d.site.origins.join('\n');
    zone.value = d.site.time_zone;
    refused.textContent = '';
    refused.hidden = !d.refused_origins.length;
    if (!d.refused_origins.length) return;
    const items = h('ul', null);
    for (const r of d.refused_origins) {
      const allow = admin
        ? h('button', {
          type: 'button', class: 'btn ok',
          onclick: () => submit([...lines(origins.value), r.origin], t('refusedAllowed', { o: r.origin })),
        }, t('refusedAllow', { o: r.origin }))
        : null;
      items.append(h('li', { 'data-origin': r.origin },
        t('refusedItem', { o: r.origin, n: r.count, d: dateTime(r.last_at) }), ' ', allow));
    }
    refused.append(h('strong', null, t('refusedTitle')),
      h('p', null, t('refusedHint', { d: dateTime(d.refused_since) })), items);
  }
  async function submit(list: string[], done: string) {
    form.querySelectorAll('[aria-invalid]').forEach((x) => x.removeAttribute('aria-invalid'));
    status.className = 'status';
    status.textContent = '';
    save.disabled = true;
    try {
      show(await api.saveSite(site, { name: name.value.trim(), origins: list, time_zone: zone.value.trim() }));
      status.className = 'status ok';
      status.textContent = done;
      say(done);
    } catch (e) {
      fail(e);
    } finally {
      save.disabled = false;
    }
  }
  const form = h(
    'form',
    {
      class: 'siteform',
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        submit(lines(origins.value), t('siteSaved'));
      },
    },
    h('div', { class: 'fld' }, h('label', { for: 'site-name' }, t('siteName')), name),
    h('div', { class: 'fld' }, h('label', { for: 'site-origins' }, t('siteOrigins')), origins),
    h('div', { class: 'fld' }, h('label', { for: 'site-tz' }, t('siteTimeZone')), zone, zones),
    h('div', { class: 'acts' }, save),
  );
  if (!admin) form.querySelectorAll('input, textarea, button').forEach((x) => ((x as HTMLInputElement).disabled = true));
  api.site(site).then(show, fail);
  return h('section', { class: 'site card', 'aria-labelledby': 'site-h' },
    h('h2', { id: 'site-h' }, t('siteTitle')), refused, h('p', { class: 'hint' }, t('siteHint')), form, status);
}

// The analysis API's keys of a site (admins): listed by name and first characters, made (the
// key itself shown once, as text), removed.
function keysSection(site: string): HTMLElement {
  const list = h('ul', { class: 'keylist' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const secret = h('div', { class: 'created', hidden: true });
  const name = h('input', { id: 'key-name', type: 'text', maxlength: 100, autocomplete: 'off' });
  const rate = h('input', { id: 'key-rate', type: 'number', min: 1, max: 10000, step: 1, inputmode: 'numeric' });
  rate.value = '60';
  const fail = (e: unknown) => {
    status.className = 'status er';
    status.textContent = errorText(e);
  };
  async function refresh() {
    try {
      const keys = (await api.keys(site)).keys || [];
      list.textContent = '';
      if (!keys.length) list.append(h('li', null, t('noKeys')));
      for (const k of keys) {
        const remove = h('button', {
          type: 'button', class: 'btn ghost',
          onclick: async () => {
            remove.disabled = true;
            try {
              await api.removeKey(site, k.id);
              say(t('keyRemoved'));
              secret.hidden = true;
              await refresh();
            } catch (e) {
              remove.disabled = false;
              fail(e);
            }
          },
        }, t('keyRemove'));
        list.append(h('li', { 'data-key': k.id },
          h('code', null, k.hint + '…'), ' ', h('strong', null, k.name || '—'), ' · ',
          t('perMinute', { n: k.per_minute }), ' · ', dateTime(k.created_at), ' ', remove));
      }
    } catch (e) {
      fail(e);
    }
  }
  const form = h(
    'form',
    {
      class: 'keyform',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const n = intIn(rate.value, 1, 10000);
        if (n == null) {
          rate.setAttribute('aria-invalid', 'true');
          status.className = 'status er';
          status.textContent = t('badNumber', { f: t('keyPerMinute'), min: 1, max: 10000 });
          return rate.focus();
        }
        rate.removeAttribute('aria-invalid');
        try {
          const made = await api.addKey(site, name.value.trim(), n);
          secret.textContent = '';
          secret.append(h('p', null, t('keyCreated')), h('code', { class: 'secret' }, made.secret));
          secret.hidden = false;
          name.value = '';
          status.className = 'status';
          status.textContent = '';
          await refresh();
        } catch (x) {
          fail(x);
        }
      },
    },
    h('div', { class: 'fld' }, h('label', { for: 'key-name' }, t('keyName')), name),
    h('div', { class: 'fld' }, h('label', { for: 'key-rate' }, t('keyPerMinute')), rate),
    h('div', { class: 'acts' }, h('button', { type: 'submit', class: 'btn ok' }, t('keyCreate'))),
  );
  refresh();
  return h('section', { class: 'keys card', 'aria-labelledby': 'keys-h' },
    h('h2', { id: 'keys-h' }, t('keysTitle')), h('p', { class: 'hint' }, t('keysHint')), list, secret, form, status);
}

// ---- Bans ----
export async function bansScreen(main: HTMLElement, sites: SiteInfo[], site: string): Promise<void> {
  main.append(h('div', { class: 'pagehead' }, h('h1', null, siteTitle('bansTitle', siteName(sites, site))), sitePicker(sites, site, 'bans')));
  let bans;
  try {
    bans = (await api.bans(site)).bans || [];
  } catch (e) {
    return failBox(main, e);
  }
  if (!bans.length) return void main.append(h('p', { class: 'info' }, t('noBans')));
  const tbody = h('tbody');
  for (const b of bans) {
    const by = [b.author ? t('banByName') : '', b.by_address ? t('banByAddress') : '', b.by_email ? t('banByEmail') : ''].filter(Boolean).join(', ');
    const lift = h('button', {
      type: 'button', class: 'btn',
      onclick: async () => {
        try {
          await api.unban(b.id);
          tr_.remove();
          say(t('unban') + ' · ' + b.author);
        } catch (e) {
          say(errorText(e), true);
        }
      },
    }, t('unban'));
    const tr_ = h('tr', null,
      h('td', null, b.author), h('td', null, by), h('td', null, b.reason || ''),
      h('td', null, dateTime(b.created_at)), h('td', null, b.expires_at ? t('expires', { d: dateTime(b.expires_at) }) : t('forever')),
      h('td', null, lift));
    tbody.append(tr_);
  }
  main.append(h('table', { class: 'grid' },
    h('thead', null, h('tr', null, ...[t('banByName'), t('banBy'), t('banReason'), t('when'), t('banDuration'), t('action')].map((x) => h('th', { scope: 'col' }, x)))),
    tbody));
}

// ---- Audit log ----
const SETTING_WORDS: Record<string, Key> = {
  premoderation: 'premod', premoderation_min_approved: 'premodMin', report_threshold: 'reportThreshold',
  close_after_days: 'closeAfter', keep_rejected_days: 'keepRejected', banned_words: 'bannedWords', suspect_words: 'suspectWords',
  link_policy: 'linkPolicy', allow_domains: 'allowDomains', checks: 'checks',
};
const BAN_BY: Record<string, Key> = { name: 'banByName', address: 'banByAddress', email: 'banByEmail' };

function detailValue(v: unknown): string {
  if (v == null || v === '') return t('ad_empty');
  if (typeof v === 'boolean') return t(v ? 'ad_yes' : 'ad_no');
  if (Array.isArray(v)) return v.length ? v.map(detailValue).join(', ') : t('ad_empty');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    return keys.length ? keys.map((k) => k + ' = ' + detailValue(o[k])).join(', ') : t('ad_empty');
  }
  return String(v);
}

// An audit entry's detail (a JSON object the server writes, docs/API.md) in words: "avant : en
// attente · note : « … »", "durée : 7 jours · par nom, adresse IP", the settings saved. Not JSON
// (or not an object): shown as it is.
export function auditDetail(action: string, detail: unknown): string {
  let o: unknown = detail;
  if (typeof detail === 'string') {
    if (!detail.trim()) return '';
    try {
      o = JSON.parse(detail);
    } catch {
      return detail;
    }
  }
  if (o == null) return '';
  if (typeof o !== 'object' || Array.isArray(o)) return typeof detail === 'string' ? detail : detailValue(o);
  const d = o as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(d)) {
    const v = d[k];
    if (action === 'settings') {
      parts.push(t('ad_setting', { k: SETTING_WORDS[k] ? t(SETTING_WORDS[k]) : k, v: detailValue(v) }));
    } else if (k === 'from') parts.push(t('ad_from', { v: tr('status_', String(v)) }));
    else if (k === 'note') parts.push(t('ad_note', { v: String(v) }));
    else if (k === 'review') {
      if (v) parts.push(t('ad_review', { v: typeof d.risk === 'number' ? d.risk.toFixed(2) : '–' }));
    } else if (k === 'risk') continue;
    else if (k === 'ban_id') parts.push(t('ad_ban', { v: String(v) }));
    else if (k === 'days') parts.push(t('ad_days', { v: v === 0 ? t('forever') : tn('days', Number(v)) }));
    else if (k === 'by' && Array.isArray(v)) parts.push(t('ad_by', { v: v.map((x) => (BAN_BY[x] ? t(BAN_BY[x]) : String(x))).join(', ') }));
    else if (k === 'id' && (action === 'api_key_add' || action === 'api_key_remove')) parts.push(t('ad_key', { v: String(v) }));
    else if (k === 'name') parts.push(t('ad_name', { v: String(v) }));
    else if (k === 'origins') parts.push(t('ad_origins', { v: detailValue(v) }));
    else if (k === 'time_zone') parts.push(t('ad_time_zone', { v: String(v) }));
    else parts.push(t('ad_setting', { k, v: detailValue(v) }));
  }
  return parts.join(' · ');
}

export async function auditScreen(main: HTMLElement, sites: SiteInfo[], site: string): Promise<void> {
  main.append(h('div', { class: 'pagehead' }, h('h1', null, siteTitle('auditTitle', siteName(sites, site))), sitePicker(sites, site, 'audit')));
  const tbody = h('tbody');
  const table = h('table', { class: 'grid' },
    h('thead', null, h('tr', null, ...[t('when'), t('who'), t('action'), t('comment'), t('reason'), t('detail'), t('responseTime')].map((x) => h('th', { scope: 'col' }, x)))),
    tbody);
  const older = h('button', { type: 'button', class: 'btn more', hidden: true }, t('older'));
  const empty = h('p', { class: 'info', hidden: true }, t('noEntries'));
  main.append(table, empty, older);
  let before: number | null = null;
  const load = async () => {
    older.disabled = true;
    try {
      const { entries } = await api.audit(site, before, 50);
      for (const e of entries || []) {
        const who: unknown = e.user;
        const detail = auditDetail(e.action, e.detail);
        tbody.append(h('tr', null,
          h('td', null, h('time', { datetime: e.at }, dateTime(e.at))),
          h('td', null, typeof who === 'string' ? who : who && typeof who === 'object' ? String((who as { email?: string }).email || '') : ''),
          h('td', null, tr('audit_', e.action)),
          h('td', null, e.comment_id != null ? String(e.comment_id) : ''),
          h('td', null, e.reason ? tr('rs_', e.reason) : ''),
          h('td', { class: 'detail' }, detail),
          h('td', null, e.response_ms ? duration(e.response_ms, lang) : '')));
        before = e.id;
      }
      older.hidden = !entries || entries.length < 50;
      empty.hidden = tbody.children.length > 0;
      table.hidden = !empty.hidden;
    } catch (e) {
      failBox(main, e);
    } finally {
      older.disabled = false;
    }
  };
  older.addEventListener('click', load);
  await load();
}

// ---- Report ----
export async function reportScreen(main: HTMLElement, sites: SiteInfo[], site: string, days: number): Promise<void> {
  const period = h('select', { id: 'rp-days', onchange: () => (location.hash = '#report/' + encodeURIComponent(site) + '/' + period.value) },
    ...[7, 30, 90].map((d) => h('option', { value: d, selected: d === days }, tn('days', d))));
  main.append(h('div', { class: 'pagehead' }, h('h1', null, siteTitle('reportTitle', siteName(sites, site))), sitePicker(sites, site, 'report'),
    h('div', { class: 'fld inline' }, h('label', { for: 'rp-days' }, t('period')), period)));
  let r;
  try {
    r = await api.report(site, days);
  } catch (e) {
    return failBox(main, e);
  }
  const series: ['published' | 'held' | 'rejected', Key][] = [['published', 'published'], ['held', 'held'], ['rejected', 'rejected']];
  const legend = h('ul', { class: 'legend' }, ...series.map(([k, label]) => h('li', null, h('span', { class: 'sw ' + k, 'aria-hidden': 'true' }), t(label))));

  // Comments per day: stacked bars, one a day.
  const daysData = r.days || [];
  const W = 720, H = 220, PAD = 28;
  const max = niceMax(Math.max(0, ...daysData.map((d) => d.published + d.held + d.rejected)));
  const bw = daysData.length ? (W - PAD) / daysData.length : 0;
  const chart = s('svg', { viewBox: `0 0 ${W} ${H + 20}`, class: 'chart', role: 'img', 'aria-labelledby': 'rp-day-t' });
  chart.append(s('title', { id: 'rp-day-t' }, t('perDay')));
  for (const y of [0, max / 2, max]) {
    const py = H - (y / max) * (H - 10);
    chart.append(s('line', { x1: PAD, x2: W, y1: py, y2: py, class: 'axis' }), s('text', { x: PAD - 4, y: py + 4, class: 'tick', 'text-anchor': 'end' }, String(y)));
  }
  daysData.forEach((d, i) => {
    let y = H;
    const g = s('g', {});
    g.append(s('title', {}, `${dayLabel(d.date, true)} : ${d.published} ${t('published')}, ${d.held} ${t('held')}, ${d.rejected} ${t('rejected')}`));
    for (const [k] of series) {
      const v = d[k] || 0;
      const hh = (v / max) * (H - 10);
      y -= hh;
      if (v) g.append(s('rect', { x: PAD + i * bw + 1, y, width: Math.max(1, bw - 2), height: hh, class: k }));
    }
    chart.append(g);
    if (daysData.length <= 31 ? i % Math.ceil(daysData.length / 10) === 0 : i % 10 === 0)
      chart.append(s('text', { x: PAD + i * bw + bw / 2, y: H + 15, class: 'tick', 'text-anchor': 'middle' }, dayLabel(d.date)));
  });
  // The same figures as a table for screen readers and copying.
  const table = h('table', { class: 'grid sr-table' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('when')), ...series.map(([, l]) => h('th', { scope: 'col' }, t(l))))),
    h('tbody', null, ...daysData.map((d) => h('tr', null, h('th', { scope: 'row' }, h('time', { datetime: d.date }, dayLabel(d.date, true))), h('td', null, String(d.published)), h('td', null, String(d.held)), h('td', null, String(d.rejected))))));
  main.append(h('section', { class: 'card' }, h('h2', null, t('perDay')), legend,
    daysData.length ? chart : h('p', { class: 'info' }, t('noData')), h('details', null, h('summary', null, t('detail')), table)));

  // Held and rejected by reason: horizontal bars.
  const reasons = (r.reasons || []).slice().sort((a, b) => b.held + b.rejected - (a.held + a.rejected));
  const rmax = niceMax(Math.max(0, ...reasons.map((x) => x.held + x.rejected)));
  const rows = reasons.map((x) => {
    const bar = s('svg', { viewBox: '0 0 100 10', preserveAspectRatio: 'none', class: 'hbar', 'aria-hidden': 'true' });
    const wh = (x.held / rmax) * 100;
    const wr = (x.rejected / rmax) * 100;
    if (wh) bar.append(s('rect', { x: 0, y: 0, width: wh, height: 10, class: 'held' }));
    if (wr) bar.append(s('rect', { x: wh, y: 0, width: wr, height: 10, class: 'rejected' }));
    return h('tr', null, h('th', { scope: 'row', 'data-code': x.code, title: x.code }, reasonLabel(x.code)), h('td', null, String(x.held)), h('td', null, String(x.rejected)), h('td', { class: 'barcell' }, bar));
  });
  main.append(h('section', { class: 'card' }, h('h2', null, t('byReason')),
    reasons.length
      ? h('table', { class: 'grid' }, h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('reason')), h('th', { scope: 'col' }, t('held')), h('th', { scope: 'col' }, t('rejected')), h('th', { scope: 'col' }, t('chartCol')))), h('tbody', null, ...rows))
      : h('p', { class: 'info' }, t('noData'))));

  const rm = r.response_ms || { median: 0, p90: 0, count: 0 };
  main.append(h('section', { class: 'card' }, h('h2', null, t('responseTitle')),
    rm.count
      ? h('p', { class: 'big' }, h('strong', null, t('median', { v: duration(rm.median, lang) })), ' · ', t('p90', { v: duration(rm.p90, lang) }), ' · ', tn('decisions', rm.count))
      : h('p', { class: 'info' }, t('noData'))));
}

// Selects the line of `area` that sets `key` ("flood.burst_max = …"), if any.
function selectLine(area: HTMLTextAreaElement, key: string): void {
  let at = 0;
  for (const l of area.value.split('\n')) {
    const m = /^\s*([^=\s]+)\s*=/.exec(l);
    if (m && m[1] === key) {
      area.setSelectionRange(at, at + l.length);
      return;
    }
    at += l.length + 1;
  }
}
