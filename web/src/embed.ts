// Entry point of embed.js. A publisher writes, under an article:
//   <div id="palabre" data-site="S" data-key="article-123" data-title="…"></div>
//   <script src="https://comments.example/embed.js" async></script>
// The API is found beside the script itself (data-api overrides it). See docs/WIDGET.md.
import type { Lang } from './i18n';
import { SORTS, Sort } from './types';
import { mount } from './widget';

performance.mark('palabre:start'); // User Timing: every browser of ES2019 has it

const script = document.currentScript as HTMLScriptElement | null;

function boot(): void {
  const host = document.getElementById('palabre');
  if (!host) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
    return;
  }
  const d = host.dataset;
  const src = script && script.src;
  const base = d.api || (src ? src.replace(/[?#].*$/, '').replace(/\/[^/]*$/, '') : location.origin);
  const lang: Lang = /^en/i.test(d.lang || document.documentElement.lang) ? 'en' : 'fr';
  const sort = (SORTS.indexOf(d.sort as Sort) >= 0 ? d.sort : 'oldest') as Sort;
  // (parseInt of a missing attribute, undefined, is NaN: the default.)
  const limit = Math.min(100, Math.max(1, parseInt(d.limit as string, 10) || 20));
  // data-theme and data-font: on the element, or on the script tag.
  const sd: DOMStringMap = script ? script.dataset : {};
  const theme = d.theme || sd.theme || '';
  mount(host, {
    base,
    site: d.site || '',
    key: d.key || location.pathname,
    title: d.title || document.title,
    lang,
    sort,
    limit,
    theme: theme === 'dark' || theme === 'auto' ? theme : 'light',
    font: (d.font || sd.font) === 'inherit',
  });
}

boot();
