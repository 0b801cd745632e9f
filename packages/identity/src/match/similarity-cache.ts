import { jaroWinkler } from './jaro-winkler';

/** Pairs remembered at most; the cache starts over when full, so memory stays bounded on any data. */
const LIMIT = 400_000;

let cache = new Map<string, Map<string, number>>();
let size = 0;

/**
 * {@link jaroWinkler} remembered per pair of strings. Names, streets and cities repeat across a million records
 * (they follow Zipf's law), so the same pairs meet again and again while placing records; a lookup is a few
 * times cheaper than the comparison. Symmetric: `(a, b)` and `(b, a)` share one entry.
 *
 * @example
 * similarity('virtanen', 'virtanan') === jaroWinkler('virtanen', 'virtanan'); // true
 */
export function similarity(a: string, b: string): number {
  if (a === b) return jaroWinkler(a, b);
  const x = a < b ? a : b;
  const y = a < b ? b : a;
  let inner = cache.get(x);
  const known = inner?.get(y);
  if (known !== undefined) return known;
  const value = jaroWinkler(x, y);
  if (size >= LIMIT) {
    cache = new Map();
    size = 0;
    inner = undefined;
  }
  if (inner === undefined) cache.set(x, (inner = new Map()));
  inner.set(y, value);
  size++;
  return value;
}
