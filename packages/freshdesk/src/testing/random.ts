/** A small seeded PRNG (mulberry32): the same seed always yields the same simulated helpdesk. */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** Hashes a string or number seed into 32 bits so `seed: 'demo'` works as well as `seed: 42`. */
function seedToInt(seed: string | number): number {
  const text = String(seed);
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * Creates a deterministic random source.
 *
 * @example
 * const r = createRandom(42); r.int(1, 6); // same value on every run
 */
export function createRandom(seed: string | number): Random {
  let state = seedToInt(seed);
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return {
    next,
    int: function int(min, max) { return min + Math.floor(next() * (max - min + 1)); },
    pick: function pick(items) {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: function chance(p) { return next() < p; },
  };
}
