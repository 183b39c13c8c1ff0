// The queue: tabs (held, to review, reported, published, rejected, rejected automatically),
// filters shown as removable chips, and the keyboard-first review of comments. One keystroke a
// decision: after an action the next comment is selected, and the decision can be taken back
// for 10 seconds ("Annuler": the server puts the previous status back while the decision is the
// user's last and recent). "À revoir" lists the published comments the pipeline queued for a
// second look, highest risk first: `a` leaves one published, `u` unpublishes it (with a
// reason). "Rejetés automatiquement" lists what the pipeline rejected, newest first: `a` is
// "Faux positif" (publishes it; training takes it as legitimate).
import { api, ApiError } from './api';
import { command, keyHelp, REJECT_REASONS, reasonForKey, BAN_DAYS } from './text';
import { lang, t, tn, tr, dateTime, reasonLabel } from './i18n';
import type { Key } from './i18n';
import { h, highlighted, modal, say, errorText, setSafeHtml } from './ui';
import type { Order, QueueItem, SiteInfo, Status } from './types';

const TABS: [Status, Parameters<typeof t>[0]][] = [
  ['held', 'tabHeld'],
  ['review', 'tabReview'],
  ['reported', 'tabReported'],
  ['published', 'tabPublished'],
  ['rejected', 'tabRejected'],
  ['auto_rejected', 'tabAutoRejected'],
];

// How long a decision's "Annuler" stays offered (the server accepts an undo for 30 s).
const UNDO_MS = 10_000;

// Reason codes of the pipeline (docs/moderation/checks.md), offered by the reason filter with
// their words (i18n.ts, rc_*).
const CODES = [
  'banned_word', 'suspect_word', 'link', 'contact', 'phone', 'email', 'duplicate', 'copy_paste', 'flood',
  'shouting', 'incitement', 'terrorism_apologia', 'threat', 'hate', 'insult', 'toxic', 'spam', 'off_topic',
  'premoderation_new', 'premoderation_all', 'too_long', 'too_many_lines', 'empty', 'check_unavailable',
];

// The help's words for each command, and the keys' names.
const KEY_WORDS: Record<string, Key> = {
  ArrowUp: 'keyUp', ArrowDown: 'keyDown', ArrowLeft: 'keyLeft', ArrowRight: 'keyRight', Escape: 'keyEscape',
};
function keyName(k: string): string {
  if (KEY_WORDS[k]) return t(KEY_WORDS[k]);
  return /^[A-Z]$/.test(k) ? t('keyShift', { k }) : k;
}

interface Filters {
  site: string;
  reason: string;
  thread: string;
  order: Order;
  q: string;
}

interface Row {
  item: QueueItem;
  li: HTMLLIElement;
  art: HTMLElement;
  box: HTMLInputElement;
}

export interface QueueState {
  status: Status;
  filters: Filters;
}

export function queueState(): QueueState {
  return { status: 'held', filters: { site: '', reason: '', thread: '', order: 'oldest', q: '' } };
}

