import { silentLogger, type ActionContext, type StreamBatch, type StreamContext, type StreamDefinition } from '@silta/kit';
import { createFreshdeskClient, type FreshdeskClient, type FreshdeskClientOptions } from '../src/client';
import type { FreshdeskConfigInput } from '../src/config';
import { createFreshdeskSimulator, type FreshdeskSimulator, type FreshdeskSimulatorOptions } from '../src/testing';

/** A started simulator with a generous budget unless the test sets one. */
export async function startSim(options: FreshdeskSimulatorOptions = {}): Promise<FreshdeskSimulator> {
  const sim = createFreshdeskSimulator({ requestsPerMinute: 1_000_000, ...options });
  await sim.start();
  return sim;
}

export function clientFor(sim: FreshdeskSimulator, config: Partial<FreshdeskConfigInput> = {}, options: FreshdeskClientOptions = {}): FreshdeskClient {
  return createFreshdeskClient(
    { domain: 'yritys', apiKey: sim.apiKey, baseUrl: sim.url, ...config },
    { retry: { retries: 6, minTimeoutMs: 10, maxTimeoutMs: 200 }, ...options },
  );
}

export function streamCtx(client: FreshdeskClient, now: () => Date = () => new Date()): StreamContext<FreshdeskConfigInput, FreshdeskClient> {
  return { config: { domain: 'yritys', apiKey: 'x' }, client, connection: 'yritys-oy', logger: silentLogger, signal: new AbortController().signal, now };
}

export function actionCtx(client: FreshdeskClient, idempotencyKey = 'test-key'): ActionContext<FreshdeskConfigInput, FreshdeskClient> {
  return { config: { domain: 'yritys', apiKey: 'x' }, client, connection: 'yritys-oy', logger: silentLogger, idempotencyKey };
}

/** Runs a stream to the end, collecting its batches. */
export async function drain<C>(
  stream: StreamDefinition<FreshdeskConfigInput, FreshdeskClient, C>,
  ctx: StreamContext<FreshdeskConfigInput, FreshdeskClient>,
  checkpoint?: C,
): Promise<Array<StreamBatch<C>>> {
  const out: Array<StreamBatch<C>> = [];
  for await (const batch of stream.read(ctx, checkpoint)) out.push(batch);
  return out;
}

/** How often each ref id of `entity` was delivered. */
export function deliveries<C>(batches: Array<StreamBatch<C>>, entity: string): Map<string, number> {
  const seen = new Map<string, number>();
  for (const b of batches) for (const r of b.records) if (r.entity === entity) seen.set(r.ref.id, (seen.get(r.ref.id) ?? 0) + 1);
  return seen;
}
