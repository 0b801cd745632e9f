import type { Logger } from '@silta/kit';

/** One recurring piece of work: run, wait `everyMs` after it ends, run again. */
export interface ScheduledJob {
  /** Shown in logs, e.g. `helpdesk/tickets`. */
  key: string;
  everyMs: number;
  run(signal: AbortSignal): Promise<unknown>;
}

/** A running scheduler. */
export interface Scheduler {
  /** Stops firing new runs, aborts the running ones through their signal and resolves when all have ended. */
  stop(): Promise<void>;
  /** Resolves when the scheduler has stopped (after `stop()` or the outer signal aborts). */
  done: Promise<void>;
}

/**
 * Runs each job at once and then every `everyMs` measured from the end of its previous run, so a slow run
 * never overlaps the next one of the same job. A job's error is logged and the schedule goes on.
 *
 * @example
 * const scheduler = startScheduler([{ key: 'helpdesk/tickets', everyMs: parseEvery('5 minutes'), run: (s) => sync(s) }], { logger });
 * process.once('SIGINT', () => void scheduler.stop());
 * await scheduler.done;
 */
export function startScheduler(jobs: ScheduledJob[], options: { logger: Logger; signal?: AbortSignal }): Scheduler {
  const controller = new AbortController();
  const { signal } = controller;
  const onOuterAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  else options.signal?.addEventListener('abort', onOuterAbort, { once: true });

  async function loop(job: ScheduledJob): Promise<void> {
    while (!signal.aborted) {
      try {
        await job.run(signal);
      } catch (error) {
        if (signal.aborted) break;
        options.logger.error({ job: job.key, err: error }, 'scheduled run failed; next attempt on schedule');
      }
      if (signal.aborted) break;
      options.logger.debug({ job: job.key, nextInMs: job.everyMs }, 'waiting for next run');
      await sleep(job.everyMs, signal);
    }
  }

  const done = Promise.all(jobs.map((job) => loop(job))).then(function schedulerDone() {
    options.signal?.removeEventListener('abort', onOuterAbort);
  });

  return {
    done,
    async stop() {
      controller.abort(new Error('scheduler stopped'));
      await done;
    },
  };
}

/** Resolves after `ms`, or at once when the signal aborts (without throwing: stopping is not an error). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    }
    signal?.addEventListener('abort', finish, { once: true });
  });
}
