// Type tests for the connector definitions, checked by `tsc` (vitest's typecheck mode is not configured).
import { expectTypeOf } from 'vitest';
import { z } from 'zod';
import type { HttpClient } from './http/client';
import { createHttpClient } from './http/client';
import type { HttpResponse } from './http/types';
import { defineAction, defineConnector, defineStream, defineWebhook, type StreamBatch } from './connector';

interface Config { baseUrl: string; apiKey: string }
const ConfigSchema = z.object({ baseUrl: z.string(), apiKey: z.string() });

const contacts = defineStream<Config, HttpClient, { since?: string }>({
  name: 'contacts',
  entities: ['party'],
  checkpoint: z.object({ since: z.string().optional() }),
  async *read(ctx, checkpoint) {
    expectTypeOf(ctx.config).toEqualTypeOf<Config>();
    expectTypeOf(ctx.client).toEqualTypeOf<HttpClient>();
    expectTypeOf(checkpoint).toEqualTypeOf<{ since?: string } | undefined>();
    yield { records: [], checkpoint: { since: ctx.now().toISOString() } };
  },
  // The optional re-mapper of one rejected payload gets the same config type as `read`.
  map(payload, ctx) {
    expectTypeOf(payload).toBeUnknown();
    expectTypeOf(ctx.config).toEqualTypeOf<Config>();
    expectTypeOf(ctx.connection).toBeString();
    return [];
  },
});
expectTypeOf(contacts.read).returns.toEqualTypeOf<AsyncIterable<StreamBatch<{ since?: string }>>>();

const addNote = defineAction<Config, HttpClient, { ticketId: string; body: string }, { id: number }>({
  name: 'addNote',
  input: z.object({ ticketId: z.string(), body: z.string() }),
  async run(ctx, input) {
    expectTypeOf(input.ticketId).toBeString();
    expectTypeOf(ctx.idempotencyKey).toBeString();
    const res = await ctx.client.post<{ id: number }>(`/tickets/${input.ticketId}/notes`, { json: { body: input.body }, idempotencyKey: ctx.idempotencyKey });
    expectTypeOf(res).toEqualTypeOf<HttpResponse<{ id: number }>>();
    return res.body;
  },
});

const hook = defineWebhook<Config>({ name: 'ticket', verify: () => undefined, parse: () => [] });

const connector = defineConnector({
  system: 'acme',
  config: ConfigSchema,
  createClient: (config) => createHttpClient({ baseUrl: config.baseUrl, auth: { type: 'bearer', token: config.apiKey } }),
  streams: { contacts },
  actions: { addNote },
  webhooks: { ticket: hook },
});

expectTypeOf(connector.streams.contacts).toEqualTypeOf(contacts);
expectTypeOf(connector.actions.addNote.run).parameter(1).toEqualTypeOf<{ ticketId: string; body: string }>();
expectTypeOf(connector.createClient).returns.toEqualTypeOf<HttpClient>();
expectTypeOf(connector.config.parse({})).toEqualTypeOf<{ baseUrl: string; apiKey: string }>();

// Schema-validated requests infer the body type from the schema.
declare const client: HttpClient;
const TicketSchema = z.looseObject({ id: z.number(), subject: z.string() });
async function typed() {
  const res = await client.get('/tickets/1', { schema: TicketSchema });
  expectTypeOf(res.body.subject).toBeString();
  // @ts-expect-error: a missing required option is a type error
  await client.request({ method: 'GET' });
}
void typed;
