// The discussion widget: renders a thread into a Shadow DOM and lets the reader take part.
//
// Everything the reader or a comment author wrote is inserted as text (dom.ts); the only HTML
// ever inserted is the server's sanitized rendering of a comment (`comment.html`).
// Light on data: one request for the first page; everything else waits for the reader (more
// pages, sorting, posting) or for the widget to be scrolled into view (live updates).
import { api, ApiError } from './api';
import { h, sr } from './dom';
import { i18n, Key, Lang } from './i18n';
import { live } from './live';
import { store, Mine } from './storage';
import type { Comment, MineStatus, Page, Reason, Sort } from './types';


export interface Config {
  base: string; // API base URL (the script's own folder)
  site: string;
  key: string;
  title: string;
  lang: Lang;
  sort: Sort;
  limit: number;
  theme: 'light' | 'dark' | 'auto';
  font: boolean; // the host page's font (data-font="inherit")
}

const DEPTH = 3; // reply levels shown, as the API's default
const MAX = 5000; // characters of a comment
const EDIT_MS = 15 * 60 * 1000; // the server's default edit window
const FEW = 3; // replies shown of a longer branch, before "Afficher N réponses"

interface View {
  c: Comment;
  li: HTMLLIElement;
  art: HTMLElement;
  level: number;
  replies?: HTMLUListElement;
  reply?: HTMLButtonElement;
  form?: HTMLElement; // the open reply form
  rep?: HTMLElement; // the open report menu
  edit?: HTMLElement; // the open edit form
  note?: HTMLElement;
  st?: 1 | 2; // the author's own comment: 1 held for review, 2 not published
}

let uid = 0;

// Trusted Types (a host page with `require-trusted-types-for 'script'`): one policy, "palabre",
// for the server's sanitized comment HTML only. Created on first use; if the page's CSP does
// not allow the name, createPolicy throws and the error says the page blocks the widget.
let policy: { createHTML(s: string): any } | undefined;
function trusted(html: string): string {
  const tt = (window as any).trustedTypes;
  if (tt && !policy) policy = tt.createPolicy('palabre', { createHTML: (s: string) => s });
  return policy ? policy.createHTML(html) : html;
}


