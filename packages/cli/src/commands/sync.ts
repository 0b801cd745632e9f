import type { Command } from 'commander';
import {
  createSyncEngine, loadConfig, routeAndDeliver, validateConfig,
  type ConnectionInstance, type RunSummary, type SiltaConfig,
} from '@silta/sync';
import { createProgressReporter } from '../output/progress';
import { openStoreAt, resolveDb, withDbOption } from './store-option';

interface CommonOptions {
  once?: boolean;
  stream?: string[];
  full?: boolean;
  db?: string;
}

interface FreshdeskOptions extends CommonOptions {
  baseUrl?: string;
  domain?: string;
  apiKey?: string;
  connection?: string;
  every?: string;
  requestsPerMinute?: string;
}

function usage(message: string): Error {
  return Object.assign(new Error(message), { code: 'CLI_INVALID_OPTION', exitCode: 2 });
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
}

function withRunOptions(command: Command): Command {
  return withDbOption(command
    .option('--once', 'run each stream once and exit (default: keep running on the schedule)')
    .option('--stream <name>', 'only this stream: name, connection/stream or connection (repeatable)', collect)
    .option('--full', 'full resync of the selected streams: forget their checkpoints and read everything again'));
}

/**
 * `silta sync [--config <file>] [--once] [--stream <name>] [--full] [--db <path|url>]` runs the streams of
 * `silta.config.ts`; `silta sync freshdesk --base-url <url> | --domain <d> --api-key <key> [--once]` runs
 * one Freshdesk account without a config file. A progress bar on a terminal, JSON log lines otherwise.
 *
 * @example
 * // $ FRESHDESK_API_KEY=... silta sync freshdesk --domain yritys --once
 * // $ silta sync --config silta.config.ts --stream helpdesk/tickets --full --once
 */
export function registerSync(program: Command): void {
  const sync = withRunOptions(
    program.command('sync')
      .description('Sync the configured connections into the store, once or on a schedule')
      .option('--config <file>', 'the config file (default ./silta.config.ts)'),
  ).action(async function syncWithConfig(opts: CommonOptions & { config?: string }) {
    const { config } = await loadConfig(opts.config);
    await runSync(config, opts);
  });

  withRunOptions(
    sync.command('freshdesk')
      .description('Sync one Freshdesk account without a config file')
      .option('--domain <domain>', 'your Freshdesk domain: acme or acme.freshdesk.com')
      .option('--base-url <url>', 'an explicit API base URL (for example the simulator\'s)')
      .option('--api-key <key>', 'the API key (or set FRESHDESK_API_KEY; prefer the variable: flags show in ps)')
      .option('--connection <name>', 'the connection name records are filed under (default: the domain, or "freshdesk")')
      .option('--every <interval>', 'how often to sync without --once', '5 minutes')
      .option('--requests-per-minute <n>', 'your plan\'s API budget per minute'),
  ).action(async function syncFreshdesk(_opts: FreshdeskOptions, command: Command) {
    // `--once`, `--stream`, `--full` and `--db` exist on `sync` too; commander hands them to whichever
    // command it parses them for, so read both.
    const opts = command.optsWithGlobals<FreshdeskOptions>();
    const apiKey = opts.apiKey ?? process.env.FRESHDESK_API_KEY;
    if (!apiKey) throw usage('sync freshdesk needs --api-key or the FRESHDESK_API_KEY variable');
    if (!opts.domain && !opts.baseUrl) throw usage('sync freshdesk needs --domain <acme> or --base-url <url>');
    const rpm = opts.requestsPerMinute === undefined ? undefined : Number(opts.requestsPerMinute);
    if (rpm !== undefined && !(Number.isInteger(rpm) && rpm > 0)) throw usage(`--requests-per-minute "${opts.requestsPerMinute}" is not a positive whole number`);
    const name = opts.connection ?? (opts.domain ? opts.domain.split('.')[0]! : 'freshdesk');
    const conn = await freshdeskConnection({
      ...(opts.domain ? { domain: opts.domain } : { domain: 'simulator' }),
      ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
      apiKey,
      ...(rpm ? { requestsPerMinute: rpm } : {}),
    });
    const config: SiltaConfig = { store: resolveDb(opts.db), connections: { [name]: conn }, schedule: { every: opts.every ?? '5 minutes' } };
    validateConfig(config);
    await runSync(config, opts);
  });
}