export function queueScreen(main: HTMLElement, sites: SiteInfo[], state: QueueState): () => void {
  let rows: Row[] = [];
  let sel = -1;
  const checked = new Set<number>();
  let cursor: string | null = null;
  let loads = 0;
  let busy = false;
  const f = state.filters;

  // ---- Tabs and filters ----
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('navQueue') });
  const tabButtons = TABS.map(([st, key]) => {
    const b = h(
      'button',
      {
        type: 'button', role: 'tab', id: 'tab-' + st, 'aria-controls': 'queue',
        onclick: () => {
          state.status = st;
          syncTabs();
          reload();
        },
      },
      t(key),
    );
    tabs.append(b);
    return b;
  });
  tabs.addEventListener('keydown', (e) => {
    const k = (e as KeyboardEvent).key;
    if (k !== 'ArrowRight' && k !== 'ArrowLeft') return;
    e.preventDefault();
    e.stopPropagation();
    const i = TABS.findIndex(([s]) => s === state.status);
    const n = (i + (k === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length;
    tabButtons[n].click();
    tabButtons[n].focus();
  });
  // The alert of a burst of reports: a badge on the "reported" tab and a banner, from every
  // queue answer (whatever the tab, it counts the open bursts of the user's sites).
  const burstBadge = h('span', { class: 'badge burst', hidden: true });
  tabButtons[TABS.findIndex(([st]) => st === 'reported')].append(' ', burstBadge);
  const banner = h('p', { class: 'banner', role: 'alert', hidden: true });
  function showBursts(n: number) {
    burstBadge.hidden = banner.hidden = n <= 0;
    burstBadge.textContent = t('burstBadge', { n });
    banner.textContent = n > 0 ? tn('burstBanner', n) : '';
  }
  // Readers' posts refused for an origin a site does not allow (since the server started): one
  // banner per site, pointing to the site's settings where the origin is one click away.
  const refused = h('div', { class: 'refused-sites' });
  for (const x of sites.slice(0, 20)) {
    api.site(x.id).then((d) => {
      const r = d.refused_origins[0];
      if (!r) return;
      refused.append(h('p', { class: 'banner', role: 'alert', 'data-site': x.id },
        h('a', { href: '#settings/' + encodeURIComponent(x.id) }, t('refusedBanner', { s: x.name || x.id, o: r.origin }))));
    }, () => {});
  }
  function syncTabs() {
    TABS.forEach(([st], i) => {
      const on = st === state.status;
      tabButtons[i].setAttribute('aria-selected', String(on));
      tabButtons[i].tabIndex = on ? 0 : -1;
      if (on) panel.setAttribute('aria-labelledby', tabButtons[i].id);
    });
    // The review queue has one order: highest risk first; automatic rejections newest first.
    orderSel.disabled = state.status === 'review' || state.status === 'auto_rejected';
    orderSel.title = state.status === 'review' ? t('byRisk') : '';
    autoHint.hidden = state.status !== 'auto_rejected';
  }

  const siteSel = h(
    'select',
    { id: 'f-site', onchange: () => ((f.site = siteSel.value), reload()) },
    h('option', { value: '' }, t('allSites')),
    ...sites.map((s) => h('option', { value: s.id, selected: s.id === f.site }, s.name ? s.name + ' (' + s.id + ')' : s.id)),
  );
  const reasonIn = h('input', { id: 'f-reason', type: 'text', list: 'f-codes', size: 12, autocomplete: 'off' });
  reasonIn.value = f.reason;
  const codes = h('datalist', { id: 'f-codes' }, ...CODES.map((c) => h('option', { value: c }, reasonLabel(c))));
  const threadIn = h('input', { id: 'f-thread', type: 'text', inputmode: 'numeric', size: 6, autocomplete: 'off' });
  threadIn.value = f.thread;
  const orderSel = h(
    'select',
    { id: 'f-order', onchange: () => ((f.order = orderSel.value as Order), reload()) },
    h('option', { value: 'oldest', selected: f.order === 'oldest' }, t('oldest')),
    h('option', { value: 'newest', selected: f.order === 'newest' }, t('newest')),
  );
  const qIn = h('input', { id: 'f-q', type: 'search', size: 18, autocomplete: 'off' });
  qIn.value = f.q;
  const field = (id: string, label: string, el: HTMLElement) =>
    h('div', { class: 'fld' }, h('label', { for: id }, label), el);
  const filters = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      onsubmit: (e: Event) => {
        e.preventDefault();
        f.reason = reasonIn.value.trim();
        f.thread = threadIn.value.trim();
        f.q = qIn.value.trim();
        reload();
      },
    },
    field('f-site', t('site'), siteSel),
    field('f-reason', t('reason'), reasonIn),
    codes,
    field('f-thread', t('thread'), threadIn),
    field('f-order', t('order'), orderSel),
    field('f-q', t('search'), qIn),
    h('div', { class: 'fld btns' },
      h('button', { type: 'submit', class: 'btn' }, t('filter')),
      h('button', {
        type: 'button', class: 'btn ghost',
        onclick: () => {
          reasonIn.value = threadIn.value = qIn.value = '';
          f.reason = f.thread = f.q = '';
          reload();
        },
      }, t('clear'))),
  );

  // The active filters, each with its remove button: nothing filters the list unseen.
  const chips = h('ul', { class: 'chips', 'aria-label': t('activeFilters') });
  let threadTitle = '';
  function syncChips() {
    chips.textContent = '';
    const chip = (label: string, clear: () => void, name: string) =>
      chips.append(h('li', { class: 'chip', 'data-filter': name }, label, ' ',
        h('button', { type: 'button', class: 'x', 'aria-label': t('removeFilter', { v: label }), onclick: () => { clear(); reload(); } }, '×')));
    if (f.site) {
      const s = sites.find((x) => x.id === f.site);
      chip(t('chipSite', { v: s && s.name ? s.name : f.site }), () => { f.site = siteSel.value = ''; }, 'site');
    }
    if (f.reason) chip(t('chipReason', { v: reasonLabel(f.reason) }), () => { f.reason = reasonIn.value = ''; }, 'reason');
    if (f.thread) chip(t('chipThread', { v: threadTitle || f.thread }), () => { f.thread = threadIn.value = ''; threadTitle = ''; }, 'thread');
    if (f.q) chip(t('chipQ', { v: f.q }), () => { f.q = qIn.value = ''; }, 'q');
    chips.hidden = !chips.childElementCount;
  }
  const autoHint = h('p', { class: 'hint auto-hint', hidden: true }, t('autoRejectedHint'));
  // The last decision's "Annuler", offered UNDO_MS.
  // (Not a live region: the announcer already says the decision.)
  const undoBar = h('div', { class: 'undo-bar', role: 'group', 'aria-label': t('undo'), hidden: true });
  let undoTimer = 0;
  function offerUndo(ids: number[], msg: string) {
    window.clearTimeout(undoTimer);
    undoBar.textContent = '';
    if (!ids.length) {
      undoBar.hidden = true;
      return;
    }
    const btn = h('button', {
      type: 'button', class: 'btn undo',
      onclick: async () => {
        window.clearTimeout(undoTimer);
        undoBar.hidden = true;
        let n = 0;
        for (const id of ids) {
          try {
            await api.undo(id);
            n++;
          } catch (e) {
            say(errorText(e), true);
          }
        }
        if (n) say(ids.length > 1 ? tn('undoneN', n) : t('undone'));
        const back = current()?.item.id;
        load(true, ids[0] ?? back);
      },
    }, t('undo'));
    undoBar.append(h('span', null, msg), ' ', btn);
    undoBar.hidden = false;
    undoTimer = window.setTimeout(() => {
      undoBar.hidden = true;
      undoBar.textContent = '';
    }, UNDO_MS);
  }
  function decided(ids: number[], msg: string, error = false) {
    say(msg, error);
    offerUndo(ids, msg);
  }

  const info = h('p', { class: 'info', 'aria-live': 'polite' });
  // The tab panel holds the list, which keeps its list semantics (a role on the <ol> would hide
  // them from screen readers).
  const list = h('ol', { class: 'queue', tabindex: -1, 'aria-label': t('navQueue') });
  const panel = h('div', { id: 'queue', role: 'tabpanel' }, info, list);
  const more = h('button', { type: 'button', class: 'btn more', hidden: true, onclick: () => load(false) }, t('more'));
  const help = h('button', { type: 'button', class: 'btn ghost help', 'aria-keyshortcuts': '?', onclick: () => showHelp() }, '? ' + t('help'));
  main.append(
    h('h1', { class: 'vh' }, t('queueTitle')),
    banner,
    refused,
    h('div', { class: 'bar' }, tabs, help),
    filters,
    chips,
    autoHint,
    undoBar,
    panel,
    more,
  );
  syncTabs();

  // ---- Loading ----
  // Reloads the list; the selection stays on the comment it was on when it is still listed.
  function reload() {
    checked.clear();
    syncChips();
    load(true, current()?.item.id);
  }

  async function load(reset: boolean, keepId?: number) {
    const ticket = ++loads;
    info.textContent = t('loading');
    more.hidden = true;
    try {
      const page = await api.queue({
        status: state.status,
        site: f.site,
        reason: f.reason,
        thread: f.thread,
        q: f.q,
        order: state.status === 'auto_rejected' ? 'newest' : f.order,
        cursor: reset ? null : cursor,
        limit: 50,
      });
      if (ticket !== loads) return;
      showBursts(page.report_bursts || 0);
      // The selection as it is now (the user may have moved it while the page loaded).
      if (reset && sel >= 0 && rows[sel]) keepId = rows[sel].item.id;
      if (reset) {
        rows = [];
        list.textContent = '';
        sel = -1;
      }
      for (const item of page.items || []) {
        if (rows.some((r) => r.item.id === item.id)) continue;
        const row = render(item);
        rows.push(row);
        list.append(row.li);
      }
      cursor = page.next_cursor || null;
      more.hidden = !cursor;
      count();
      const kept = keepId != null ? rows.findIndex((r) => r.item.id === keepId) : -1;
      if (rows.length && sel < 0) select(kept >= 0 ? kept : 0, !reset || document.activeElement === document.body);
    } catch (e) {
      if (ticket !== loads) return;
      info.textContent = errorText(e);
      info.className = 'info er';
    }
  }

  function count() {
    info.className = 'info';
    info.textContent = rows.length
      ? tn('count', rows.length) + (checked.size ? ' · ' + tn('selected', checked.size) : '')
      : t('empty');
  }

  // ---- One comment ----
  function render(item: QueueItem): Row {
    const box = h('input', {
      type: 'checkbox',
      class: 'pick',
      'aria-label': t('select') + ' (x)',
      onchange: () => {
        if (box.checked) checked.add(item.id);
        else checked.delete(item.id);
        art.classList.toggle('checked', box.checked);
        count();
      },
    });
    const hist = item.history;
    const nameId = 'n' + item.id;
    const art = h('article', { class: 'item', tabindex: -1, 'aria-labelledby': nameId, 'data-id': item.id });
    const head = h(
      'header',
      { class: 'head' },
      box,
      h('span', { class: 'author', id: nameId }, item.author),
      h('span', { class: 'email' }, item.email || t('noEmail')),
      hist ? h('span', { class: 'hist' }, [tn('histPublished', hist.published), tn('histHeld', hist.held), tn('histRejected', hist.rejected)].join(' · ')) : null,
      h('time', { datetime: item.created_at, title: item.full_time || dateTime(item.created_at) }, item.relative_time || dateTime(item.created_at)),
      h('span', { class: 'badge st-' + item.status }, tr('status_', String(item.status))),
      item.review ? h('span', { class: 'badge st-review' }, t('status_review')) : null,
      item.review && typeof item.risk === 'number' ? h('span', { class: 'risk' }, t('risk', { r: item.risk.toFixed(2) })) : null,
      item.report_burst ? h('span', { class: 'badge burst' }, t('burstItem')) : null,
    );
    // The article's title names it (and opens the comment there when it has an address);
    // filtering on its thread is a button of its own, and shows as a chip.
    const name = item.thread && item.thread.title ? item.thread.title : item.thread ? item.thread.key : '';
    const title = item.url
      ? h('a', { class: 'art', href: item.url, target: '_blank', rel: 'noopener noreferrer', title: t('openInArticle') }, name)
      : h('span', { class: 'art' }, name);
    const only = h(
      'button',
      {
        type: 'button', class: 'link thread-filter', title: t('filterThread'),
        onclick: () => {
          threadIn.value = f.thread = String(item.thread.id);
          threadTitle = name;
          reload();
        },
      },
      t('filterThisThread'),
    );
    const where = h('p', { class: 'where' }, h('span', { class: 'site' }, item.site), ' · ', title, ' ', h('span', { class: 'cid' }, t('comment_id', { id: item.id })),
      item.url ? h('a', { class: 'permalink', href: item.url, target: '_blank', rel: 'noopener noreferrer' }, t('openInArticle')) : null, ' · ', only);
    art.append(head, where);
    const parent = item.parent_comment;
    if (parent) {
      const excerpt = parent.text.length > 200 ? parent.text.slice(0, 200) + '…' : parent.text;
      art.append(parent.status === 'deleted' || !parent.author
        ? h('p', { class: 'parent' }, t('replyToGone'))
        : h('blockquote', { class: 'parent', 'data-parent': parent.id }, h('span', { class: 'who' }, t('replyTo', { a: parent.author })), ' ', excerpt));
    }
    const d = item.last_decision;
    if (d && d.action === 'unpublish' && item.status === 'held') {
      art.append(h('p', { class: 'decided' }, d.reason ? t('unpublishedBy', { u: d.user, r: d.reason }) : t('unpublishedByNoReason', { u: d.user })));
    }
    const body = h('div', { class: 'body' });
    setSafeHtml(body, item.html || '');
    art.append(body);

    const reasons = item.reasons || [];
    if (reasons.length) {
      const ul = h('ul', { class: 'reasons' });
      const spans: [number, number][] = [];
      for (const r of reasons) {
        ul.append(
          h(
            'li',
            r.action === 'review' ? { class: 'rv', title: t('reviewReason') } : null,
            h('strong', { class: 'rc', 'data-code': r.code, title: (r.check ? r.check + ' · ' : '') + r.code }, reasonLabel(r.code)),
            r.detail ? ' — ' + r.detail : '',
            typeof r.score === 'number' ? h('span', { class: 'score' }, ' ' + t('score', { s: r.score.toFixed(2) })) : null,
          ),
        );
        if (Array.isArray(r.spans)) spans.push(...r.spans);
      }
      art.append(h('div', { class: 'sect' }, h('h3', null, t('reasons')), ul));
      if (spans.length && typeof item.text === 'string') {
        art.append(h('div', { class: 'sect' }, h('h3', null, t('source')), h('pre', { class: 'src' }, highlighted(item.text, spans))));
      }
    }
    const reports = item.reports || [];
    if (reports.length) {
      const ul = h('ul', { class: 'reports' });
      for (const r of reports) {
        ul.append(
          h('li', null, h('strong', null, tr('rp_', r.reason) === r.reason ? tr('rs_', r.reason) : tr('rp_', r.reason)), ' — ',
            h('span', { class: 'note' }, r.note ? r.note : t('noNote')), ' ',
            h('time', { datetime: r.created_at }, dateTime(r.created_at))),
        );
      }
      art.append(h('div', { class: 'sect' }, h('h3', null, tn('reports', item.open_reports ?? reports.length)), ul));
    }
    const acts = h('div', { class: 'acts' });
    const act = (label: string, key: string, run: () => void, cls = '') =>
      acts.append(h('button', { type: 'button', class: 'btn ' + cls, 'aria-keyshortcuts': key, onclick: () => { selectRow(row); run(); } }, label, ' ', h('kbd', { 'aria-hidden': 'true' }, key)));
    // A published comment with open reports, or waiting for review: approving keeps it and
    // dismisses the reports, or ends the review.
    if (item.auto_rejected && item.status === 'rejected') act(t('falsePositive'), 'a', () => approve(row), 'ok fp');
    else if (approvable(item)) act(t('approve'), 'a', () => approve(row), 'ok');
    if (item.status !== 'rejected') act(t('reject'), 'r', () => reject(row), 'ko');
    if (item.status === 'published') act(t('unpublish'), 'u', () => unpublish(row));
    act(t('ban'), 'b', () => ban(row));
    if (clusterOf(item) != null) act(t('cluster'), 'c', () => cluster(row));
    art.append(acts);
    const li = h('li', null, art);
    art.addEventListener('click', (e) => {
      if (!(e.target as Element).closest('button, input, a')) selectRow(row);
    });
    const row: Row = { item, li, art, box };
    return row;
  }

  // ---- Selection ----
  function select(i: number, focus = true) {
    if (!rows.length) {
      sel = -1;
      return;
    }
    i = Math.max(0, Math.min(rows.length - 1, i));
    if (sel >= 0 && rows[sel]) {
      rows[sel].art.classList.remove('sel');
      rows[sel].art.removeAttribute('aria-current');
    }
    sel = i;
    const r = rows[i];
    r.art.classList.add('sel');
    r.art.setAttribute('aria-current', 'true');
    if (focus) {
      r.art.focus({ preventScroll: true });
      r.art.scrollIntoView({ block: 'nearest' });
    }
  }
  function selectRow(row: Row) {
    const i = rows.indexOf(row);
    if (i >= 0 && i !== sel) select(i, false);
  }
  const current = () => (sel >= 0 ? rows[sel] : undefined);

  // Takes comments out of the list; the selection stays at the same place (the next one).
  function drop(ids: number[]) {
    const gone = new Set(ids);
    const focused = document.activeElement && list.contains(document.activeElement);
    // The first comment left at or after the selection, else the last one before it.
    const after = rows.slice(Math.max(0, sel)).find((r) => !gone.has(r.item.id));
    const before = rows.slice(0, Math.max(0, sel)).filter((r) => !gone.has(r.item.id)).pop();
    const keep = after || before;
    rows = rows.filter((r) => {
      if (!gone.has(r.item.id)) return true;
      r.li.remove();
      checked.delete(r.item.id);
      return false;
    });
    sel = -1;
    count();
    if (keep) select(rows.indexOf(keep), focused || document.activeElement === document.body);
    else if (cursor) load(false);
    else list.focus();
  }

  async function run<T>(f: () => Promise<T>): Promise<T | null> {
    if (busy) return null;
    busy = true;
    try {
      return await f();
    } catch (e) {
      say(errorText(e), true);
      if (e instanceof ApiError && (e.code === 'unknown_comment' || e.code === 'invalid_argument')) load(true);
      return null;
    } finally {
      busy = false;
    }
  }

  // ---- Actions ----
  function approvable(item: QueueItem): boolean {
    return item.status !== 'published' || (item.open_reports ?? 0) > 0 || !!item.review;
  }

  async function approve(row: Row) {
    if (row.item.auto_rejected && row.item.status === 'rejected') {
      const r = await run(() => api.falsePositive(row.item.id));
      if (!r) return;
      drop([row.item.id]);
      return decided([row.item.id], t('falsePositiveMsg', { a: row.item.author }));
    }
    if (!approvable(row.item)) return;
    const r = await run(() => api.approve(row.item.id));
    if (!r) return;
    drop([row.item.id]);
    decided([row.item.id], t(row.item.status === 'published' && row.item.review ? 'kept' : 'approved', { a: row.item.author }));
  }

  function reasonDialog(title: string, back: HTMLElement) {
    return modal<{ reason: string; note: string }>(title, (done) => {
      const note = h('input', { type: 'text', id: 'rj-note', maxlength: 500, autocomplete: 'off' });
      const choose = (reason: string) => done({ reason, note: note.value.trim() });
      const list = h(
        'ol',
        { class: 'choices' },
        ...REJECT_REASONS.map((r, i) =>
          h('li', null, h('button', { type: 'button', class: 'btn', 'data-reason': r, 'aria-keyshortcuts': String(i + 1), onclick: () => choose(r) },
            h('kbd', { 'aria-hidden': 'true' }, String(i + 1)), ' ', tr('rs_', r))),
        ),
      );
      list.addEventListener('keydown', (e) => {
        const k = (e as KeyboardEvent).key;
        const r = reasonForKey(k);
        if (r) {
          e.preventDefault();
          choose(r);
        } else if (k === 'ArrowDown' || k === 'ArrowUp' || k === 'j' || k === 'k') {
          e.preventDefault();
          const bs = Array.from(list.querySelectorAll('button'));
          const i = bs.indexOf(document.activeElement as HTMLButtonElement);
          const n = (i + (k === 'ArrowDown' || k === 'j' ? 1 : bs.length - 1)) % bs.length;
          bs[n].focus();
        }
      });
      return [
        h('p', { class: 'hint' }, t('rejectHint')),
        list,
        h('div', { class: 'fld' }, h('label', { for: 'rj-note' }, t('note')), note),
        h('div', { class: 'dlg-acts' }, h('button', { type: 'button', class: 'btn ghost', onclick: (e: Event) => ((e.target as HTMLElement).closest('dialog') as HTMLDialogElement).close() }, t('cancel'))),
      ];
    }, back);
  }

  async function reject(row: Row) {
    if (row.item.status === 'rejected') return;
    const choice = await reasonDialog(t('rejectTitle'), row.art);
    if (!choice) return;
    const r = await run(() => api.reject(row.item.id, choice.reason, choice.note));
    if (!r) return;
    drop([row.item.id]);
    decided([row.item.id], t('rejectedMsg', { a: row.item.author, r: tr('rs_', choice.reason) }));
  }

  async function unpublish(row: Row) {
    if (row.item.status !== 'published') return;
    // Waiting for review, the review's own reasons say why (the server writes them): one key.
    // Otherwise the moderator says why, and the held comment shows it with their name.
    const reason = row.item.review ? '' : await modal<string>(t('unpublishTitle'), (done) => {
      const input = h('input', { type: 'text', id: 'up-reason', maxlength: 500, autocomplete: 'off', autofocus: true });
      const err = h('p', { class: 'status er', role: 'alert', hidden: true }, t('unpublishNeedReason'));
      const form = h('form', {
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          const v = input.value.trim();
          if (!v) {
            err.hidden = false;
            input.setAttribute('aria-invalid', 'true');
            input.focus();
            return;
          }
          done(v);
        },
      },
      h('div', { class: 'fld' }, h('label', { for: 'up-reason' }, t('unpublishReason')), input),
      err,
      h('div', { class: 'dlg-acts' },
        h('button', { type: 'button', class: 'btn ghost', onclick: (e: Event) => ((e.target as HTMLElement).closest('dialog') as HTMLDialogElement).close() }, t('cancel')),
        h('button', { type: 'submit', class: 'btn ko' }, t('unpublish'))));
      return [form];
    }, row.art);
    if (reason === null) return;
    const r = await run(() => api.unpublish(row.item.id, reason || undefined));
    if (!r) return;
    drop([row.item.id]);
    decided([row.item.id], t('unpublished', { a: row.item.author }));
  }

  async function ban(row: Row) {
    const item = row.item;
    const choice = await modal<{ days: number; by: string[]; reason: string }>(t('banTitle', { a: item.author }), (done) => {
      const radios = BAN_DAYS.map((d, i) =>
        h('label', { class: 'opt' }, h('input', { type: 'radio', name: 'ban-days', value: d, checked: i === 1 }), ' ',
          h('kbd', { 'aria-hidden': 'true' }, String(i + 1)), ' ', t(('day' + d) as 'day1')),
      );
      const by = (v: string, label: string, on: boolean) =>
        h('label', { class: 'opt' }, h('input', { type: 'checkbox', name: 'ban-by', value: v, checked: on }), ' ', label);
      const reason = h('input', { type: 'text', id: 'ban-reason', maxlength: 200, autocomplete: 'off' });
      const form = h(
        'form',
        {
          onsubmit: (e: Event) => {
            e.preventDefault();
            const d = form.querySelector<HTMLInputElement>('input[name=ban-days]:checked');
            const bys = Array.from(form.querySelectorAll<HTMLInputElement>('input[name=ban-by]:checked')).map((x) => x.value);
            done({ days: d ? Number(d.value) : 7, by: bys.length ? bys : ['name'], reason: reason.value.trim() });
          },
          onkeydown: (e: Event) => {
            const k = (e as KeyboardEvent).key;
            if ((e.target as HTMLElement).tagName === 'INPUT' && (e.target as HTMLInputElement).type === 'text') return;
            const n = /^[1-4]$/.test(k) ? Number(k) : 0;
            if (n) {
              e.preventDefault();
              const r = radios[n - 1].querySelector('input') as HTMLInputElement;
              r.checked = true;
              r.focus();
            }
          },
        },
        h('p', { class: 'hint' }, t('banHint')),
        h('fieldset', null, h('legend', null, t('banDuration')), ...radios),
        h('fieldset', null, h('legend', null, t('banBy')),
          by('name', t('banByName'), true), by('address', t('banByAddress'), false), by('email', t('banByEmail'), !!item.email)),
        h('div', { class: 'fld' }, h('label', { for: 'ban-reason' }, t('banReason')), reason),
        h('div', { class: 'dlg-acts' },
          h('button', { type: 'button', class: 'btn ghost', onclick: (e: Event) => ((e.target as HTMLElement).closest('dialog') as HTMLDialogElement).close() }, t('cancel')),
          h('button', { type: 'submit', class: 'btn ko' }, t('ban'))),
      );
      return [form];
    }, row.art);
    if (!choice) return;
    const r = await run(() => api.ban({ comment_id: item.id, days: choice.days, reason: choice.reason, by: choice.by }));
    if (!r) return;
    say(t('banned', { a: item.author }));
    // The server rejected the author's held comments: they leave the held and reported tabs.
    if (state.status === 'held' || state.status === 'reported') {
      const same = rows.filter((x) => x.item.site === item.site && x.item.author === item.author).map((x) => x.item.id);
      drop(same);
    }
  }

  function clusterOf(item: QueueItem): number | null {
    if (item.cluster != null) return item.cluster;
    return rows.some((r) => r.item.cluster === item.id) ? item.id : null;
  }

  async function bulk(body: { ids?: number[]; cluster?: number; action: 'approve' | 'reject'; reason?: string }) {
    const r = await run(() => api.bulk(body));
    if (!r) return;
    const failed = r.failed || [];
    drop(r.done || []);
    decided(r.done || [], tn('bulkDone', (r.done || []).length) +
      (failed.length ? ' ' + tn('bulkFailed', failed.length, { l: failed.map((x) => x.id + ' ' + x.code).join(', ') }) : ''),
      failed.length > 0);
    // A cluster's members may not all have been on screen.
    if (body.cluster != null) load(true);
  }

  async function bulkAction(action: 'approve' | 'reject') {
    const ids = rows.filter((r) => checked.has(r.item.id)).map((r) => r.item.id);
    if (!ids.length) return say(tn('selected', 0), true);
    if (action === 'approve') return bulk({ ids, action });
    const choice = await reasonDialog(tn('rejectBulkTitle', ids.length), current()?.art || list);
    if (choice) await bulk({ ids, action, reason: choice.reason });
  }

  async function cluster(row: Row) {
    const root = clusterOf(row.item);
    if (root == null) return;
    const choice = await modal<string>(t('clusterTitle', { id: root }), (done) => {
      const box = h('div', { class: 'choices', tabindex: -1 },
        h('button', { type: 'button', class: 'btn ok', autofocus: true, onclick: () => done('approve') }, h('kbd', { 'aria-hidden': 'true' }, 'a'), ' ', t('approveAll')),
        ...REJECT_REASONS.map((r, i) =>
          h('button', { type: 'button', class: 'btn ko', onclick: () => done(r) }, h('kbd', { 'aria-hidden': 'true' }, String(i + 1)), ' ', t('reject') + ' · ' + tr('rs_', r))));
      box.addEventListener('keydown', (e) => {
        const k = (e as KeyboardEvent).key;
        const r = reasonForKey(k);
        if (k === 'a') done('approve');
        else if (r) done(r);
        else return;
        e.preventDefault();
      });
      return [h('p', { class: 'hint' }, t('clusterHint')), box];
    }, row.art);
    if (!choice) return;
    await bulk(choice === 'approve' ? { cluster: root, action: 'approve' } : { cluster: root, action: 'reject', reason: choice });
  }

  function showHelp() {
    modal<null>(t('help'), (done) => [
      h('ul', { class: 'keys' },
        ...keyHelp().map((x) => h('li', { 'data-command': x.command },
          ...x.keys.flatMap((k, i) => [i ? ' / ' : '', h('kbd', { 'data-key': k }, keyName(k))]), lang === 'en' ? ': ' : ' : ', t(('key_' + x.command) as Key))),
        // Keys handled outside the single-key table: the tabs' arrows and Escape.
        h('li', { 'data-command': 'tabs' }, h('kbd', { 'data-key': 'ArrowLeft' }, keyName('ArrowLeft')), ' / ',
          h('kbd', { 'data-key': 'ArrowRight' }, keyName('ArrowRight')), lang === 'en' ? ': ' : ' : ', t('key_tabs')),
        h('li', { 'data-command': 'escape' }, h('kbd', { 'data-key': 'Escape' }, keyName('Escape')), lang === 'en' ? ': ' : ' : ', t('key_escape'))),
      h('div', { class: 'dlg-acts' }, h('button', { type: 'button', class: 'btn', onclick: () => done(null) }, t('close'))),
    ], current()?.art || null);
  }

  // ---- Keyboard ----
  function onKey(e: KeyboardEvent) {
    if (e.defaultPrevented || document.querySelector('dialog[open]')) return;
    const target = e.target as HTMLElement;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && !(target as HTMLInputElement).classList.contains('pick')) {
      if (e.key === 'Escape') {
        target.blur();
        const r = current();
        if (r) r.art.focus();
      }
      return;
    }
    if (target && target.closest && target.closest('[role=tablist]') && (e.key === 'Enter' || e.key === ' ')) return;
    const cmd = command(e);
    if (!cmd) return;
    const r = current();
    e.preventDefault();
    switch (cmd) {
      case 'next': return select(sel + 1);
      case 'prev': return select(sel - 1);
      case 'search': return qIn.focus();
      case 'help': return showHelp();
      case 'bulkApprove': return void bulkAction('approve');
      case 'bulkReject': return void bulkAction('reject');
    }
    if (!r) return;
    switch (cmd) {
      case 'approve': return void approve(r);
      case 'reject': return void reject(r);
      case 'ban': return void ban(r);
      case 'unpublish': return void unpublish(r);
      case 'cluster': return void cluster(r);
      case 'toggle':
        r.box.checked = !r.box.checked;
        r.box.dispatchEvent(new Event('change'));
        return;
      case 'open': {
        const a = r.art.querySelector<HTMLElement>('.thread-filter');
        if (a) a.click();
      }
    }
  }
  document.addEventListener('keydown', onKey);

  syncChips();
  load(true);
  return () => {
    window.clearTimeout(undoTimer);
    document.removeEventListener('keydown', onKey);
  };
}
