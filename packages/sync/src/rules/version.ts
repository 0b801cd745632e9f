import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted, so the same record hashes the same however its keys were ordered on the
 * way through the database.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** The version of a record for idempotency keys: a sha256 of its stable JSON. */
export function recordVersion(record: unknown): string {
  return `sha256:${createHash('sha256').update(stableStringify(record)).digest('hex')}`;
}
