import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger, WebhookDefinition } from '@silta/kit';
import { quietLogger } from '../outbox/quiet-logger';
import type { ConnectionInstance } from '../config/types';
import { startInboxProcessor } from '../inbox/process';
import type { BackgroundLoop } from '../outbox/background';
import type { SiltaStore } from '../store/types';
import { BodyTooLargeError, readBody } from './body';

/** Request limits of the webhook server. */
export interface ServeLimits {
  /** Largest accepted body in bytes (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
}

/** What {@link createServer} needs. */
export interface CreateServerOptions {
  store: SiltaStore;
  connections: Record<string, ConnectionInstance>;
  limits?: ServeLimits;
  logger?: Logger;
  /**
   * Process accepted webhooks in this process (default true). With `false` they stay in the inbox for
   * another worker (`processInbox`).
   */
  processInbox?: boolean;
  /** Called after webhook records are stored, e.g. to wake the rules router. */
  onStored?: (count: number) => void;
  /** The clock used for signature timestamp checks; replaceable in tests. */
  now?: () => Date;
  /**
   * More request handlers, tried in order for paths the server does not serve itself (for example
   * `@silta/chat`'s partner API); each resolves true when it answered the request.
   */
  handlers?: ReadonlyArray<(req: IncomingMessage, res: ServerResponse) => Promise<boolean>>;
}

/** A running webhook server. */
export interface SiltaServer {
  readonly server: Server;
  /** The background inbox processor, when `processInbox` is on. */
  readonly processor: BackgroundLoop | undefined;
  /** The webhook paths served, e.g. `/webhooks/helpdesk/ticket`. */
  readonly routes: string[];
  /** Starts listening (port 0 picks a free one); resolves to the address. */
  listen(port?: number, host?: string): Promise<{ port: number; host: string; url: string }>;
  /** Stops accepting, finishes the processor's current pass and closes idle connections. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 1024 * 1024;
// Credentials are kept out of the inbox; the store drops these too, this keeps them out of memory copies.
const DROPPED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/**
 * The webhook server of `silta serve`: each configured connection's webhooks at
 * `POST /webhooks/<connection>/<webhook>`. A request is verified by the connector (401, nothing stored, when
 * it fails), checked to be JSON (400) within the size limit (413), written durably to the inbox and only then
 * answered 202; mapping to records happens after the answer. `GET /health` reports readiness
 * (`?detail` adds queue counts and the change-feed position).
 *
 * @example
 * const app = createServer({ store, connections: config.connections, limits: { maxBodyBytes: 512 * 1024 } });
 * const { url } = await app.listen(8787);
 * console.log(`webhooks at ${url}/webhooks/helpdesk/ticket`);
 */
export function createServer(options: CreateServerOptions): SiltaServer {
  const { store, connections } = options;
  const logger = options.logger ?? quietLogger;
  const limit = options.limits?.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const now = options.now ?? (() => new Date());
  const processor = options.processInbox === false
    ? undefined
    : startInboxProcessor({
      store, connections, logger, intervalMs: 2_000,
      // Under load, gathering a few milliseconds of webhooks per pass keeps ingest fast; alone, one waits 5 ms.
      debounceMs: 5,
      ...(options.onStored ? { onStored: options.onStored } : {}),
      onError: (error) => logger.error({ err: errorMessage(error) }, 'inbox processing failed; will retry'),
    });
  const routes: string[] = [];
  for (const [name, conn] of Object.entries(connections)) {
    for (const hook of Object.keys(conn.connector.webhooks ?? {})) routes.push(`/webhooks/${name}/${hook}`);
  }

  async function handleWebhook(req: IncomingMessage, res: ServerResponse, connectionName: string, hookName: string): Promise<void> {
    const conn = connections[connectionName];
    const webhook: WebhookDefinition<unknown> | undefined = conn?.connector.webhooks?.[hookName];
    if (!conn || !webhook) {
      req.resume();
      send(res, 404, { error: `no webhook at ${req.url ?? ''}`, code: 'WEBHOOK_NOT_FOUND', routes });
      return;
    }
    let rawBody: Buffer;
    try {
      rawBody = await readBody(req, limit);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        send(res, 413, { error: error.message, code: error.code });
        // Drain the rest so the client reads the 413 instead of a reset, and the connection can be reused.
        req.resume();
        return;
      }
      send(res, 400, { error: `could not read the request body: ${errorMessage(error)}`, code: 'WEBHOOK_BODY_UNREADABLE' }, true);
      return;
    }
    try {
      webhook.verify({ headers: req.headers, rawBody, url: req.url ?? '' }, conn.config, now());
    } catch (error) {
      const code = typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : 'WEBHOOK_SIGNATURE_INVALID';
      logger.warn({ connection: connectionName, webhook: hookName, code }, 'webhook rejected: verification failed');
      send(res, 401, { error: 'webhook verification failed', code });
      return;
    }
    const text = rawBody.toString('utf8');
    try {
      JSON.parse(text);
    } catch (error) {
      send(res, 400, { error: `body is not valid JSON: ${errorMessage(error)}`, code: 'WEBHOOK_BODY_INVALID_JSON' });
      return;
    }
    let id: number;
    try {
      ({ id } = await store.inboxAppend({ connector: conn.connector.system, webhook: hookName, connection: connectionName, headers: keptHeaders(req), body: text }));
    } catch (error) {
      logger.error({ connection: connectionName, webhook: hookName, err: errorMessage(error) }, 'webhook not stored');
      // 503 tells the vendor to send it again later; nothing was acknowledged.
      send(res, 503, { error: 'the inbox is unavailable; retry later', code: 'WEBHOOK_STORE_UNAVAILABLE' });
      return;
    }
    send(res, 202, { accepted: true, id });
    processor?.wake();
  }

