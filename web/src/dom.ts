// A tiny element builder. Text always goes in as text nodes: nothing here parses HTML.

type AttrValue = string | number | boolean | null | undefined | ((e: Event) => void);
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, AttrValue> | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const k in attrs) {
      const v = attrs[k];
      if (v == null || v === false) continue;
      if (typeof v === 'function') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

// Visually hidden text for screen readers.
export function sr(text: string): HTMLSpanElement {
  return h('span', { class: 'sr' }, text);
}

// A link to an Atom feed (rel="alternate": the same discussion, for feed readers).
export function atom(href: string, label: string, title?: string): HTMLAnchorElement {
  return h('a', { class: 'lk', rel: 'alternate', type: 'application/atom+xml', href, title }, label);
}
