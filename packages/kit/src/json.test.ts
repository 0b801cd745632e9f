import { describe, expect, it } from 'vitest';
import { parseJsonLossless } from './json';

describe('parseJsonLossless', () => {
  it('keeps integers beyond 2^53 exact as decimal strings', () => {
    const text = '{"id": 27000000000000000123, "neg": -9007199254740993, "requester_id": 9007199254740993}';
    const value = parseJsonLossless(text) as Record<string, unknown>;
    expect(value.id).toBe('27000000000000000123');
    expect(value.neg).toBe('-9007199254740993');
    expect(value.requester_id).toBe('9007199254740993');
    // JSON.parse would have rounded it:
    expect(String((JSON.parse(text) as { requester_id: number }).requester_id)).toBe('9007199254740992');
  });

  it('returns plain values for everything else', () => {
    expect(parseJsonLossless('{"a":1,"b":1.5,"c":"x","d":[true,null],"e":9007199254740991,"f":1e3}')).toEqual({
      a: 1, b: 1.5, c: 'x', d: [true, null], e: 9007199254740991, f: 1000,
    });
    expect(typeof (parseJsonLossless('[0.1]') as number[])[0]).toBe('number');
  });

  it('throws SyntaxError on truncated JSON', () => {
    expect(() => parseJsonLossless('{"tickets": [{"id": 1}, {"id"')).toThrow(SyntaxError);
  });
});
