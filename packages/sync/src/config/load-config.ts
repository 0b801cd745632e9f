import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EngineError } from '../engine/errors';
import { validateConfig } from './define-config';
import type { SiltaConfig } from './types';

/** The files `silta sync` looks for in the working directory, in order. */
export const CONFIG_FILES = ['silta.config.ts', 'silta.config.mts', 'silta.config.js', 'silta.config.mjs'] as const;

/**
 * Finds and imports `silta.config.ts` (or the given file), TypeScript included, and checks it. Returns the
 * config and the absolute path it came from.
 *
 * @example
 * const { config, file } = await loadConfig(); // ./silta.config.ts
 * const other = await loadConfig('deploy/silta.config.ts');
 */
export async function loadConfig(file?: string, cwd = process.cwd()): Promise<{ config: SiltaConfig; file: string }> {
  const path = file ? resolve(cwd, file) : CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!path || !existsSync(path)) {
    throw new EngineError(
      'CONFIG_NOT_FOUND',
      file ? `config file ${file} does not exist` : `no ${CONFIG_FILES[0]} in ${cwd}; pass --config <file> or use "silta sync freshdesk ..."`,
    );
  }
  const mod = await importModule(path);
  let config = (mod.default ?? mod.config) as unknown;
  // A config compiled as CommonJS (no "type": "module" nearby) arrives as { default: config }.
  if (isObject(config) && !('store' in config) && isObject(config.default)) config = config.default;
  try {
    validateConfig(config);
  } catch (error) {
    if (error instanceof EngineError) throw new EngineError(error.code, `${path}: ${error.message}`, { cause: error });
    throw error;
  }
  return { config, file: path };
}

async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  if (/\.[cm]?ts$/.test(path)) {
    // Under `node --import tsx` a plain import() already understands TypeScript; elsewhere tsx's API does.
    const api = await import('tsx/esm/api').catch(() => undefined);
    if (api) return (await api.tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
  return (await import(url)) as Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
