import { describe, expect, it } from 'vitest';
import { WebhookVerificationError } from './errors';
import { signHmacSha256, signTimestamped, verifyHmacSha256, verifySharedSecret, verifyTimestampedSignature } from './webhook';

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect((error as Error).message).not.toMatch(/whsec_/);
    return (error as WebhookVerificationError).code;
  }
  return undefined;
}

const body = Buffer.from('{"ticket_id":42,"status":"Open"}');

describe('HMAC-SHA256 signatures', () => {
  it('signs as hex (RFC 4231 test case 2)', () => {
    expect(signHmacSha256('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('accepts a valid signature from any of the rotated secrets, with or without sha256=', () => {
    const sig = signHmacSha256('whsec_old', body);
    expect(codeOf(() => verifyHmacSha256(body, sig, ['whsec_new', 'whsec_old']))).toBeUndefined();
    expect(codeOf(() => verifyHmacSha256(body, `sha256=${sig.toUpperCase()}`, 'whsec_old'))).toBeUndefined();
  });

  it('rejects with distinct codes', () => {
    const sig = signHmacSha256('whsec_a', body);
    expect(codeOf(() => verifyHmacSha256(body, sig, 'whsec_b'))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(codeOf(() => verifyHmacSha256(Buffer.from('{"ticket_id":43}'), sig, 'whsec_a'))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(codeOf(() => verifyHmacSha256(body, undefined, 'whsec_a'))).toBe('WEBHOOK_SIGNATURE_MISSING');
    expect(codeOf(() => verifyHmacSha256(body, 'abc', 'whsec_a'))).toBe('WEBHOOK_SIGNATURE_MALFORMED');
  });
});

describe('timestamped signatures', () => {
  const t = 1_700_000_000;
  const now = new Date(t * 1000 + 60_000);

  it('round-trips and accepts several v1 values and rotated secrets', () => {
    const header = signTimestamped('whsec_new', body, t);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(codeOf(() => verifyTimestampedSignature({ header, rawBody: body, secrets: 'whsec_new', now }))).toBeUndefined();
    const two = `${signTimestamped('whsec_old', body, t)},v1=${'0'.repeat(64)}`;
    expect(codeOf(() => verifyTimestampedSignature({ header: two, rawBody: body, secrets: ['whsec_new', 'whsec_old'], now }))).toBeUndefined();
  });

  it('rejects stale timestamps, tampering, and missing or malformed headers', () => {
    const header = signTimestamped('whsec_k', body, t);
    const late = new Date(t * 1000 + 301_000);
    expect(codeOf(() => verifyTimestampedSignature({ header, rawBody: body, secrets: 'whsec_k', now: late }))).toBe('WEBHOOK_TIMESTAMP_STALE');
    expect(codeOf(() => verifyTimestampedSignature({ header, rawBody: body, secrets: 'whsec_k', now: late, toleranceSeconds: 600 }))).toBeUndefined();
    const shifted = header.replace('t=1700000000', 't=1700000030');
    expect(codeOf(() => verifyTimestampedSignature({ header: shifted, rawBody: body, secrets: 'whsec_k', now }))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(codeOf(() => verifyTimestampedSignature({ header, rawBody: Buffer.from('{}'), secrets: 'whsec_k', now }))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(codeOf(() => verifyTimestampedSignature({ header: undefined, rawBody: body, secrets: 'whsec_k', now }))).toBe('WEBHOOK_SIGNATURE_MISSING');
    expect(codeOf(() => verifyTimestampedSignature({ header: 'v1=abc', rawBody: body, secrets: 'whsec_k', now }))).toBe('WEBHOOK_SIGNATURE_MALFORMED');
    expect(codeOf(() => verifyTimestampedSignature({ header: `t=${t}`, rawBody: body, secrets: 'whsec_k', now }))).toBe('WEBHOOK_SIGNATURE_MISSING');
  });
});

describe('verifySharedSecret', () => {
  it('accepts the expected secret and rejects others, including other lengths', () => {
    expect(codeOf(() => verifySharedSecret('whsec_shared', 'whsec_shared'))).toBeUndefined();
    expect(codeOf(() => verifySharedSecret(['whsec_next'], ['whsec_shared', 'whsec_next']))).toBeUndefined();
    expect(codeOf(() => verifySharedSecret('whsec_sharex', 'whsec_shared'))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(codeOf(() => verifySharedSecret('whsec_sh', 'whsec_shared'))).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(codeOf(() => verifySharedSecret(undefined, 'whsec_shared'))).toBe('WEBHOOK_SIGNATURE_MISSING');
  });
});
