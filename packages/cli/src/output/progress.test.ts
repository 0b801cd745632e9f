import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter, formatSeconds } from './progress';

function sink() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  return { stream, json: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createProgressReporter off a terminal', () => {
  it('writes JSON lines with records, rate and ETA, at most one progress line per task per interval', () => {
    const out = sink();
    const progress = createProgressReporter({ tty: false, destination: out.stream, logEveryMs: 60_000 });
    const startedAt = new Date(Date.now() - 2000);
    progress.update({ key: 'helpdesk/tickets', done: 100, total: 1000, startedAt });
    progress.update({ key: 'helpdesk/tickets', done: 200, total: 1000, startedAt });
    progress.update({ key: 'helpdesk/contacts', done: 50, startedAt });
    progress.finish('helpdesk/tickets', { created: 1000 });
    progress.stop();

    const lines = out.json();
    const ticketProgress = lines.filter((l) => l.msg === 'progress' && l.task === 'helpdesk/tickets');
    expect(ticketProgress).toHaveLength(1);
    expect(ticketProgress[0]).toMatchObject({ records: 100, total: 1000 });
    expect(ticketProgress[0]!.records_per_s).toBeGreaterThan(0);
    expect(ticketProgress[0]!.eta_s).toBeGreaterThan(0);
    expect(lines.find((l) => l.task === 'helpdesk/contacts')).not.toHaveProperty('eta_s');
    expect(lines.at(-1)).toMatchObject({ msg: 'finished', task: 'helpdesk/tickets', records: 200, created: 1000 });
  });

  it('never writes an API key into a log line', () => {
    const out = sink();
    const progress = createProgressReporter({ tty: false, destination: out.stream });
    progress.logger.info({ config: { apiKey: 'very-secret-key' }, apiKey: 'very-secret-key' }, 'configured');
    expect(JSON.stringify(out.json())).not.toContain('very-secret-key');
  });
});

describe('createProgressReporter on a terminal', () => {
  it('draws a bar with records, rate and ETA when the total is known, and a count and rate when it is not', async () => {
    let drawn = '';
    const terminal = Object.assign(new Writable({ write(chunk, _enc, done) { drawn += String(chunk); done(); } }), {
      isTTY: true, columns: 120, cursorTo() { return true; }, moveCursor() { return true; }, clearLine() { return true; }, clearScreenDown() { return true; },
    });
    const progress = createProgressReporter({ tty: true, barStream: terminal });
    const startedAt = new Date(Date.now() - 4000);
    progress.update({ key: 'helpdesk/tickets', done: 2000, total: 5000, startedAt });
    progress.update({ key: 'helpdesk/contacts', done: 700, startedAt });
    await new Promise((r) => setTimeout(r, 300));
    progress.finish('helpdesk/tickets');
    progress.stop();
    const ESC = String.fromCharCode(27);
    const text = drawn.split(ESC).map((part) => part.replace(/^\[[0-9;?]*[A-Za-z]/, '')).join('');
    expect(text).toMatch(/helpdesk\/tickets\s+\[[█░]+\] 2000\/5000 records \| \d+\/s \| ETA \d+s/);
    expect(text).toMatch(/helpdesk\/contacts\s+700 records \| \d+\/s \| running/);
    expect(text).toMatch(/2000\/2000 records .*ETA done/);
  });
});

describe('formatSeconds', () => {
  it('reads like a clock', () => {
    expect(formatSeconds(42)).toBe('42s');
    expect(formatSeconds(75)).toBe('1m15s');
    expect(formatSeconds(3725)).toBe('1h02m');
  });
});
