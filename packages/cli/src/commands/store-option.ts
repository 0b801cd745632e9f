import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { openStore, type SiltaStore } from '@silta/sync';

/** Where the store lives when neither `--db` nor `SILTA_DB` says otherwise. */
export const DEFAULT_DB = '.silta/silta.db';

/** Adds the `--db` option every store command shares. */
export function withDbOption(command: Command): Command {
  return command.option('--db <path|url>', `SQLite file or postgres:// URL (default $SILTA_DB or ${DEFAULT_DB})`);
}

/** `--db`, else the config's store, else `SILTA_DB`, else `.silta/silta.db`. */
export function resolveDb(flag?: string, fromConfig?: string): string {
  return flag ?? fromConfig ?? process.env.SILTA_DB ?? DEFAULT_DB;
}

/** True for a PostgreSQL URL rather than a SQLite path. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(target);
}

/**
 * Opens the store, creating the SQLite file's folder on first use.
 *
 * @example
 * const store = await openStoreAt(resolveDb(opts.db));
 */
export async function openStoreAt(target: string): Promise<SiltaStore> {
  if (!isPostgresUrl(target) && target !== ':memory:') mkdirSync(dirname(resolve(target)), { recursive: true });
  return openStore(target);
}
