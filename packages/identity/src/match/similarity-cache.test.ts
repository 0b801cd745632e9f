import { describe, expect, it } from 'vitest';
import { jaroWinkler } from './jaro-winkler';
import { similarity } from './similarity-cache';

describe('remembered similarity', () => {
  it('gives the Jaro-Winkler similarity in either order, also once the pair is remembered', () => {
    for (const [a, b] of [['virtanen', 'virtanan'], ['ari', 'ai'], ['kirkkokatu', 'rantatie'], ['x', 'x']] as const) {
      expect(similarity(a, b)).toBe(jaroWinkler(a, b));
      expect(similarity(b, a)).toBe(jaroWinkler(a, b));
      expect(similarity(a, b)).toBe(jaroWinkler(a, b));
    }
  });

  it('stays right after starting over when full', () => {
    for (let i = 0; i < 400_100; i++) similarity(`a${i}`, 'b');
    expect(similarity('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(similarity('a5', 'b')).toBe(jaroWinkler('a5', 'b'));
  });
});
