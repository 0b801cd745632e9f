import { describe, expect, it } from 'vitest';
import { PairTable } from './pair-table';

describe('pair table', () => {
  it('remembers a number per ordered pair and tells unknown pairs by NaN', () => {
    const table = new PairTable(64);
    table.set(3, 7, 0.93);
    table.set(7, 3, 0.5);
    table.set(3, 7, 0.94);
    expect(table.get(3, 7)).toBe(0.94);
    expect(table.get(7, 3)).toBe(0.5);
    expect(table.get(3, 8)).toBeNaN();
  });

  it('keeps every pair while under half full, and starts over rather than growing past it', () => {
    const table = new PairTable(1024);
    for (let i = 0; i < 511; i++) table.set(i, i * 3 + 1, i / 1000);
    for (let i = 0; i < 511; i++) expect(table.get(i, i * 3 + 1)).toBe(i / 1000);
    table.set(5000, 1, 1);
    table.set(5001, 1, 2);
    expect(table.get(0, 1)).toBeNaN();
    expect(table.get(5001, 1)).toBe(2);
  });

  it('tells large codes apart and does not remember codes past 2^26', () => {
    const table = new PairTable(64);
    table.set(2 ** 26 - 1, 2 ** 26 - 2, 0.7);
    table.set(2 ** 26 - 2, 2 ** 26 - 1, 0.8);
    expect(table.get(2 ** 26 - 1, 2 ** 26 - 2)).toBe(0.7);
    expect(table.get(2 ** 26 - 2, 2 ** 26 - 1)).toBe(0.8);
    table.set(2 ** 26, 1, 0.9);
    expect(table.get(2 ** 26, 1)).toBeNaN();
  });
});
