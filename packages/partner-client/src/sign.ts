import { createHmac } from 'node:crypto';

/**
 * The `X-Silta-Signature` value for a body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, keyed
 * with the partner's secret. Sign the exact bytes you send.
 *
 * @example
 * const body = JSON.stringify(push);
 * const signature = signPartnerRequest(process.env.SILTA_PARTNER_SECRET!, body, Math.floor(Date.now() / 1000));
 */
export function signPartnerRequest(secret: string, body: string | Uint8Array, unixSeconds: number): string {
  const t = Math.floor(unixSeconds);
  const mac = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
  return `t=${t},v1=${mac}`;
}
