const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * `n.toString(36)` for a whole number in [0, 2^32), at about half the cost (V8's radix conversion takes the
 * general path for doubles). Blocking keys are written this way, six per record.
 *
 * @example
 * base36(1295); // 'zz'
 */
export function base36(n: number): string {
  let text = '';
  do {
    text = DIGITS[n % 36]! + text;
    n = Math.floor(n / 36);
  } while (n > 0);
  return text;
}
