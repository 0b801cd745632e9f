import { defineStream, type StreamBatch, type StreamDefinition } from '@silta/kit';
import type { CanonicalRecord } from '@silta/model';
import { z } from 'zod';
import type { FreshdeskClient } from '../client';
import type { FreshdeskConfig, FreshdeskConfigInput } from '../config';
import { isoSeconds, listPages, mapOne, mapPage, nextCursor, toMs } from './shared';

/**
 * Checkpoint of a listing filtered by a "since" parameter without a documented order: `since` is the
 * filter; `page` and `runStartedAt` are set while a run is in progress, so a resumed run continues at the
 * next page and still ends with the ORIGINAL run's start (items that moved during the run are caught next time).
 *
 * @example
 * SinceCheckpointSchema.parse({ since: '2026-01-01T00:00:00Z', page: 3, runStartedAt: '2026-03-01T10:00:00Z' });
 */
export const SinceCheckpointSchema = z.object({
  since: z.string(),
  page: z.number().int().positive().optional(),
  runStartedAt: z.string().optional(),
});
export type SinceCheckpoint = z.infer<typeof SinceCheckpointSchema>;

/**
 * Builds a stream over `GET path?<param>=<since>` with per-page durable batches.
 *
 * @example
 * sinceStream({ name: 'companies', description: '', entities: ['organisation'], endpoint: 'other', path: '/companies',
 *   param: 'updated_since', schema: CompanySchema, operation: 'list companies', map: (c, connection) => [companyToOrganisation(c, { connection })] });
 */
export function sinceStream<S extends z.ZodType>(spec: {
  name: string;
  description: string;
  entities: readonly CanonicalRecord['entity'][];
  endpoint: 'contacts' | 'other';
  path: string;
  /** The documented filter parameter (`updated_since`, `created_since`). */
  param: string;
  schema: S;
  operation: string;
  /** Extra look-back beyond the overlap (satisfaction ratings arrive late). */
  lookbackMs?: (config: FreshdeskConfig) => number;
  map: (item: z.output<S>, connection: string) => CanonicalRecord[];
}): StreamDefinition<FreshdeskConfigInput, FreshdeskClient, SinceCheckpoint> {
  return defineStream<FreshdeskConfigInput, FreshdeskClient, SinceCheckpoint>({
    name: spec.name,
    description: spec.description,
    entities: spec.entities,
    checkpoint: SinceCheckpointSchema,
    async *read(ctx, checkpoint) {
      const config = ctx.client.config;
      const runStartedAt = checkpoint?.runStartedAt ? toMs(checkpoint.runStartedAt) : ctx.now().getTime();
      const since = checkpoint?.since ?? isoSeconds(toMs(config.startDate));
      for await (const page of listPages(ctx.client, {
        endpoint: spec.endpoint, path: spec.path, operation: spec.operation, startPage: checkpoint?.page, signal: ctx.signal,
        searchParams: { [spec.param]: since },
      })) {
        const mapped = mapPage(page.items, spec.schema, spec.operation, (item) => spec.map(item, ctx.connection));
        const batch: StreamBatch<SinceCheckpoint> = page.hasNext
          ? { records: mapped.records, checkpoint: { since, page: page.page + 1, runStartedAt: isoSeconds(runStartedAt) } }
          : { records: mapped.records, checkpoint: { since: nextCursor(runStartedAt, config.overlapMs + (spec.lookbackMs?.(config) ?? 0)) } };
        if (mapped.rejects.length > 0) batch.rejects = mapped.rejects;
        yield batch;
      }
    },
    map(payload, ctx) {
      return mapOne(payload, spec.schema, `replay ${spec.name}`, (item) => spec.map(item, ctx.connection)).records;
    },
  });
}

/**
 * Checkpoint of a full enumeration: when the last complete one finished.
 *
 * @example
 * FullCheckpointSchema.parse({ syncedAt: '2026-03-01T10:00:00Z' });
 */
export const FullCheckpointSchema = z.object({ syncedAt: z.string().optional() });
export type FullCheckpoint = z.infer<typeof FullCheckpointSchema>;

/** A batch of a directory listing that has no canonical entity (agents, groups, time entries): validated payloads. */
export interface VendorBatch<T> extends StreamBatch<FullCheckpoint> {
  /** The validated vendor objects of this page (there is no canonical model for them). */
  items: T[];
}

/**
 * Builds a stream that lists a small endpoint completely on every run; the last batch is `complete: true`
 * so the engine may infer deletes. Records are canonical when `map` is given, else only `items` carry data.
 *
 * @example
 * fullStream({ name: 'groups', description: '', entities: [], path: '/groups', schema: GroupSchema, operation: 'list groups' });
 */
export function fullStream<S extends z.ZodType>(spec: {
  name: string;
  description: string;
  entities: readonly CanonicalRecord['entity'][];
  path: string;
  schema: S;
  operation: string;
  map?: (item: z.output<S>, connection: string) => CanonicalRecord[];
}): StreamDefinition<FreshdeskConfigInput, FreshdeskClient, FullCheckpoint> {
  return defineStream<FreshdeskConfigInput, FreshdeskClient, FullCheckpoint>({
    name: spec.name,
    description: spec.description,
    entities: spec.entities,
    checkpoint: FullCheckpointSchema,
    async *read(ctx, checkpoint) {
      const startedAt = ctx.now().getTime();
      let failed = false;
      for await (const page of listPages(ctx.client, { endpoint: 'other', path: spec.path, operation: spec.operation, searchParams: {}, signal: ctx.signal })) {
        const mapped = mapPage(page.items, spec.schema, spec.operation, (item) => spec.map?.(item, ctx.connection) ?? []);
        failed ||= mapped.rejects.length > 0;
        const batch: VendorBatch<z.output<S>> = {
          records: mapped.records,
          items: mapped.parsed,
          checkpoint: page.hasNext ? { syncedAt: checkpoint?.syncedAt } : { syncedAt: isoSeconds(startedAt) },
        };
        if (!page.hasNext && !failed) batch.complete = true;
        if (mapped.rejects.length > 0) batch.rejects = mapped.rejects;
        yield batch;
      }
    },
    // No canonical entity without `spec.map`: a replayed payload is only validated (the next run lists it anyway).
    map(payload, ctx) {
      return mapOne(payload, spec.schema, `replay ${spec.name}`, (item) => spec.map?.(item, ctx.connection) ?? []).records;
    },
  });
}