// Characters as the server counts them: Unicode code points of the NFC text.
function chars(s: string): number {
  let n = 0;
  const t = s.normalize ? s.normalize('NFC') : s;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

// data-theme (light, dark, or auto: the reader's system setting, followed live) and data-font.
function theme(el: HTMLElement, cfg: Config) {
  if (cfg.font) el.classList.add('fi');
  if (cfg.theme === 'dark') el.classList.add('dk');
  else if (cfg.theme === 'auto') {
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const set = () => el.classList.toggle('dk', mq.matches);
    set();
    mq.addListener(set); // addEventListener('change') only from Safari 14
  }
}

export function mount(host: HTMLElement, cfg: Config): void {
  if (host.shadowRoot) return;
  const root = host.attachShadow({ mode: 'open' });
  // Styles as a constructed stylesheet: a host page's CSP `style-src 'self'` blocks a <style>
  // element, not this. The <style> is only the fallback where adoptedStyleSheets is missing.
  const css = __CSS__; // one copy of the string in the bundle
  let style: HTMLStyleElement | string = '';
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch (e) {
    style = h('style', null, css); // older browsers
  }
  const A = api(cfg.base, cfg.site, cfg.key, cfg.lang);
  const chosen = store.sort(cfg.site) as Sort; // the reader's last choice on this site
  if (/^(oldest|newest|best)$/.test(chosen)) cfg.sort = chosen;
  const here = cfg.site + '/' + cfg.key;
  // The first page is asked for before anything is built: the request then overlaps the work.
  let firstPage: Promise<Page> | null = A.page(cfg.sort, cfg.limit, DEPTH, null);
  firstPage.catch(() => {}); // handled when awaited
  const I = i18n(cfg.lang);
  const t = I.t;
  // A sentence that names a reader, the name an isolate of its own (<bdi>, Unicode TR 9): a
  // right-to-left name, or one ending in digits or punctuation, cannot reorder the words around
  // it. (The server already strips bidi controls from names.) Accessible labels that are not
  // shown keep the plain text.
  const named = (key: Key, name: string): (string | Node)[] => {
    const [before, after] = t(key, { a: '\u0000' }).split('\u0000');
    return [before, h('bdi', null, name), after];
  };

  const views = new Map<number, View>();
  const seen = new Set<number>();
  let pending: Comment[] = []; // new top-level comments waiting behind the bar
  let orphans: Comment[] = []; // live replies whose parent is not shown (yet)
  let sort: Sort = cfg.sort;
  let cursor: string | null = null;
  let count = 0;
  let closed = false;
  let maxId = 0;
  let loaded = false;
  let openReply: View | null = null;
  let mine = store.mine();
  const myVotes = store.votes();

  // ---- Skeleton ----
  const heading = h('h2', { id: 'ph', tabindex: -1 }, t('loading'));
  const sel = h(
    'select',
    { id: 'ps', onchange: () => ((sort = sel.value as Sort), store.setSort(cfg.site, sort), load(true)) },
    ...(['oldest', 'newest', 'best'] as const).map((s) =>
      h('option', { value: s, selected: s === sort }, t(s)),
    ),
  );
  const announcer = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'l' });
  const bar = h('button', { type: 'button', class: 'nb', hidden: true, onclick: showPending });
  const more = h('button', { type: 'button', class: 'bt mo', hidden: true, onclick: () => load(false) }, t('more'));
  const status = h('p', { class: 'ld', role: 'status' }, t('loading'));
  const mainForm = commentForm(null);
  const closedNote = h('p', { class: 'cl', hidden: true }, t('closed'));
  const section = h(
    'section',
    { class: 'pw', lang: cfg.lang, 'aria-labelledby': 'ph' },
    h('div', { class: 'hd' }, heading, h('span', { class: 'so' }, h('label', { for: 'ps' }, t('sortBy')), ' ', sel)),
    announcer,
    mainForm.el,
    closedNote,
    bar,
    status,
    list,
    more,
  );
  theme(section, cfg);
  // Attached when the first page arrives, so that the browser lays the widget out once, with
  // its comments; on a slow network, after 200 ms, to show that comments are loading.
  let attached = false;
  const attach = () => {
    if (!attached) root.append(style, section);
    attached = true;
  };
  setTimeout(attach, 200);

  function say(msg: string) {
    announcer.textContent = '';
    setTimeout(() => (announcer.textContent = msg), 50);
  }

  function errorText(e: unknown): string {
    // Not an answer of the server: the page's CSP or Trusted Types stopped the widget (or a bug).
    if (!(e instanceof ApiError)) return t('broken');
    if (e.code === 'network') return t('network');
    if (e.code === 'rejected') return I.reasons(e.reasons);
    if (e.retryAfter > 0 && e.code === 'rate_limited')
      return e.retryAfter === 1 ? t('rateIn1') : t('rateIn', { n: e.retryAfter });
    if (e.retryAfter > 0 && e.code === 'unavailable') return t('unavailableIn', { n: e.retryAfter });
    return I.error(e.code, e.message);
  }

  function setCount(n: number) {
    count = Math.max(0, n);
    heading.textContent = I.count(count);
  }

  // ---- Forms ----
  // A text area with its live character count, shared by the posting, reply and edit forms.
  function textField(label: string | (string | Node)[], value: string, rows: number) {
    const id = 'p' + ++uid;
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
    const wrap = h('div', { class: 'fd' }, h('label', { for: id }, ...([] as (string | Node)[]).concat(label)), ta, counter);
    return { wrap, ta, counter, update };
  }

  function statusLine() {
    return h('p', { class: 'st', role: 'status', 'aria-live': 'polite' });
  }

  function show(line: HTMLElement, msg: string, ok: boolean) {
    line.textContent = msg;
    line.className = ok ? 'st ok' : 'st er';
  }

  // The posting form (parent null) or an inline reply form.
  function commentForm(parent: View | null) {
    const id = 'p' + ++uid;
    const text = textField(parent ? named('replyText', parent.c.author) : t('text'), '', 3);
    const line = statusLine();
    // The name and e-mail fields and the buttons are built when the reader goes into the form:
    // the page shows less at first (phones), and the first render does less work.
    let name: HTMLInputElement;
    let email: HTMLInputElement;
    let submit: HTMLButtonElement;
    const expand = () => {
      if (name) return;
      name = h('input', { id: id + 'a', type: 'text', autocomplete: 'name', required: true });
      name.value = store.name();
      email = h('input', { id: id + 'e', type: 'email', autocomplete: 'email', inputmode: 'email' });
      submit = h('button', { type: 'submit', class: 'bt pr' }, t('publish'));
      const cancel = parent
        ? h('button', { type: 'button', class: 'bt', onclick: () => closeReply(true) }, t('cancel'))
        : null;
      el.insertBefore(
        h(
          'div',
          { class: 'rw' },
          h('div', { class: 'fd' }, h('label', { for: id + 'a' }, t('name')), name),
          h('div', { class: 'fd' }, h('label', { for: id + 'e' }, t('email')), email),
        ),
        line,
      );
      el.insertBefore(h('div', { class: 'fb' }, h('span', { class: 'sp' }), cancel, submit), line);
    };
    let busy = false;
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
          if (busy) return;
          const author = name.value.trim();
          const body = text.ta.value;
          name.removeAttribute('aria-invalid');
          email.removeAttribute('aria-invalid');
          if (!body.trim()) return fail(I.error('text_empty'), text.ta);
          if (chars(body) > MAX) return fail(I.error('text_too_long'), text.ta);
          if (!author) return fail(I.error('author_missing'), name);
          busy = true;
          submit.disabled = true;
          submit.textContent = t('sending');
          show(line, '', true);
          try {
            const r = await A.post({
              author,
              text: body,
              email: email.value.trim() || undefined,
              parent: parent ? parent.c.id : undefined,
              title: cfg.title || undefined,
            });
            store.setName(author);
            if (parent) unnote(parent);
            const held = r.status === 'held';
            store.setMine(r.comment.id, { t: r.edit_token, x: body, at: Date.now(), k: here, h: held ? 1 : undefined });
            mine = store.mine();
            text.ta.value = '';
            text.update();
            const v = held && placeHeld(r.comment, r.reasons || []);
            if (v) {
              say(t('held'));
              if (parent) closeReply(false);
              else show(line, t('held'), true);
              v.li.focus();
            } else if (held) {
              show(line, t('held'), true);
              text.ta.focus();
            } else {
              const v = place(r.comment, true);
              say(t('published'));
              if (parent) closeReply(false);
              else show(line, t('published'), true);
              if (v) v.li.focus();
            }
          } catch (x) {
            const code = x instanceof ApiError ? x.code : '';
            fail(
              errorText(x),
              /^author/.test(code) ? name : /^email/.test(code) ? email : /^text/.test(code) ? text.ta : null,
            );
            if (code === 'thread_closed') setClosed();
          } finally {
            busy = false;
            submit.disabled = false;
            submit.textContent = t('publish');
            // Disabling the button while sending dropped the focus: give it back.
            if (!root.activeElement && el.isConnected) submit.focus();
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

  function closeReply(refocus: boolean) {
    const v = openReply;
    if (!v) return;
    openReply = null;
    if (v.form) v.form.remove();
    v.form = undefined;
    if (v.reply) {
      v.reply.setAttribute('aria-expanded', 'false');
      if (refocus) v.reply.focus();
    }
  }

  function startReply(v: View) {
    if (openReply === v && v.form) {
      (v.form.querySelector('textarea') as HTMLTextAreaElement).focus();
      return;
    }
    closeReply(false);
    const f = commentForm(v);
    v.form = f.el;
    openReply = v;
    v.art.append(f.el);
    if (v.reply) v.reply.setAttribute('aria-expanded', 'true');
    f.ta.focus();
  }

  function note(v: View, msg: string) {
    if (!v.note) {
      v.note = h('p', { class: 'nt er', role: 'alert' });
      v.art.append(v.note);
    }
    v.note.textContent = msg;
  }

  // A later success on the same comment: its error note is stale.
  function unnote(v: View) {
    if (v.note) v.note.remove();
    v.note = undefined;
  }

  function mineOf(id: number): Mine | null {
    const m = mine[id];
    return m && Date.now() - m.at < EDIT_MS ? m : null;
  }

  function startEdit(v: View, m: Mine) {
    if (openReply === v) closeReply(false);
    if (v.edit) return (v.edit.querySelector('textarea') as HTMLTextAreaElement).focus();
    const body = v.art.querySelector('.b') as HTMLElement;
    const field = textField(t('editText'), m.x, 4);
    const line = statusLine();
    const save = h('button', { type: 'submit', class: 'bt pr' }, t('save'));
    const done = () => {
      form.remove();
      v.edit = undefined;
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
          if (!x.trim()) return show(line, I.error('text_empty'), false);
          if (chars(x) > MAX) return show(line, I.error('text_too_long'), false);
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
            show(line, errorText(err), false);
            if (err instanceof ApiError && /edit_window_expired|bad_edit_token/.test(err.code))
              dropOwn(v);
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
    v.edit = form;
    body.hidden = true;
    body.after(form);
    field.ta.focus();
  }

  // The author can no longer edit or delete: forget the token, remove the buttons.
  function dropOwn(v: View) {
    store.setMine(v.c.id, null);
    mine = store.mine();
    v.art.querySelectorAll('.own').forEach((b) => b.remove());
  }

  function askDelete(v: View, m: Mine, trigger: HTMLElement) {
    if (v.art.querySelector('.cf')) return;
    const yes = h('button', { type: 'button', class: 'bt dg' }, t('yesDel'));
    const no = h('button', { type: 'button', class: 'bt' }, t('cancel'));
    const box = h('div', { class: 'cf', role: 'group', 'aria-label': t('confirmDel') }, h('p', null, t('confirmDel')), yes, no);
    no.onclick = () => {
      box.remove();
      trigger.focus();
    };
    yes.onclick = async () => {
      yes.disabled = true;
      try {
        await A.remove(v.c.id, m.t);
        store.setMine(v.c.id, null);
        mine = store.mine();
        setCount(count - 1);
        const next = (v.li.parentElement && v.li.parentElement.closest('li')) || heading;
        if (v.replies && v.replies.children.length) {
          tombstone(v);
        } else {
          v.li.remove();
          views.delete(v.c.id);
        }
        if (openReply === v) openReply = null;
        say(t('removed'));
        (next as HTMLElement).focus();
      } catch (err) {
        box.remove();
        note(v, errorText(err));
        if (err instanceof ApiError && /edit_window_expired|bad_edit_token/.test(err.code)) dropOwn(v);
      }
    };
    v.art.append(box);
    yes.focus();
  }

  // "Signaler": a small menu of reasons and an optional note, under the comment.
  function askReport(v: View, btn: HTMLButtonElement) {
    if (v.rep) return (v.rep.querySelector('input') as HTMLInputElement).focus();
    const id = 'p' + ++uid;
    const line = statusLine();
    const noteField = h('textarea', { id: id + 'n', rows: 2, maxlength: 500 });
    const send = h('button', { type: 'submit', class: 'bt pr' }, t('send'));
    const close = (refocus: boolean) => {
      form.remove();
      v.rep = undefined;
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
            if (x instanceof ApiError && x.code === 'already_reported') done(errorText(x));
            else show(line, errorText(x), false);
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

  // ---- Comments ----
  function setHtml(el: HTMLElement, html: string) {
    el.innerHTML = trusted(html); // the server's sanitized Markdown rendering, nothing else
    el.querySelectorAll('a').forEach((a) => {
      if (!/^(https?:|mailto:)/i.test(a.getAttribute('href') || '')) a.removeAttribute('href');
      a.setAttribute('rel', 'nofollow ugc noopener noreferrer');
      a.setAttribute('target', '_blank');
    });
  }

  function markEdited(v: View) {
    const m = v.art.querySelector('.m');
    if (m && !m.querySelector('.ed')) m.append(' ', h('span', { class: 'ed' }, t('edited')));
  }

  // Pressed again, a vote is taken back. On one's own comment (this browser wrote it) the buttons
  // only show the counts: the server refuses such votes anyway.
  function voteButton(v: View, dir: 'up' | 'down', n: number) {
    const own = !!mine[v.c.id];
    const b = h(
      'button',
      {
        type: 'button',
        class: 'v ' + dir,
        title: own ? I.error('own_comment') : t(dir),
        disabled: own,
        'aria-pressed': String(myVotes[v.c.id] === dir),
        onclick: async () => {
          b.disabled = true;
          const undo = myVotes[v.c.id] === dir;
          try {
            const r = undo ? await A.unvote(v.c.id, store.token()) : await A.vote(v.c.id, dir, store.token());
            if (undo) delete myVotes[v.c.id];
            else myVotes[v.c.id] = dir;
            store.setVote(v.c.id, undo ? null : dir);
            setVotes(v, r.upvotes, r.downvotes);
            unnote(v);
          } catch (e) {
            if (e instanceof ApiError && e.code === 'already_voted') {
              myVotes[v.c.id] = dir;
              store.setVote(v.c.id, dir);
              setVotes(v, v.c.upvotes, v.c.downvotes);
            }
            note(v, errorText(e));
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

  function setVotes(v: View, up: number, down: number) {
    v.c.upvotes = up;
    v.c.downvotes = down;
    for (const dir of ['up', 'down'] as const) {
      const b = v.art.querySelector('.v.' + dir);
      if (!b) continue;
      b.setAttribute('aria-pressed', String(myVotes[v.c.id] === dir));
      (b.querySelector('.n') as HTMLElement).textContent = I.num(dir === 'up' ? up : down);
    }
  }

  function renderComment(c: Comment, level: number): View {
    const li = h('li', { class: 'c', id: 'c' + c.id, tabindex: -1 });
    const art = h('article', {
      'aria-label': c.deleted ? t('deleted') : t('commentBy', { a: c.author }),
    });
    const v: View = { c, li, art, level };
    if (c.deleted) {
      art.append(h('p', { class: 'tb' }, t('deleted')));
    } else {
      const meta = h(
        'p',
        { class: 'm' },
        // An isolate of its own (<bdi>, TR 9): the name never reorders the time beside it.
        h('bdi', { class: 'a' }, c.author),
        ' ',
        h('time', { datetime: c.created_at, title: c.full_time }, c.relative_time),
      );
      art.append(meta);
      if (c.reply_to) art.append(h('p', { class: 'rt' }, ...named('inReplyTo', c.reply_to.author)));
      const body = h('div', { class: 'b' });
      setHtml(body, c.html);
      art.append(body);
      clamp(body);
      const acts = h('div', { class: 'x' }, voteButton(v, 'up', c.upvotes), voteButton(v, 'down', c.downvotes));
      if (!closed) {
        v.reply = h(
          'button',
          { type: 'button', class: 'lk', 'aria-expanded': 'false', onclick: () => startReply(v) },
          t('reply'),
          sr(' ' + c.author),
        );
        acts.append(v.reply);
      }
      const m = mineOf(c.id);
      const rb: HTMLButtonElement = h(
        'button',
        { type: 'button', class: 'lk rb', 'aria-expanded': 'false', onclick: () => askReport(v, rb) },
        t('report'),
        sr(' ' + c.author),
      );
      acts.append(permalink(c));
      if (!m) acts.append(rb);
      if (m) {
        const ed = h('button', { type: 'button', class: 'lk own', onclick: () => startEdit(v, m) }, t('edit'));
        const del = h('button', { type: 'button', class: 'lk own', onclick: () => askDelete(v, m, del) }, t('del'));
        acts.append(ed, del);
      }
      art.append(acts);
      if (c.edited_at) markEdited(v);
    }
    li.append(art);
    views.set(c.id, v);
    seen.add(c.id);
    if (c.id > maxId) maxId = c.id;
    return v;
  }

  function repliesOf(v: View): HTMLUListElement {
    if (!v.replies) {
      v.replies = h('ul', { class: 'r' });
      v.li.append(v.replies);
    }
    return v.replies;
  }

  function renderTree(c: Comment, level: number): View {
    const v = renderComment(c, level);
    if (c.replies && c.replies.length) {
      const ul = repliesOf(v);
      const rs = c.replies.filter((r) => !views.has(r.id));
      // A long branch shows its first FEW replies; the rest (2 at least) behind a button.
      const fold = rs.length > FEW + 1;
      rs.forEach((r, i) => {
        const li = renderTree(r, level + 1).li;
        li.hidden = fold && i >= FEW;
        ul.append(li);
      });
      if (fold) foldReplies(ul, rs.length - FEW);
    }
    return v;
  }

  // Puts a comment that was not on the page where it belongs; null if its parent is not shown.
  function place(c: Comment, own: boolean): View | null {
    const known = views.get(c.id);
    // Drawn from the live event before the post's answer came: drawn again as the author's.
    if (known) return own && !known.st ? redraw(known, c) : known;
    if (!seen.has(c.id)) setCount(count + 1);
    pending = pending.filter((p) => p.id !== c.id);
    updateBar();
    if (c.parent == null) {
      const v = renderTree(c, 0);
      if (sort === 'oldest') list.append(v.li);
      else list.prepend(v.li);
      if (!own) v.li.classList.add('nw');
      placeOrphans();
      return v;
    }
    const p = views.get(c.parent);
    if (!p) return null;
    let v: View;
    if (p.level < DEPTH) {
      v = renderTree(c, p.level + 1);
      repliesOf(p).append(v.li);
    } else {
      if (!c.reply_to) c.reply_to = { id: p.c.id, author: p.c.author };
      v = renderTree(c, p.level);
      (p.li.parentElement as HTMLElement).append(v.li);
    }
    if (!own) v.li.classList.add('nw');
    return v;
  }

  function placeOrphans() {
    const rest: Comment[] = [];
    for (const o of orphans) if (!(o.parent != null && views.has(o.parent) && place(o, false))) rest.push(o);
    orphans = rest;
  }

  // A comment that someone else just posted (live or polled).
  function incoming(c: Comment) {
    const known = views.get(c.id);
    if (known) return update(known, c);
    if (c.deleted || seen.has(c.id)) return;
    if (c.id > maxId) maxId = c.id;
    if (c.parent != null && views.has(c.parent)) {
      place(c, false); // a reply to a comment on screen goes in place
      return;
    }
    seen.add(c.id);
    setCount(count + 1);
    if (c.parent == null) pending.push(c);
    else orphans.push(c);
    updateBar();
  }

  // A comment on screen that changed elsewhere (edited, voted on, deleted).
  function update(v: View, c: Comment) {
    if (!c.deleted && (v.st || v.c.deleted)) {
      // published again (approved after being held, unpublished or rejected): drawn anew
      keep(c.id, 0);
      return void redraw(v, c);
    }
    if (v.c.deleted) return;
    if (c.deleted) {
      if (v.replies && v.replies.children.length) tombstone(v);
      else {
        v.li.remove();
        views.delete(c.id);
      }
      setCount(count - 1);
      return;
    }
    const body = v.art.querySelector('.b') as HTMLElement | null;
    if (body && c.html !== v.c.html) setHtml(body, c.html);
    if (c.edited_at) markEdited(v);
    setVotes(v, c.upvotes, c.downvotes);
    v.c = Object.assign(v.c, { html: c.html, edited_at: c.edited_at });
  }

  // A comment taken out of the thread by moderation: it goes, or leaves a tombstone where
  // replies hang; the "count" event that follows sets the header.
  function removed(id: number) {
    pending = pending.filter((p) => p.id !== id);
    orphans = orphans.filter((p) => p.id !== id);
    updateBar();
    const v = views.get(id);
    if (!v || v.c.deleted) return;
    if (mine[id]) return void askMine([id]); // held (shown to its author) or rejected
    if (v.replies && v.replies.children.length) tombstone(v);
    else {
      v.li.remove();
      views.delete(id);
      seen.delete(id); // approved again, it comes back
    }
  }

  // Draws comment `c` afresh in the place of view `v`, replies kept: the author's view of a
  // comment the live event drew first, a comment approved again. Returns the new view.
  function redraw(v: View, c: Comment): View {
    v = views.get(c.id) || v; // the view on screen, if another redraw replaced `v`
    const w = renderComment(c, v.level);
    w.li = v.li;
    w.replies = v.replies;
    v.art.replaceWith(w.art);
    v.li.classList.remove('nw');
    if (openReply === v) openReply = null;
    return w;
  }

  // The author's own comment that is not public: "En attente de vérification" and why (held),
  // or not published (`why` null); no votes, replies, reports or link.
  function markHeld(v: View, why: Reason[] | null): View {
    v.st = why ? 1 : 2;
    v.reply = undefined;
    v.art.querySelectorAll(why ? '.v,.lk:not(.own)' : '.x').forEach((b) => b.remove());
    const r = why && I.why(why);
    (v.art.querySelector('.m') as HTMLElement).after(
      h('p', { class: why ? 'nt' : 'nt er' }, why ? (r ? t('pendingWhy', { r }) : t('pending')) : I.reasons([])),
    );
    return v;
  }

  // Shows the author's held comment where it belongs (null if its parent is not shown).
  function placeHeld(c: Comment, why: Reason[]): View | null {
    const known = views.get(c.id);
    seen.add(c.id); // not counted: the thread's count is of published comments
    const v = known ? redraw(known, c) : place(c, true);
    if (!v) seen.delete(c.id);
    return v && markHeld(v, why);
  }

  // Remembers whether one of the reader's comments waits for review.
  function keep(id: number, held: 0 | 1) {
    const m = mine[id];
    if (!m) return;
    if (held) m.h = 1;
    else delete m.h;
    store.setMine(id, m);
  }

  // Where the reader's own comments stand, asked with their edit tokens: held ones are shown
  // to their author, rejected ones said so, the others forgotten as held.
  async function askMine(ids: string[] | number[]) {
    let r: { items: MineStatus[] };
    try {
      r = await A.mine(ids.map((id) => ({ id: +id, edit_token: mine[id].t })));
    } catch (e) {
      return;
    }
    for (const x of r.items) {
      const v = views.get(x.id);
      if (x.status === 'held' && x.comment) {
        keep(x.id, 1);
        if (!v || v.st !== 1) placeHeld(x.comment, x.reasons || []);
      } else if (x.status === 'published') keep(x.id, 0);
      else if (x.status === 'rejected') {
        keep(x.id, 0); // said once; still the author's if a moderator approves it after all
        if (v) v.st !== 2 && markHeld(redraw(v, v.c), null);
        else list.before(h('p', { class: 'nt er', role: 'status' }, I.reasons(x.reasons || [])));
      } else {
        store.setMine(x.id, null);
        mine = store.mine();
        removed(x.id);
      }
    }
  }

  function tombstone(v: View) {
    v.c.deleted = true;
    const tomb = h('article', { 'aria-label': t('deleted') }, h('p', { class: 'tb' }, t('deleted')));
    v.art.replaceWith(tomb);
    v.art = tomb;
  }

  function updateBar() {
    const n = pending.length;
    bar.hidden = n === 0;
    bar.textContent = n === 1 ? t('new1') : t('newN', { n });
  }

  function showPending() {
    // Oldest first and the end of the thread not loaded: they come with the next pages.
    if (sort === 'oldest' && cursor) return void load(false);
    const batch = pending;
    pending = [];
    let first: View | null = null;
    batch.sort((a, b) => a.id - b.id);
    for (const c of batch) {
      const v = place(c, false); // counted on arrival: still in `seen`, so not counted again
      if (v && (!first || sort !== 'oldest')) first = v;
    }
    updateBar();
    if (first) first.li.focus();
  }

  // ---- Long threads, permalinks, times ----
  // A disclosure button (aria-expanded): `label` says what a press does, `set` does it.
  function toggler(label: (open: boolean) => string, set: (open: boolean) => void) {
    const b = h('button', {
      type: 'button',
      class: 'lk',
      'aria-expanded': 'false',
      onclick: () => {
        const open = b.getAttribute('aria-expanded') !== 'true';
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
  const ro =
    typeof ResizeObserver === 'function'
      ? new ResizeObserver((es) =>
          es.forEach((e) => {
            const b = e.target as HTMLElement;
            if (!b.clientHeight) return;
            (ro as ResizeObserver).unobserve(b);
            if (b.scrollHeight > b.clientHeight + 1)
              b.after(toggler((open) => t(open ? 'readLess' : 'readMore'), (open) => b.classList.toggle('lc', !open)));
            else b.classList.remove('lc');
          }),
        )
      : null;
  function clamp(b: HTMLElement) {
    if (!ro) return;
    b.classList.add('lc');
    ro.observe(b);
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

  // Opened with a permalink (or the hash changed to one): the comment is loaded (up to 10 more
  // pages of 100 top-level comments), unfolded, scrolled to, highlighted and focused.
  let seeking = false;
  async function seek() {
    const m = /^#palabre-c(\d+)$/.exec(location.hash);
    if (!m) return;
    const id = +m[1];
    seeking = true;
    for (let i = 0; i < 10 && !views.has(id) && cursor; i++) await load(false);
    seeking = false;
    const v = views.get(id);
    if (!v) return;
    for (let e: HTMLElement | null = v.li; e && e !== list; e = e.parentElement)
      if (e.hidden) (e.parentElement!.nextElementSibling as HTMLElement).click();
    v.li.classList.add('nw');
    v.li.scrollIntoView({ block: 'center' });
    v.li.focus({ preventScroll: true });
  }

  // Relative times stay true on an open page: one timer for the widget, every 30 s while the
  // page is visible. Only times of the same day change, in the server's words (Intl's, which
  // are the same); older ones name a day or a date, as the server wrote them.
  let rtf: any;
  function ago(iso: string): string {
    const at = Date.parse(iso);
    const now = Date.now();
    const m = Math.floor((now - at) / 60000);
    const RT = (Intl as any).RelativeTimeFormat; // Safari 14+: older ones keep the server's
    if (m < 1) return t('now');
    if (!RT || (m >= 60 && new Date(at).toDateString() !== new Date(now).toDateString())) return '';
    rtf = rtf || new RT(cfg.lang);
    return m < 60 ? rtf.format(-m, 'minute') : rtf.format(-Math.floor(m / 60), 'hour');
  }
  function tick() {
    if (document.hidden) return;
    root.querySelectorAll('time').forEach((el) => {
      const s = ago(el.getAttribute('datetime') || '');
      if (s && el.textContent !== s) el.textContent = s;
    });
  }

  // ---- Loading ----
  function setClosed() {
    closed = true;
    mainForm.el.hidden = true;
    closedNote.hidden = false;
    list.querySelectorAll('.x .lk:not(.own):not(.rb)').forEach((b) => b.remove());
  }

  let loads = 0; // the latest load wins; earlier answers are dropped
  async function load(reset: boolean) {
    if (!reset && more.getAttribute('aria-disabled')) return;
    const ticket = ++loads;
    if (reset) {
      cursor = null;
      pending = [];
      orphans = [];
      updateBar();
    }
    more.setAttribute('aria-disabled', 'true');
    status.hidden = false;
    status.className = 'ld';
    status.textContent = t('loading');
    try {
      const ask = firstPage || A.page(sort, seeking ? 100 : cfg.limit, DEPTH, cursor);
      firstPage = null;
      const p = await ask;
      if (ticket !== loads) return;
      if (!loaded && performance.mark) performance.mark('palabre:data');
      if (reset) {
        list.textContent = '';
        views.clear();
        seen.clear();
        openReply = null;
      }
      attach();
      if (p.thread.closed && !closed) setClosed();
      setCount(p.thread.count);
      const frag = document.createDocumentFragment();
      let first: View | null = null;
      for (const c of p.comments) {
        if (views.has(c.id)) continue;
        const v = renderTree(c, 0);
        first = first || v;
        frag.append(v.li);
      }
      list.append(frag);
      pending = pending.filter((c) => !views.has(c.id));
      updateBar();
      cursor = p.next_cursor;
      more.hidden = !cursor;
      status.hidden = true;
      const held = Object.keys(mine).filter((id) => mine[id].h && mine[id].k === here);
      if (reset && held.length) askMine(held);
      if (!loaded) {
        loaded = true;
        if (performance.mark) performance.mark('palabre:rendered');
        host.dispatchEvent(new CustomEvent('palabre:ready', { detail: { count } }));
        startLive();
        setInterval(tick, 30000);
        setTimeout(seek);
        addEventListener('hashchange', seek);
      } else if (!reset && first) {
        first.li.focus();
      }
    } catch (e) {
      if (ticket !== loads) return;
      attach();
      status.className = 'ld er';
      status.textContent = '';
      status.append(
        (loaded ? '' : t('loadError') + ' ') + errorText(e) + ' ',
        h('button', { type: 'button', class: 'lk', onclick: () => load(reset) }, t('retry')),
      );
    } finally {
      if (ticket === loads) more.removeAttribute('aria-disabled');
    }
  }

  // The server says it may have missed changes (or the stream was down): the shown part of the
  // thread is asked for again and merged in place, as live events would have been (new
  // comments behind the bar, changes and removals where they are): open forms, drafts, the
  // sort and the scroll stay. A reset during a resync runs it once more.
  let syncing = false;
  let again = false;
  async function resync() {
    if (syncing) return void (again = true);
    syncing = true;
    try {
      do {
        again = false;
        const ticket = loads;
        const shown = list.children.length;
        const p = await A.page(sort, Math.min(1000, Math.max(cfg.limit, shown)), DEPTH, null);
        if (ticket !== loads) return; // a load started meanwhile: it is fresh anyway
        mergeFresh(p);
      } while (again);
    } catch (e) {
      // the next reset, or the reader, loads again
    } finally {
      syncing = false;
    }
  }

  function mergeFresh(p: Page) {
    const fresh = new Set<number>();
    const roots = new Set<number>();
    const walk = (cs: Comment[]) => cs.forEach((c) => (fresh.add(c.id), c.replies && walk(c.replies)));
    walk(p.comments);
    p.comments.forEach((c) => roots.add(c.id));
    // Gone: shown under a root the page lists (its replies come with it), or anywhere when the
    // page holds the whole thread.
    for (const [id, v] of [...views]) {
      if (fresh.has(id) || v.st) continue;
      let top: Element = v.li;
      while (top.parentElement && top.parentElement !== list) top = top.parentElement;
      if (!p.next_cursor || roots.has(Number(top.id.slice(1)))) removed(id);
    }
    const visit = (cs: Comment[]) => {
      for (const c of cs) {
        incoming(c);
        if (c.replies && views.has(c.id)) visit(c.replies);
      }
    };
    visit(p.comments);
    if (p.thread.closed && !closed) setClosed();
    setCount(p.thread.count);
  }

  // Live updates start once the widget is (nearly) on screen: a reader who never scrolls to
  // the comments never opens the stream.
  function startLive() {
    let started = false;
    let baseline = true;
    const go = () => {
      if (started) return;
      started = true;
      live(A.eventsUrl(), incoming, setCount, removed, resync, async () => {
        const p = await A.page('newest', 20, DEPTH, null);
        const floor = maxId;
        const walk = (cs: Comment[]) => {
          for (const c of cs) {
            if (!baseline && c.id > floor) incoming(c);
            if (c.id > maxId) maxId = c.id;
            if (c.replies) walk(c.replies);
          }
        };
        walk(p.comments);
        baseline = false;
      });
    };
    if (typeof IntersectionObserver !== 'function') return go();
    const io = new IntersectionObserver(
      (es) => {
        if (es.some((e) => e.isIntersecting)) {
          io.disconnect();
          go();
        }
      },
      { rootMargin: '400px' },
    );
    io.observe(host);
  }

  load(true);
}
