import { describe, expect, it } from 'vitest';
import { headerValue, parseRetryAfter } from './rate-limit-headers';

describe('rate-limit headers', () => {
  it('reads headers case-insensitively from objects and Headers', () => {
    expect(headerValue({ 'X-RateLimit-Remaining': '3' }, 'x-ratelimit-remaining')).toBe('3');
    expect(headerValue({ link: ['<a>', '<b>'] }, 'Link')).toBe('<a>');
    expect(headerValue(new Headers({ 'Retry-After': '5' }), 'retry-after')).toBe('5');
    expect(headerValue(undefined, 'x')).toBeUndefined();
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('34')).toBe(34_000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('Wed, 21 Oct 2015 07:27:00 GMT');
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:26:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
