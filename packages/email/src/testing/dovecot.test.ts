import { afterEach, describe, expect, it, vi } from 'vitest';
import { startDovecot } from './dovecot';

describe('startDovecot where Dovecot cannot run', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('skips with a message naming the install script', async () => {
    vi.stubEnv('SILTA_REQUIRE_SERVICES', '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await startDovecot({ binary: '/nonexistent/sbin/dovecot' })).toBeUndefined();
    expect(warn.mock.calls[0]?.[0]).toMatch(/skipping IMAP tests: dovecot is not installed \(run \.ci\/dovecot-install/);
  });

  it('fails instead when SILTA_REQUIRE_SERVICES=1', async () => {
    vi.stubEnv('SILTA_REQUIRE_SERVICES', '1');
    await expect(startDovecot({ binary: '/nonexistent/sbin/dovecot' })).rejects.toMatchObject({
      code: 'EMAIL_DOVECOT_UNAVAILABLE',
      message: expect.stringContaining('SILTA_REQUIRE_SERVICES=1'),
    });
  });
});
