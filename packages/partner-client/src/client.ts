import type { components, paths } from './generated/openapi';
import { PartnerClientError } from './errors';
import { signPartnerRequest } from './sign';

/** The body of a push, as the OpenAPI document describes it. */
export type PushConversationRequest = components['schemas']['PushConversationRequest'];
/** The answer to a successful push. */
export type PushConversationResponse = components['schemas']['PushConversationResponse'];
/** The body of every failure answer. */
export type ErrorResponse = components['schemas']['ErrorResponse'];

const PUSH_PATH = '/partner/v1/conversations' satisfies keyof paths;
const DOCUMENT_PATH = '/partner/v1/openapi.json' satisfies keyof paths;

/** What {@link createPartnerClient} needs. */
export interface PartnerClientOptions {
  /** Where the client company's Silta answers, e.g. `https://silta.yritys.fi`. */
  baseUrl: string;
  /** Your partner id, e.g. `asiakaspalvelu-ab`. */
  partnerId: string;
  /** Your signing secret. */
  secret: string;
  /** Replaces the global `fetch` (tests, proxies). */
  fetch?: typeof fetch;
  /** The clock used for the signature's `t` (default `Date.now`), in milliseconds. */
  now?: () => number;
}

/** A typed client of the Silta partner API. */
export interface PartnerClient {
  /**
   * Pushes a conversation (new, or more messages of a known one). Safe to repeat: messages are kept by id.
   * Resolves with `result` `created`, `appended`, `updated` or `unchanged`; throws {@link PartnerClientError}.
   */
  pushConversation(body: PushConversationRequest, options?: { signal?: AbortSignal }): Promise<PushConversationResponse>;
  /** The API's OpenAPI 3.1 document. */
  getOpenApiDocument(options?: { signal?: AbortSignal }): Promise<Record<string, unknown>>;
}

/**
 * A client that signs each request as the partner API expects (`X-Silta-Partner`, `X-Silta-Signature`
 * over the exact body bytes sent) and turns refusals into {@link PartnerClientError}.
 *
 * @example
 * const client = createPartnerClient({ baseUrl: 'https://silta.yritys.fi', partnerId: 'asiakaspalvelu-ab', secret: process.env.SILTA_PARTNER_SECRET! });
 * const answer = await client.pushConversation({ company: 'yritys-oy', conversation, visitor, messages });
 */
export function createPartnerClient(options: PartnerClientOptions): PartnerClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;

  async function call(method: 'GET' | 'POST', path: string, body: string, signal: AbortSignal | undefined): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-silta-partner': options.partnerId,
      'x-silta-signature': signPartnerRequest(options.secret, body, now() / 1000),
    };
    if (method === 'POST') headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { method, headers, ...(method === 'POST' ? { body } : {}), ...(signal ? { signal } : {}) });
    } catch (error) {
      throw new PartnerClientError({ status: 0, code: 'NETWORK', message: `${method} ${path}: no response (${error instanceof Error ? error.message : String(error)})`, cause: error });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      throw new PartnerClientError({ status: response.status, code: 'BAD_RESPONSE', message: `${method} ${path}: HTTP ${response.status} with a body that is not JSON`, cause: error });
    }
    if (!response.ok) throw refusal(method, path, response, json);
    return { status: response.status, json };
  }

  return {
    pushConversation: async function pushConversation(body, callOptions) {
      const { json } = await call('POST', PUSH_PATH, JSON.stringify(body), callOptions?.signal);
      return json as PushConversationResponse;
    },
    getOpenApiDocument: async function getOpenApiDocument(callOptions) {
      const { json } = await call('GET', DOCUMENT_PATH, '', callOptions?.signal);
      return json as Record<string, unknown>;
    },
  };
}

function refusal(method: string, path: string, response: Response, json: unknown): PartnerClientError {
  const error = (json as Partial<ErrorResponse> | undefined)?.error;
  const retryAfter = Number(response.headers.get('retry-after'));
  return new PartnerClientError({
    status: response.status,
    code: error?.code ?? 'BAD_RESPONSE',
    message: `${method} ${path}: HTTP ${response.status} ${error ? `${error.code}: ${error.message}` : 'without an error body'}`,
    ...(error?.field === undefined ? {} : { field: error.field }),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  });
}
