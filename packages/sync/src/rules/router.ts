import { formatSourceRef } from '@silta/model';
import type { Logger } from '@silta/kit';
import { quietLogger } from '../outbox/quiet-logger';
import type { ConnectionInstance } from '../config/types';
import { buildContextPacket } from '../context/packet';
import { createStoreReader, type IdentityLookup } from '../context/reader';
import { idempotencyKeyFor } from '../outbox/idempotency-key';
import type { ChangeEvent, SiltaStore } from '../store/types';
import { RuleDeliveryError } from './errors';
import { assertRules } from './route';
import { resolveInput } from './steps';
import type { DeliveryContext, Rule, RuleReader } from './types';
import { recordVersion } from './version';

/** What {@link runRules} needs. */
export interface RunRulesOptions {
  store: SiltaStore;
  rules: readonly Rule[];
  connections: Record<string, ConnectionInstance>;
  /**
   * The identity graph, to build packets about whole people rather than one system's record. Default: the
   * store's own graph (`store.identity`); a party no graph knows stands for the person alone.
   */
  identity?: IdentityLookup;
  /** The change-feed consumer name whose offset this router advances (default `rules`). */
  consumer?: string;
  /** Changes read per step (default 200). */
  batchSize?: number;
  logger?: Logger;
  now?: () => Date;
  signal?: AbortSignal;
}

/** What one pass over the change feed did. */
export interface RunRulesSummary {
  /** Changes read. */
  changes: number;
  /** Rule firings (one change matching one rule). */
  fired: number;
  /** Outbox jobs newly enqueued. */
  enqueued: number;
  /** Deliveries that were already in the outbox (a replayed change). */
  duplicates: number;
  /** Firings that could not be enqueued and went to the dead-letter queue. */
  failed: number;
  /** The feed position reached. */
  offset: number;
}

/**
 * Runs the rules over every change since the consumer's offset, enqueuing one outbox job per action of each
 * rule that fires, and advances the offset after each batch. A crash replays at most one batch, and the
 * idempotency keys make the replay enqueue nothing twice.
 *
 * @example
 * const summary = await runRules({ store, rules: config.rules ?? [], connections: config.connections });
 * console.log(`${summary.fired} rules fired, ${summary.enqueued} actions queued`);
 */
export async function runRules(options: RunRulesOptions): Promise<RunRulesSummary> {
  assertRules(options.rules);
  const { store, rules } = options;
  const consumer = options.consumer ?? 'rules';
  const logger = options.logger ?? quietLogger;
  const now = options.now ?? (() => new Date());
  const reader = createStoreReader(store, { identity: options.identity ?? store.identity, now });
  const summary: RunRulesSummary = { changes: 0, fired: 0, enqueued: 0, duplicates: 0, failed: 0, offset: await store.getOffset(consumer) };
  for (;;) {
    if (options.signal?.aborted) break;
    const changes = await store.readChanges({ afterSeq: summary.offset, limit: options.batchSize ?? 200 });
    if (changes.length === 0) break;
    for (const change of changes) {
      summary.changes++;
      for (const rule of rules) {
        if (!(await ruleMatches(rule, change, reader))) continue;
        summary.fired++;
        await fire(rule, change, reader, options, summary, logger);
      }
      summary.offset = change.seq;
    }
    await store.setOffset(consumer, summary.offset);
  }
  return summary;
}

async function ruleMatches(rule: Rule, change: ChangeEvent, reader: RuleReader): Promise<boolean> {
  for (const predicate of rule.when) if (!(await predicate.test(change, reader))) return false;
  return true;
}

