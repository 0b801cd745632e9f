import { ConfigError } from '@silta/kit';
import { describe, expect, it } from 'vitest';
import { DEMO_PARTNER_SECRET, demoPartnerConfig } from './demo';
import { createPartnerApi } from './handler';

const store = { upsertBatch: () => Promise.reject(new Error('unused')), getRecord: () => Promise.resolve(undefined) };

describe('partner configuration', () => {
  it.each([
    [{ 'Asiakaspalvelu AB': { secrets: ['a-long-enough-secret'], companies: [] } }, 'partners["Asiakaspalvelu AB"]'],
    [{ p: { secrets: [], companies: [] } }, 'partners.p.secrets'],
    [{ p: { secrets: ['a', 'b', 'c'], companies: [] } }, 'partners.p.secrets'],
    [{ p: { secrets: ['short'], companies: [] } }, 'partners.p.secrets[0]'],
    [{ p: { secrets: ['a-long-enough-secret'], companies: ['Yritys Oy'] } }, 'partners.p.companies[0]'],
  ])('refuses a bad partners map, naming the field and never the secret', (partners, field) => {
    const error = (() => { try { createPartnerApi({ store, partners }); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ field });
    expect(String((error as Error).message)).not.toContain('short');
  });

  it('refuses limits that cannot work', () => {
    const partners = demoPartnerConfig({}).partners;
    expect(() => createPartnerApi({ store, partners, maxBodyBytes: 10 })).toThrow(/maxBodyBytes/);
    expect(() => createPartnerApi({ store, partners, rateLimit: { requests: 0, windowMs: 1000 } })).toThrow(/rateLimit.requests/);
  });

  it('gives the demo partner yritys-oy but not toinen-oy, with the secret from SILTA_PARTNER_SECRET or the documented default', () => {
    expect(demoPartnerConfig({}).partners).toEqual({ 'asiakaspalvelu-ab': { secrets: [DEMO_PARTNER_SECRET], companies: ['yritys-oy'] } });
    expect(DEMO_PARTNER_SECRET).toBe('demo-partner-secret');
    const rotated = demoPartnerConfig({ SILTA_PARTNER_SECRET: 'new-secret-of-the-demo', SILTA_PARTNER_SECRET_PREVIOUS: 'old-secret-of-the-demo' });
    expect(rotated.partners['asiakaspalvelu-ab']!.secrets).toEqual(['new-secret-of-the-demo', 'old-secret-of-the-demo']);
    expect(rotated.companies).toEqual({ allowed: 'yritys-oy', forbidden: 'toinen-oy' });
  });
});