/** Builds the Freshdesk connection through the connector package's factory. */
async function freshdeskConnection(config: Record<string, unknown>): Promise<ConnectionInstance> {
  const mod = (await import('@silta/freshdesk')) as unknown as { freshdesk?: (config: Record<string, unknown>) => ConnectionInstance };
  if (typeof mod.freshdesk !== 'function') throw new Error('@silta/freshdesk does not export freshdesk() in this build');
  return mod.freshdesk(config);
}

async function runSync(config: SiltaConfig, opts: CommonOptions): Promise<void> {
  if (opts.full && !opts.stream?.length) throw usage('--full resyncs one stream at a time: add --stream <name>');
  const progress = createProgressReporter();
  const store = await openStoreAt(resolveDb(opts.db, config.store));
  const controller = new AbortController();
  const stop = () => {
    if (!controller.signal.aborted) progress.note('stopping after the current batch (press Ctrl-C again to quit at once)');
    else process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const rules = config.rules ?? [];
  let routing = Promise.resolve();
  // Routing runs after runs, one pass at a time: passes are idempotent but need not race each other.
  const route = () => {
    if (rules.length === 0) return routing;
    routing = routing.then(() => routeAndDeliver({ store, rules, connections: config.connections, logger: progress.logger, signal: controller.signal }))
      .then(() => undefined, (error: unknown) => { progress.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'routing failed'); });
    return routing;
  };
  const engine = createSyncEngine({
    store, connections: config.connections, logger: progress.logger,
    ...(config.schedule ? { schedule: config.schedule } : {}),
    onProgress(p) {
      progress.update({
        key: `${p.connection}/${p.stream}`, done: p.fetched, startedAt: p.startedAt, ...(p.total === undefined ? {} : { total: p.total }),
        details: { created: p.created, updated: p.updated, unchanged: p.unchanged, failed: p.failed },
      });
    },
    onRun(summary) {
      progress.finish(`${summary.connection}/${summary.stream}`, { status: summary.status, ...summary.counts });
      progress.note(describe(summary), { runId: summary.runId, status: summary.status });
      if (!opts.once) void route();
    },
  });
  const select = opts.stream ?? [];
  try {
    engine.plan(select);
    if (opts.full || opts.once) {
      const summaries = await engine.runOnce({ select, full: opts.full ?? false, signal: controller.signal });
      await route();
      setExitCode(summaries);
      if (opts.once || controller.signal.aborted) return;
    }
    progress.note(`syncing on schedule; Ctrl-C stops after the current batch`);
    const scheduler = engine.schedule({ select, signal: controller.signal });
    await scheduler.done;
    await routing;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    progress.stop();
    await store.close();
  }
}

function setExitCode(summaries: RunSummary[]): void {
  if (summaries.some((s) => s.status === 'failed')) process.exitCode = 1;
  else if (summaries.some((s) => s.status === 'aborted')) process.exitCode = 130;
}

/** `helpdesk/tickets: succeeded in 4.2 s, 5000 fetched (5000 created, 0 updated, 0 unchanged, 0 failed)`. */
export function describe(summary: RunSummary): string {
  const seconds = ((summary.finishedAt.getTime() - summary.startedAt.getTime()) / 1000).toFixed(1);
  const c = summary.counts;
  const extra = summary.deletesInferred ? `, ${c.deleted} deleted` : '';
  return `${summary.connection}/${summary.stream}: ${summary.status} in ${seconds} s, ${c.fetched} fetched `
    + `(${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} failed${extra})`
    + (summary.error ? ` — ${summary.error}` : '');
}
