// The reader's forms: posting (under the heading), replying (inline, one open at a time) and
// editing one's own comment within the edit window; each checks the text before sending
// (`invalid`, as the server counts), says the outcome, and puts the comment in place.
import { ApiError } from './api';
import { dropOwn } from './actions';
import { A, errorText, I, named, s, say, t, View, w } from './context';
import { atom, h } from './dom';
import { store, Mine } from './storage';
import { markEdited, markHeld, redraw, setHtml, unnote } from './render';
import { setClosed } from './loading';
import { keep, place, placeHeld } from './updates';

export const MAX = 5000; // characters of a comment

let uid = 0;
// A fresh id for a form's elements (labels point to their fields).
export function nextId(): string {
  return 'p' + ++uid;
}

// Characters as the server counts them: Unicode code points of the NFC text.
// (A string's iterator goes by code points; normalize: every ES2019 browser has it.)
export function chars(s: string): number {
  return [...s.normalize('NFC')].length;
}

// What is wrong with a comment before it is sent, as an API error code ('' if nothing):
// `author` is checked when given (posting), not when editing.
export function invalid(text: string, author?: string): string {
  if (!text.trim()) return 'text_empty';
  if (chars(text) > MAX) return 'text_too_long';
  return author === '' ? 'author_missing' : '';
}

// A text area with its live character count, shared by the posting, reply and edit forms.
function textField(label: (string | Node)[], value: string, rows: number) {
  const id = nextId();
  const counter = h('span', { class: 'cn', id: id + 'n', 'aria-live': 'off' });
  const ta = h('textarea', { id, rows, 'aria-describedby': id + 'n' });
  ta.value = value;
  const update = () => {
    const n = chars(ta.value);
    const over = n - MAX;
    counter.textContent =
      over > 0 ? t(over > 1 ? 'over' : 'over1', { n, max: MAX, x: over }) : t('left', { n, max: MAX });
    counter.className = over > 0 ? 'cn er' : 'cn';
    if (over > 0) ta.setAttribute('aria-invalid', 'true');
    else ta.removeAttribute('aria-invalid');
  };
  ta.addEventListener('input', update);
  update();
  const wrap = h('div', { class: 'fd' }, h('label', { for: id }, ...label), ta, counter);
  return { wrap, ta, update };
}

export function statusLine(): HTMLElement {
  return h('p', { class: 'st', role: 'status', 'aria-live': 'polite' });
}

export function show(line: HTMLElement, msg: string, ok: boolean): void {
  line.textContent = msg;
  line.className = ok ? 'st ok' : 'st er';
}

// The posting form (parent null) or an inline reply form.
export function commentForm(parent: View | null): { el: HTMLFormElement; ta: HTMLTextAreaElement } {
  const id = nextId();
  const text = textField(parent ? named('replyText', parent.c.author) : [t('text')], '', 3);
  const line = statusLine();
  // The name and e-mail fields and the buttons are built when the reader goes into the form:
  // the page shows less at first (phones), and the first render does less work.
  let name: HTMLInputElement;
  let email: HTMLInputElement;
  let box: HTMLInputElement | undefined; // "mail me the replies", where the server sends them
  let submit: HTMLButtonElement;
  let row: HTMLElement;
  const expand = () => {
    if (!name) {
      name = h('input', { id: id + 'a', type: 'text', autocomplete: 'name', required: true });
      name.value = store.name();
      email = h('input', { id: id + 'e', type: 'email', autocomplete: 'email', inputmode: 'email' });
      submit = h('button', { type: 'submit', class: 'bt pr' }, t('publish'));
      const cancel = parent
        ? h('button', { type: 'button', class: 'bt', onclick: () => closeReply(true) }, t('cancel'))
        : null;
      row = h(
        'div',
        { class: 'rw' },
        h('div', { class: 'fd' }, h('label', { for: id + 'a' }, t('name')), name),
        h('div', { class: 'fd' }, h('label', { for: id + 'e' }, t('email')), email),
      );
      line.before(row, h('div', { class: 'fb' }, h('span', { class: 'sp' }), cancel, submit));
    }
    // Offered once the thread said the server mails replies (thread.notify): on a slow network
    // the form can be open before the first page came. Checked, the address is required. (Laid
    // out as the report menu's choices, .rr.)
    if (s.notify && !box) {
      box = h('input', {
        type: 'checkbox',
        'aria-describedby': id + 'i',
        onchange: () => (email.required = (box as HTMLInputElement).checked),
      });
      row.after(
        h('div', { class: 'rr' }, h('label', null, box, t('mailMe')), h('small', { id: id + 'i' }, t('mailHint'))),
      );
    }
  };
  const fail = (msg: string, field: HTMLElement | null) => {
    show(line, msg, false);
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
    }
  };
  const el = h(
    'form',
    {
      class: parent ? 'f rf' : 'f',
      onfocusin: expand,
      onkeydown: (e: Event) => parent && (e as KeyboardEvent).key === 'Escape' && closeReply(true),
      novalidate: true,
      'aria-label': parent ? t('replyTo', { a: parent.c.author }) : null,
      'aria-labelledby': parent ? null : id + 'h',
      onsubmit: async (e: Event) => {
        e.preventDefault();
        if (submit.disabled) return; // sending
        const author = name.value.trim();
        const body = text.ta.value;
        const mail = email.value.trim();
        const notify = box && box.checked;
        name.removeAttribute('aria-invalid');
        email.removeAttribute('aria-invalid');
        const bad = invalid(body, author);
        if (bad) return fail(I.error(bad), bad === 'author_missing' ? name : text.ta);
        if (notify && !mail) return fail(t('mailNeeded'), email);
        submit.disabled = true;
        submit.textContent = t('sending');
        show(line, '', true);
        try {
          const r = await A.post({
            author,
            text: body,
            email: mail || undefined,
            notify_email: notify ? mail : undefined,
            parent: parent ? parent.c.id : undefined,
            title: w.cfg.title || undefined,
            token: store.token(),
          });
          store.setName(author);
          if (parent) unnote(parent);
          const held = r.status === 'held';
          store.setMine(r.comment.id, { t: r.edit_token, x: body, at: Date.now(), k: w.here, h: held ? 1 : undefined });
          s.mine = store.mine();
          text.ta.value = '';
          text.update();
          // The reader's replies feed, shown from now on (the same one for every post on the site).
          const f = r.replies_feed;
          if (f) {
            store.setFeed(w.cfg.site, f);
            if (!w.repliesLink) (w.heading.parentNode as HTMLElement).append(repliesFeed(f));
          }
          // Where the reply e-mails stand: nothing to say when not asked for, or not sent.
          const n = r.notify;
          const mailed =
            n === 'confirm_sent' ? t('mailSent') : n === 'confirm_pending' ? t('mailPending') : n === 'confirmed' ? t('mailOn') : '';
          const msg = (held ? t('held') : t('published')) + (mailed && ' ' + mailed);
          const v = held ? placeHeld(r.comment, r.reasons || []) : place(r.comment, true);
          if (v || !held) {
            say(msg);
            if (parent) closeReply(false);
            else show(line, msg, true);
            // A reply's form is gone: what the e-mails do is said under the reply itself.
            if (parent && v && mailed) v.art.append(h('p', { class: 'nt ok' }, mailed));
            if (v) v.li.focus();
          } else {
            // Held, its parent not on screen: said in the form, which stays.
            show(line, msg, true);
            text.ta.focus();
          }
        } catch (x) {
          const code = x instanceof ApiError ? x.code : '';
          fail(
            errorText(I, x),
            /^author/.test(code) ? name : /^email/.test(code) ? email : /^text/.test(code) ? text.ta : null,
          );
          if (code === 'thread_closed') setClosed();
        } finally {
          submit.disabled = false;
          submit.textContent = t('publish');
          // Disabling the button while sending dropped the focus: give it back.
          if (!w.root.activeElement && el.isConnected) submit.focus();
        }
      },
    },
    parent ? null : h('h3', { id: id + 'h' }, t('join')),
    text.wrap,
    line,
  );
  if (parent) expand();
  return { el, ta: text.ta };
}

