// The comments' DOM, built from the thread's state: one comment (its meta line, sanitized body,
// votes and links), a tree of replies with long branches folded, long comments clamped, the
// author's held or refused comment, tombstones, the "new comments" bar.
//
// Everything the reader or a comment author wrote is inserted as text (dom.ts); the only HTML
// ever inserted is the server's sanitized rendering of a comment (`comment.html`, setHtml).
import { askDelete, askReport, voteButton } from './actions';
import { I, named, s, say, t, View, views, w } from './context';
import { h, sr } from './dom';
import { startEdit, startReply } from './forms';
import { editable, FEW, folded } from './state';
import type { Comment, Reason } from './types';

// Trusted Types (a host page with `require-trusted-types-for 'script'`): one policy, "palabre",
// for the server's sanitized comment HTML only. Created on first use; if the page's CSP does
// not allow the name, createPolicy throws and the error says the page blocks the widget.
let policy: { createHTML(s: string): any } | undefined;
function trusted(html: string): string {
  const tt = (window as any).trustedTypes;
  if (tt && !policy) policy = tt.createPolicy('palabre', { createHTML: (s: string) => s });
  return policy ? policy.createHTML(html) : html;
}

export function setHtml(el: HTMLElement, html: string): void {
  el.innerHTML = trusted(html); // the server's sanitized Markdown rendering, nothing else
  el.querySelectorAll('a').forEach((a) => {
    if (!/^(https?:|mailto:)/i.test(a.getAttribute('href') as string)) a.removeAttribute('href'); // (none: null, read as "null")
    a.setAttribute('rel', 'nofollow ugc noopener noreferrer');
    a.setAttribute('target', '_blank');
  });
}

export function markEdited(v: View): void {
  const m = v.art.querySelector('.m');
  if (m && !m.querySelector('.ed')) m.append(' ', h('span', { class: 'ed' }, t('edited')));
}

export function renderComment(c: Comment, level: number): View {
  const li = h('li', { class: 'c', id: 'c' + c.id, tabindex: -1 });
  const art = h('article', {
    'aria-label': c.deleted ? t('deleted') : t('commentBy', { a: c.author }),
  });
  const v: View = { c, li, art, level };
  if (c.deleted) {
    art.append(h('p', { class: 'tb' }, t('deleted')));
  } else {
    art.append(
      h(
        'p',
        { class: 'm' },
        // An isolate of its own (<bdi>, TR 9): the name never reorders the time beside it.
        h('bdi', { class: 'a' }, c.author),
        ' ',
        h('time', { datetime: c.created_at, title: c.full_time }, c.relative_time),
      ),
    );
    if (c.reply_to) art.append(h('p', { class: 'rt' }, ...named('inReplyTo', c.reply_to.author)));
    const body = h('div', { class: 'b' });
    setHtml(body, c.html);
    art.append(body);
    clamp(body);
    const acts = h('div', { class: 'x' }, voteButton(v, 'up', c.upvotes), voteButton(v, 'down', c.downvotes));
    if (!s.closed) {
      v.replyButton = h(
        'button',
        { type: 'button', class: 'lk', 'aria-expanded': 'false', onclick: () => startReply(v) },
        t('reply'),
        sr(' ' + c.author),
      );
      acts.append(v.replyButton);
    }
    acts.append(permalink(c));
    const m = editable(s, c.id, Date.now());
    if (m) {
      const del = h('button', { type: 'button', class: 'lk own', onclick: () => askDelete(v, m, del) }, t('del'));
      acts.append(h('button', { type: 'button', class: 'lk own', onclick: () => startEdit(v, m) }, t('edit')), del);
    } else {
      const rb: HTMLButtonElement = h(
        'button',
        { type: 'button', class: 'lk rb', 'aria-expanded': 'false', onclick: () => askReport(v, rb) },
        t('report'),
        sr(' ' + c.author),
      );
      acts.append(rb);
    }
    art.append(acts);
    if (c.edited_at) markEdited(v);
  }
  li.append(art);
  views.set(c.id, v);
  s.seen.add(c.id);
  if (c.id > s.maxId) s.maxId = c.id;
  return v;
}

export function repliesOf(v: View): HTMLUListElement {
  if (!v.replyList) {
    v.replyList = h('ul', { class: 'r' });
    v.li.append(v.replyList);
  }
  return v.replyList;
}

export function renderTree(c: Comment, level: number): View {
  const v = renderComment(c, level);
  if (c.replies && c.replies.length) {
    const ul = repliesOf(v);
    const rs = c.replies.filter((r) => !views.has(r.id));
    // A long branch shows its first FEW replies; the rest (2 at least) behind a button.
    const n = folded(rs.length);
    rs.forEach((r, i) => {
      const li = renderTree(r, level + 1).li;
      li.hidden = n > 0 && i >= FEW;
      ul.append(li);
    });
    if (n) foldReplies(ul, n);
  }
  return v;
}

