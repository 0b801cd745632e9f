import type { ConnectorDefinition } from '@silta/kit';
import { EngineError } from '../engine/errors';
import { parseEvery } from '../engine/every';
import type { ConnectionInstance, SiltaConfig } from './types';

const NAME = /^[^:\s/]+$/;

/**
 * Declares `silta.config.ts`: the store, the connections, rules and schedule. Checks the shape at once so a
 * mistake is reported with the field at fault before anything connects.
 *
 * @example
 * export default defineConfig({
 *   store: process.env.SILTA_DB ?? '.silta/silta.db',
 *   connections: { helpdesk: freshdesk({ domain: 'yritys', apiKey: process.env.FRESHDESK_API_KEY! }) },
 *   schedule: { every: '5 minutes' },
 * });
 */
export function defineConfig<T extends SiltaConfig>(config: T): T {
  validateConfig(config);
  return config;
}

/**
 * Builds a connection for any connector from its config; connector factories such as `freshdesk()` do this for you.
 *
 * @example
 * const helpdesk = connection(freshdeskConnector, { domain: 'yritys', apiKey }, { concurrency: 1 });
 */
export function connection<TConfig, TClient>(
  connector: ConnectorDefinition<TConfig, TClient>,
  config: TConfig,
  options: Omit<ConnectionInstance<TConfig, TClient>, 'connector' | 'config'> = {},
): ConnectionInstance<TConfig, TClient> {
  return { connector, config, ...options };
}

function invalid(field: string, problem: string): never {
  throw new EngineError('CONFIG_INVALID', `config.${field} ${problem}`);
}

/** Throws `EngineError` `CONFIG_INVALID` naming the first field that is wrong. */
export function validateConfig(value: unknown): asserts value is SiltaConfig {
  if (typeof value !== 'object' || value === null) invalid('', 'must be an object (export default defineConfig({...}))');
  const config = value as Partial<SiltaConfig>;
  if (typeof config.store !== 'string' || config.store.trim() === '') {
    invalid('store', 'must be a SQLite file path or a postgres:// URL');
  }
  if (typeof config.connections !== 'object' || config.connections === null) {
    invalid('connections', 'must be an object mapping names to connections');
  }
  for (const [name, conn] of Object.entries(config.connections)) {
    if (!NAME.test(name)) invalid(`connections.${name}`, 'name must not contain ":", "/" or whitespace');
    if (!isConnection(conn)) {
      invalid(`connections.${name}`, 'must be a connection ({ connector, config }), e.g. freshdesk({ domain, apiKey })');
    }
    if (conn.concurrency !== undefined && (!Number.isInteger(conn.concurrency) || conn.concurrency < 1)) {
      invalid(`connections.${name}.concurrency`, `must be a whole number of at least 1, got ${String(conn.concurrency)}`);
    }
    if (conn.every !== undefined) parseEvery(conn.every, `config.connections.${name}.every`);
    for (const stream of conn.streams ?? []) {
      if (!conn.connector.streams[stream]) {
        invalid(`connections.${name}.streams`, `names "${stream}", which ${conn.connector.system} does not have (it has ${Object.keys(conn.connector.streams).join(', ')})`);
      }
    }
  }
  if (config.rules !== undefined && !Array.isArray(config.rules)) invalid('rules', 'must be an array of rules');
  if (config.schedule?.every !== undefined) parseEvery(config.schedule.every, 'config.schedule.every');
  for (const [key, every] of Object.entries(config.schedule?.streams ?? {})) {
    parseEvery(every, `config.schedule.streams["${key}"]`);
  }
}

/** True for anything shaped like a {@link ConnectionInstance}. */
export function isConnection(value: unknown): value is ConnectionInstance {
  if (typeof value !== 'object' || value === null) return false;
  const { connector } = value as { connector?: unknown };
  return typeof connector === 'object' && connector !== null
    && typeof (connector as { system?: unknown }).system === 'string'
    && typeof (connector as { streams?: unknown }).streams === 'object'
    && 'config' in value;
}
