// Writes a package.json in the workspace's shape: exports with the @silta/source condition first for
// in-repo tests, then types, then the built file. Used once per package when it is created.
import { writeFileSync } from 'node:fs';
const [dir, name, description, subpaths = '', deps = '', bin = ''] = process.argv.slice(2);
const entries = ['.', ...subpaths.split(',').filter(Boolean)];
const exportsMap = {};
for (const e of entries) {
  const base = e === '.' ? 'index' : `${e.slice(2)}/index`;
  exportsMap[e] = { '@silta/source': `./src/${base}.ts`, types: `./dist/${base}.d.ts`, default: `./dist/${base}.js` };
}
exportsMap['./package.json'] = './package.json';
const pkg = {
  name, version: '0.1.0', description, license: 'MIT', type: 'module', sideEffects: false,
  engines: { node: '>=20.12' },
  exports: exportsMap,
  main: './dist/index.js', types: './dist/index.d.ts',
  files: ['dist', 'src', '!src/**/*.test.ts'],
  ...(bin ? { bin: { [bin.split('=')[0]]: bin.split('=')[1] } } : {}),
  scripts: { build: 'tsup', publint: 'publint --strict' },
  dependencies: Object.fromEntries(deps.split(',').filter(Boolean).map((d) => d.startsWith('@silta/') || d === 'silta' ? [d, 'workspace:*'] : [d.replace(/@([^@]+)$/, ''), d.match(/@([^@]+)$/)?.[1] ?? '*'])),
};
writeFileSync(`${dir}/package.json`, JSON.stringify(pkg, null, 2) + '\n');
