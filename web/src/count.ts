// Entry point of count.js: the comment counts of an article list. A publisher writes
//   <a href="/article-123" data-palabre-count data-site="S" data-key="article-123"></a>
//   <script src="https://comments.example/count.js" async></script>
// and every [data-palabre-count] element gets "N commentaires" / "N comments" (its language:
// the closest lang attribute), from GET /api/v1/counts: one request per site for up to 100
// keys (more are asked for in chunks). data-site may be on the script tag for all elements;
// the key is data-key, else the attribute's value, else the path of the element's href.
// Separate from embed.js and kept tiny (docs/WIDGET.md, "Counts on article lists").
const script = document.currentScript as HTMLScriptElement | null;
const sd: DOMStringMap = script ? script.dataset : {};
const base =
  sd.api || (script && script.src ? script.src.replace(/[?#].*$/, '').replace(/\/[^/]*$/, '') : location.origin);

function text(el: HTMLElement, n: number): string {
  const l = el.closest('[lang]');
  const en = /^en/i.test((l && l.getAttribute('lang')) || '');
  const num = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, en ? ',' : '\u202f');
  // French: 0 and 1 are singular ("0 commentaire"); English: only 1.
  return num + (en ? (n === 1 ? ' comment' : ' comments') : n < 2 ? ' commentaire' : ' commentaires');
}

function fill(): void {
  const sites: Record<string, Record<string, HTMLElement[]>> = {};
  document.querySelectorAll<HTMLElement>('[data-palabre-count]').forEach((el) => {
    const site = el.dataset.site || sd.site || '';
    const href = el.getAttribute('href');
    const key = el.dataset.key || el.dataset.palabreCount || (href ? new URL(href, location.href).pathname : '');
    if (!site || !key) return;
    const keys = (sites[site] = sites[site] || {});
    (keys[key] = keys[key] || []).push(el);
  });
  for (const site in sites) {
    const keys = Object.keys(sites[site]);
    // At most 100 keys a request (the endpoint's limit), and a URL well under 8 KB.
    for (let i = 0; i < keys.length; ) {
      const chunk: string[] = [];
      let len = 0;
      while (i < keys.length && chunk.length < 100 && len < 6000) {
        const k = encodeURIComponent(keys[i++]);
        chunk.push(k);
        len += k.length + 1;
      }
      fetch(base + '/api/v1/counts?site=' + encodeURIComponent(site) + '&keys=' + chunk.join(','), {
        credentials: 'omit',
      })
        .then((r) => r.json())
        .then((d) => {
          for (const k of chunk) {
            const key = decodeURIComponent(k);
            const n = d.counts && d.counts[key];
            if (typeof n === 'number') for (const el of sites[site][key]) el.textContent = text(el, n);
          }
        })
        .catch(() => {}); // the elements keep what the page put in them
    }
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fill);
else fill();
