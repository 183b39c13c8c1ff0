// The queue: tabs (held, to review, reported, published, rejected, rejected automatically),
// filters shown as removable chips, and the keyboard-first review of comments. One keystroke a
// decision: after an action the next comment is selected, and the decision can be taken back
// for 10 seconds ("Annuler"). "À revoir" lists the published comments the pipeline queued for a
// second look, highest risk first: `a` leaves one published, `u` unpublishes it (with a
// reason). "Rejetés automatiquement" lists what the pipeline rejected, newest first: `a` is
// "Faux positif" (publishes it; training takes it as legitimate).
//
// queueScreen wires the parts: the state and its rules (queue_state.ts), the DOM (queue_render.ts)
// and the decisions (queue_actions.ts); it keeps the loading, the selection and the keyboard.
import { api } from './api';
import { command } from './text';
import { t, tn } from './i18n';
import { h, errorText } from './ui';
import { approve, ban, bulkAction, cluster, reject, showHelp, unpublish } from './queue_actions';
import { filterBar, Q, renderItem } from './queue_render';
import { clamp, keptAfter, query, queueList, QueueState, Row } from './queue_state';
import type { SiteInfo } from './types';

export { queueState } from './queue_state';
export type { QueueState } from './queue_state';

export function queueScreen(main: HTMLElement, sites: SiteInfo[], state: QueueState): () => void {
  const l = queueList();
  const info = h('p', { class: 'info', 'aria-live': 'polite' });
  // The tab panel holds the list, which keeps its list semantics (a role on the <ol> would hide
  // them from screen readers).
  const list = h('ol', { class: 'queue', tabindex: -1, 'aria-label': t('navQueue') });
  const panel = h('div', { id: 'queue', role: 'tabpanel' }, info, list);
  const more = h('button', { type: 'button', class: 'btn more', hidden: true, onclick: () => load(false) }, t('more'));
  // The last decision's "Annuler" (not a live region: the announcer already says the decision).
  const undoBar = h('div', { class: 'undo-bar', role: 'group', 'aria-label': t('undo'), hidden: true });

  // Reloads the list; the selection stays on the comment it was on when it is still listed.
  function reload() {
    l.checked.clear();
    bar.syncChips();
    load(true, current()?.item.id);
  }

  async function load(reset: boolean, keepId?: number) {
    const ticket = ++l.loads;
    info.textContent = t('loading');
    more.hidden = true;
    try {
      const page = await api.queue(query(state, reset ? null : l.cursor));
      if (ticket !== l.loads) return;
      bar.showBursts(page.report_bursts || 0);
      // The selection as it is now (the user may have moved it while the page loaded).
      if (reset && l.sel >= 0 && l.rows[l.sel]) keepId = l.rows[l.sel].item.id;
      if (reset) {
        l.rows = [];
        list.textContent = '';
        l.sel = -1;
      }
      for (const item of page.items || []) {
        if (l.rows.some((r) => r.item.id === item.id)) continue;
        const row = renderItem(q, item);
        l.rows.push(row);
        list.append(row.li);
      }
      l.cursor = page.next_cursor || null;
      more.hidden = !l.cursor;
      count();
      const kept = keepId != null ? l.rows.findIndex((r) => r.item.id === keepId) : -1;
      if (l.rows.length && l.sel < 0) select(kept >= 0 ? kept : 0, !reset || document.activeElement === document.body);
    } catch (e) {
      if (ticket !== l.loads) return;
      info.textContent = errorText(e);
      info.className = 'info er';
    }
  }

  function count() {
    info.className = 'info';
    info.textContent = l.rows.length
      ? tn('count', l.rows.length) + (l.checked.size ? ' · ' + tn('selected', l.checked.size) : '')
      : t('empty');
  }

  // ---- Selection ----
  function select(i: number, focus = true) {
    i = clamp(i, l.rows.length);
    if (i < 0) {
      l.sel = -1;
      return;
    }
    if (l.sel >= 0 && l.rows[l.sel]) {
      l.rows[l.sel].art.classList.remove('sel');
      l.rows[l.sel].art.removeAttribute('aria-current');
    }
    l.sel = i;
    const r = l.rows[i];
    r.art.classList.add('sel');
    r.art.setAttribute('aria-current', 'true');
    if (focus) {
      r.art.focus({ preventScroll: true });
      r.art.scrollIntoView({ block: 'nearest' });
    }
  }
  function selectRow(row: Row) {
    const i = l.rows.indexOf(row);
    if (i >= 0 && i !== l.sel) select(i, false);
  }
  const current = () => (l.sel >= 0 ? l.rows[l.sel] : undefined);

  // Takes comments out of the list; the selection stays at the same place (the next one).
  function drop(ids: number[]) {
    const gone = new Set(ids);
    const focused = document.activeElement && list.contains(document.activeElement);
    const keep = keptAfter(l.rows, l.sel, gone);
    l.rows = l.rows.filter((r) => {
      if (!gone.has(r.item.id)) return true;
      r.li.remove();
      l.checked.delete(r.item.id);
      return false;
    });
    l.sel = -1;
    count();
    if (keep) select(l.rows.indexOf(keep), focused || document.activeElement === document.body);
    else if (l.cursor) load(false);
    else list.focus();
  }

  const q: Q = { state, l, sites, list, undoBar, undoTimer: 0, load, reload, select, selectRow, current, drop, count, bar: null! };
  const bar = (q.bar = filterBar(q, panel));
  const help = h('button', { type: 'button', class: 'btn ghost help', 'aria-keyshortcuts': '?', onclick: () => showHelp(q) }, '? ' + t('help'));
  main.append(
    h('h1', { class: 'vh' }, t('queueTitle')),
    bar.banner,
    bar.refused,
    h('div', { class: 'bar' }, bar.tabs, help),
    bar.filters,
    bar.chips,
    bar.autoHint,
    undoBar,
    panel,
    more,
  );
  bar.syncTabs();

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
      case 'next': return select(l.sel + 1);
      case 'prev': return select(l.sel - 1);
      case 'search': return bar.qIn.focus();
      case 'help': return showHelp(q);
      case 'bulkApprove': return void bulkAction(q, 'approve');
      case 'bulkReject': return void bulkAction(q, 'reject');
    }
    if (!r) return;
    switch (cmd) {
      case 'approve': return void approve(q, r);
      case 'reject': return void reject(q, r);
      case 'ban': return void ban(q, r);
      case 'unpublish': return void unpublish(q, r);
      case 'cluster': return void cluster(q, r);
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

  bar.syncChips();
  load(true);
  return () => {
    window.clearTimeout(q.undoTimer);
    document.removeEventListener('keydown', onKey);
  };
}
