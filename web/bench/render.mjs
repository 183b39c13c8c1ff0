// Browser benchmark (not a test): time from embed.js starting to the first render of a thread of
// 50 comments, in headless Chromium with the CPU throttled 4× (CDP Emulation.setCPUThrottlingRate),
// against a real `palabre serve` on 127.0.0.1. Prints the median of N runs.
//
// Usage: PALABRE_BINARY=build/palabre node web/bench/render.mjs [RUNS]   (default 15)
//
// The thread is seeded through `palabre import` (shaped as issue 3's benchmark: every fifth
// comment a reply to the one before, ~250 characters of text with some Markdown) and the page
// asks for all 50 at once (data-limit="50"). Each run is a fresh page; the widget marks
// palabre:start (script starts), palabre:data (first page parsed) and palabre:rendered (DOM
// built); the page adds "painted", the first frame after it (rAF, then a task).
import { readFileSync } from 'node:fs';
import { start } from '../tests/harness.mjs';

const RUNS = Number(process.argv[2] || 15);
const RATE = Number(process.env.BENCH_CPU_RATE || 4); // CPU slowdown (4: a mid-range phone)
const COMMENTS = 50;
const KEY = 'bench-render';

const words = ('le prix du riz a encore augmenté au marché de Médina Coura et les familles ne suivent plus ' +
  'depuis la saison des pluies les routes de Kayes sont coupées les transporteurs demandent des mesures ' +
  'au gouvernement qui promet des boutiques témoins dans chaque commune du district de Bamako').split(' ');
function text(i) {
  let s = '';
  for (let w = i; s.length < 230; w += 7) s += words[w % words.length] + ' ';
  return `**Avis ${i}** : ${s.trim()}. Voir [la source](https://journal.example/a/${i}).`;
}
const seed = [{ type: 'thread', id: KEY, title: 'Bamako : le prix du riz s’envole', body: '' }];
const t0 = Date.parse('2026-11-20T08:00:00Z');
for (let i = 1; i <= COMMENTS; i++) {
  seed.push({
    id: `c${i}`,
    thread: KEY,
    parent: i % 5 === 0 ? `c${i - 1}` : null,
    author: `Lecteur ${i}`,
    text: text(i),
    created_at: new Date(t0 + i * 60000).toISOString(),
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const env = await start({ seed });
try {
  const results = [];
  for (let run = 0; run <= RUNS; run++) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const watch = () => {
        const el = document.getElementById('palabre');
        if (!el) return void setTimeout(watch, 0);
        el.addEventListener('palabre:ready', () => {
          requestAnimationFrame(() => setTimeout(() => {
            window.__painted = performance.now();
          }, 0));
        });
      };
      watch();
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    await page.goto(env.url(KEY, { limit: String(COMMENTS) }));
    await page.waitForFunction(() => window.__painted !== undefined, null, { timeout: 30000 });
    const r = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0].startTime;
      const root = document.getElementById('palabre').shadowRoot;
      return {
        shown: root.querySelectorAll('li.c').length,
        data: at('palabre:data') - at('palabre:start'),
        render: at('palabre:rendered') - at('palabre:data'),
        rendered: at('palabre:rendered') - at('palabre:start'),
        painted: window.__painted - at('palabre:start'),
      };
    });
    if (r.shown !== COMMENTS) throw new Error(`rendered ${r.shown} comments, expected ${COMMENTS}`);
    if (run > 0) results.push(r); // the first run warms the server's cache and the disk
    await context.close();
  }
  const m = (k) => median(results.map((r) => r[k])).toFixed(1);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`widget first render, ${COMMENTS} comments, Chromium ${env.browser.version()}, CPU throttled ${RATE}x, median of ${RUNS} runs:`);
  console.log(`  script start -> first page parsed (request on loopback): ${m('data')} ms`);
  console.log(`  first page parsed -> ${COMMENTS} comments in the DOM:        ${m('render')} ms`);
  console.log(`  script start -> comments in the DOM:                   ${m('rendered')} ms`);
  console.log(`  script start -> first frame painted after it:          ${m('painted')} ms`);
  console.log(`  (min/max of the last: ${Math.min(...results.map((r) => r.painted)).toFixed(1)}/${Math.max(...results.map((r) => r.painted)).toFixed(1)} ms; load average ${load} on ${(await import('node:os')).cpus().length} cores)`);
} finally {
  await env.stop();
}
