import cliProgress from 'cli-progress';
import { createLogger, type Logger } from '@silta/kit';

/** One task's position: `key` names it (`helpdesk/tickets`), `done` counts records, `total` when known. */
export interface ProgressUpdate {
  key: string;
  done: number;
  total?: number;
  startedAt: Date;
  /** Extra figures for the JSON log line (created, updated, failed, …). */
  details?: Record<string, number>;
}

/** Shows long runs: a progress bar per task on a terminal, throttled JSON log lines otherwise. */
export interface ProgressReporter {
  /** Where engine and command logs go: stderr (warnings and up) on a terminal, JSON lines on stdout otherwise. */
  readonly logger: Logger;
  /** True when bars are drawn (stdout is a terminal and JSON was not forced). */
  readonly tty: boolean;
  update(update: ProgressUpdate): void;
  /** Marks a task finished: the bar shows its final count, the log gets one last line. */
  finish(key: string, details?: Record<string, number | string>): void;
  /** Prints a line for the user without breaking the bars (stdout on a terminal, a JSON `msg` otherwise). */
  note(message: string, fields?: Record<string, unknown>): void;
  stop(): void;
}

/** Options of {@link createProgressReporter}. */
export interface ProgressOptions {
  /** Defaults to `process.stdout.isTTY`; `SILTA_LOG_FORMAT=json` forces JSON. */
  tty?: boolean;
  /** Where JSON lines go (default stdout). */
  destination?: NodeJS.WritableStream;
  /** Where bars go (default stderr). */
  barStream?: NodeJS.WritableStream;
  /** Minimum milliseconds between two JSON progress lines of one task (default 1000). */
  logEveryMs?: number;
  level?: string;
}

/**
 * Creates the reporter `silta sync` and `silta demo` use: on a terminal a bar per task with records, rate
 * and ETA (cli-progress); when stdout is not a terminal, structured JSON lines via pino (credentials
 * redacted by the kit's logger), a progress line per task at most once a second.
 *
 * @example
 * const progress = createProgressReporter();
 * progress.update({ key: 'helpdesk/tickets', done: 300, total: 5000, startedAt });
 * progress.finish('helpdesk/tickets', { created: 5000 });
 * progress.stop();
 */
export function createProgressReporter(options: ProgressOptions = {}): ProgressReporter {
  const tty = options.tty ?? (process.stdout.isTTY === true && process.env.SILTA_LOG_FORMAT !== 'json');
  const destination = options.destination ?? process.stdout;
  const logger = tty
    ? createLogger({ level: process.env.SILTA_LOG_LEVEL ?? 'warn', destination: process.stderr as never })
    : createLogger({ destination: destination as never, ...(options.level ? { level: options.level } : {}) });
  return tty ? barReporter(logger, options) : jsonReporter(logger, options);
}

function rateOf(update: ProgressUpdate): number {
  const seconds = Math.max((Date.now() - update.startedAt.getTime()) / 1000, 0.001);
  return update.done / seconds;
}

function barReporter(logger: Logger, options: ProgressOptions): ProgressReporter {
  const withTotal = ' {key} [{bar}] {value}/{totalText} records | {rate}/s | ETA {etaText}';
  // Without a known total a bar would only ever look full: show the count and the rate.
  const withoutTotal = ' {key} {value} records | {rate}/s | {etaText}';
  const multi = new cliProgress.MultiBar({
    stream: options.barStream ?? process.stderr,
    format: withTotal,
    hideCursor: true,
    clearOnComplete: false,
    fps: 8,
    barsize: 28,
  }, cliProgress.Presets.shades_classic);
  const bars = new Map<string, cliProgress.SingleBar>();
  const done = new Map<string, number>();
  let stopped = false;

  function payloadOf(update: ProgressUpdate) {
    const rate = rateOf(update);
    const left = update.total !== undefined && rate > 0 ? Math.max(update.total - update.done, 0) / rate : undefined;
    return {
      key: update.key.padEnd(22),
      rate: Math.round(rate).toLocaleString('en-US'),
      totalText: update.total === undefined ? '?' : String(update.total),
      etaText: left === undefined ? (update.total === undefined ? 'running' : '--') : formatSeconds(left),
    };
  }

  return {
    logger,
    tty: true,
    update(update) {
      const total = Math.max(update.total ?? update.done, update.done, 1);
      let bar = bars.get(update.key);
      if (!bar) {
        bar = multi.create(total, update.done, payloadOf(update), { format: update.total === undefined ? withoutTotal : withTotal });
        bars.set(update.key, bar);
      }
      bar.setTotal(total);
      bar.update(update.done, payloadOf(update));
      done.set(update.key, update.done);
    },
    finish(key) {
      const bar = bars.get(key);
      if (!bar) return;
      // The run is over: whatever it fetched is the whole, even when the vendor's total was an estimate.
      const count = done.get(key) ?? 0;
      bar.setTotal(Math.max(count, 1));
      bar.update(count, { totalText: String(count), etaText: 'done' });
    },
    note(message) {
      multi.log(`${message}\n`);
    },
    stop() {
      // A second stop would move the cursor up over whatever was printed after the first.
      if (stopped) return;
      stopped = true;
      multi.stop();
    },
  };
}

function jsonReporter(logger: Logger, options: ProgressOptions): ProgressReporter {
  const every = options.logEveryMs ?? 1000;
  const lastAt = new Map<string, number>();
  const last = new Map<string, ProgressUpdate>();

  function line(update: ProgressUpdate) {
    const rate = rateOf(update);
    logger.info({
      task: update.key, records: update.done, ...(update.total === undefined ? {} : { total: update.total }),
      records_per_s: Math.round(rate),
      ...(update.total !== undefined && rate > 0 ? { eta_s: Math.round(Math.max(update.total - update.done, 0) / rate) } : {}),
      ...update.details,
    }, 'progress');
  }

  return {
    logger,
    tty: false,
    update(update) {
      last.set(update.key, update);
      const now = Date.now();
      if (now - (lastAt.get(update.key) ?? 0) < every) return;
      lastAt.set(update.key, now);
      line(update);
    },
    finish(key, details) {
      const update = last.get(key);
      logger.info({ task: key, ...(update ? { records: update.done } : {}), ...details }, 'finished');
    },
    note(message, fields) {
      logger.info(fields ?? {}, message);
    },
    stop() {},
  };
}

/** `75` ⇒ `1m15s`. */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
