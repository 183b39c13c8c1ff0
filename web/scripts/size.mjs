// Fails if the widget (dist/embed.js, its CSS inlined, and dist/embed.css if any) is over
// 15 KB gzipped (level 9, as served), or dist/count.js over 1.5 KB. Prints the sizes.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET = 15 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
let raw = 0;
let gz = 0;
for (const f of ['embed.js', 'embed.css']) {
  const p = join(dist, f);
  if (!existsSync(p)) {
    if (f === 'embed.js') {
      console.error('size: dist/embed.js is missing: run npm run build first');
      process.exit(1);
    }
    continue;
  }
  const b = readFileSync(p);
  const z = gzipSync(b, { level: 9 }).length;
  raw += b.length;
  gz += z;
  console.log(`${f}: ${b.length} bytes, ${z} bytes gzipped`);
}
console.log(`total: ${raw} bytes, ${gz} bytes gzipped (${(gz / 1024).toFixed(1)} KB of ${BUDGET / 1024} KB)`);
if (gz > BUDGET) {
  console.error(`size: over budget by ${gz - BUDGET} bytes`);
  process.exit(1);
}
const count = join(dist, 'count.js');
if (!existsSync(count)) {
  console.error('size: dist/count.js is missing: run npm run build first');
  process.exit(1);
}
const cb = readFileSync(count);
const cz = gzipSync(cb, { level: 9 }).length;
console.log(`count.js: ${cb.length} bytes, ${cz} bytes gzipped (budget 1536)`);
if (cz > 1536) {
  console.error(`size: count.js over budget by ${cz - 1536} bytes`);
  process.exit(1);
}
