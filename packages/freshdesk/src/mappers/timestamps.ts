import { ValidationError } from '@silta/kit';
import { TimestampSchema } from '@silta/model';

/**
 * A vendor timestamp as the canonical ISO 8601 string. Freshdesk writes `YYYY-MM-DDTHH:MM:SSZ` (sometimes
 * with an offset), which passes through unchanged. Its documentation also shows a zero-padded three-digit
 * hour (`2015-08-28T010:08:16Z`); that one unambiguous slip is repaired. Anything else unreadable throws
 * `ValidationError` naming the field.
 *
 * @example
 * toTimestamp('2015-08-28T010:08:16Z', 'created_at'); // '2015-08-28T10:08:16.000Z'
 */
export function toTimestamp(value: string, field: string, payload?: unknown): string {
  if (TimestampSchema.safeParse(value).success) return value;
  const repaired = value.replace(/T0(\d{2}):/, 'T$1:');
  if (repaired !== value && TimestampSchema.safeParse(repaired).success) {
    return new Date(repaired).toISOString();
  }
  throw new ValidationError({
    issues: [{ path: field, message: 'is not an ISO 8601 timestamp with a time zone (YYYY-MM-DDTHH:MM:SSZ)' }],
    payload,
  });
}

/** Like `toTimestamp`, for fields that may be absent or null. */
export function toOptionalTimestamp(value: string | null | undefined, field: string, payload?: unknown): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : toTimestamp(value, field, payload);
}
