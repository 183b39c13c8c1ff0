// Builds dist/embed.js: the widget bundled and minified by esbuild for ES2019 (older Android
// phones), with its stylesheet minified and inlined as a string (adopted by the Shadow DOM);
// dist/count.js, the comment counts of article lists; and the moderator console, dist/admin.js and dist/admin.css (ES2020: moderators' desktop
// browsers), served by palabre at /admin.
// Usage: node scripts/build.mjs [OUTDIR]   (default web/dist; CMake passes its build folder)
import { build, transform } from 'esbuild';
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
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
// Checked below: none may be a word's key (src/i18n.ts: t('pending') looks it up by its name) or
// a field of the JSON the widget reads or stores (src/types.ts, the Mine record of storage.ts).
// A name that is also a DOM or built-in one (remove, sort, status) cannot be listed either.
const internal = [
  // the shared context and the comments on screen (src/context.ts)
  'cfg', 'here', 'host', 'root', 'openReply', 'firstPage', 'seeking', 'syncing', 'again', 'ro', 'attach',
  'heading', 'announcer', 'list', 'bar', 'mainForm', 'closedNote', 'art', 'level', 'st', 'rep', 'form', 'li',
  // the thread's state (src/state.ts)
  'cursor', 'maxId', 'loaded', 'loads', 'seen', 'orphans', 'mine', 'votes',
  // the API client, the storage, the words, a text field (api.ts, storage.ts, i18n.ts, forms.ts)
  'page', 'post', 'unvote', 'eventsUrl', 'setMine', 'setVote', 'setSort', 'setName', 'why', 'num', 'wrap', 'ta', 'update', 'el',
];
const mangled = await build({
  ...script,
  entryPoints: [join(web, 'src/embed.ts')],
  outfile: join(out, 'embed.js'),
  define: { __CSS__: JSON.stringify(css.code.trim()) },
  mangleProps: new RegExp('^(' + internal.join('|') + ')$'),
  mangleCache: {},
});
{
  const src = (f) => readFileSync(join(web, 'src', f), 'utf8');
  const fields = (text) => [...text.matchAll(/interface \w+ \{([^}]*)\}/g)].flatMap((m) => [...m[1].matchAll(/^\s+(\w+)\??:/gm)].map((f) => f[1]));
  const words = [...src('i18n.ts').matchAll(/^\s+(\w+): /gm)].map((m) => m[1]);
  const outside = new Set([...fields(src('types.ts')), ...fields(src('storage.ts')), ...words]);
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
