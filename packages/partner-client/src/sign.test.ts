import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { signPartnerRequest } from './sign';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('signPartnerRequest', () => {
  const body = '{"company":"yritys-oy","note":"Hyvää päivää"}';

  it.skipIf(!hasOpenssl())('gives the same header as the shell recipe in docs/partner-api.md (openssl)', () => {
    const t = 1_763_805_600;
    const mac = execFileSync('sh', ['-c', 'printf "%s.%s" "$T" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -r | cut -d" " -f1'], {
      env: { ...process.env, T: String(t), BODY: body, SECRET: 'demo-partner-secret' },
    }).toString().trim();
    expect(signPartnerRequest('demo-partner-secret', body, t)).toBe(`t=${t},v1=${mac}`);
  });

  it('signs whole seconds and changes with the secret, the time and every byte of the body', () => {
    const base = signPartnerRequest('s1-secret-value', body, 1_763_805_600.9);
    expect(base).toMatch(/^t=1763805600,v1=[0-9a-f]{64}$/);
    expect(signPartnerRequest('s2-secret-value', body, 1_763_805_600)).not.toBe(base);
    expect(signPartnerRequest('s1-secret-value', body, 1_763_805_601)).not.toBe(base);
    expect(signPartnerRequest('s1-secret-value', body.replace('päivää', 'paivaa'), 1_763_805_600)).not.toBe(base);
    expect(signPartnerRequest('s1-secret-value', Buffer.from(body), 1_763_805_600)).toBe(base);
  });
});
