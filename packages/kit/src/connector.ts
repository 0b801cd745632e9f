// `any` in the Record constraints lets a connector hold streams and actions with different checkpoint and input
// types; `unknown` there would reject them (function parameters are contravariant).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { z } from 'zod';
import type { CanonicalRecord } from '@silta/model';
import type { Logger } from './logger';

/**
 * What a stream needs to run: the connection's HTTP client (or any client the connector creates), its
 * validated config, the connection's name (`SourceRef.connection`), a logger and an abort signal.
 */
export interface StreamContext<TConfig, TClient> {
  config: TConfig;
  client: TClient;
  /** The connection name records are filed under, e.g. `yritys-oy`. */
  connection: string;
  logger: Logger;
  signal: AbortSignal;
  /** The clock, replaceable in tests. */
  now(): Date;
}

/**
 * One durable step of a stream: canonical records plus the checkpoint to save in the same transaction.
 * `complete: true` on the last batch of a full, error-free enumeration lets the engine infer deletes.
 */
export interface StreamBatch<TCheckpoint> {
  records: CanonicalRecord[];
  checkpoint: TCheckpoint;
  /** Records the vendor said were deleted in this window (by SourceRef id), where it reports deletes. */
  deletedIds?: string[];
  complete?: boolean;
  /** Raw vendor payloads that failed validation or mapping: the engine dead-letters them with the reason. */
  rejects?: Array<{ payload: unknown; error: Error }>;
  /** What the stream knows of the total, for progress bars (`undefined` when unknown). */
  total?: number;
}

/** A stream: reads a vendor's objects incrementally from a checkpoint, yielding durable batches. */
export interface StreamDefinition<TConfig = unknown, TClient = unknown, TCheckpoint = unknown> {
  name: string;
  description?: string;
  /** The entities this stream emits, for `silta records count --entity`. */
  entities: readonly CanonicalRecord['entity'][];
  checkpoint: z.ZodType<TCheckpoint>;
  /** Reads from `checkpoint` (undefined on the first run or a full resync). */
  read(ctx: StreamContext<TConfig, TClient>, checkpoint: TCheckpoint | undefined): AsyncIterable<StreamBatch<TCheckpoint>>;
  /**
   * Validates and maps ONE raw payload this stream rejected (`batch.rejects[].payload`), exactly as `read`
   * would, so its dead letter can be replayed once the cause is fixed; throws `ValidationError` naming the
   * field when it still cannot. Optional: without it such dead letters are recovered by a full resync.
   */
  map?(payload: unknown, ctx: { config: TConfig; connection: string }): CanonicalRecord[];
}

/** What an action gets besides its input. */
export interface ActionContext<TConfig, TClient> {
  config: TConfig;
  client: TClient;
  connection: string;
  logger: Logger;
  signal?: AbortSignal;
  /** Derived by the outbox from (rule, source record, version); stable across retries and replays. */
  idempotencyKey: string;
}

/** A write to the vendor: add a note, move a ticket, send an email. */
export interface ActionDefinition<TConfig = unknown, TClient = unknown, TInput = unknown, TOutput = unknown> {
  name: string;
  description?: string;
  input: z.ZodType<TInput>;
  run(ctx: ActionContext<TConfig, TClient>, input: TInput): Promise<TOutput>;
  /**
   * For vendors without idempotency keys: looks for an earlier attempt with the same key (a marker the
   * action wrote into the object) and returns its result, so a retry after a lost 201 does not write twice.
   */
  findPrevious?(ctx: ActionContext<TConfig, TClient>, input: TInput): Promise<TOutput | undefined>;
}

/** An incoming webhook request, body unparsed so signatures can be checked over the exact bytes. */
export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  /** The URL path and query it arrived on. */
  url: string;
}

/** Receives a vendor's webhooks: verify the request, then map its body into canonical records. */
export interface WebhookDefinition<TConfig = unknown> {
  name: string;
  /** Throws `WebhookVerificationError` when the request is not authentic. */
  verify(request: WebhookRequest, config: TConfig, now?: Date): void;
  /** Maps a verified body; throws `ValidationError` naming the field when it cannot. */
  parse(body: unknown, ctx: { config: TConfig; connection: string }): CanonicalRecord[];
}

/** A connector: config schema, client factory and its streams, actions and webhooks, as data. */
export interface ConnectorDefinition<
  TConfig = unknown,
  TClient = unknown,
  TStreams extends Record<string, StreamDefinition<TConfig, TClient, any>> = Record<string, StreamDefinition<TConfig, TClient, any>>,
  TActions extends Record<string, ActionDefinition<TConfig, TClient, any, any>> = Record<string, ActionDefinition<TConfig, TClient, any, any>>,
  TWebhooks extends Record<string, WebhookDefinition<TConfig>> = Record<string, WebhookDefinition<TConfig>>,
> {
  /** The `SourceRef.system` this connector writes, e.g. `freshdesk`. */
  system: string;
  config: z.ZodType<TConfig, any>;
  createClient(config: TConfig, options: { logger: Logger }): TClient;
  streams: TStreams;
  actions: TActions;
  webhooks: TWebhooks;
}

/**
 * Declares a connector. An identity function: it exists so TypeScript infers the config, client, streams
 * and actions types for the engine and for callers.
 *
 * @example
 * export const acme = defineConnector({
 *   system: 'acme', config: AcmeConfigSchema, createClient: (c) => createHttpClient({ baseUrl: c.baseUrl }),
 *   streams: { contacts }, actions: { addNote }, webhooks: {},
 * });
 */
export function defineConnector<
  TConfig,
  TClient,
  TStreams extends Record<string, StreamDefinition<TConfig, TClient, any>>,
  TActions extends Record<string, ActionDefinition<TConfig, TClient, any, any>>,
  TWebhooks extends Record<string, WebhookDefinition<TConfig>>,
>(definition: ConnectorDefinition<TConfig, TClient, TStreams, TActions, TWebhooks>) {
  return definition;
}

/**
 * Declares a stream with a typed checkpoint.
 *
 * @example
 * const contacts = defineStream<Config, HttpClient, { since?: string }>({
 *   name: 'contacts', entities: ['party'], checkpoint: z.object({ since: z.string().optional() }),
 *   async *read(ctx, cp) { yield { records: [], checkpoint: { since: ctx.now().toISOString() } }; },
 * });
 */
export function defineStream<TConfig, TClient, TCheckpoint>(definition: StreamDefinition<TConfig, TClient, TCheckpoint>) {
  return definition;
}

/**
 * Declares an action with a typed input.
 *
 * @example
 * const addNote = defineAction<Config, HttpClient, { ticketId: string; body: string }, { id: string }>({
 *   name: 'addNote', input: z.object({ ticketId: z.string(), body: z.string() }),
 *   run: async (ctx, input) => ({ id: '1' }),
 * });
 */
export function defineAction<TConfig, TClient, TInput, TOutput>(definition: ActionDefinition<TConfig, TClient, TInput, TOutput>) {
  return definition;
}

/**
 * Declares a webhook receiver.
 *
 * @example
 * const hook = defineWebhook<Config>({ name: 'ticket', verify: (req, c) => verifySharedSecret(req, c.secret), parse: (b) => [] });
 */
export function defineWebhook<TConfig>(definition: WebhookDefinition<TConfig>) {
  return definition;
}
