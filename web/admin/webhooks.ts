// The site's webhooks (admins; docs/CONSOLE.md, "Webhooks"; docs/NOTIFICATIONS.md): the list,
// each removable after a confirmation; the form that adds one, its signing secret then shown
// once with a copy button; the latest deliveries of the outbox, filtered by state.
import { api, ApiError } from './api';
import { t, tn, tr, dateTime, Key } from './i18n';
import { h, say, errorText, modal } from './ui';
import type { Delivery, DeliveryState, Webhook, WebhookEvent, WebhookFormat } from './types';

const EVENTS: [WebhookEvent, Key][] = [
  ['comment.held', 'whEvHeld'], ['comment.reported', 'whEvReported'], ['comment.published', 'whEvPublished'],
  ['comment.rejected', 'whEvRejected'], ['user.banned', 'whEvBanned'],
];
const FORMATS: [WebhookFormat, Key][] = [['palabre', 'whFmtPalabre'], ['slack', 'whFmtSlack'], ['telegram', 'whFmtTelegram']];
const LATEST = 20;

// The outbox's reader e-mails are listed with the webhooks' deliveries (never subscribable).
const MAIL_EVENTS: [string, Key][] = [['mail.confirm', 'whEvMailConfirm'], ['mail.reply', 'whEvMailReply']];
function eventLabel(e: string): string {
  const k = [...EVENTS, ...MAIL_EVENTS].find(([v]) => v === e);
  return k ? t(k[1]) : e;
}
function formatLabel(f: string): string {
  const k = FORMATS.find(([v]) => v === f);
  return k ? t(k[1]) : f;
}

// A field's error: its message under it, the field marked and described by it.
function fieldError(field: HTMLElement, msg: HTMLElement, marked: HTMLElement[]) {
  return {
    set(text: string) {
      msg.textContent = text;
      msg.hidden = false;
      for (const el of marked) el.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', ((field.dataset.hint || '') + ' ' + msg.id).trim());
    },
    clear() {
      msg.textContent = '';
      msg.hidden = true;
      for (const el of marked) el.removeAttribute('aria-invalid');
      if (field.dataset.hint) field.setAttribute('aria-describedby', field.dataset.hint);
      else field.removeAttribute('aria-describedby');
    },
  };
}

