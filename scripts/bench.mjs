#!/usr/bin/env node
// Runs benchmarks: `pnpm bench` runs every packages/*/bench/*.ts, `pnpm bench <name>` the one whose file is
// <name>.ts. Each benchmark prints one JSON object per line with a `name` and its figures.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const benches = [];
for (const pkg of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', pkg, 'bench');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.ts') && !file.startsWith('_') && !file.endsWith('.test.ts')) benches.push(join(dir, file));
  }
}
const [wanted, ...rest] = process.argv.slice(2);
const selected = wanted ? benches.filter((b) => basename(b, '.ts') === wanted) : benches;
if (selected.length === 0) {
  console.error(`no benchmark named "${wanted}". Known: ${benches.map((b) => basename(b, '.ts')).sort().join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of selected) {
  const r = spawnSync(process.execPath, ['--conditions=@silta/source', '--import', 'tsx', '--expose-gc', file, ...rest], {
    stdio: 'inherit',
    cwd: root,
  });
  if (r.status !== 0) {
    console.error(`benchmark ${basename(file, '.ts')} exited with ${r.status ?? r.signal}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
