import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, HttpError, silentLogger } from '@silta/kit';
import { createFreshdeskClient } from '../src/client';
import { parseFreshdeskConfig } from '../src/config';
import { freshdesk } from '../src/connector';
import { createFreshdeskSimulator, type FreshdeskSimulator } from '../src/testing';

describe('Freshdesk config', () => {
  it('accepts "acme" and "acme.freshdesk.com" and builds the API base URL', () => {
    expect(parseFreshdeskConfig({ domain: 'acme', apiKey: 'k' }).apiBaseUrl).toBe('https://acme.freshdesk.com/api/v2');
    expect(parseFreshdeskConfig({ domain: 'Acme.Freshdesk.com', apiKey: 'k' }).apiBaseUrl).toBe('https://acme.freshdesk.com/api/v2');
  });

  it.each(['evil.example', 'https://acme.freshdesk.com', 'acme.freshdesk.com.evil.io', 'acme/x', '', 'a b'])('rejects domain %j with a ConfigError naming the field', (domain) => {
    const error = (() => { try { freshdesk({ domain, apiKey: 'secret-key-123' }); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe('domain');
    expect((error as Error).message).not.toContain('secret-key-123');
  });

  it('takes the per-minute budget from the plan, and refuses a plan with requestsPerMinute', () => {
    expect(parseFreshdeskConfig({ domain: 'a', apiKey: 'k', plan: 'growth' })).toMatchObject({ requestsPerMinute: 200, subLimits: { ticketsList: 20 } });
    expect(parseFreshdeskConfig({ domain: 'a', apiKey: 'k', plan: 'enterprise' }).requestsPerMinute).toBe(700);
    expect(() => parseFreshdeskConfig({ domain: 'a', apiKey: 'k', plan: 'pro', requestsPerMinute: 5 })).toThrow(/requestsPerMinute/);
    expect(() => parseFreshdeskConfig({ domain: 'a', apiKey: 'k', pageSize: 101 })).toThrow(/pageSize/);
  });

  it('allows any host only through an explicit baseUrl', () => {
    expect(parseFreshdeskConfig({ domain: 'sim', apiKey: 'k', baseUrl: 'http://127.0.0.1:4000' }).apiBaseUrl).toBe('http://127.0.0.1:4000/api/v2');
  });
});

describe('freshdesk connector', () => {
  it('is callable for a connection and carries the streams, actions and webhook as data', () => {
    const conn = freshdesk({ domain: 'yritys.freshdesk.com', apiKey: 'k', plan: 'pro' });
    expect(conn.connector.system).toBe('freshdesk');
    expect(Object.keys(freshdesk.streams).sort()).toEqual(['agents', 'companies', 'contacts', 'conversations', 'groups', 'satisfaction_ratings', 'tickets', 'time_entries']);
    expect(Object.keys(freshdesk.actions)).toEqual(expect.arrayContaining(['addNote', 'createTicket', 'updateTicket', 'reply', 'mergeContacts', 'searchTickets']));
    expect(Object.keys(freshdesk.webhooks)).toEqual(['automation']);
    const client = freshdesk.createClient(conn.config, { logger: silentLogger });
    expect(client.config).toMatchObject({ apiBaseUrl: 'https://yritys.freshdesk.com/api/v2', requestsPerMinute: 400 });
  });
});

describe('authentication failure', () => {
  let sim: FreshdeskSimulator;
  beforeAll(async () => { sim = createFreshdeskSimulator({ tickets: 5, apiKey: 'the-right-key' }); await sim.start(); });
  afterAll(() => sim.stop());

  it('fails with 401 invalid_credentials and never shows the key that was sent', async () => {
    const wrongKey = 'Wr0ngKey-s3cr3t-value';
    const client = createFreshdeskClient({ domain: 'sim', apiKey: wrongKey, baseUrl: sim.url }, { retry: false });
    const error = await client.http.get('/tickets').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(401);
    expect((error as HttpError).responseBody).toMatchObject({ code: 'invalid_credentials' });
    const everything = [String(error), (error as Error).stack, JSON.stringify(error), JSON.stringify((error as HttpError).headers), String((error as Error).cause)].join('\n');
    expect(everything).not.toContain(wrongKey);
    expect(everything).not.toContain(Buffer.from(`${wrongKey}:X`).toString('base64'));
    expect(sim.state.counters.unauthorised).toBe(1);
  });
});
