import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from './errors';

type Payload = string | Buffer | Uint8Array;

/**
 * HMAC-SHA256 of `payload` with `secret`, as lower-case hex.
 *
 * @example
 * signHmacSha256('s3cret', '{"id":1}'); // '6c1f…'
 */
export function signHmacSha256(secret: string | Buffer, payload: Payload): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** Timing-safe comparison of two strings; different lengths compare unequal without leaking where they differ. */
function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  // Compare against itself when lengths differ so the time taken does not depend on the secret's content.
  if (ab.length !== bb.length) {
    timingSafeEqual(ab, ab);
    return false;
  }
  return timingSafeEqual(ab, bb);
}

function secretList(secrets: string | string[]): string[] {
  const list = (Array.isArray(secrets) ? secrets : [secrets]).filter((s) => typeof s === 'string' && s !== '');
  if (list.length === 0) throw new WebhookVerificationError('WEBHOOK_SIGNATURE_INVALID', 'no webhook secret is configured');
  return list;
}

/**
 * Verifies a hex HMAC-SHA256 signature of `payload` against one or more secrets (rotation), timing-safe.
 * A leading `sha256=` is accepted. Throws `WebhookVerificationError` (`WEBHOOK_SIGNATURE_MISSING`,
 * `WEBHOOK_SIGNATURE_MALFORMED`, `WEBHOOK_SIGNATURE_INVALID`).
 *
 * @example
 * verifyHmacSha256(req.rawBody, req.headers['x-signature'] as string, [current, previous]);
 */
export function verifyHmacSha256(payload: Payload, signatureHex: string | undefined, secrets: string | string[]): void {
  if (!signatureHex) throw new WebhookVerificationError('WEBHOOK_SIGNATURE_MISSING', 'the request carries no signature');
  const given = signatureHex.trim().replace(/^sha256=/i, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) {
    throw new WebhookVerificationError('WEBHOOK_SIGNATURE_MALFORMED', 'the signature is not 64 hex characters of HMAC-SHA256');
  }
  let matched = false;
  for (const secret of secretList(secrets)) matched = safeEqual(signHmacSha256(secret, payload), given) || matched;
  if (!matched) throw new WebhookVerificationError('WEBHOOK_SIGNATURE_INVALID', 'the signature does not match the payload');
}

/**
 * Builds a timestamped signature header `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 *
 * @example
 * const header = signTimestamped('s3cret', rawBody, Math.floor(Date.now() / 1000));
 */
export function signTimestamped(secret: string, rawBody: Payload, t: number): string {
  const seconds = Math.floor(t);
  const mac = createHmac('sha256', secret).update(`${seconds}.`).update(rawBody).digest('hex');
  return `t=${seconds},v1=${mac}`;
}

/** Options of `verifyTimestampedSignature`. */
export interface TimestampedSignatureInput {
  /** The header value, `t=…,v1=…[,v1=…]`. */
  header: string | undefined;
  rawBody: Payload;
  /** Secrets valid now (two during a rotation). */
  secrets: string | string[];
  /** Largest allowed distance between `t` and now, seconds (default 300). */
  toleranceSeconds?: number;
  /** The clock (default now). */
  now?: Date | number;
}

/**
 * Verifies a `t=<unix seconds>,v1=<hex>` header: any `v1` matching any secret passes, and `t` must be within
 * `toleranceSeconds` of now (replay protection). Throws `WebhookVerificationError` with
 * `WEBHOOK_SIGNATURE_MISSING`, `WEBHOOK_SIGNATURE_MALFORMED`, `WEBHOOK_TIMESTAMP_STALE` or `WEBHOOK_SIGNATURE_INVALID`.
 *
 * @example
 * verifyTimestampedSignature({ header: req.headers['x-silta-signature'] as string, rawBody: req.rawBody, secrets: [cur, prev] });
 */
export function verifyTimestampedSignature(input: TimestampedSignatureInput): void {
  if (!input.header) throw new WebhookVerificationError('WEBHOOK_SIGNATURE_MISSING', 'the request carries no signature header');
  let t: number | undefined;
  const signatures: string[] = [];
  for (const part of input.header.split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) t = Number(value);
    else if (key === 'v1') signatures.push(value.toLowerCase());
  }
  if (t === undefined) throw new WebhookVerificationError('WEBHOOK_SIGNATURE_MALFORMED', 'the signature header has no t=<unix seconds>');
  if (signatures.length === 0) throw new WebhookVerificationError('WEBHOOK_SIGNATURE_MISSING', 'the signature header has no v1= signature');
  const nowMs = input.now === undefined ? Date.now() : typeof input.now === 'number' ? input.now : input.now.getTime();
  const tolerance = input.toleranceSeconds ?? 300;
  const age = Math.abs(nowMs / 1000 - t);
  if (age > tolerance) {
    throw new WebhookVerificationError('WEBHOOK_TIMESTAMP_STALE', `the signature timestamp is ${Math.round(age)} s from now (tolerance ${tolerance} s)`);
  }
  let matched = false;
  for (const secret of secretList(input.secrets)) {
    const expected = signTimestamped(secret, input.rawBody, t).slice(`t=${t},v1=`.length);
    for (const sig of signatures) matched = safeEqual(expected, sig) || matched;
  }
  if (!matched) throw new WebhookVerificationError('WEBHOOK_SIGNATURE_INVALID', 'no v1 signature matches the payload');
}

/**
 * Compares a shared secret sent by the vendor (e.g. a header set in a Freshdesk automation rule) with the
 * expected one, timing-safe. Throws `WEBHOOK_SIGNATURE_MISSING` or `WEBHOOK_SIGNATURE_INVALID`.
 *
 * @example
 * verifySharedSecret(req.headers['x-silta-secret'] as string | undefined, config.webhookSecret);
 */
export function verifySharedSecret(provided: string | string[] | undefined, expected: string | string[]): void {
  const value = Array.isArray(provided) ? provided[0] : provided;
  if (!value) throw new WebhookVerificationError('WEBHOOK_SIGNATURE_MISSING', 'the request carries no shared secret');
  let matched = false;
  for (const secret of secretList(expected)) matched = safeEqual(secret, value) || matched;
  if (!matched) throw new WebhookVerificationError('WEBHOOK_SIGNATURE_INVALID', 'the shared secret does not match');
}
