import type { IncomingMessage, ServerResponse } from 'node:http';
import { ValidationError, formatIssuePath, silentLogger, type Logger } from '@silta/kit';
import type { z } from 'zod';
import { authenticate } from './auth';
import { readLimitedBody } from './body';
import { PARTNER_API_DEFAULTS, validateLimits, validatePartners, type PartnerRateLimit, type PartnerSettings } from './config';
import { PartnerApiError } from './errors';
import { ingestPush, type PartnerStore } from './ingest';
import { PARTNER_API_PREFIX, buildOpenApiDocument } from './openapi';
import { createSlidingWindow } from './rate-limit';
import { PushConversationRequestSchema } from './schemas/request';

/** What {@link createPartnerApi} needs. */
export interface PartnerApiOptions {
  /** Where pushes are stored (`openStore(...)` from `@silta/sync`). */
  store: PartnerStore;
  /** Partner id → its secrets and the companies it may serve. */
  partners: Record<string, PartnerSettings>;
  /** Largest accepted body (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Per-partner limit (default 600 requests per 60 s); over it, 429 with `Retry-After`. */
  rateLimit?: PartnerRateLimit;
  /** The clock for signature timestamps and the rate limit; replaceable in tests. */
  now?: () => Date;
  logger?: Logger;
}

/** A node request handler: true when it answered (the path is under `/partner/v1/`), false to pass it on. */
export type PartnerApiHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * The partner API as a handler to mount in any `node:http` server, `silta serve` included. It answers
 * `POST /partner/v1/conversations` (signed, see docs/partner-api.md) and `GET /partner/v1/openapi.json`,
 * and returns false for every path outside `/partner/v1/`. Refused requests (400, 401, 403, 413, 429) store
 * nothing; an accepted push is stored durably before it is answered 201 or 200.
 *
 * @example
 * const partnerApi = createPartnerApi({ store, ...demoPartnerConfig() });
 * http.createServer(async (req, res) => { if (!(await partnerApi(req, res))) { res.statusCode = 404; res.end(); } });
 */
export function createPartnerApi(options: PartnerApiOptions): PartnerApiHandler {
  const { store, partners } = options;
  const maxBodyBytes = options.maxBodyBytes ?? PARTNER_API_DEFAULTS.maxBodyBytes;
  const rateLimit = options.rateLimit ?? PARTNER_API_DEFAULTS.rateLimit;
  validatePartners(partners);
  validateLimits(maxBodyBytes, rateLimit);
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const limiter = createSlidingWindow(rateLimit);
  const documentText = JSON.stringify(buildOpenApiDocument());
  // Pushes of one conversation run one after another, so two concurrent pushes cannot both append a message.
  const queues = new Map<string, Promise<unknown>>();

  function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(() => undefined, () => undefined);
    queues.set(key, settled);
    void settled.then(() => { if (queues.get(key) === settled) queues.delete(key); });
    return next;
  }

  async function handlePush(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBody = await readLimitedBody(req, maxBodyBytes);
    const clock = now();
    const { partnerId, settings } = authenticate(req, rawBody, partners, clock, PARTNER_API_DEFAULTS.toleranceSeconds);
    const waitMs = limiter.take(partnerId, clock.getTime());
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new PartnerApiError(429, 'RATE_LIMITED', `partner "${partnerId}" sent more than ${rateLimit.requests} requests in ${rateLimit.windowMs / 1000} s; retry after ${seconds} s`, undefined, seconds);
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch (error) {
      throw new PartnerApiError(400, 'BODY_INVALID_JSON', `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const company = (body as { company?: unknown } | null)?.company;
    if (typeof company === 'string' && !settings.companies.includes(company)) {
      throw new PartnerApiError(403, 'COMPANY_FORBIDDEN', `partner "${partnerId}" may not write for company "${company}"`, 'company');
    }
    const parsed = PushConversationRequestSchema.safeParse(body);
    if (!parsed.success) {
      const { field, message } = firstProblem(parsed.error, body);
      throw new PartnerApiError(400, 'VALIDATION_FAILED', `${field}: ${message}`, field);
    }
    const push = parsed.data;
    let answer;
    try {
      answer = await serialised(`${partnerId}\u0000${push.company}\u0000${push.conversation.id}`, () => ingestPush(store, partnerId, push));
    } catch (error) {
      logger.error({ partner: partnerId, err: error instanceof Error ? error.message : String(error) }, 'partner push not stored');
      throw new PartnerApiError(503, 'STORE_UNAVAILABLE', 'the conversation could not be stored; nothing was kept, retry later');
    }
    logger.info({ partner: partnerId, company: push.company, result: answer.result, stored: answer.messages.stored }, 'partner push stored');
    send(res, answer.result === 'created' ? 201 : 200, answer);
  }

  return async function partnerApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!path.startsWith(`${PARTNER_API_PREFIX}/`)) return false;
    try {
      if (path === `${PARTNER_API_PREFIX}/openapi.json`) {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(res, 'GET');
        req.resume();
        sendText(res, 200, documentText);
      } else if (path === `${PARTNER_API_PREFIX}/conversations`) {
        if (req.method !== 'POST') throw methodNotAllowed(res, 'POST');
        await handlePush(req, res);
      } else {
        throw new PartnerApiError(404, 'NOT_FOUND', `nothing at ${path}; see ${PARTNER_API_PREFIX}/openapi.json`);
      }
    } catch (error) {
      const refusal = error instanceof PartnerApiError ? error : internal(error, logger);
      if (refusal.status === 401) logger.warn({ code: refusal.code }, 'partner request refused: authentication');
      // Drain what the client is still sending so it reads this answer rather than a reset connection.
      req.resume();
      if (refusal.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(refusal.retryAfterSeconds));
      if (!res.headersSent) send(res, refusal.status, refusal.toBody());
    }
    return true;
  };
}

/** The first schema problem, naming an unknown key itself (`visitor.emial`) rather than its parent object. */
function firstProblem(error: z.ZodError, body: unknown): { field: string; message: string } {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
    return { field: formatIssuePath([...issue.path, issue.keys[0]]), message: 'is not a field of this object; check the spelling against the OpenAPI document' };
  }
  const described = ValidationError.fromZod(error, body).issues[0]!;
  return { field: described.path, message: described.message };
}

function methodNotAllowed(res: ServerResponse, allow: string): PartnerApiError {
  res.setHeader('allow', allow);
  return new PartnerApiError(405, 'METHOD_NOT_ALLOWED', `use ${allow} here`);
}

function internal(error: unknown, logger: Logger): PartnerApiError {
  logger.error({ err: error instanceof Error ? error.message : String(error) }, 'partner request failed');
  return new PartnerApiError(500, 'INTERNAL', 'internal error');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
