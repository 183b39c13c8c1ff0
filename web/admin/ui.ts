// DOM helpers of the console. Text from the data (comments, names, notes, reasons) always goes
// in as text nodes; the only markup ever parsed is a comment's server-sanitized `html`, and even
// that is parsed inert and passed through an allow-list before it is attached (defence in depth:
// the console runs with the moderators' session).
import { h } from '../src/dom';
import { segments } from './text';
import { t } from './i18n';
import { ApiError } from './api';

export { h };

const TAGS = new Set([
  'P', 'BR', 'STRONG', 'B', 'EM', 'I', 'A', 'BLOCKQUOTE', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'DEL', 'S',
]);

// The server's sanitized Markdown rendering into `el`, allow-listed: unknown elements become
// their text, every attribute goes but a link's http(s)/mailto href.
export function setSafeHtml(el: HTMLElement, html: string): void {
  const tpl = document.createElement('template');
  tpl.innerHTML = html; // inert: a template's content runs nothing and loads nothing
  clean(tpl.content);
  el.textContent = '';
  el.append(document.importNode(tpl.content, true));
}

function clean(node: ParentNode): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) continue; // text
    if (child.nodeType !== 1) {
      child.remove(); // comments, processing instructions
      continue;
    }
    const el = child as Element;
    if (!TAGS.has(el.tagName)) {
      // Dropped with its content for elements whose content is code, kept as text otherwise.
      if (/^(SCRIPT|STYLE|TEMPLATE|IFRAME|OBJECT|EMBED|NOSCRIPT|XMP|NOEMBED|NOFRAMES|TITLE|TEXTAREA)$/.test(el.tagName))
        el.remove();
      else el.replaceWith(document.createTextNode(el.textContent || ''));
      continue;
    }
    for (const a of Array.from(el.attributes)) {
      const keep = el.tagName === 'A' && a.name === 'href' && /^(https?:|mailto:)/i.test(a.value.trim());
      if (!keep) el.removeAttribute(a.name);
    }
    if (el.tagName === 'A') {
      el.setAttribute('rel', 'nofollow ugc noopener noreferrer');
      el.setAttribute('target', '_blank');
    }
    clean(el);
  }
}

// `text` with the byte spans marked: text nodes and <mark> elements only.
export function highlighted(text: string, spans: [number, number][]): DocumentFragment {
  const f = document.createDocumentFragment();
  for (const s of segments(text, spans)) f.append(s.mark ? h('mark', null, s.text) : document.createTextNode(s.text));
  return f;
}

export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return t('error', { m: String(e) });
  if (e.code === 'network') return t('network');
  if (e.code === 'forbidden') return t('forbidden');
  if (e.code === 'csrf_failed') return t('csrf');
  return e.message || t('error', { m: e.code });
}

let announcer: HTMLElement | null = null;
export function setAnnouncer(el: HTMLElement): void {
  announcer = el;
}
// A status message, read out by screen readers and shown in the status bar.
export function say(msg: string, error = false): void {
  if (!announcer) return;
  announcer.textContent = msg;
  announcer.className = error ? 'status er' : 'status ok';
}

// A modal <dialog> (focus stays inside; Escape closes it); resolves with `done`'s value or
// null when closed. `build` gets `done` and returns the dialog's body.
export function modal<T>(
  title: string,
  build: (done: (v: T) => void, dialog: HTMLDialogElement) => Node[],
  returnFocus: HTMLElement | null,
): Promise<T | null> {
  return new Promise((resolve) => {
    let result: T | null = null;
    const id = 'd' + Math.random().toString(36).slice(2);
    const dialog = h('dialog', { class: 'dlg', 'aria-labelledby': id });
    const done = (v: T) => {
      result = v;
      dialog.close();
    };
    dialog.append(h('h2', { id }, title), ...build(done, dialog));
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (returnFocus && returnFocus.isConnected) returnFocus.focus();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
    const first = dialog.querySelector<HTMLElement>('[autofocus], input:checked, input, select, textarea, button');
    if (first) first.focus();
  });
}
