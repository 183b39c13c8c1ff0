// What a reader does to a comment besides replying and editing (forms.ts): voting (pressed
// again, a vote is taken back), reporting it (a small menu of reasons), deleting their own.
import { ApiError } from './api';
import { A, errorText, I, named, s, say, setCount, t, View, w } from './context';
import { h, sr } from './dom';
import { nextId, show, statusLine } from './forms';
import type { Key } from './i18n';
import { note, takeOut, unnote } from './render';
import { store, Mine } from './storage';

// On one's own comment (this browser wrote it) the buttons only show the counts: the server
// refuses such votes anyway.
export function voteButton(v: View, dir: 'up' | 'down', n: number): HTMLButtonElement {
  const own = !!s.mine[v.c.id];
  const b = h(
    'button',
    {
      type: 'button',
      class: 'v ' + dir,
      title: own ? I.error('own_comment') : t(dir),
      disabled: own,
      'aria-pressed': String(s.votes[v.c.id] === dir),
      onclick: async () => {
        b.disabled = true;
        const undo = s.votes[v.c.id] === dir;
        try {
          const r = undo ? await A.unvote(v.c.id, store.token()) : await A.vote(v.c.id, dir, store.token());
          if (undo) delete s.votes[v.c.id];
          else s.votes[v.c.id] = dir;
          store.setVote(v.c.id, undo ? null : dir);
          setVotes(v, r.upvotes, r.downvotes);
          unnote(v);
        } catch (e) {
          if (e instanceof ApiError && e.code === 'already_voted') {
            s.votes[v.c.id] = dir;
            store.setVote(v.c.id, dir);
            setVotes(v, v.c.upvotes, v.c.downvotes);
          }
          note(v, errorText(I, e));
        } finally {
          b.disabled = false;
        }
      },
    },
    h('span', { class: 'i', 'aria-hidden': 'true' }),
    sr(t(dir) + ' '),
    h('span', { class: 'n' }, I.num(n)),
  );
  return b;
}

export function setVotes(v: View, up: number, down: number): void {
  v.c.upvotes = up;
  v.c.downvotes = down;
  for (const dir of ['up', 'down'] as const) {
    const b = v.art.querySelector('.v.' + dir);
    if (!b) continue;
    b.setAttribute('aria-pressed', String(s.votes[v.c.id] === dir));
    (b.querySelector('.n') as HTMLElement).textContent = I.num(dir === 'up' ? up : down);
  }
}

// The author can no longer edit or delete: forget the token, remove the buttons.
export function dropOwn(v: View): void {
  store.setMine(v.c.id, null);
  s.mine = store.mine();
  v.art.querySelectorAll('.own').forEach((b) => b.remove());
}

export function askDelete(v: View, m: Mine, trigger: HTMLElement): void {
  if (v.art.querySelector('.cf')) return;
  const yes: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'bt dg',
      onclick: async () => {
        yes.disabled = true;
        try {
          await A.remove(v.c.id, m.t);
          store.setMine(v.c.id, null);
          s.mine = store.mine();
          setCount(s.count - 1);
          const next = (v.li.parentElement && v.li.parentElement.closest('li')) || w.heading;
          takeOut(v);
          if (w.openReply === v) w.openReply = null;
          say(t('removed'));
          (next as HTMLElement).focus();
        } catch (err) {
          box.remove();
          note(v, errorText(I, err));
          if (err instanceof ApiError && /edit_window_expired|bad_edit_token/.test(err.code)) dropOwn(v);
        }
      },
    },
    t('yesDel'),
  );
  const no = () => {
    box.remove();
    trigger.focus();
  };
  const box = h(
    'div',
    { class: 'cf', role: 'group', 'aria-label': t('confirmDel') },
    h('p', null, t('confirmDel')),
    yes,
    h('button', { type: 'button', class: 'bt', onclick: no }, t('cancel')),
  );
  v.art.append(box);
  yes.focus();
}

// "Signaler": a small menu of reasons and an optional note, under the comment.
export function askReport(v: View, btn: HTMLButtonElement): void {
  if (v.rep) return (v.rep.querySelector('input') as HTMLInputElement).focus();
  const id = nextId();
  const line = statusLine();
  const noteField = h('textarea', { id: id + 'n', rows: 2, maxlength: 500 });
  const send = h('button', { type: 'submit', class: 'bt pr' }, t('send'));
  const close = (refocus: boolean) => {
    form.remove();
    delete v.rep;
    btn.setAttribute('aria-expanded', 'false');
    if (refocus) btn.focus();
  };
  const form = h(
    'form',
    {
      class: 'f rf',
      novalidate: true,
      onkeydown: (e: Event) => (e as KeyboardEvent).key === 'Escape' && close(true),
      onsubmit: async (e: Event) => {
        e.preventDefault();
        const r = form.querySelector('input:checked') as HTMLInputElement | null;
        if (!r) return show(line, t('pickReason'), false);
        send.disabled = true;
        try {
          await A.report(v.c.id, r.value, noteField.value.trim(), store.token());
          done(t('reported'));
        } catch (x) {
          if (x instanceof ApiError && x.code === 'already_reported') done(errorText(I, x));
          else show(line, errorText(I, x), false);
        } finally {
          send.disabled = false;
        }
      },
    },
    h(
      'fieldset',
      { class: 'rr' },
      h('legend', null, ...named('reportWhy', v.c.author)),
      ...(['spam', 'abuse', 'hate', 'threat', 'off_topic', 'other'] as const).map((r) =>
        h('label', null, h('input', { type: 'radio', name: id, value: r }), ' ', t(('rp_' + r) as Key)),
      ),
    ),
    h('div', { class: 'fd' }, h('label', { for: id + 'n' }, t('reportNote')), noteField),
    h(
      'div',
      { class: 'fb' },
      h('span', { class: 'sp' }),
      h('button', { type: 'button', class: 'bt', onclick: () => close(true) }, t('cancel')),
      send,
    ),
    line,
  );
  // Reported (or already): the menu goes, the button becomes the thank-you note.
  const done = (msg: string) => {
    close(false);
    const p = h('p', { class: 'nt ok', tabindex: -1 }, msg);
    btn.replaceWith(p);
    p.focus();
    say(msg);
  };
  v.rep = form;
  btn.setAttribute('aria-expanded', 'true');
  v.art.append(form);
  (form.querySelector('input') as HTMLInputElement).focus();
}
