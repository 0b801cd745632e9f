import { defineConfig, type Options } from 'tsup';

/** The one build config every package shares: ESM plus type declarations, one entry per public subpath. */
export function packageConfig(entry: string[], overrides: Partial<Options> = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    treeshake: true,
    ...overrides,
  });
}
