import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError, RateLimitError, ResponseBodyError, SiltaError, ValidationError } from '../errors';
import { createHttpClient } from './client';

const BASE = 'https://acme.freshdesk.com/api/v2';
const ORIGIN = 'https://acme.freshdesk.com';
const fastRetry = { retries: 3, minTimeoutMs: 1, maxTimeoutMs: 5 };

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail');
}

describe('createHttpClient', () => {
  it('sends basic auth, user agent and search params to the base path, and parses JSON losslessly', async () => {
    const scope = nock(ORIGIN, { reqheaders: { authorization: `Basic ${Buffer.from('key123:X').toString('base64')}` } })
      .get('/api/v2/tickets')
      .query({ per_page: '100', updated_since: '2024-01-01T00:00:00Z' })
      .matchHeader('user-agent', /^silta\/\d+\.\d+\.\d+$/)
      .reply(200, '[{"id": 18446744073709551615, "subject": "Hei"}]', { 'content-type': 'application/json; charset=utf-8' });
    const client = createHttpClient({ baseUrl: BASE, auth: { type: 'basic', username: 'key123', password: 'X' } });
    const res = await client.get('/tickets', { searchParams: { per_page: 100, updated_since: '2024-01-01T00:00:00Z', page: undefined } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ id: '18446744073709551615', subject: 'Hei' }]);
    expect(res.attempts).toBe(1);
    scope.done();
  });

  it('sends bearer and api-key auth', async () => {
    nock(ORIGIN).get('/api/v2/a').matchHeader('authorization', 'Bearer tok_1').reply(200, {});
    nock(ORIGIN).get('/api/v2/b').matchHeader('x-api-key', 'key_2').reply(200, {});
    await createHttpClient({ baseUrl: BASE, auth: { type: 'bearer', token: 'tok_1' } }).get('/a');
    await createHttpClient({ baseUrl: BASE, auth: { type: 'apiKey', header: 'X-Api-Key', value: 'key_2' } }).get('/b');
    expect(nock.isDone()).toBe(true);
  });

  it('maps a 4xx to HttpError with the vendor body and the operation, without retrying', async () => {
    const body = { description: 'Validation failed', errors: [{ field: 'email', message: 'It should be a valid email', code: 'invalid_value' }] };
    const scope = nock(ORIGIN).post('/api/v2/contacts').reply(400, body, { 'content-type': 'application/json' });
    const client = createHttpClient({ baseUrl: BASE, retry: fastRetry });
    const err = await failure(client.post('/contacts', { json: { email: 'x' }, operation: 'create contact', retrySafe: true }));
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toBe('create contact: HTTP 400 Bad Request');
    expect((err as HttpError).responseBody).toEqual(body);
    expect((err as HttpError).attempts).toBe(1);
    expect(client.stats().requests).toBe(1);
    scope.done();
  });

  it('names the operation in a 404', async () => {
    nock(ORIGIN).get('/api/v2/tickets').reply(404, '');
    const err = await failure(createHttpClient({ baseUrl: BASE }).get('/tickets', { operation: 'list tickets' }));
    expect((err as Error).message).toBe('list tickets: HTTP 404 Not Found');
  });

  it('retries 5xx on GET and succeeds', async () => {
    nock(ORIGIN).get('/api/v2/t').reply(503, { e: 1 }).get('/api/v2/t').reply(502).get('/api/v2/t').reply(200, { ok: true });
    const client = createHttpClient({ baseUrl: BASE, retry: fastRetry });
    const res = await client.get('/t');
    expect(res.body).toEqual({ ok: true });
    expect(res.attempts).toBe(3);
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2, errors: 0 });
  });

  it('does not retry a POST without an idempotency key, but does with one (sent in the idempotency header)', async () => {
    nock(ORIGIN).post('/api/v2/notes').reply(500);
    const client = createHttpClient({ baseUrl: BASE, retry: fastRetry, idempotencyHeader: 'Idempotency-Key' });
    const err = await failure(client.post('/notes', { json: { body: 'x' } }));
    expect((err as HttpError).status).toBe(500);
    expect(client.stats().requests).toBe(1);

    nock(ORIGIN).post('/api/v2/notes').matchHeader('idempotency-key', 'k-1').reply(500)
      .post('/api/v2/notes').matchHeader('idempotency-key', 'k-1').reply(201, { id: 7 });
    const res = await client.post('/notes', { json: { body: 'x' }, idempotencyKey: 'k-1' });
    expect(res.status).toBe(201);
    expect(res.attempts).toBe(2);
  });

  it('gives up after the configured retries with the last error', async () => {
    nock(ORIGIN).get('/api/v2/t').times(3).reply(500, { description: 'boom' });
    const client = createHttpClient({ baseUrl: BASE, retry: { retries: 2, minTimeoutMs: 1, maxTimeoutMs: 2 } });
    const err = await failure(client.get('/t'));
    expect((err as HttpError).status).toBe(500);
    expect((err as HttpError).attempts).toBe(3);
    expect(client.stats().errors).toBe(1);
  });

  it('maps a timeout to status 0 HTTP_TIMEOUT naming the operation', async () => {
    const client = createHttpClient({ baseUrl: BASE, retry: false, timeoutMs: 50 });
    nock(ORIGIN).get('/api/v2/slow').delay(500).reply(200, {});
    const slow = await failure(client.get('/slow', { operation: 'view ticket' }));
    expect(slow).toMatchObject({ status: 0, code: 'HTTP_TIMEOUT' });
    expect((slow as Error).message).toBe('view ticket: timed out after 50 ms');
  });

  it('treats truncated JSON in a 2xx as a retryable transport fault naming the operation', async () => {
    nock(ORIGIN).get('/api/v2/tickets').reply(200, '[{"id": 1}, {"id"', { 'content-type': 'application/json' })
      .get('/api/v2/tickets').reply(200, '[{"id": 1}]', { 'content-type': 'application/json' });
    const client = createHttpClient({ baseUrl: BASE, retry: fastRetry });
    const res = await client.get('/tickets', { operation: 'list tickets' });
    expect(res.attempts).toBe(2);

    nock(ORIGIN).get('/api/v2/tickets').reply(200, '{"x"', { 'content-type': 'application/json' });
    const err = await failure(createHttpClient({ baseUrl: BASE, retry: false }).get('/tickets', { operation: 'list tickets' }));
    expect(err).toBeInstanceOf(ResponseBodyError);
    expect((err as ResponseBodyError).code).toBe('HTTP_BODY_INVALID');
    expect((err as Error).message).toMatch(/^list tickets: HTTP 200 with an invalid or truncated JSON body/);
  });

  it('validates with a schema: unknown fields kept, a bad field raises ValidationError', async () => {
    const Schema = z.looseObject({ id: z.number(), status: z.number() });
    nock(ORIGIN).get('/api/v2/tickets/1').reply(200, { id: 1, status: 2, custom: 'kept' });
    nock(ORIGIN).get('/api/v2/tickets/2').reply(200, { id: 2, status: 'open' });
    const client = createHttpClient({ baseUrl: BASE });
    const ok = await client.get('/tickets/1', { schema: Schema });
    expect(ok.body).toEqual({ id: 1, status: 2, custom: 'kept' });
    const err = await failure(client.get('/tickets/2', { schema: Schema, operation: 'view ticket' }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe('view ticket: status: expected number, received string');
    expect((err as ValidationError).payload).toEqual({ id: 2, status: 'open' });
  });

  it('accepts absolute URLs only on the base origin', async () => {
    nock(ORIGIN).get('/api/v2/tickets').query({ page: '2' }).reply(200, []);
    const client = createHttpClient({ baseUrl: BASE, auth: { type: 'bearer', token: 'tok_secret' } });
    await client.get(`${ORIGIN}/api/v2/tickets?page=2`);
    const err = await failure(client.get('https://evil.example/steal'));
    expect(err).toBeInstanceOf(SiltaError);
    expect((err as SiltaError).code).toBe('HTTP_URL_REJECTED');
  });

  it('raises RateLimitError on 429 with retryAfterMs when retries are off', async () => {
    nock(ORIGIN).get('/api/v2/t').reply(429, { description: 'rate' }, { 'Retry-After': '34' });
    const client = createHttpClient({ baseUrl: BASE, retry: false });
    const err = await failure(client.get('/t'));
    expect(err).toBeInstanceOf(RateLimitError);
    expect((err as RateLimitError).retryAfterMs).toBe(34_000);
    expect(client.stats().http429).toBe(1);
  });

  it('never puts a secret into an error message or the error body', async () => {
    nock(ORIGIN).get('/api/v2/me').query(true).reply(401, 'invalid key sk_live_abcdef', { 'content-type': 'text/plain', 'set-cookie': 'session=s3ss10n' });
    const client = createHttpClient({ baseUrl: BASE, auth: { type: 'apiKey', header: 'x-api-key', value: 'sk_live_abcdef' } });
    const err = (await failure(client.get('/me', { searchParams: { token: 'tq_999' } }))) as HttpError;
    expect(err.message).not.toContain('sk_live_abcdef');
    expect(err.url).not.toContain('tq_999');
    expect(JSON.stringify(err.responseBody)).not.toContain('sk_live_abcdef');
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain('sk_live_abcdef');
    expect(JSON.stringify(err.headers)).not.toContain('s3ss10n');
  });

  it('runs hooks with one context object per request', async () => {
    nock(ORIGIN).get('/api/v2/h').matchHeader('x-trace', 'abc').reply(500).get('/api/v2/h').matchHeader('x-trace', 'abc').reply(404, { e: 1 });
    const seen: string[] = [];
    const client = createHttpClient({
      baseUrl: BASE,
      retry: fastRetry,
      hooks: {
        beforeRequest: (ctx) => {
          ctx.headers['x-trace'] = 'abc';
          ctx.state.trace = 'abc';
          seen.push(`before:${ctx.attempt}`);
        },
        afterResponse: (ctx) => { seen.push(`after:${ctx.response?.status}:${String(ctx.state.trace)}`); },
        beforeError: (ctx) => {
          seen.push(`error:${ctx.error?.status}`);
          return new HttpError({ status: ctx.error!.status, method: 'GET', url: ctx.url.href, detail: 'wrapped' });
        },
      },
    });
    const err = await failure(client.get('/h'));
    expect((err as Error).message).toMatch(/wrapped$/);
    expect(seen).toEqual(['before:1', 'after:500:abc', 'before:2', 'after:404:abc', 'error:404']);
  });

  it('stops at once when the caller aborts, even between retries', async () => {
    nock(ORIGIN).get('/api/v2/slow').times(5).reply(503);
    const client = createHttpClient({ baseUrl: BASE, retry: { retries: 5, minTimeoutMs: 10_000 } });
    const controller = new AbortController();
    const pending = client.get('/slow', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('cancelled by caller')), 50);
    await expect(pending).rejects.toThrow('cancelled by caller');
    expect(client.stats().requests).toBe(1);
  });

  it('logs method, redacted URL, status and ms at debug', async () => {
    nock(ORIGIN).get('/api/v2/l').query(true).reply(200, {});
    const lines: Array<Record<string, unknown>> = [];
    const logger = {
      debug: (obj: object) => { lines.push(obj as Record<string, unknown>); },
      info() {}, warn() {}, error() {},
      child() { return logger; },
    };
    await createHttpClient({ baseUrl: BASE, logger }).get('/l', { searchParams: { api_key: 'k_secret_1' } });
    expect(lines[0]).toMatchObject({ method: 'GET', status: 200 });
    expect(typeof lines[0]!.ms).toBe('number');
    expect(String(lines[0]!.url)).toContain('/api/v2/l?api_key=[redacted]');
  });
});
