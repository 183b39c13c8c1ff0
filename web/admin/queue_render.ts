// The queue's DOM: the tabs, the filters and their chips (filterBar), and one listed comment
// with its reasons, reports and action buttons (renderItem). Text from the data always goes in
// as text; a comment's HTML through ui.ts's allow-list.
import { approve, ban, cluster, reject, unpublish } from './queue_actions';
import { approvable, clusterOf, falsePositive, QueueList, QueueState, Row } from './queue_state';
import { t, tn, tr, dateTime, reasonLabel } from './i18n';
import { api } from './api';
import { h, highlighted, setSafeHtml } from './ui';
import type { Order, QueueItem, SiteInfo, Status } from './types';

export const TABS: [Status, Parameters<typeof t>[0]][] = [
  ['held', 'tabHeld'],
  ['review', 'tabReview'],
  ['reported', 'tabReported'],
  ['published', 'tabPublished'],
  ['rejected', 'tabRejected'],
  ['auto_rejected', 'tabAutoRejected'],
];

// Reason codes of the pipeline (docs/moderation/checks.md), offered by the reason filter with
// their words (i18n.ts, rc_*).
const CODES = [
  'banned_word', 'suspect_word', 'link', 'contact', 'phone', 'email', 'duplicate', 'copy_paste', 'flood',
  'shouting', 'incitement', 'terrorism_apologia', 'threat', 'hate', 'insult', 'toxic', 'spam', 'off_topic',
  'premoderation_new', 'premoderation_all', 'too_long', 'too_many_lines', 'empty', 'check_unavailable',
];

// What the queue's parts share on one screen (built by queue.ts's queueScreen).
export interface Q {
  state: QueueState; // the tab and filters
  l: QueueList; // the listed comments, the selection
  sites: SiteInfo[];
  list: HTMLOListElement;
  bar: FilterBar;
  undoBar: HTMLElement;
  undoTimer: number;
  load(reset: boolean, keepId?: number): Promise<void>;
  reload(): void; // from the first page, the selection kept on its comment
  select(i: number, focus?: boolean): void;
  selectRow(row: Row): void;
  current(): Row | undefined;
  drop(ids: number[]): void; // decided: out of the list, the selection on the next one
  count(): void; // the info line
}

export interface FilterBar {
  tabs: HTMLElement;
  banner: HTMLElement;
  refused: HTMLElement;
  filters: HTMLElement;
  chips: HTMLElement;
  autoHint: HTMLElement;
  panel: HTMLElement;
  qIn: HTMLInputElement;
  showBursts(n: number): void;
  syncTabs(): void;
  syncChips(): void;
  filterThread(id: string, title: string): void;
}

// The tabs (arrow keys move between them), the burst and refused-origin banners, the filters
// and the active filters as removable chips: nothing filters the list unseen.
export function filterBar(q: Q, panel: HTMLElement): FilterBar {
  const sites = q.sites;
  const f = q.state.filters;
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('navQueue') });
  const tabButtons = TABS.map(([st, key]) => {
    const b = h(
      'button',
      {
        type: 'button', role: 'tab', id: 'tab-' + st, 'aria-controls': 'queue',
        onclick: () => {
          q.state.status = st;
          syncTabs();
          q.reload();
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
    const i = TABS.findIndex(([s]) => s === q.state.status);
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
      const on = st === q.state.status;
      tabButtons[i].setAttribute('aria-selected', String(on));
      tabButtons[i].tabIndex = on ? 0 : -1;
      if (on) panel.setAttribute('aria-labelledby', tabButtons[i].id);
    });
    // The review queue has one order: highest risk first; automatic rejections newest first.
    orderSel.disabled = q.state.status === 'review' || q.state.status === 'auto_rejected';
    orderSel.title = q.state.status === 'review' ? t('byRisk') : '';
    autoHint.hidden = q.state.status !== 'auto_rejected';
  }

  const siteSel = h(
    'select',
    { id: 'f-site', onchange: () => ((f.site = siteSel.value), q.reload()) },
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
    { id: 'f-order', onchange: () => ((f.order = orderSel.value as Order), q.reload()) },
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
        q.reload();
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
          q.reload();
        },
      }, t('clear'))),
  );

  // The active filters, each with its remove button: nothing filters the list unseen.
  const chips = h('ul', { class: 'chips', 'aria-label': t('activeFilters') });
  function syncChips() {
    chips.textContent = '';
    const chip = (label: string, clear: () => void, name: string) =>
      chips.append(h('li', { class: 'chip', 'data-filter': name }, label, ' ',
        h('button', { type: 'button', class: 'x', 'aria-label': t('removeFilter', { v: label }), onclick: () => { clear(); q.reload(); } }, '×')));
    if (f.site) {
      const s = sites.find((x) => x.id === f.site);
      chip(t('chipSite', { v: s && s.name ? s.name : f.site }), () => { f.site = siteSel.value = ''; }, 'site');
    }
    if (f.reason) chip(t('chipReason', { v: reasonLabel(f.reason) }), () => { f.reason = reasonIn.value = ''; }, 'reason');
    if (f.thread) chip(t('chipThread', { v: q.l.threadTitle || f.thread }), () => { f.thread = threadIn.value = ''; q.l.threadTitle = ''; }, 'thread');
    if (f.q) chip(t('chipQ', { v: f.q }), () => { f.q = qIn.value = ''; }, 'q');
    chips.hidden = !chips.childElementCount;
  }
  const autoHint = h('p', { class: 'hint auto-hint', hidden: true }, t('autoRejectedHint'));

  return {
    tabs, banner, refused, filters, chips, autoHint, panel, qIn, showBursts, syncTabs, syncChips,
    filterThread(id: string, title: string) {
      threadIn.value = f.thread = id;
      q.l.threadTitle = title;
      q.reload();
    },
  };
}

// One comment of the list, its actions on buttons that also name their key.
export function renderItem(q: Q, item: QueueItem): Row {
  const box = h('input', {
    type: 'checkbox',
    class: 'pick',
    'aria-label': t('select') + ' (x)',
    onchange: () => {
      if (box.checked) q.l.checked.add(item.id);
      else q.l.checked.delete(item.id);
      art.classList.toggle('checked', box.checked);
      q.count();
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
      onclick: () => q.bar.filterThread(String(item.thread.id), name),
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
    acts.append(h('button', { type: 'button', class: 'btn ' + cls, 'aria-keyshortcuts': key, onclick: () => { q.selectRow(row); run(); } }, label, ' ', h('kbd', { 'aria-hidden': 'true' }, key)));
  // A published comment with open reports, or waiting for review: approving keeps it and
  // dismisses the reports, or ends the review.
  if (falsePositive(item)) act(t('falsePositive'), 'a', () => approve(q, row), 'ok fp');
  else if (approvable(item)) act(t('approve'), 'a', () => approve(q, row), 'ok');
  if (item.status !== 'rejected') act(t('reject'), 'r', () => reject(q, row), 'ko');
  if (item.status === 'published') act(t('unpublish'), 'u', () => unpublish(q, row));
  act(t('ban'), 'b', () => ban(q, row));
  if (clusterOf(item, q.l.rows.map((r) => r.item)) != null) act(t('cluster'), 'c', () => cluster(q, row));
  art.append(acts);
  const li = h('li', null, art);
  art.addEventListener('click', (e) => {
    if (!(e.target as Element).closest('button, input, a')) q.selectRow(row);
  });
  const row: Row = { item, li, art, box };
  return row;
}
