import { describe, expect, it, vi } from 'vitest';
import { jaroWinkler } from './jaro-winkler';
import { similarity } from './similarity-cache';

// Counts the comparisons the cache asks for, so the tests can tell a remembered pair from a recomputed one.
const computed = vi.hoisted(() => ({ calls: 0 }));
vi.mock('./jaro-winkler', async (importOriginal) => {
  const real = await importOriginal<{ jaroWinkler: (a: string, b: string) => number }>();
  return {
    jaroWinkler: (a: string, b: string) => {
      computed.calls++;
      return real.jaroWinkler(a, b);
    },
  };
});

describe('remembered similarity', () => {
  it('gives the Jaro-Winkler similarity in either order, also once the pair is remembered', () => {
    for (const [a, b] of [['virtanen', 'virtanan'], ['ari', 'ai'], ['kirkkokatu', 'rantatie'], ['x', 'x']] as const) {
      expect(similarity(a, b)).toBe(jaroWinkler(a, b));
      expect(similarity(b, a)).toBe(jaroWinkler(a, b));
      expect(similarity(a, b)).toBe(jaroWinkler(a, b));
    }
  });

  it('computes a pair once, in either order', () => {
    const before = computed.calls;
    similarity('korhonen', 'korhonan');
    const first = computed.calls - before;
    similarity('korhonan', 'korhonen');
    similarity('korhonen', 'korhonan');
    expect(first).toBe(1);
    expect(computed.calls - before).toBe(1);
  });

  it('stays right after starting over when full', () => {
    for (let i = 0; i < 400_100; i++) similarity(`a${i}`, 'b');
    expect(similarity('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(similarity('a5', 'b')).toBe(jaroWinkler('a5', 'b'));
  });
});
