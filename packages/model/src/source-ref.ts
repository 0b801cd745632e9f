import { z } from 'zod';

/**
 * Where a record lives: the vendor system, the account or tenant in it, the vendor object type and its id.
 * Ids are strings because some vendors' ids exceed 2^53.
 *
 * @example
 * const ref: SourceRef = { system: 'freshdesk', connection: 'yritys-oy', type: 'ticket', id: '123' };
 * formatSourceRef(ref); // 'freshdesk:yritys-oy:ticket:123'
 */
export const SourceRefSchema = z.object({
  system: z.string().min(1).regex(/^[^:\s]+$/, 'must not contain ":" or whitespace'),
  connection: z.string().min(1).regex(/^[^:\s]+$/, 'must not contain ":" or whitespace'),
  type: z.string().min(1).regex(/^[^:\s]+$/, 'must not contain ":" or whitespace'),
  id: z.string().min(1),
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

/**
 * Prints a reference as `system:connection:type:id`.
 *
 * @example
 * formatSourceRef({ system: 'freshdesk', connection: 'yritys-oy', type: 'ticket', id: '123' });
 */
export function formatSourceRef(ref: SourceRef): string {
  return `${ref.system}:${ref.connection}:${ref.type}:${ref.id}`;
}

/**
 * Reads `system:connection:type:id` back into a {@link SourceRef}. The id may itself contain colons.
 *
 * @example
 * parseSourceRef('freshdesk:yritys-oy:ticket:123').id; // '123'
 */
export function parseSourceRef(text: string): SourceRef {
  const parts = text.split(':');
  if (parts.length < 4 || parts.slice(0, 4).some((p) => p === '')) {
    throw new TypeError(`source ref "${text}" is not of the form system:connection:type:id`);
  }
  const [system, connection, type, ...rest] = parts as [string, string, string, ...string[]];
  return SourceRefSchema.parse({ system, connection, type, id: rest.join(':') });
}

/** True when both refer to the same record. */
export function sameSourceRef(a: SourceRef, b: SourceRef): boolean {
  return a.system === b.system && a.connection === b.connection && a.type === b.type && a.id === b.id;
}
