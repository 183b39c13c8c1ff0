// Builds dist/embed.js: the widget bundled and minified by esbuild for ES2019 (older Android
// phones), with its stylesheet minified and inlined as a string (adopted by the Shadow DOM);
// dist/count.js, the comment counts of article lists; and the moderator console, dist/admin.js and dist/admin.css (ES2020: moderators' desktop
// browsers), served by palabre at /admin.
// Usage: node scripts/build.mjs [OUTDIR]   (default web/dist; CMake passes its build folder)
import { build, transform } from 'esbuild';
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
// What the reader's browser gets: one minified IIFE per script, ES2019, no licence comments.
const script = {
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2019',
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
};
await build({
  ...script,
  entryPoints: [join(web, 'src/embed.ts')],
  outfile: join(out, 'embed.js'),
  define: { __CSS__: JSON.stringify(css.code.trim()) },
  // The fields of the widget's shared context and thread state (src/context.ts, src/state.ts)
  // get short names: they never leave the bundle (no JSON, storage key or DOM property of
  // these names; an i18n key must not be one either, hence not "pending" or "more").
  mangleProps: /^(views|openReply|orphans|seen|maxId|loads|loaded|cfg|heading|announcer|mainForm|closedNote|firstPage|seeking|syncing|again|attach|here|ro|bar|list|host|root|cursor)$/,
});
// count.js: the comment counts of article lists (src/count.ts), separate and tiny.
await build({
  ...script,
  entryPoints: [join(web, 'src/count.ts')],
  outfile: join(out, 'count.js'),
});
await build({
  entryPoints: [join(web, 'admin/main.ts')],
  outfile: join(out, 'admin.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
});
await build({
  entryPoints: [join(web, 'admin/admin.css')],
  outfile: join(out, 'admin.css'),
  bundle: true,
  minify: true,
  target: ['chrome90', 'firefox90', 'safari15'],
  logLevel: 'warning',
});
