import { createHash } from 'node:crypto';

/**
 * A Message-ID derived from an idempotency key, so a retried send carries the same id and the customer's
 * client (and our threading) sees one message. Returned without angle brackets.
 *
 * @example
 * deterministicMessageId('route:billing:ticket-1234:v3', 'yritys.fi'); // 'silta.3f9a…@yritys.fi'
 */
export function deterministicMessageId(idempotencyKey: string, domain: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `silta.${digest}@${domain}`;
}

/** The domain part of an address like `Yritys Oy <tuki@yritys.fi>`, or undefined. */
export function domainOf(address: string): string | undefined {
  return address.match(/@([A-Za-z0-9.-]+)>?\s*$/)?.[1]?.toLowerCase();
}
