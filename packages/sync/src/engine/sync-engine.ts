import { silentLogger, type Logger } from '@silta/kit';
import type { ConnectionInstance, ScheduleConfig } from '../config/types';
import { EngineError } from './errors';
import { parseEvery } from './every';
import { createLimiter, type ConcurrencyLimiter } from './limiter';
import { DEFAULT_CONNECTION_CONCURRENCY, selectStreams } from './run-connection';
import { runStream } from './run-stream';
import { startScheduler, type Scheduler } from './scheduler';
import type { EngineStore } from './store-port';
import type { RunProgress, RunSummary } from './types';

/** The default interval of `silta sync` without `--once`. */
export const DEFAULT_EVERY = '5 minutes';

/** What {@link createSyncEngine} needs. */
export interface SyncEngineOptions {
  store: EngineStore;
  connections: Record<string, ConnectionInstance>;
  schedule?: ScheduleConfig;
  logger?: Logger;
  onProgress?: (progress: RunProgress) => void;
  /** Called with each finished run, e.g. to print a summary line. */
  onRun?: (summary: RunSummary) => void;
}

/** Options of one pass or a schedule. */
export interface SyncRunOptions {
  /**
   * Which streams: `stream` (in every connection that has it), `connection/stream`, or `connection`.
   * Default: every stream of every connection.
   */
  select?: readonly string[];
  /** Full resync (checkpoint reset) of the selected streams. */
  full?: boolean;
  signal?: AbortSignal;
}

/** A planned stream run: which connection and stream. */
export interface StreamTarget {
  connection: string;
  stream: string;
}

/** Runs a config's connections: once, on a schedule, or a full resync; one client and limiter per connection. */
export interface SyncEngine {
  /** The streams a selection names; throws `STREAM_NOT_FOUND` / `CONNECTION_NOT_FOUND` for unknown names. */
  plan(select?: readonly string[]): StreamTarget[];
  /** Runs every selected stream once (the connection limits apply) and resolves with the summaries. */
  runOnce(options?: SyncRunOptions): Promise<RunSummary[]>;
  /** Runs every selected stream now and then on its interval until stopped. */
  schedule(options?: Omit<SyncRunOptions, 'full'>): Scheduler;
}

/**
 * Creates the engine that `silta sync` drives. Each connection gets one client (so its streams share the
 * vendor's rate-limit budget) and one limiter (`concurrency`, default 2), shared by one-off runs and schedules.
 *
 * @example
 * const engine = createSyncEngine({ store, connections: config.connections, schedule: config.schedule, logger });
 * const summaries = await engine.runOnce({ select: ['helpdesk/tickets'] });
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const logger = options.logger ?? silentLogger;
  const limiters = new Map<string, ConcurrencyLimiter>();
  const clients = new Map<string, unknown>();

  function limiterOf(name: string, conn: ConnectionInstance): ConcurrencyLimiter {
    let limiter = limiters.get(name);
    if (!limiter) limiters.set(name, (limiter = createLimiter(conn.concurrency ?? DEFAULT_CONNECTION_CONCURRENCY)));
    return limiter;
  }

  function clientOf(name: string, conn: ConnectionInstance): unknown {
    if (!clients.has(name)) clients.set(name, conn.client ?? conn.connector.createClient(conn.config, { logger: logger.child({ connection: name }) }));
    return clients.get(name);
  }

  function plan(select?: readonly string[]): StreamTarget[] {
    const names = Object.keys(options.connections);
    if (!select || select.length === 0) {
      return names.flatMap((connection) => selectStreams(connection, options.connections[connection]!).map((stream) => ({ connection, stream })));
    }
    const targets: StreamTarget[] = [];
    for (const selector of select) {
      const [first, second] = selector.split('/') as [string, string | undefined];
      if (second !== undefined) {
        const conn = connectionOf(first);
        targets.push(...selectStreams(first, conn, [second]).map((stream) => ({ connection: first, stream })));
      } else if (options.connections[first]) {
        targets.push(...selectStreams(first, options.connections[first]).map((stream) => ({ connection: first, stream })));
      } else {
        const having = names.filter((n) => options.connections[n]!.connector.streams[first]);
        if (having.length === 0) {
          throw new EngineError('STREAM_NOT_FOUND', `no connection has a stream or is named "${first}"; connections: ${names.join(', ')}`);
        }
        targets.push(...having.map((connection) => ({ connection, stream: first })));
      }
    }
    // A selection naming the same stream twice must not run it twice at once.
    return targets.filter((t, i) => targets.findIndex((u) => u.connection === t.connection && u.stream === t.stream) === i);
  }

  function connectionOf(name: string): ConnectionInstance {
    const conn = options.connections[name];
    if (!conn) throw new EngineError('CONNECTION_NOT_FOUND', `no connection named "${name}"; configured: ${Object.keys(options.connections).join(', ')}`);
    return conn;
  }

  async function runTarget(target: StreamTarget, run: SyncRunOptions): Promise<RunSummary> {
    const conn = connectionOf(target.connection);
    const summary = await limiterOf(target.connection, conn).run(function runScheduledStream() {
      return runStream({
        store: options.store, connector: conn.connector, connectionName: target.connection, config: conn.config,
        client: clientOf(target.connection, conn), stream: target.stream, logger,
        ...(run.signal ? { signal: run.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(run.full ? { full: true } : {}),
      });
    });
    options.onRun?.(summary);
    return summary;
  }

  function everyOf(target: StreamTarget): number {
    const streams = options.schedule?.streams ?? {};
    const text = streams[`${target.connection}/${target.stream}`] ?? streams[target.connection]
      ?? options.connections[target.connection]?.every ?? options.schedule?.every ?? DEFAULT_EVERY;
    return parseEvery(text, `schedule of ${target.connection}/${target.stream}`);
  }

  return {
    plan,
    runOnce(run = {}) {
      return Promise.all(plan(run.select).map((target) => runTarget(target, run)));
    },
    schedule(run = {}) {
      const jobs = plan(run.select).map((target) => ({
        key: `${target.connection}/${target.stream}`,
        everyMs: everyOf(target),
        run: (signal: AbortSignal) => runTarget(target, { signal }),
      }));
      return startScheduler(jobs, { logger, ...(run.signal ? { signal: run.signal } : {}) });
    },
  };
}
