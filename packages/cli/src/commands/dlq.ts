import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { CONFIG_FILES, loadConfig, replayDeadLetters, type ConnectionInstance, type DlqEntry, type DlqKind } from '@silta/sync';
import { openStoreAt, resolveDb, withDbOption } from './store-option';

const KINDS: readonly DlqKind[] = ['record', 'webhook', 'action'];

function usage(message: string): Error {
  return Object.assign(new Error(message), { code: 'CLI_INVALID_OPTION', exitCode: 2 });
}

/** `<id>` or `--all`, never both, never neither. */
function target(id: string | undefined, all: boolean | undefined, verb: string): number | 'all' {
  if (all && id !== undefined) throw usage(`dlq ${verb}: give an id or --all, not both`);
  if (all) return 'all';
  if (id === undefined) throw usage(`dlq ${verb}: give the id of an entry (see "silta dlq list") or --all`);
  const n = Number(id);
  if (!Number.isInteger(n) || n < 1) throw usage(`dlq ${verb}: id "${id}" is not a dead-letter id (a positive whole number)`);
  return n;
}

function row(entry: DlqEntry): string {
  const reason = entry.reason.length > 80 ? `${entry.reason.slice(0, 77)}...` : entry.reason;
  return [String(entry.id).padStart(5), entry.kind.padEnd(7), entry.status.padEnd(9), entry.createdAt.slice(0, 19).replace('T', ' '), entry.source.padEnd(28), reason].join('  ');
}

async function connectionsFor(configFile: string | undefined): Promise<{ connections: Record<string, ConnectionInstance>; store?: string }> {
  if (!configFile && !CONFIG_FILES.some((f) => existsSync(f))) return { connections: {} };
  const { config } = await loadConfig(configFile);
  return { connections: config.connections, store: config.store };
}

/**
 * `silta dlq list|replay|discard`: the dead-letter queue of records, webhooks and actions that failed.
 * Replay sends an entry back through the engine (webhooks and records are mapped again with the
 * config's connections; actions go back to the outbox under the same idempotency key).
 *
 * @example
 * // $ silta dlq list
 * // $ silta dlq replay 12
 * // $ silta dlq discard --all
 */
export function registerDlq(program: Command): void {
  const dlq = program.command('dlq').description('List, replay or discard dead letters (records, webhooks and actions that failed)');

  withDbOption(
    dlq.command('list')
      .description('List dead letters, oldest first')
      .option('--kind <kind>', `only ${KINDS.join(', ')}`)
      .option('--status <status>', 'open (default), replayed, discarded or all', 'open')
      .option('--limit <n>', 'at most this many', '100')
      .option('--json', 'print JSON'),
  ).action(async function dlqList(opts: { kind?: string; status: string; limit: string; json?: boolean; db?: string }) {
    if (opts.kind !== undefined && !KINDS.includes(opts.kind as DlqKind)) throw usage(`--kind "${opts.kind}" is not one of ${KINDS.join(', ')}`);
    if (!['open', 'replayed', 'discarded', 'all'].includes(opts.status)) throw usage(`--status "${opts.status}" is not one of open, replayed, discarded, all`);
    const limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1) throw usage(`--limit "${opts.limit}" is not a positive whole number`);
    const store = await openStoreAt(resolveDb(opts.db));
    try {
      const entries = await store.dlqList({
        status: opts.status as 'open', limit, ...(opts.kind ? { kind: opts.kind as DlqKind } : {}),
      });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
      } else if (entries.length === 0) {
        process.stdout.write(`no ${opts.status === 'all' ? '' : `${opts.status} `}dead letters\n`);
      } else {
        process.stdout.write(`${['   id', 'kind   ', 'status   ', 'created            ', 'source'.padEnd(28), 'reason'].join('  ')}\n`);
        for (const entry of entries) process.stdout.write(`${row(entry)}\n`);
      }
    } finally {
      await store.close();
    }
  });

  withDbOption(
    dlq.command('replay [id]')
      .description('Send a dead letter (or all open ones) back through the engine')
      .option('--all', 'replay every open entry')
      .option('--config <file>', 'silta.config.ts with the connections to map records and webhooks again'),
  ).action(async function dlqReplay(id: string | undefined, opts: { all?: boolean; config?: string; db?: string }) {
    const which = target(id, opts.all, 'replay');
    const { connections, store: configured } = await connectionsFor(opts.config);
    const store = await openStoreAt(resolveDb(opts.db, configured));
    try {
      const outcomes = await replayDeadLetters(which, { store, connections });
      for (const o of outcomes) process.stdout.write(`${o.id} ${o.kind}: ${o.ok ? 'replayed' : 'not replayed'} (${o.detail})\n`);
      const failed = outcomes.filter((o) => !o.ok).length;
      process.stdout.write(`${outcomes.length - failed} replayed, ${failed} left open\n`);
      if (failed > 0) process.exitCode = 1;
    } finally {
      await store.close();
    }
  });

  withDbOption(
    dlq.command('discard [id]')
      .description('Discard a dead letter (or all open ones); it stays listed under --status discarded')
      .option('--all', 'discard every open entry'),
  ).action(async function dlqDiscard(id: string | undefined, opts: { all?: boolean; db?: string }) {
    const which = target(id, opts.all, 'discard');
    const store = await openStoreAt(resolveDb(opts.db));
    try {
      const count = await store.dlqDiscard(which);
      if (which !== 'all' && count === 0) throw Object.assign(new Error(`no open dead letter with id ${which}`), { code: 'DEAD_LETTER_NOT_FOUND' });
      process.stdout.write(`${count} discarded\n`);
    } finally {
      await store.close();
    }
  });
}
