// Shared by the engine tests: an in-memory connector whose stream pages through a list of cases, with
// hooks to fail, reject or stall at a chosen batch.
import { z } from 'zod';
import { defineConnector, defineStream, defineWebhook, type StreamBatch } from '@silta/kit';
import type { Case, CanonicalRecord } from '@silta/model';

export interface FakeSource {
  /** The vendor's objects: id and version (bumped on change). */
  items: Array<{ id: number; version: number }>;
  pageSize: number;
  /** Throw when asked for this page (0-based), once per run. */
  failAtPage?: number;
  /** Items whose payload the stream rejects (as if it failed validation). */
  rejectIds?: Set<number>;
  /** Checkpoints each run started from, in order. */
  startedFrom: Array<{ after: number } | undefined>;
  /** Called before each page is yielded; may await (to hold a run open). */
  beforePage?: (page: number) => Promise<void> | void;
}

export function makeCase(connection: string, id: number, version: number): Case {
  const at = new Date(Date.UTC(2026, 10, 1) + version * 60_000 + id).toISOString();
  return {
    entity: 'case', ref: { system: 'fake', connection, type: 'ticket', id: String(id) },
    status: 'open', priority: 'medium', channel: 'email', subject: `Tiketti ${id} v${version}`, tags: [],
    createdAt: at, updatedAt: at, reopenCount: 0,
  };
}

/** A connector `fake` with streams `tickets` and `contacts` (both over the same items). */
export function fakeConnector(source: FakeSource) {
  const checkpoint = z.object({ after: z.number().int() });
  function makeStream(name: string) {
    return defineStream<{ label: string }, { calls: number }, z.infer<typeof checkpoint>>({
      name, entities: ['case'], checkpoint,
      async *read(ctx, cp) {
        source.startedFrom.push(cp);
        const sorted = [...source.items].sort((a, b) => a.id - b.id).filter((i) => i.id > (cp?.after ?? 0));
        for (let page = 0; page * source.pageSize < sorted.length; page++) {
          await source.beforePage?.(page);
          if (page === source.failAtPage) {
            source.failAtPage = undefined;
            throw Object.assign(new Error('GET https://fake.example/tickets?page=2 failed with 503'), { code: 'HTTP_ERROR' });
          }
          const slice = sorted.slice(page * source.pageSize, (page + 1) * source.pageSize);
          const records: CanonicalRecord[] = [];
          const rejects: StreamBatch<unknown>['rejects'] = [];
          for (const item of slice) {
            if (source.rejectIds?.has(item.id)) rejects.push({ payload: { id: item.id, status: 'bogus' }, error: new Error(`status: invalid value "bogus" in ticket ${item.id}`) });
            else records.push(makeCase(ctx.connection, item.id, item.version));
          }
          const last = slice[slice.length - 1]!;
          const isLast = (page + 1) * source.pageSize >= sorted.length;
          yield { records, rejects, checkpoint: { after: last.id }, complete: isLast, total: sorted.length };
        }
      },
    });
  }
  // `tickets` can re-map one raw payload (so its dead letters replay); `contacts` cannot.
  const tickets = Object.assign(makeStream('tickets'), {
    map(payload: unknown, ctx: { connection: string }): CanonicalRecord[] {
      const p = payload as { id: number; status: string };
      if (p.status === 'bogus') throw new Error(`status: invalid value "bogus" in ticket ${p.id}`);
      return [makeCase(ctx.connection, p.id, 1)];
    },
  });
  return defineConnector({
    system: 'fake',
    config: z.object({ label: z.string() }),
    createClient: () => ({ calls: 0 }),
    streams: { tickets, contacts: makeStream('contacts') },
    actions: {},
    webhooks: {
      ticket: defineWebhook<{ label: string }>({
        name: 'ticket',
        verify() {},
        parse(body, ctx) {
          const b = body as { id?: unknown };
          if (typeof b.id !== 'number') throw new Error('id: is required and must be a number');
          return [makeCase(ctx.connection, b.id, 2)];
        },
      }),
    },
  });
}

export function items(count: number, version = 1): FakeSource['items'] {
  return Array.from({ length: count }, (_, i) => ({ id: i + 1, version }));
}

export function newSource(count: number, pageSize = 10): FakeSource {
  return { items: items(count), pageSize, startedFrom: [] };
}