// The link to the reader's feed of the replies to their comments (`path` as the API answered
// it), in the header beside the thread's feed; its title says that the link is the key to it.
export function repliesFeed(path: string): HTMLElement {
  return (w.repliesLink = atom(A.abs(path), t('myFeed'), t('myFeedHint')));
}

export function closeReply(refocus: boolean): void {
  const v = w.openReply;
  if (!v) return;
  w.openReply = null;
  if (v.form) v.form.remove();
  delete v.form;
  if (v.replyButton) {
    v.replyButton.setAttribute('aria-expanded', 'false');
    if (refocus) v.replyButton.focus();
  }
}

export function startReply(v: View): void {
  if (w.openReply === v && v.form) {
    (v.form.querySelector('textarea') as HTMLTextAreaElement).focus();
    return;
  }
  closeReply(false);
  const f = commentForm(v);
  v.form = f.el;
  w.openReply = v;
  v.art.append(f.el);
  if (v.replyButton) v.replyButton.setAttribute('aria-expanded', 'true');
  f.ta.focus();
}

export function startEdit(v: View, m: Mine): void {
  if (w.openReply === v) closeReply(false);
  if (v.editForm) return (v.editForm.querySelector('textarea') as HTMLTextAreaElement).focus();
  const body = v.art.querySelector('.b') as HTMLElement;
  const field = textField([t('editText')], m.x, 4);
  const line = statusLine();
  const save = h('button', { type: 'submit', class: 'bt pr' }, t('save'));
  const done = () => {
    form.remove();
    delete v.editForm;
    body.hidden = false;
    v.li.focus();
  };
  const form = h(
    'form',
    {
      class: 'f ef',
      novalidate: true,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const x = field.ta.value;
        const bad = invalid(x);
        if (bad) return show(line, I.error(bad), false);
        save.disabled = true;
        try {
          const r = await A.edit(v.c.id, m.t, x);
          m.x = x;
          store.setMine(v.c.id, m);
          if (r.status === 'held') {
            done();
            keep(v.c.id, 1);
            markHeld(redraw(v, r.comment), r.reasons || []).li.focus();
            say(t('held'));
            return;
          }
          v.c = r.comment;
          unnote(v);
          setHtml(body, r.comment.html);
          markEdited(v);
          done();
          say(t('updated'));
        } catch (err) {
          show(line, errorText(I, err), false);
          if (err instanceof ApiError && /edit_window_expired|bad_edit_token/.test(err.code)) dropOwn(v);
        } finally {
          save.disabled = false;
        }
      },
    },
    field.wrap,
    h(
      'div',
      { class: 'fb' },
      h('span', { class: 'sp' }),
      h('button', { type: 'button', class: 'bt', onclick: done }, t('cancel')),
      save,
    ),
    line,
  );
  v.editForm = form;
  body.hidden = true;
  body.after(form);
  field.ta.focus();
}
