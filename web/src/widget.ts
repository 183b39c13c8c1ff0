// The discussion widget: renders a thread into a Shadow DOM and lets the reader take part.
// mount() builds the skeleton and the shared context (context.ts) and wires the parts: the
// thread's state and rules (state.ts), the comments' DOM (render.ts), the forms (forms.ts) and
// other actions (actions.ts), live updates (updates.ts) and loading (loading.ts).
//
// Everything the reader or a comment author wrote is inserted as text (dom.ts); the only HTML
// ever inserted is the server's sanitized rendering of a comment (`comment.html`).
// Light on data: one request for the first page; everything else waits for the reader (more
// pages, sorting, posting) or for the widget to be scrolled into view (live updates).
import { i18n } from './i18n'; // first: the words' keys sit near the code that uses them (gzip)
import { DEPTH, threadState } from './state'; // the order of the others: the smallest bundle
import { store } from './storage';
import { api } from './api';
import { bind, Config, W } from './context';
import { commentForm, repliesFeed } from './forms';
import { load } from './loading';
import { clamper } from './render';
import { atom, h } from './dom';
import { SORTS, Sort } from './types';
import { showPending } from './updates';

export type { Config } from './context';

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
  if (SORTS.indexOf(chosen) >= 0) cfg.sort = chosen;
  // The first page is asked for before anything is built: the request then overlaps the work.
  const firstPage = A.page(cfg.sort, cfg.limit, DEPTH, null);
  firstPage.catch(() => {}); // handled when awaited
  const I = i18n(cfg.lang);
  const t = I.t;
  const s = threadState(cfg.sort, store.mine(), store.votes());

  // ---- Skeleton ----
  const heading = h('h2', { id: 'ph', tabindex: -1 }, t('loading'));
  const sel = h(
    'select',
    { id: 'ps', onchange: () => ((s.sort = sel.value as Sort), store.setSort(cfg.site, s.sort), load(true)) },
    ...SORTS.map((x) => h('option', { value: x, selected: x === s.sort }, t(x))),
  );
  const announcer = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'l' });
  const bar = h('button', { type: 'button', class: 'nb', hidden: true, onclick: showPending });
  const more = h('button', { type: 'button', class: 'bt mo', hidden: true, onclick: () => load(false) }, t('more'));
  const status = h('p', { class: 'ld', role: 'status' }, t('loading'));
  const closedNote = h('p', { class: 'cl', hidden: true }, t('closed'));
  // Attached when the first page arrives, so that the browser lays the widget out once, with
  // its comments; on a slow network, after 200 ms, to show that comments are loading.
  let attached = false;
  const w: W = {
    cfg, host, root, heading, announcer, list, bar, closedNote, firstPage,
    moreButton: more,
    loadStatus: status,
    here: cfg.site + '/' + cfg.key,
    ro: clamper(),
    mainForm: h('form'), // replaced below: the form needs the context
    attach: () => {
      if (!attached) root.append(style, section);
      attached = true;
    },
  };
  bind(w, A, I, s);
  const feed = store.feed(cfg.site);
  w.mainForm = commentForm(null).el;
  const section = h(
    'section',
    { class: 'pw', lang: cfg.lang, 'aria-labelledby': 'ph' },
    h(
      'div',
      { class: 'hd' },
      heading,
      h(
        'span',
        { class: 'so' },
        h('label', { for: 'ps' }, t('sortBy')),
        ' ',
        sel,
        ' ',
        atom(A.feedUrl(), 'Atom'), // the thread's feed
      ),
      feed && repliesFeed(feed), // the reader posted here from this browser
    ),
    announcer,
    w.mainForm,
    closedNote,
    bar,
    status,
    list,
    more,
  );
  theme(section, cfg);
  setTimeout(w.attach, 200);
  load(true);
}
