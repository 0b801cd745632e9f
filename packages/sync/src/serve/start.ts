import type { Logger } from '@silta/kit';
import type { ConnectionInstance } from '../config/types';
import type { IdentityLookup } from '../context/reader';
import { runInBackground } from '../outbox/background';
import { startOutboxWorker } from '../outbox/deliver';
import { quietLogger } from '../outbox/quiet-logger';
import { linkPeople, type PeopleLinker } from '../context/link-people';
import { runRules } from '../rules/router';
import type { Rule } from '../rules/types';
import type { SiltaStore } from '../store/types';
import { createServer, type CreateServerOptions, type ServeLimits, type SiltaServer } from './server';

/** What {@link startServe} needs. */
export interface StartServeOptions {
  store: SiltaStore;
  connections: Record<string, ConnectionInstance>;
  rules?: readonly Rule[];
  identity?: IdentityLookup;
  /** Links party records into people as they change, before the rules run (see {@link linkPeople}). */
  resolver?: PeopleLinker;
  port?: number;
  host?: string;
  limits?: ServeLimits;
  logger?: Logger;
  /** How often the rules and the outbox look for work when nothing woke them (default 2 s). */
  pollMs?: number;
  /**
   * `now`: a router that has never run starts at the end of the change feed, so rules do not act on
   * history synced before (a backfill). Default `offset`: every change after the saved offset, from the start.
   */
  rulesFrom?: 'offset' | 'now';
  /** More request handlers for paths the webhook server does not serve (see `CreateServerOptions.handlers`). */
  handlers?: CreateServerOptions['handlers'];
}

/** Everything `silta serve` runs, started. */
export interface RunningServe {
  app: SiltaServer;
  url: string;
  port: number;
  /** Stops accepting webhooks, lets the current passes finish and stops the background work. */
  close(): Promise<void>;
}

/**
 * Starts what `silta serve` runs in one process: the webhook server with its inbox processor, the rules
 * router on the change feed (woken whenever webhook records are stored) and the outbox worker (woken
 * whenever rules enqueue). The store stays open; close it after `close()`.
 *
 * @example
 * const running = await startServe({ store, connections: config.connections, rules: config.rules, port: 8787 });
 * process.once('SIGTERM', () => void running.close().then(() => store.close()));
 */
export async function startServe(options: StartServeOptions): Promise<RunningServe> {
  const { store, connections } = options;
  const logger = options.logger ?? quietLogger;
  const rules = options.rules ?? [];
  const pollMs = options.pollMs ?? 2_000;
  if (options.rulesFrom === 'now' && (await store.getOffset('rules')) === 0) {
    await store.setOffset('rules', await store.latestSeq());
  }
  const outbox = startOutboxWorker({ store, connections, logger, intervalMs: pollMs, onError: (e) => logger.error({ err: String(e) }, 'outbox pass failed') });
  const router = rules.length === 0 && !options.resolver
    ? undefined
    : runInBackground(async function rulesPass(signal) {
      if (options.resolver) await linkPeople({ store, resolver: options.resolver, logger, signal });
      const summary = await runRules({ store, rules, connections, logger, signal, ...(options.identity ? { identity: options.identity } : {}) });
      if (summary.enqueued > 0) outbox.wake();
    }, { intervalMs: pollMs, onError: (e) => logger.error({ err: String(e) }, 'rules pass failed') });
  const app = createServer({
    store, connections, logger,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.handlers ? { handlers: options.handlers } : {}),
    onStored: () => router?.wake(),
  });
  const address = await app.listen(options.port ?? 8787, options.host ?? '127.0.0.1');
  async function close(): Promise<void> {
    await app.close();
    await router?.stop();
    await outbox.stop();
  }
  return { app, url: address.url, port: address.port, close };
}
