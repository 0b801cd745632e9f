import type { Command } from 'commander';
import { ENTITIES, type Entity } from '@silta/model';
import { openStoreAt, resolveDb, withDbOption } from './store-option';

interface CountOptions {
  system?: string;
  connection?: string;
  type?: string;
  entity?: string;
  includeDeleted?: boolean;
  db?: string;
}

/**
 * `silta records count [--system s] [--connection c] [--type t] [--entity e] [--db path|url]`: prints how
 * many live records the store holds, as a bare number so scripts can use it.
 *
 * @example
 * // $ silta records count --system freshdesk --entity case
 * // 5000
 */
export function registerRecords(program: Command): void {
  const records = program.command('records').description('Inspect the records Silta has synced');
  withDbOption(
    records.command('count')
      .description('Print how many records the store holds (deleted ones left out)')
      .option('--system <system>', 'only this source system, e.g. freshdesk')
      .option('--connection <name>', 'only this connection')
      .option('--type <type>', 'only this vendor object type, e.g. ticket')
      .option('--entity <entity>', `only this canonical entity (${ENTITIES.join(', ')})`)
      .option('--include-deleted', 'count deleted records too'),
  ).action(async function recordsCount(opts: CountOptions) {
    if (opts.entity !== undefined && !(ENTITIES as readonly string[]).includes(opts.entity)) {
      throw Object.assign(new Error(`--entity "${opts.entity}" is not an entity; use one of ${ENTITIES.join(', ')}`), { code: 'CLI_INVALID_OPTION', exitCode: 2 });
    }
    const store = await openStoreAt(resolveDb(opts.db));
    try {
      const count = await store.countRecords({
        ...(opts.system ? { system: opts.system } : {}),
        ...(opts.connection ? { connection: opts.connection } : {}),
        ...(opts.type ? { type: opts.type } : {}),
        ...(opts.entity ? { entity: opts.entity as Entity } : {}),
        ...(opts.includeDeleted ? { includeDeleted: true } : {}),
      });
      process.stdout.write(`${count}\n`);
    } finally {
      await store.close();
    }
  });
}