// Draws comment `c` afresh in the place of view `v`, replies kept: the author's view of a
// comment the live event drew first, a comment approved again. Returns the new view.
export function redraw(v: View, c: Comment): View {
  v = views.get(c.id) || v; // the view on screen, if another redraw replaced `v`
  const n = renderComment(c, v.level);
  n.li = v.li;
  n.replyList = v.replyList;
  v.art.replaceWith(n.art);
  v.li.classList.remove('nw');
  if (w.openReply === v) w.openReply = null;
  return n;
}

// The author's own comment that is not public: "En attente de vérification" and why (held),
// or not published (`why` null); no votes, replies, reports or link.
export function markHeld(v: View, why: Reason[] | null): View {
  v.st = why ? 1 : 2;
  delete v.replyButton;
  v.art.querySelectorAll(why ? '.v,.lk:not(.own)' : '.x').forEach((b) => b.remove());
  const r = why && I.why(why);
  (v.art.querySelector('.m') as HTMLElement).after(
    h('p', { class: why ? 'nt' : 'nt er' }, why ? (r ? t('pendingWhy', { r }) : t('pending')) : I.reasons([])),
  );
  return v;
}

export function tombstone(v: View): void {
  v.c.deleted = true;
  const tomb = h('article', { 'aria-label': t('deleted') }, h('p', { class: 'tb' }, t('deleted')));
  v.art.replaceWith(tomb);
  v.art = tomb;
}

// A comment deleted or taken out: a tombstone where replies hang, else it goes. Returns
// whether it went.
export function takeOut(v: View): boolean {
  if (v.replyList && v.replyList.children.length) {
    tombstone(v);
    return false;
  }
  v.li.remove();
  views.delete(v.c.id);
  return true;
}

export function updateBar(): void {
  const n = s.pending.length;
  w.bar.hidden = !n;
  w.bar.textContent = n === 1 ? t('new1') : t('newN', { n });
}

// A disclosure button (aria-expanded): `label` says what a press does, `set` does it.
function toggler(label: (open: boolean) => string, set: (open: boolean) => void) {
  let open = false;
  const b = h('button', {
    type: 'button',
    class: 'lk',
    'aria-expanded': 'false',
    onclick: () => {
      open = !open;
      b.setAttribute('aria-expanded', String(open));
      b.textContent = label(open);
      set(open);
    },
  }, label(false));
  return b;
}

// The replies of `ul` after the first FEW are hidden behind "Afficher N réponses" (N >= 2);
// shown, the focus goes to the first of them.
function foldReplies(ul: HTMLUListElement, n: number) {
  ul.after(
    toggler(
      (open) => (open ? t('lessReplies') : t('moreReplies', { n })),
      (open) => {
        const lis = [].slice.call(ul.children, FEW) as HTMLElement[];
        lis.forEach((li) => (li.hidden = !open));
        if (open && lis[0]) lis[0].focus();
      },
    ),
  );
}

// A long comment is cut at 10 lines (CSS line clamp); "Lire la suite" is added once the
// browser laid it out and it does overflow (comments below the screen are measured when
// they come near: content-visibility).
export function clamper(): ResizeObserver | null {
  if (typeof ResizeObserver !== 'function') return null;
  const ro = new ResizeObserver((es) =>
    es.forEach((e) => {
      const b = e.target as HTMLElement;
      if (!b.clientHeight) return;
      ro.unobserve(b);
      if (b.scrollHeight > b.clientHeight + 1)
        b.after(toggler((open) => t(open ? 'readLess' : 'readMore'), (open) => b.classList.toggle('lc', !open)));
      else b.classList.remove('lc');
    }),
  );
  return ro;
}
function clamp(b: HTMLElement) {
  if (!w.ro) return;
  b.classList.add('lc');
  w.ro.observe(b);
}

// "Copier le lien": the page's address with #palabre-c<ID>; where the clipboard is refused,
// the address bar shows the link instead. The link itself can be opened or copied as well.
function permalink(c: Comment) {
  const hash = '#palabre-c' + c.id;
  const label = (msg: string) => {
    a.textContent = msg;
    a.append(sr(' ' + c.author));
  };
  const a: HTMLAnchorElement = h('a', {
    class: 'lk',
    href: hash,
    onclick: async (e: Event) => {
      e.preventDefault();
      let msg = t('copied');
      try {
        await navigator.clipboard.writeText(location.href.replace(/#.*/, '') + hash);
      } catch (x) {
        history.replaceState(history.state, '', hash);
        msg = t('copyBar');
      }
      label(msg);
      say(msg);
      setTimeout(() => label(t('copyLink')), 4000);
    },
  });
  label(t('copyLink'));
  return a;
}

// An error under a comment (a vote or a deletion that failed).
export function note(v: View, msg: string): void {
  if (!v.errorNote) {
    v.errorNote = h('p', { class: 'nt er', role: 'alert' });
    v.art.append(v.errorNote);
  }
  v.errorNote.textContent = msg;
}

// A later success on the same comment: its error note is stale.
export function unnote(v: View): void {
  if (v.errorNote) v.errorNote.remove();
  delete v.errorNote;
}
