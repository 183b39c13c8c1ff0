// Builds dist/embed.js: the widget bundled and minified by esbuild for ES2019 (older Android
// phones), with its stylesheet minified and inlined as a string (adopted by the Shadow DOM);
// dist/count.js, the comment counts of article lists; and the moderator console, dist/admin.js and dist/admin.css (ES2020: moderators' desktop
// browsers), served by palabre at /admin.
// Usage: node scripts/build.mjs [OUTDIR]   (default web/dist; CMake passes its build folder)
import { build, transform } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] || join(web, 'dist'));
const css = await transform(await readFile(join(web, 'src/styles.css'), 'utf8'), {
  loader: 'css',
  minify: true,
  target: ['chrome70', 'firefox68', 'safari12'],
});
await mkdir(out, { recursive: true });
// Every script: one minified IIFE, no licence comments; ES2019 for the reader's browser.
const script = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2019',
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
};
// The widget's own field and method names that get short names: they never leave the bundle.
// Checked below: none may be a word's key that keeps its name in the bundle (src/i18n.ts:
// t('loading') looks it up by its name; the short-named keys below are no longer properties of
// the bundle) or a field of the JSON the widget reads or stores (src/types.ts, the Mine record of
// storage.ts).
// A name that is also a DOM or built-in one (remove, sort, status) cannot be listed either.
const internal = [
  // the shared context and the comments on screen (src/context.ts)
  'cfg', 'here', 'host', 'root', 'openReply', 'firstPage', 'seeking', 'syncing', 'again', 'ro', 'attach',
  'heading', 'announcer', 'list', 'bar', 'moreButton', 'loadStatus', 'mainForm', 'closedNote', 'base',
  'art', 'level', 'st', 'rep', 'form', 'li', 'replyButton', 'replyList', 'editForm', 'errorNote',
  // the thread's state (src/state.ts)
  'cursor', 'maxId', 'loaded', 'loads', 'seen', 'pending', 'orphans', 'mine', 'votes',
  // the API client and its errors, the storage, the words, a text field (api.ts, storage.ts,
  // i18n.ts, forms.ts)
  'page', 'post', 'report', 'unvote', 'eventsUrl', 'feedUrl', 'retryAfter',
  'setMine', 'setVote', 'setSort', 'feed', 'setFeed', 'abs', 'repliesLink', 'setName', 'why', 'num', 'wrap', 'ta', 'update', 'el',
];
// The words' keys (src/i18n.ts) get short names in the widget too: t('loadError') becomes t('K'),
// and so does the key in the table of words. A key is renamed only where every quoted
// occurrence of it in src/*.ts is the first argument of t() or named(), or one branch of a
// condition that is (t(open ? 'readLess' : 'readMore')): then the rename cannot touch a string
// with another use (a sort, a vote, an error code, a storage key, an attribute keep their
// names, and their words with them). Keys built by code, t(('rp_' + reason) as Key), keep their
// names: the only keys a cast or a template can build are those of BUILT_KEYS (checked below).
// The sources themselves are unchanged (tests call t('held')); only the bundle differs.
const BUILT_KEYS = ['rp_'];
const srcDir = join(web, 'src');
const sources = Object.fromEntries(
  readdirSync(srcDir).filter((f) => f.endsWith('.ts')).map((f) => [f, readFileSync(join(srcDir, f), 'utf8')]),
);
const table = /(\nconst words = \{\n)([\s\S]*?)(\n\} satisfies)/;
if (!table.test(sources['i18n.ts'])) throw new Error('build.mjs: the table of words is not found in src/i18n.ts');
const wordKeys = [...table.exec(sources['i18n.ts'])[2].matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]);
// A key that code builds can only be one of BUILT_KEYS: a cast to Key must add to its prefix, and
// no template may make one.
for (const [f, text] of Object.entries(sources)) {
  const casts = text.match(/[^\n]*\bas Key\b/g) || [];
  const built = casts.filter((c) => !BUILT_KEYS.some((p) => c.includes(`('${p}' + `)));
  if (built.length || /\b(?:t|named)\(\s*`/.test(text))
    throw new Error(`build.mjs: src/${f} builds a word's key: add its prefix to BUILT_KEYS`);
}
// The quoted words where the words are looked up: t('k' / named('k' / t(cond ? 'k1' : 'k2'.
const lookups = /(\b(?:t|named)\(\s*)(?:'(\w+)'|([^()'"`,]*\?\s*)'(\w+)'(\s*:\s*)'(\w+)')/g;
const quoted = (k) => new RegExp(`(['"\`])${k}\\1`, 'g');
const atLookups = {};
for (const text of Object.values(sources)) {
  for (const m of text.matchAll(lookups)) for (const k of [m[2], m[4], m[6]]) if (k) atLookups[k] = (atLookups[k] || 0) + 1;
}
// Renamed (key -> short name): the keys whose every quoted occurrence is at a lookup.
const renames = {};
const abc = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
let next = 0;
const shortName = () => {
  for (;;) {
    let n = next++;
    let name = abc[n % 52];
    for (n = Math.floor(n / 52); n > 0; n = Math.floor(n / 52)) name += abc[n % 52];
    if (!internal.includes(name) && !wordKeys.includes(name)) return name;
  }
};
for (const k of wordKeys) {
  const everywhere = Object.values(sources).reduce((n, text) => n + (text.match(quoted(k)) || []).length, 0);
  if (!BUILT_KEYS.some((p) => k.startsWith(p)) && atLookups[k] && atLookups[k] === everywhere) renames[k] = shortName();
}
const rename = (k) => renames[k] || k;
const shortWords = {
  name: 'short-words',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]\w+\.ts$/ }, (args) => {
      if (dirname(args.path) !== srcDir) return undefined; // not the widget's own
      const file = basename(args.path);
      let text = sources[file].replace(lookups, (_, call, k, cond, k1, colon, k2) =>
        k ? `${call}'${rename(k)}'` : `${call}${cond}'${rename(k1)}'${colon}'${rename(k2)}'`,
      );
      if (file === 'i18n.ts') {
        text = text.replace(table, (_, open, body, close) => open + body.replace(/^ {2}(\w+):/gm, (m, k) => `  ${rename(k)}:`) + close);
      }
      return { contents: text, loader: 'ts' };
    });
  },
};
const mangled = await build({
  ...script,
  entryPoints: [join(web, 'src/embed.ts')],
  outfile: join(out, 'embed.js'),
  define: { __CSS__: JSON.stringify(css.code.trim()) },
  mangleProps: new RegExp('^(' + internal.join('|') + ')$'),
  mangleCache: {},
  plugins: [shortWords],
});
{
  const src = (f) => sources[f];
  const fields = (text) => [...text.matchAll(/interface \w+ \{([^}]*)\}/g)].flatMap((m) => [...m[1].matchAll(/^\s+(\w+)\??:/gm)].map((f) => f[1]));
  // Every key of i18n.ts's other tables (a long entry has its text on the next line), and the
  // words' keys that keep their names.
  const keys = (text) => [...text.matchAll(/^\s+(\w+):(?: |$)/gm)].map((m) => m[1]);
  const words = [...keys(src('i18n.ts').replace(table, '')), ...wordKeys.filter((k) => !renames[k])];
  const outside = new Set([...fields(src('types.ts')), ...fields(src('storage.ts')), ...words, ...Object.values(renames)]);
  const clash = Object.keys(mangled.mangleCache).filter((n) => outside.has(n));
  if (clash.length) throw new Error('build.mjs: mangled names that leave the bundle: ' + clash.join(', '));
}
// count.js: the comment counts of article lists (src/count.ts), separate and tiny.
await build({
  ...script,
  entryPoints: [join(web, 'src/count.ts')],
  outfile: join(out, 'count.js'),
});
// admin.js: the moderator console, the same options for moderators' desktop browsers (ES2020).
await build({
  ...script,
  entryPoints: [join(web, 'admin/main.ts')],
  outfile: join(out, 'admin.js'),
  target: 'es2020',
});
await build({
  entryPoints: [join(web, 'admin/admin.css')],
  outfile: join(out, 'admin.css'),
  bundle: true,
  minify: true,
  target: ['chrome90', 'firefox90', 'safari15'],
  logLevel: 'warning',
});
