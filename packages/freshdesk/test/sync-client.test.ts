import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpError, RateLimitError } from '@silta/kit';
import { createFreshdeskClient } from '../src/client';

afterEach(() => { nock.cleanAll(); });

describe('createFreshdeskClient', () => {
  it('sends Basic "apiKey:X" to https://<domain>.freshdesk.com/api/v2 only', async () => {
    const scope = nock('https://yritys.freshdesk.com')
      .matchHeader('authorization', `Basic ${Buffer.from('k3y:X').toString('base64')}`)
      .get('/api/v2/tickets/20').query({ include: 'stats' })
      .reply(200, { id: 20 }, { 'content-type': 'application/json' });
    const client = createFreshdeskClient({ domain: 'yritys.freshdesk.com', apiKey: 'k3y' }, { retry: false });
    const res = await client.http.get('/tickets/20', { searchParams: { include: 'stats' } });
    expect(res.body).toEqual({ id: 20 });
    expect(scope.isDone()).toBe(true);
    await expect(client.http.get('https://evil.example/api/v2/tickets')).rejects.toThrow(/refusing to send credentials/);
  });

  it('turns the documented error envelope into HttpError.responseBody and a message naming the field', async () => {
    nock('https://yritys.freshdesk.com').post('/api/v2/contacts').reply(400,
      { description: 'Validation failed', errors: [{ field: 'name', message: 'Mandatory attribute missing', code: 'missing_field' }] },
      { 'content-type': 'application/json' });
    const client = createFreshdeskClient({ domain: 'yritys', apiKey: 'k3y' }, { retry: false });
    const error = await client.http.post('/contacts', { json: {}, operation: 'create contact' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).responseBody).toEqual({ description: 'Validation failed', errors: [{ field: 'name', message: 'Mandatory attribute missing', code: 'missing_field' }] });
    expect((error as Error).message).toBe('create contact: HTTP 400: Validation failed - name: Mandatory attribute missing (missing_field)');
  });

  it('keeps RateLimitError and Retry-After for a 429', async () => {
    nock('https://yritys.freshdesk.com').get('/api/v2/groups').reply(429,
      { code: 'rate_limit_exceeded', message: 'slow down' }, { 'content-type': 'application/json', 'retry-after': '7' });
    const client = createFreshdeskClient({ domain: 'yritys', apiKey: 'k3y' }, { retry: false });
    const error = await client.http.get('/groups').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(7000);
  });
});
