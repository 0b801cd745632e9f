import type { ConnectorDefinition } from '@silta/kit';
import type { Rule } from '../rules/types';

/**
 * One configured connection: a connector, its config, and how the engine may run it. Connector packages
 * return one from their factory (`freshdesk({ domain, apiKey })`); {@link connection} builds one for any connector.
 */
export interface ConnectionInstance<TConfig = unknown, TClient = unknown> {
  connector: ConnectorDefinition<TConfig, TClient>;
  config: TConfig;
  /** A client to reuse instead of `connector.createClient(config)`, e.g. one sharing a rate-limit budget. */
  client?: TClient;
  /** How many of this connection's streams may run at once (default 2). */
  concurrency?: number;
  /** This connection's interval, overriding the config's `schedule.every`. */
  every?: string;
  /** Run only these streams (default: every stream the connector declares). */
  streams?: readonly string[];
}

/** When the long-running `silta sync` runs each stream. */
export interface ScheduleConfig {
  /** Interval between the end of one run and the start of the next, e.g. `5 minutes` (the default). */
  every?: string;
  /** Per-stream intervals keyed `connection/stream` (or `connection`), e.g. `{ 'helpdesk/contacts': '1 hour' }`. */
  streams?: Record<string, string>;
}

/** The contents of `silta.config.ts`. */
export interface SiltaConfig {
  /** A SQLite file path or a `postgres://` URL. */
  store: string;
  connections: Record<string, ConnectionInstance>;
  rules?: readonly Rule[];
  schedule?: ScheduleConfig;
}
