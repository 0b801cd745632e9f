import { describe, expect, it } from 'vitest';
import { base36 } from './base36';

describe('base36', () => {
  it('writes every unsigned 32-bit number exactly as toString(36) does', () => {
    const edges = [0, 1, 35, 36, 1295, 1296, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1];
    let seed = 5;
    for (let k = 0; k < 20_000; k++) edges.push((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0));
    for (const n of edges) expect(base36(n), String(n)).toBe(n.toString(36));
  });
});
