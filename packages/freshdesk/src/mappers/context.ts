import type { SourceRef } from '@silta/model';
import type { CaseStatus } from '@silta/model';

/** The Freshdesk object types Silta files records under (`SourceRef.type`). */
export type FreshdeskRefType =
  | 'contact'
  | 'ticket'
  | 'conversation'
  | 'company'
  | 'satisfaction_rating'
  | 'agent'
  | 'group'
  | 'time_entry';

/**
 * What every mapper needs: the connection the records belong to (`SourceRef.connection`, e.g. `yritys-oy`).
 * `customStatuses` tells `ticketToCase` how to file an account's own ticket statuses (numbers above 7);
 * without it they count as `open`.
 *
 * @example
 * const ctx: MapperContext = { connection: 'yritys-oy', customStatuses: { 8: 'pending' } };
 */
export interface MapperContext {
  connection: string;
  customStatuses?: Record<number, CaseStatus>;
}

/**
 * A `SourceRef` for a Freshdesk object.
 *
 * @example
 * freshdeskRef({ connection: 'yritys-oy' }, 'ticket', 20); // { system: 'freshdesk', connection: 'yritys-oy', type: 'ticket', id: '20' }
 */
export function freshdeskRef(ctx: Pick<MapperContext, 'connection'>, type: FreshdeskRefType, id: number | string): SourceRef {
  return { system: 'freshdesk', connection: ctx.connection, type, id: String(id) };
}

/** A ref for an id that may be absent (`null` in the payload). */
export function optionalRef(
  ctx: Pick<MapperContext, 'connection'>,
  type: FreshdeskRefType,
  id: number | string | null | undefined,
): SourceRef | undefined {
  return id === null || id === undefined ? undefined : freshdeskRef(ctx, type, id);
}

/** An id as the canonical `team` / `agent` string, or undefined. */
export function idString(id: number | string | null | undefined): string | undefined {
  return id === null || id === undefined ? undefined : String(id);
}

/** A string that is not empty after trimming, or undefined. */
export function nonEmpty(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? undefined : value;
}
