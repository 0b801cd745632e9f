import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Command } from 'commander';
import { freshdesk } from '@silta/freshdesk';
import { createFreshdeskSimulator } from '@silta/freshdesk/testing';
import { createSyncEngine, openStore, type RunSummary } from '@silta/sync';
import { runStory } from '../demo/story';
import { createProgressReporter } from '../output/progress';
import { describe as describeRun } from './sync';

interface DemoOptions {
  tickets: string;
  seed: string;
  db: string;
  keep?: boolean;
  /** `--no-story` sets it false. */
  story: boolean;
  storyOnly?: boolean;
  storyDb: string;
}

/** The streams the demo backfills, in order: conversations are read per ticket, contacts on their own. */
export const DEMO_STREAMS = ['tickets', 'conversations', 'contacts'] as const;
const DEMO_CONNECTION = 'yritys-oy';
const DEMO_API_KEY = 'demo-api-key';
/** The simulated account's API budget: generous, so the demo shows the sync rather than the wait. */
const DEMO_REQUESTS_PER_MINUTE = 6000;

function usage(message: string): Error {
  return Object.assign(new Error(message), { code: 'CLI_INVALID_OPTION', exitCode: 2 });
}

/**
 * `silta demo`: starts the Freshdesk simulator on loopback, backfills its tickets, conversations and
 * contacts into a fresh SQLite file under `.silta/` with a progress bar, and prints what it synced and how
 * long it took; then tells the cross-channel story (`runStory`, docs/demo.md: chat, email, phone ticket,
 * one person, routing to billing, the timeline). Needs no account anywhere.
 *
 * @example
 * // $ silta demo --tickets 2000
 */
export function registerDemo(program: Command): void {
  program.command('demo')
    .description('Backfill a simulated Freshdesk account into the embedded store and show what was synced')
    .option('--tickets <n>', 'how many tickets the simulated account holds', '500')
    .option('--seed <seed>', 'seed for the simulated data (same seed, same data)', 'silta-demo')
    .option('--db <path>', 'the SQLite file the demo writes (recreated on every run)', '.silta/demo.db')
    .option('--keep', 'keep the existing demo database instead of starting from an empty one')
    .option('--no-story', 'only the backfill, without the cross-channel story')
    .option('--story-only', 'only the cross-channel story (chat, email, phone ticket, routing to billing), without the backfill')
    .option('--story-db <path>', 'the SQLite file the story writes (recreated on every run)', '.silta/demo-story.db')
    .action(async function demo(opts: DemoOptions) {
      const tickets = Number(opts.tickets);
      if (!Number.isInteger(tickets) || tickets < 1 || tickets > 200_000) {
        throw usage(`--tickets "${opts.tickets}" must be a whole number from 1 to 200000`);
      }
      if (opts.storyOnly && !opts.story) throw usage('--story-only and --no-story exclude each other');
      if (!opts.storyOnly) await runDemo({ tickets, seed: opts.seed, db: resolve(opts.db), fresh: !opts.keep });
      if (opts.story && process.exitCode !== 1) {
        process.stdout.write('\n');
        await runStory({ db: resolve(opts.storyDb), fresh: true });
      }
    });
}

/** What {@link runDemo} did, for the command's summary and for tests. */
export interface DemoResult {
  summaries: RunSummary[];
  counts: Record<string, number>;
  requests: number;
  http429: number;
  wallSeconds: number;
}

/** Runs the demo backfill; prints progress and a summary. */
export async function runDemo(options: { tickets: number; seed: string; db: string; fresh: boolean }): Promise<DemoResult> {
  const started = Date.now();
  const progress = createProgressReporter();
  if (options.fresh) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${options.db}${suffix}`, { force: true });
  }
  await mkdir(dirname(options.db), { recursive: true });

  const simulator = createFreshdeskSimulator({
    tickets: options.tickets, seed: options.seed, apiKey: DEMO_API_KEY, requestsPerMinute: DEMO_REQUESTS_PER_MINUTE,
  });
  await simulator.start();
  const store = await openStore(options.db);
  try {
    progress.note(`Freshdesk simulator with ${options.tickets} tickets listening on ${simulator.url}`);
    progress.note(`backfilling ${DEMO_STREAMS.join(', ')} into ${options.db}`);
    const connection = freshdesk({
      domain: 'yritys', baseUrl: simulator.url, apiKey: DEMO_API_KEY, requestsPerMinute: DEMO_REQUESTS_PER_MINUTE,
    });
    const engine = createSyncEngine({
      store,
      connections: { [DEMO_CONNECTION]: connection },
      logger: progress.logger,
      onProgress(p) {
        progress.update({
          key: `${p.connection}/${p.stream}`, done: p.fetched, startedAt: p.startedAt,
          ...(p.total === undefined ? {} : { total: p.total }),
          details: { created: p.created, updated: p.updated, failed: p.failed },
        });
      },
      onRun(summary) {
        progress.finish(`${summary.connection}/${summary.stream}`, { status: summary.status, ...summary.counts });
      },
    });
    const summaries: RunSummary[] = [];
    // One stream after another, so the bars read top to bottom in the order the story is told.
    for (const stream of DEMO_STREAMS) {
      summaries.push(...(await engine.runOnce({ select: [`${DEMO_CONNECTION}/${stream}`], full: false })));
    }
    progress.stop();

    const counts: Record<string, number> = {};
    for (const entity of ['case', 'interaction', 'party'] as const) {
      counts[entity] = await store.countRecords({ system: 'freshdesk', entity });
    }
    const result: DemoResult = {
      summaries,
      counts,
      requests: simulator.state.counters.requests,
      http429: simulator.state.counters.http429,
      wallSeconds: (Date.now() - started) / 1000,
    };
    printSummary(result, options.db);
    if (summaries.some((s) => s.status !== 'succeeded')) process.exitCode = 1;
    return result;
  } finally {
    progress.stop();
    await store.close();
    await simulator.stop();
  }
}

function printSummary(result: DemoResult, db: string): void {
  const out = process.stdout;
  out.write('\n');
  for (const summary of result.summaries) out.write(`  ${describeRun(summary)}\n`);
  out.write(`\nSynced into ${db}:\n`);
  out.write(`  ${result.counts.case ?? 0} cases (tickets)\n`);
  out.write(`  ${result.counts.interaction ?? 0} interactions (ticket descriptions, replies and notes)\n`);
  out.write(`  ${result.counts.party ?? 0} people (contacts and requesters)\n`);
  out.write(`${result.requests} API requests, ${result.http429} answered 429; ${result.wallSeconds.toFixed(1)} s in all.\n`);
  out.write(`Try: pnpm silta records count --db ${db} --entity case\n`);
}
