import { silentLogger, type Logger } from '@silta/kit';
import type { ConnectionInstance } from '../config/types';
import { deliver, type DeliverSummary } from '../outbox/deliver';
import { runRules, type RunRulesSummary } from '../rules/router';
import type { Rule } from '../rules/types';
import type { SiltaStore } from '../store/types';

/** What one {@link routeAndDeliver} pass did. */
export interface RouteAndDeliverSummary {
  rules: RunRulesSummary;
  delivery: DeliverSummary;
}

/**
 * After a sync: runs the rules over the new change events (enqueuing actions in the outbox) and delivers
 * what is due. Both steps are idempotent, so running it after every stream run, or twice after a crash, is safe.
 *
 * @example
 * await engine.runOnce();
 * const { rules, delivery } = await routeAndDeliver({ store, rules: config.rules ?? [], connections: config.connections });
 */
export async function routeAndDeliver(options: {
  store: SiltaStore;
  rules: readonly Rule[];
  connections: Record<string, ConnectionInstance>;
  logger?: Logger;
  signal?: AbortSignal;
  /** How long a claimed outbox job stays this process's (default the outbox's, 60 s). */
  leaseMs?: number;
}): Promise<RouteAndDeliverSummary> {
  const logger = options.logger ?? silentLogger;
  const common = { store: options.store, connections: options.connections, logger, ...(options.signal ? { signal: options.signal } : {}) };
  const rules = await runRules({ ...common, rules: options.rules });
  const delivery = await deliver({ ...common, ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}) });
  logger.info({ ...rules, ...delivery }, 'rules and deliveries done');
  return { rules, delivery };
}
