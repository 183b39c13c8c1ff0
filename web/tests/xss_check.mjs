// What the XSS suites assert inside a rendered page: no element that runs code, no on*
// attribute, no script URL in a link or a resource. `checkDom` runs in the browser (passed to
// page.evaluate as source); `vectors` loads web/tests/xss_vectors.json with each {N} replaced
// by the vector's number (the payload calls window.__xss(N) if it ever runs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB } from './harness.mjs';

export function vectors() {
  const all = JSON.parse(readFileSync(join(WEB, 'tests', 'xss_vectors.json'), 'utf8'));
  return all.map((v, i) => ({ ...v, n: i + 1, payload: v.payload.split('{N}').join(String(i + 1)) }));
}

// Records calls instead of alerting; installed before any page script runs.
export function installSpy() {
  window.__xssCalls = [];
  window.__xss = (n) => window.__xssCalls.push(n);
  // Payloads built for an opener or a parent frame.
  try {
    Object.defineProperty(window, 'parent', { get: () => window });
  } catch (e) {
    /* not configurable: fine */
  }
}

// Problems found under the elements matched by `selector` inside `root` (a document or a shadow
// root); each problem is a short string naming the element.
export function checkDom([rootSel, selector]) {
  const root = rootSel ? document.querySelector(rootSel).shadowRoot : document;
  const problems = [];
  const FORBIDDEN = /^(script|iframe|object|embed|base|form|meta|link|style|frame|frameset|applet|noscript|template)$/i;
  const URL_ATTR = /^(href|src|action|formaction|xlink:href|data|srcdoc|background|poster|codebase|cite|srcset|ping)$/i;
  // Browsers ignore these around a scheme: strip them before looking.
  const squash = (v) => v.replace(/[\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u206f\ufeff]/g, '').toLowerCase();
  for (const scope of root.querySelectorAll(selector)) {
    for (const el of [scope, ...scope.querySelectorAll('*')]) {
      const name = el.tagName.toLowerCase();
      if (el !== scope && FORBIDDEN.test(name)) problems.push(`<${name}> element`);
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) problems.push(`<${name} ${a.name}>`);
        if (URL_ATTR.test(a.name) && /^(javascript|data|vbscript|livescript):/.test(squash(a.value)))
          problems.push(`<${name} ${a.name}="${a.value.slice(0, 40)}">`);
        if (a.name === 'style' && /expression|javascript:|url\(|behavior|binding/i.test(a.value)) problems.push(`<${name} style>`);
      }
    }
  }
  return problems;
}
