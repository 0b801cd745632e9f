import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, HttpError, RateLimitError, SiltaError, ValidationError, WebhookVerificationError } from './errors';

describe('HttpError', () => {
  it('names the operation and status and redacts credentials from the URL', () => {
    const err = new HttpError({
      status: 404, method: 'GET', operation: 'list tickets',
      url: 'https://user:hunter22@acme.freshdesk.com/api/v2/tickets?api_key=sk_live_1&page=2',
      responseBody: { description: 'not found' }, headers: { 'x-request-id': 'r1' },
    });
    expect(err.message).toBe('list tickets: HTTP 404 Not Found');
    expect(err.code).toBe('HTTP_ERROR');
    expect(err.url).not.toContain('hunter22');
    expect(err.url).not.toContain('sk_live_1');
    expect(err.url).toContain('page=2');
    expect(err.responseBody).toEqual({ description: 'not found' });
    expect(err.headers['x-request-id']).toBe('r1');
    expect(err).toBeInstanceOf(SiltaError);
  });

  it('uses status 0 and HTTP_NETWORK when no response came, keeping the cause', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const err = new HttpError({ status: 0, method: 'POST', url: 'https://x.io/a', cause });
    expect(err.code).toBe('HTTP_NETWORK');
    expect(err.message).toBe('POST https://x.io/a: no response (ECONNREFUSED)');
    expect(err.cause).toBe(cause);
  });

  it('RateLimitError is a 429 HttpError with retryAfterMs', () => {
    const err = new RateLimitError({ method: 'GET', url: 'https://x.io/t', retryAfterMs: 34_000, operation: 'list' });
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(429);
    expect(err.retryAfterMs).toBe(34_000);
    expect(err.message).toBe('list: HTTP 429 Too Many Requests');
  });
});

describe('ValidationError', () => {
  const schema = z.object({ tickets: z.array(z.object({ id: z.number(), status: z.number() })) });

  it('names each field path and what was wrong', () => {
    const payload = { tickets: [{ id: 1, status: 2 }, { id: 2, status: 2 }, { id: 3, status: 2 }, { id: 4, status: 'open' }] };
    const result = schema.safeParse(payload);
    if (result.success) throw new Error('expected failure');
    const err = ValidationError.fromZod(result.error, payload, 'list tickets');
    expect(err.message).toBe('list tickets: tickets[3].status: expected number, received string');
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.issues).toEqual([{ path: 'tickets[3].status', message: 'expected number, received string' }]);
  });

  it('reports a missing field as received undefined', () => {
    const payload = { tickets: [{ status: 2 }] };
    const result = schema.safeParse(payload);
    if (result.success) throw new Error('expected failure');
    expect(ValidationError.fromZod(result.error, payload).message).toBe('tickets[0].id: expected number, received undefined');
  });

  it('attaches the raw payload without letting it reach JSON', () => {
    const payload = { tickets: 'nope', email: 'maija@example.fi' };
    const result = schema.safeParse(payload);
    if (result.success) throw new Error('expected failure');
    const err = ValidationError.fromZod(result.error, payload);
    expect(err.payload).toBe(payload);
    expect(Object.keys(err)).not.toContain('payload');
    expect(JSON.stringify(err)).not.toContain('maija@example.fi');
    expect(JSON.stringify({ ...err })).not.toContain('maija');
  });
});

describe('other errors', () => {
  it('ConfigError names the field', () => {
    const err = new ConfigError('domain', 'must be "acme" or "acme.freshdesk.com"');
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.field).toBe('domain');
    expect(err.message).toBe('domain: must be "acme" or "acme.freshdesk.com"');
  });

  it('WebhookVerificationError carries its code', () => {
    const err = new WebhookVerificationError('WEBHOOK_TIMESTAMP_STALE', 'too old');
    expect(err.code).toBe('WEBHOOK_TIMESTAMP_STALE');
    expect(err.name).toBe('WebhookVerificationError');
  });
});
