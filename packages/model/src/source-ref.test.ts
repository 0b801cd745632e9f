import { describe, expect, it } from 'vitest';
import { formatSourceRef, parseSourceRef } from '@silta/model';

describe('SourceRef', () => {
  it('prints and reads back system:connection:type:id, keeping colons inside the id', () => {
    const ref = { system: 'email', connection: 'tuki', type: 'message', id: '<a:b@x.fi>' };
    expect(formatSourceRef(ref)).toBe('email:tuki:message:<a:b@x.fi>');
    expect(parseSourceRef(formatSourceRef(ref))).toEqual(ref);
  });
  it('keeps ids beyond 2^53 exactly, as strings', () => {
    expect(parseSourceRef('freshdesk:yritys-oy:ticket:9007199254740993').id).toBe('9007199254740993');
  });
  it('names the problem in a malformed ref', () => {
    expect(() => parseSourceRef('freshdesk:ticket')).toThrow(/system:connection:type:id/);
  });
});