async function fire(rule: Rule, change: ChangeEvent, reader: RuleReader, options: RunRulesOptions, summary: RunRulesSummary, logger: Logger, rethrow = false): Promise<void> {
  const record = change.after ?? change.before;
  if (!record) return;
  const version = recordVersion(record);
  const baseKey = idempotencyKeyFor(rule.name, change.ref, version);
  const source = `rule:${rule.name}:${formatSourceRef(change.ref)}`;
  try {
    const built = await buildContextPacket({
      record,
      parts: rule.context,
      reader,
      reason: rule.reason,
      ...(rule.toTeam ? { handoff: { rule: rule.name, toTeam: rule.toTeam, id: baseKey } } : {}),
    });
    for (const [i, step] of rule.deliver.entries()) {
      const key = idempotencyKeyFor(rule.name, change.ref, version, `${i}:${step.label}`);
      const ctx: DeliveryContext = {
        rule: rule.name, change, record, case: built.case, interaction: built.interaction, packet: built.packet, idempotencyKey: key,
      };
      const input = validateStep(step.connection, step.action, resolveInput(step, ctx), options.connections, rule.name);
      const result = await options.store.outboxEnqueue({
        key, rule: rule.name, action: step.action, connection: step.connection, input, sourceRef: change.ref, version,
      });
      if (result.created) summary.enqueued++;
      else summary.duplicates++;
      logger.info({ rule: rule.name, ref: formatSourceRef(change.ref), action: step.label, key, created: result.created }, 'rule fired');
    }
  } catch (error) {
    if (rethrow) throw error;
    summary.failed++;
    const reason = error instanceof Error ? error.message : String(error);
    logger.warn({ rule: rule.name, ref: formatSourceRef(change.ref), reason }, 'rule could not deliver');
    await options.store.dlqAdd({ kind: 'action', reason, source, payload: { type: 'rule-firing', rule: rule.name, seq: change.seq, ref: change.ref, version } });
  }
}

function validateStep(connectionName: string, actionName: string, input: unknown, connections: Record<string, ConnectionInstance>, rule: string): unknown {
  const conn = connections[connectionName];
  if (!conn) {
    throw new RuleDeliveryError('RULE_UNKNOWN_CONNECTION', `rule "${rule}" delivers to connection "${connectionName}", which is not configured (configured: ${Object.keys(connections).join(', ') || 'none'})`);
  }
  const action = conn.connector.actions[actionName];
  if (!action) {
    throw new RuleDeliveryError('RULE_UNKNOWN_ACTION', `rule "${rule}": ${conn.connector.system} has no action "${actionName}" (it has ${Object.keys(conn.connector.actions).join(', ') || 'none'})`);
  }
  const parsed = action.input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(input)';
    throw new RuleDeliveryError('RULE_INPUT_INVALID', `rule "${rule}": input of ${connectionName}.${actionName} is invalid at ${where}: ${issue?.message ?? 'does not match the schema'}`);
  }
  // The unparsed input is enqueued: the action parses it again when it runs, defaults included.
  return input;
}

/**
 * Replays a dead-lettered rule firing (a DLQ entry of kind `action` whose payload is a `rule-firing`): runs
 * the rule again on the same change, once the config is fixed. Throws `RuleDeliveryError` when it still
 * cannot be enqueued; the entry stays open. Pass it to the DLQ replay as its `replayAction`.
 *
 * @example
 * await replayDeadLetters({ store, connections, replayAction: (e) => replayRuleFiring(e, { store, rules, connections }) });
 */
export async function replayRuleFiring(entry: { id: number; payload: unknown }, options: RunRulesOptions): Promise<string> {
  const p = (entry.payload ?? {}) as { type?: unknown; rule?: unknown; seq?: unknown };
  if (p.type !== 'rule-firing' || typeof p.rule !== 'string' || typeof p.seq !== 'number') {
    throw new RuleDeliveryError('RULE_INPUT_INVALID', `dead letter ${entry.id} is not a rule firing`);
  }
  const rule = options.rules.find((r) => r.name === p.rule);
  if (!rule) throw new RuleDeliveryError('RULE_INPUT_INVALID', `dead letter ${entry.id}: no rule is named "${p.rule}" any more`);
  const [change] = await options.store.readChanges({ afterSeq: p.seq - 1, limit: 1 });
  if (!change || change.seq !== p.seq) throw new RuleDeliveryError('RULE_INPUT_INVALID', `dead letter ${entry.id}: change ${p.seq} is no longer in the feed`);
  const now = options.now ?? (() => new Date());
  const reader = createStoreReader(options.store, { identity: options.identity ?? options.store.identity, now });
  const summary: RunRulesSummary = { changes: 1, fired: 1, enqueued: 0, duplicates: 0, failed: 0, offset: change.seq };
  await fire(rule, change, reader, options, summary, options.logger ?? quietLogger, true);
  return `rule "${rule.name}": ${summary.enqueued} actions queued, ${summary.duplicates} already queued`;
}
