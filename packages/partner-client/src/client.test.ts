import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createPartnerClient, type PushConversationRequest } from './client';
import { PartnerClientError } from './errors';
import { signPartnerRequest } from './sign';

const push: PushConversationRequest = {
  company: 'yritys-oy',
  conversation: { id: 'c-1', startedAt: '2026-11-15T09:12:03+02:00', status: 'open', channel: { type: 'web_chat' } },
  visitor: { id: 'v-1', name: 'Anssi Mäkelä' },
  messages: [{ id: 'm-1', at: '2026-11-15T09:12:03+02:00', from: 'visitor', text: 'Hei!' }],
};

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(answer: (req: IncomingMessage, body: string) => { status: number; body: string; headers?: Record<string, string> }): Promise<string> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const out = answer(req, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('createPartnerClient', () => {
  it('sends the partner id and a signature over the exact body bytes it sends', async () => {
    let seen: { partner?: string; signature?: string; body?: string; path?: string } = {};
    const baseUrl = await serve((req, body) => {
      seen = { partner: req.headers['x-silta-partner'] as string, signature: req.headers['x-silta-signature'] as string, body, path: req.url! };
      return { status: 201, body: JSON.stringify({ result: 'created' }) };
    });
    const client = createPartnerClient({ baseUrl, partnerId: 'asiakaspalvelu-ab', secret: 'client-test-secret', now: () => 1_763_805_600_000 });
    expect(await client.pushConversation(push)).toEqual({ result: 'created' });
    expect(seen.path).toBe('/partner/v1/conversations');
    expect(seen.partner).toBe('asiakaspalvelu-ab');
    expect(seen.signature).toBe(signPartnerRequest('client-test-secret', seen.body!, 1_763_805_600));
    expect(JSON.parse(seen.body!)).toEqual(push);
  });

  it('turns an error answer into a PartnerClientError with code, field and Retry-After, without the secret', async () => {
    const baseUrl = await serve(() => ({ status: 429, headers: { 'retry-after': '7' }, body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'slow down' } }) }));
    const error = await createPartnerClient({ baseUrl, partnerId: 'p', secret: 'client-test-secret' }).pushConversation(push).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerClientError);
    expect(error).toMatchObject({ status: 429, code: 'RATE_LIMITED', retryAfterSeconds: 7 });
    expect(String((error as Error).message)).not.toContain('client-test-secret');
  });

  it('reports a non-JSON answer as BAD_RESPONSE and no answer as NETWORK with status 0', async () => {
    const baseUrl = await serve(() => ({ status: 502, body: '<html>Bad gateway</html>' }));
    await expect(createPartnerClient({ baseUrl, partnerId: 'p', secret: 's' }).pushConversation(push)).rejects.toMatchObject({ status: 502, code: 'BAD_RESPONSE' });
    const port = (server!.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(createPartnerClient({ baseUrl: `http://127.0.0.1:${port}`, partnerId: 'p', secret: 's' }).pushConversation(push))
      .rejects.toMatchObject({ status: 0, code: 'NETWORK' });
  });
});