// Copies `text`, through the Clipboard API when the page may, else by selecting `el`'s text.
async function copy(text: string, el: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const range = document.createRange();
    range.selectNodeContents(el);
    const sel = window.getSelection();
    if (sel) {
      sel.removeAllRanges();
      sel.addRange(range);
    }
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

export function webhooksSection(site: string): HTMLElement {
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const fail = (e: unknown) => {
    status.className = 'status er';
    status.textContent = errorText(e);
  };
  const list = h('ul', { class: 'whlist', 'aria-labelledby': 'wh-h' });

  // ---- The list ----
  async function refreshList() {
    try {
      show((await api.webhooks(site)).webhooks || []);
    } catch (e) {
      fail(e);
    }
  }
  function show(webhooks: Webhook[]) {
    list.textContent = '';
    if (!webhooks.length) list.append(h('li', { class: 'info' }, t('whNone')));
    for (const w of webhooks) {
      const remove = h('button', {
        type: 'button', class: 'btn ko', 'aria-label': t('whRemoveLabel', { u: w.url }),
        onclick: () => confirmRemove(w, remove),
      }, t('whRemove'));
      list.append(h('li', { 'data-webhook': w.id },
        h('div', { class: 'wh-what' }, h('strong', null, formatLabel(w.format)), ' ', h('code', { class: 'wh-url' }, w.url)),
        h('div', { class: 'wh-ev' }, w.events.map(eventLabel).join(' · ')),
        h('div', { class: 'hint' }, t('whAddedOn', { d: dateTime(w.created_at) })),
        remove));
    }
  }
  async function confirmRemove(w: Webhook, button: HTMLButtonElement) {
    const ok = await modal<boolean>(t('whRemoveTitle'), (done) => [
      h('p', null, t('whRemoveText', { u: w.url })),
      h('div', { class: 'dlg-acts' },
        h('button', { type: 'button', class: 'btn ghost', onclick: (e: Event) => ((e.target as HTMLElement).closest('dialog') as HTMLDialogElement).close() }, t('cancel')),
        h('button', { type: 'button', class: 'btn ko', onclick: () => done(true) }, t('whRemove'))),
    ], button);
    if (!ok) return;
    button.disabled = true;
    try {
      await api.removeWebhook(site, w.id);
      status.className = 'status';
      status.textContent = '';
      say(t('whRemoved'));
      secret.hidden = true;
      secretCode.textContent = '';
      await refreshList();
      const next = list.querySelector<HTMLElement>('button') || form.querySelector<HTMLElement>('input');
      if (next) next.focus(); // the button that had the focus is gone
    } catch (e) {
      button.disabled = false;
      fail(e);
    }
  }

  // ---- The secret, shown once ----
  const secretCode = h('code', { class: 'secret', id: 'wh-secret' });
  const secretChat = h('p', null, t('whSecretChat'));
  const copyBtn = h('button', { type: 'button', class: 'btn' }, t('whCopy'));
  const secret = h('div', { class: 'wh-secret', hidden: true, 'aria-labelledby': 'wh-secret-h', role: 'group' },
    h('h3', { id: 'wh-secret-h' }, t('whSecretTitle')),
    h('p', null, h('strong', null, t('whSecretOnce'))),
    secretCode, copyBtn,
    h('p', { class: 'hint' }, t('whSecretUse')), secretChat);
  copyBtn.addEventListener('click', async () => {
    const done = await copy(secretCode.textContent || '', secretCode);
    say(done ? t('whCopied') : t('whCopyFailed'), !done);
  });

  // ---- The form ----
  const url = h('input', {
    id: 'wh-url', type: 'url', inputmode: 'url', autocomplete: 'off', spellcheck: 'false', maxlength: 2000,
    'aria-describedby': 'wh-url-hint', 'data-hint': 'wh-url-hint',
  });
  const urlMsg = h('p', { class: 'fld-er er', id: 'wh-url-er', hidden: true });
  const format = h('select', { id: 'wh-format' }, ...FORMATS.map(([v, k]) => h('option', { value: v }, t(k))));
  const formatMsg = h('p', { class: 'fld-er er', id: 'wh-format-er', hidden: true });
  const boxes = EVENTS.map(([v, k]) => {
    const id = 'wh-ev-' + v.replace('.', '-');
    const box = h('input', { type: 'checkbox', id, name: 'wh-ev', value: v, checked: v === 'comment.held' || v === 'comment.reported' });
    return { v, box, label: h('label', { class: 'opt', for: id }, box, ' ', t(k)) };
  });
  const eventsMsg = h('p', { class: 'fld-er er', id: 'wh-ev-er', hidden: true });
  const events = h('fieldset', { class: 'wh-events' }, h('legend', null, t('whEvents')), ...boxes.map((b) => b.label), eventsMsg);
  const errors: Record<string, ReturnType<typeof fieldError>> = {
    url: fieldError(url, urlMsg, [url]),
    format: fieldError(format, formatMsg, [format]),
    events: fieldError(events, eventsMsg, boxes.map((b) => b.box)),
  };
  const firstOf: Record<string, HTMLElement> = { url, format, events: boxes[0].box };
  const words: Record<string, Key> = { url: 'whBadUrl', format: 'whBadFormat', events: 'whBadEvents' };
  const bad = (field: string, text: string) => {
    errors[field].set(text);
    say(text, true);
    firstOf[field].focus();
  };
  const add = h('button', { type: 'submit', class: 'btn ok' }, t('whAdd'));
  const form = h(
    'form',
    {
      class: 'whform',
      novalidate: true,
      'aria-labelledby': 'wh-add-h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        for (const k in errors) errors[k].clear();
        status.className = 'status';
        status.textContent = '';
        const chosen = boxes.filter((b) => b.box.checked).map((b) => b.v);
        if (!url.value.trim()) return bad('url', t('whNoUrl'));
        if (!chosen.length) return bad('events', t('whBadEvents'));
        add.disabled = true;
        try {
          const made = await api.addWebhook(site, { url: url.value.trim(), format: format.value as WebhookFormat, events: chosen });
          secretCode.textContent = made.secret;
          secretChat.hidden = made.webhook.format === 'palabre';
          secret.hidden = false;
          url.value = '';
          say(t('whAdded'));
          await refreshList();
          copyBtn.focus();
        } catch (x) {
          const field = x instanceof ApiError && x.code === 'invalid_argument' ? x.field : '';
          if (errors[field]) bad(field, t(words[field]));
          else fail(x);
        } finally {
          add.disabled = false;
        }
      },
    },
    h('h3', { id: 'wh-add-h' }, t('whAddTitle')),
    h('div', { class: 'fld' }, h('label', { for: 'wh-url' }, t('whUrl')), url,
      h('p', { class: 'hint', id: 'wh-url-hint' }, t('whUrlHint')), urlMsg),
    h('div', { class: 'fld' }, h('label', { for: 'wh-format' }, t('whFormat')), format, formatMsg),
    events,
    h('div', { class: 'acts' }, add),
  );

  // ---- The latest deliveries ----
  const filter = h('select', { id: 'wh-state' },
    h('option', { value: '' }, t('whAll')), h('option', { value: 'failed' }, t('whFailedOnly')),
    h('option', { value: 'pending' }, t('whPendingOnly')));
  const refresh = h('button', { type: 'button', class: 'btn' }, t('whRefresh'));
  const tbody = h('tbody', { role: 'rowgroup' });
  const cols: Key[] = ['when', 'whColEvent', 'whColSubject', 'whColState', 'whColAttempts', 'whColError'];
  const table = h('table', { class: 'grid wh-deliveries', role: 'table', 'aria-labelledby': 'wh-del-h', hidden: true },
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, ...cols.map((k) => h('th', { scope: 'col', role: 'columnheader' }, t(k))))),
    tbody);
  const empty = h('p', { class: 'info', hidden: true }, t('whNoDeliveries'));
  function row(d: Delivery): HTMLElement {
    const state = h('td', { class: 'wh-st-' + d.state }, tr('whst_', d.state));
    if (d.state === 'pending' && d.next_attempt_at) state.append(h('br'), h('span', { class: 'hint' }, t('whNext', { d: dateTime(d.next_attempt_at) })));
    const cells = [
      h('td', null, h('time', { datetime: d.created_at }, dateTime(d.created_at))),
      h('td', null, eventLabel(d.event)),
      h('td', null, t(d.event === 'user.banned' ? 'whSubjectBan' : 'whSubjectComment', { id: d.subject })),
      state,
      h('td', null, String(d.attempts)),
      h('td', { class: 'detail' }, d.last_error || ''),
    ];
    // On a phone each row is a block, each cell preceded by its column's name (admin.css).
    for (const [i, c] of cells.entries()) {
      c.setAttribute('data-label', t('ad_setting', { k: t(cols[i]), v: '' }));
      c.setAttribute('role', 'cell');
    }
    return h('tr', { 'data-delivery': d.id, role: 'row' }, ...cells);
  }
  async function loadDeliveries(announce: boolean) {
    refresh.disabled = true;
    try {
      const rows = (await api.deliveries(site, filter.value as DeliveryState | '', LATEST)).deliveries || [];
      tbody.textContent = '';
      for (const d of rows) tbody.append(row(d));
      table.hidden = !rows.length;
      empty.hidden = rows.length > 0;
      if (announce) say(rows.length ? tn('whShown', rows.length) : t('whNoDeliveries'));
    } catch (e) {
      fail(e);
    } finally {
      refresh.disabled = false;
    }
  }
  refresh.addEventListener('click', () => loadDeliveries(true));
  filter.addEventListener('change', () => loadDeliveries(true));

  refreshList();
  loadDeliveries(false);
  return h('section', { class: 'webhooks card', 'aria-labelledby': 'wh-h' },
    h('h2', { id: 'wh-h' }, t('whTitle')), h('p', { class: 'hint' }, t('whHint')),
    list, secret, form, status,
    h('h3', { id: 'wh-del-h' }, t('whDeliveries')),
    h('div', { class: 'wh-filter' }, h('div', { class: 'fld inline' }, h('label', { for: 'wh-state' }, t('whFilter')), filter), refresh),
    table, empty);
}
