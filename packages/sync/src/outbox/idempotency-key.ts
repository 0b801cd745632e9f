import { createHash } from 'node:crypto';
import { formatSourceRef, type SourceRef } from '@silta/model';

/**
 * The idempotency key of one delivery: a stable hash of the rule, the source record and its version (the
 * payload hash or `updatedAt`), plus the step when a rule delivers several actions. The same change replayed
 * gives the same key, so the outbox enqueues it once and the vendor sees it once.
 *
 * @example
 * idempotencyKeyFor('invoice questions to billing', ticketRef, 'sha256:ab12…'); // 'sk_3f9c…' (34 chars)
 * idempotencyKeyFor('invoice questions to billing', ticketRef, 'sha256:ab12…', 'helpdesk.addNote#1');
 */
export function idempotencyKeyFor(rule: string, ref: SourceRef | string, version: string, step?: string): string {
  const hash = createHash('sha256');
  // Length-prefixed parts so ('a:b', 'c') and ('a', 'b:c') never collide.
  for (const part of [rule, typeof ref === 'string' ? ref : formatSourceRef(ref), version, step ?? '']) {
    hash.update(`${Buffer.byteLength(part)}:${part};`);
  }
  return `sk_${hash.digest('hex').slice(0, 32)}`;
}