  async function handleHealth(res: ServerResponse, detail: boolean): Promise<void> {
    try {
      // The plain check is one indexed read, cheap enough for a load balancer polling every few seconds;
      // `?detail` adds counts that scan the queues.
      const rulesOffset = await store.getOffset('rules');
      if (!detail) {
        send(res, 200, { status: 'ok', store: store.kind, routes });
        return;
      }
      const [inbox, outbox, dlq, feed] = await Promise.all([store.inboxCounts(), store.outboxCounts(), store.dlqCount({ status: 'open' }), store.latestSeq()]);
      send(res, 200, { status: 'ok', store: store.kind, routes, inbox, outbox, deadLetters: dlq, changeFeed: { latest: feed, rules: rulesOffset } });
    } catch (error) {
      send(res, 503, { status: 'unavailable', store: store.kind, error: errorMessage(error) });
    }
  }

  const server = createHttpServer(function siltaRequest(req, res) {
    const [path = '/', query = ''] = (req.url ?? '/').split('?');
    const parts = path.split('/').filter(Boolean).map(safeDecode);
    let work: Promise<void>;
    if (path === '/health') {
      work = req.method === 'GET' || req.method === 'HEAD' ? handleHealth(res, new URLSearchParams(query).has('detail')) : methodNotAllowed(req, res, 'GET');
    } else if (parts.length === 3 && parts[0] === 'webhooks') {
      work = req.method === 'POST' ? handleWebhook(req, res, parts[1]!, parts[2]!) : methodNotAllowed(req, res, 'POST');
    } else if (options.handlers && options.handlers.length > 0) {
      work = (async function extraHandlers() {
        for (const handle of options.handlers ?? []) if (await handle(req, res)) return;
        req.resume();
        send(res, 404, { error: `nothing at ${path}`, code: 'NOT_FOUND', routes });
      })();
    } else {
      req.resume();
      send(res, 404, { error: `nothing at ${path}`, code: 'NOT_FOUND', routes });
      return;
    }
    work.catch((error: unknown) => {
      logger.error({ err: errorMessage(error) }, 'request failed');
      if (!res.headersSent) send(res, 500, { error: 'internal error', code: 'INTERNAL' });
    });
  });
  server.keepAliveTimeout = 65_000;

  function listen(port = 0, host = '127.0.0.1'): Promise<{ port: number; host: string; url: string }> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const address = server.address() as AddressInfo;
        const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve({ port: address.port, host: address.address, url: `http://${shown}:${address.port}` });
      });
    });
  }

  async function close(): Promise<void> {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await processor?.stop();
  }

  return { server, processor, routes, listen, close };
}

function methodNotAllowed(req: IncomingMessage, res: ServerResponse, allow: string): Promise<void> {
  req.resume();
  res.setHeader('allow', allow);
  send(res, 405, { error: `${req.method ?? ''} is not allowed here; use ${allow}`, code: 'METHOD_NOT_ALLOWED' });
  return Promise.resolve();
}

function send(res: ServerResponse, status: number, body: unknown, closeConnection = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(closeConnection ? { connection: 'close' } : {}),
  });
  res.end(text);
}

function keptHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || DROPPED_HEADERS.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
