/**
 * How the store's worker threads are loaded: their built `.js` entries beside the bundle, or, when the store
 * runs from its TypeScript source (tests, `pnpm silta`), the `.ts` files through tsx's loader.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.entry);
})().catch((err) => setImmediate(() => { throw err; }));
`;

function entry(name: string): { entry: string; tsx?: string } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return { entry: new URL(`./${name}.js`, here).href };
  const api = createRequire(here).resolve('tsx/esm/api');
  // The `import` flavour of tsx's API: the `require` one cannot register the ESM hooks from a worker.
  const esm = api.replace(/\.cjs$/, '.mjs');
  return { entry: new URL(`./${name}.ts`, here).href, tsx: pathToFileURL(existsSync(esm) ? esm : api).href };
}

/** Starts one of the store's threads, unreferenced (it never holds the process open by itself). */
export function startStoreThread(name: 'sqlite-writer' | 'sqlite-checkpointer', data: Record<string, unknown> = {}): Worker {
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...data, ...entry(name) } });
  worker.unref();
  return worker;
}
