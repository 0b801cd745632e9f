import { describe, expect, it } from 'vitest';
import { jaroWinkler } from './jaro-winkler';

describe('jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 3);
  });
  it('is 1 for equal and 0 for disjoint or empty strings', () => {
    expect(jaroWinkler('virtanen', 'virtanen')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'abc')).toBe(0);
  });
  it('never exceeds 1 for short equal prefixes', () => {
    expect(jaroWinkler('abcd', 'abcde')).toBeLessThanOrEqual(1);
    expect(jaroWinkler('ab', 'abx')).toBeLessThan(1);
  });
});
