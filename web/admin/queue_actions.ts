// The moderator's decisions on the queue: approve (or "Faux positif"), reject with a reason,
// unpublish, ban the author, a cluster or the ticked comments at once; each followed by an
// "Annuler" offered UNDO_MS (the server puts the previous status back while the decision is
// the user's last and recent). And the help listing the keys.
import { api, ApiError } from './api';
import { keyHelp, REJECT_REASONS, reasonForKey, BAN_DAYS } from './text';
import { lang, t, tn, tr } from './i18n';
import type { Key } from './i18n';
import { h, modal, say, errorText } from './ui';
import type { Q } from './queue_render';
import { approvable, clusterOf, falsePositive, Row, sameAuthor } from './queue_state';

// How long a decision's "Annuler" stays offered (the server accepts an undo for 30 s).
const UNDO_MS = 10_000;

// The help's words for each command, and the keys' names.
const KEY_WORDS: Record<string, Key> = {
  ArrowUp: 'keyUp', ArrowDown: 'keyDown', ArrowLeft: 'keyLeft', ArrowRight: 'keyRight', Escape: 'keyEscape',
};
function keyName(k: string): string {
  if (KEY_WORDS[k]) return t(KEY_WORDS[k]);
  return /^[A-Z]$/.test(k) ? t('keyShift', { k }) : k;
}

// The last decision's "Annuler" in the undo bar, offered UNDO_MS.
function offerUndo(q: Q, ids: number[], msg: string) {
  const undoBar = q.undoBar;
  window.clearTimeout(q.undoTimer);
  undoBar.textContent = '';
  if (!ids.length) {
    undoBar.hidden = true;
    return;
  }
  const btn = h('button', {
    type: 'button', class: 'btn undo',
    onclick: async () => {
      window.clearTimeout(q.undoTimer);
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
      const back = q.current()?.item.id;
      q.load(true, ids[0] ?? back);
    },
  }, t('undo'));
  undoBar.append(h('span', null, msg), ' ', btn);
  undoBar.hidden = false;
  q.undoTimer = window.setTimeout(() => {
    undoBar.hidden = true;
    undoBar.textContent = '';
  }, UNDO_MS);
}
export function decided(q: Q, ids: number[], msg: string, error = false) {
  say(msg, error);
  offerUndo(q, ids, msg);
}

// A decision sent, one at a time: its error said (a comment gone meanwhile reloads the list).
async function run<T>(q: Q, f: () => Promise<T>): Promise<T | null> {
  if (q.l.busy) return null;
  q.l.busy = true;
  try {
    return await f();
  } catch (e) {
    say(errorText(e), true);
    if (e instanceof ApiError && (e.code === 'unknown_comment' || e.code === 'invalid_argument')) q.load(true);
    return null;
  } finally {
    q.l.busy = false;
  }
}

export async function approve(q: Q, row: Row) {
  if (falsePositive(row.item)) {
    const r = await run(q, () => api.falsePositive(row.item.id));
    if (!r) return;
    q.drop([row.item.id]);
    return decided(q, [row.item.id], t('falsePositiveMsg', { a: row.item.author }));
  }
  if (!approvable(row.item)) return;
  const r = await run(q, () => api.approve(row.item.id));
  if (!r) return;
  q.drop([row.item.id]);
  decided(q, [row.item.id], t(row.item.status === 'published' && row.item.review ? 'kept' : 'approved', { a: row.item.author }));
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

export async function reject(q: Q, row: Row) {
  if (row.item.status === 'rejected') return;
  const choice = await reasonDialog(t('rejectTitle'), row.art);
  if (!choice) return;
  const r = await run(q, () => api.reject(row.item.id, choice.reason, choice.note));
  if (!r) return;
  q.drop([row.item.id]);
  decided(q, [row.item.id], t('rejectedMsg', { a: row.item.author, r: tr('rs_', choice.reason) }));
}

export async function unpublish(q: Q, row: Row) {
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
  const r = await run(q, () => api.unpublish(row.item.id, reason || undefined));
  if (!r) return;
  q.drop([row.item.id]);
  decided(q, [row.item.id], t('unpublished', { a: row.item.author }));
}

export async function ban(q: Q, row: Row) {
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
  const r = await run(q, () => api.ban({ comment_id: item.id, days: choice.days, reason: choice.reason, by: choice.by }));
  if (!r) return;
  say(t('banned', { a: item.author }));
  // The server rejected the author's held comments: they leave the held and reported tabs.
  if (q.state.status === 'held' || q.state.status === 'reported') q.drop(sameAuthor(q.l.rows.map((x) => x.item), item));
}

async function bulk(q: Q, body: { ids?: number[]; cluster?: number; action: 'approve' | 'reject'; reason?: string }) {
  const r = await run(q, () => api.bulk(body));
  if (!r) return;
  const failed = r.failed || [];
  q.drop(r.done || []);
  decided(q, r.done || [], tn('bulkDone', (r.done || []).length) +
    (failed.length ? ' ' + tn('bulkFailed', failed.length, { l: failed.map((x) => x.id + ' ' + x.code).join(', ') }) : ''),
    failed.length > 0);
  // A cluster's members may not all have been on screen.
  if (body.cluster != null) q.load(true);
}

export async function bulkAction(q: Q, action: 'approve' | 'reject') {
  const ids = q.l.rows.filter((r) => q.l.checked.has(r.item.id)).map((r) => r.item.id);
  if (!ids.length) return say(tn('selected', 0), true);
  if (action === 'approve') return bulk(q, { ids, action });
  const choice = await reasonDialog(tn('rejectBulkTitle', ids.length), q.current()?.art || q.list);
  if (choice) await bulk(q, { ids, action, reason: choice.reason });
}

export async function cluster(q: Q, row: Row) {
  const root = clusterOf(row.item, q.l.rows.map((r) => r.item));
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
  await bulk(q, choice === 'approve' ? { cluster: root, action: 'approve' } : { cluster: root, action: 'reject', reason: choice });
}

export function showHelp(q: Q) {
  modal<null>(t('help'), (done) => [
    h('ul', { class: 'keys' },
      ...keyHelp().map((x) => h('li', { 'data-command': x.command },
        ...x.keys.flatMap((k, i) => [i ? ' / ' : '', h('kbd', { 'data-key': k }, keyName(k))]), lang === 'en' ? ': ' : ' : ', t(('key_' + x.command) as Key))),
      // Keys handled outside the single-key table: the tabs' arrows and Escape.
      h('li', { 'data-command': 'tabs' }, h('kbd', { 'data-key': 'ArrowLeft' }, keyName('ArrowLeft')), ' / ',
        h('kbd', { 'data-key': 'ArrowRight' }, keyName('ArrowRight')), lang === 'en' ? ': ' : ' : ', t('key_tabs')),
      h('li', { 'data-command': 'escape' }, h('kbd', { 'data-key': 'Escape' }, keyName('Escape')), lang === 'en' ? ': ' : ' : ', t('key_escape'))),
    h('div', { class: 'dlg-acts' }, h('button', { type: 'button', class: 'btn', onclick: () => done(null) }, t('close'))),
  ], q.current()?.art || null);
}
