import { EngineError } from './errors';

const UNITS: Record<string, number> = {
  ms: 1, millisecond: 1, milliseconds: 1,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hr: 3_600_000, hrs: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
};

/**
 * Reads a schedule interval such as `5 minutes`, `every 30 s`, `1h` or `90 seconds` into milliseconds.
 * A bare number is milliseconds. Throws `EngineError` `SCHEDULE_INVALID` naming the text otherwise.
 *
 * @example
 * parseEvery('5 minutes'); // 300000
 * parseEvery('every 2h'); // 7200000
 */
export function parseEvery(text: string | number, field = 'every'): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text > 0) return text;
    throw new EngineError('SCHEDULE_INVALID', `${field} must be a positive number of milliseconds, got ${text}`);
  }
  const match = /^\s*(?:every\s+)?(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const amount = match ? Number(match[1]) : NaN;
  const unit = match?.[2]?.toLowerCase() || 'ms';
  const factor = UNITS[unit];
  if (!match || factor === undefined || !(amount > 0)) {
    throw new EngineError(
      'SCHEDULE_INVALID',
      `${field} "${text}" is not an interval; write a number and a unit such as "5 minutes", "30 seconds" or "1 hour"`,
    );
  }
  return Math.round(amount * factor);
}
