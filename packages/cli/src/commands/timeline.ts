import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import pc from 'picocolors';
import { CONFIG_FILES, buildTimeline, formatTimeline, loadConfig, parsePersonQuery } from '@silta/sync';
import { openStoreAt, resolveDb, withDbOption } from './store-option';

interface TimelineFlags {
  json?: boolean;
  db?: string;
  config?: string;
  limit: string;
}

/**
 * `silta timeline <email|phone|person-id> [--json] [--limit <n>] [--db <path|url>]`: one person's history
 * across every synced system, newest first.
 *
 * @example
 * silta timeline anssi.makela@example.fi
 * silta timeline "040 123 4567" --json --db postgres://silta@db/silta
 */
export function registerTimeline(program: Command): void {
  const command = program
    .command('timeline')
    .description("Show one person's history across every synced system, newest first")
    .argument('<who>', 'an email address, a phone number or a person id')
    .option('--json', 'print JSON instead of a table')
    .option('--limit <n>', 'most entries to show', '50')
    .option('--config <file>', 'read the store location from this config file');
  withDbOption(command)
    .action(async function timelineAction(who: string, flags: TimelineFlags) {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1) {
        throw Object.assign(new Error(`--limit must be a whole number of at least 1, got "${flags.limit}"`), { code: 'USAGE', exitCode: 2 });
      }
      const store = await openStoreAt(await storeTarget(flags));
      try {
        const timeline = await buildTimeline(store, parsePersonQuery(who), { limit });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(timeline, null, 2)}\n`);
        } else {
          const colors = process.stdout.isTTY ? { dim: pc.dim, bold: pc.bold, cyan: pc.cyan } : undefined;
          process.stdout.write(formatTimeline(timeline, { width: process.stdout.columns ?? 120, ...(colors ? { colors } : {}) }));
        }
      } finally {
        await store.close();
      }
    });
}

async function storeTarget(flags: TimelineFlags): Promise<string> {
  if (flags.db) return flags.db;
  const hasConfig = flags.config !== undefined || CONFIG_FILES.some((f) => existsSync(f));
  return resolveDb(undefined, hasConfig ? (await loadConfig(flags.config)).config.store : undefined);
}
