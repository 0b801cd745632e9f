import { defineConfig } from 'vitest/config';

// Packages test against each other's source through the @silta/source export condition.
// Vite's own server defaults after ours; 'import'/'default' must not be listed or Node gets them as
// --conditions and CommonJS dependencies start loading ESM builds.
const conditions = ['@silta/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@silta/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
