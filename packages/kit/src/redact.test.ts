import { describe, expect, it } from 'vitest';
import { createSecretRegistry, redactHeaders, redactSecrets, redactUrl } from './redact';

describe('redactUrl', () => {
  it('removes user info and secret query values, keeping the rest', () => {
    const out = redactUrl('https://apikey123:X@acme.freshdesk.com/api/v2/tickets?page=2&api_key=abc&Token=t1&signature=s&per_page=100');
    expect(out).not.toMatch(/apikey123|abc|t1\b|=s&/);
    expect(out).toContain('acme.freshdesk.com/api/v2/tickets');
    expect(out).toContain('page=2');
    expect(out).toContain('per_page=100');
    expect(out).toContain('api_key=[redacted]');
    expect(out).toContain('Token=[redacted]');
  });

  it('handles relative or unparseable input', () => {
    expect(redactUrl('/tickets?password=pw1&x=1')).toBe('/tickets?password=[redacted]&x=1');
  });
});

describe('redactHeaders', () => {
  it('masks credential headers in any casing', () => {
    expect(redactHeaders({ Authorization: 'Basic abc', 'X-Api-Key': 'k', Cookie: 'c=1', Accept: 'application/json' })).toEqual({
      authorization: '[redacted]', 'x-api-key': '[redacted]', cookie: '[redacted]', accept: 'application/json',
    });
    expect(redactHeaders({ 'X-Custom-Token': 'zz' }, ['x-custom-token'])).toEqual({ 'x-custom-token': '[redacted]' });
  });
});

describe('secret registry', () => {
  it('scrubs registered values and their encoded forms from text', () => {
    const secrets = createSecretRegistry(['s3cr3t/key+1']);
    const b64 = Buffer.from('s3cr3t/key+1').toString('base64');
    const text = `bad key s3cr3t/key+1 in ?k=${encodeURIComponent('s3cr3t/key+1')} and ${b64}`;
    const out = secrets.redact(text);
    expect(out).not.toContain('s3cr3t');
    expect(out).not.toContain(b64);
    expect(out.match(/\[redacted\]/g)).toHaveLength(3);
  });

  it('ignores values too short to be secrets', () => {
    expect(redactSecrets('a X b', ['X'])).toBe('a X b');
  });
});
