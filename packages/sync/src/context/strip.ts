/**
 * Drops the vendor payload from a record: packets travel into notes, emails and outbox rows, where the raw
 * payload would only add bulk and data the receiving team was not meant to see.
 */
export function withoutRaw<T extends { raw?: unknown }>(record: T): T {
  if (!('raw' in record)) return record;
  const { raw: _raw, ...rest } = record;
  return rest as T;
}
