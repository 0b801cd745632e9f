/**
 * Parse + classify + reply-trim + map throughput over the hand-written fixtures, and mbox splitting
 * throughput. One JSON line per figure.
 *
 *   pnpm bench email-parse [rounds]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createThreadIndex, intakeMessage, splitMbox, toMbox } from '@silta/email';

const dir = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const sources = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => readFileSync(dir + f));
const rounds = Number(process.argv[2] ?? 60);
let peakRss = process.memoryUsage().rss;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };

const durations: number[] = [];
const threads = createThreadIndex();
const started = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const source of sources) {
    const t0 = performance.now();
    await intakeMessage(source, { connection: 'bench', threads });
    durations.push(performance.now() - t0);
  }
  sample();
}
const wall = (performance.now() - started) / 1000;
durations.sort((a, b) => a - b);
const p = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))]!;
console.log(JSON.stringify({
  name: 'email-intake', messages: durations.length, wall_s: +wall.toFixed(3), records_per_s: Math.round(durations.length / wall),
  p50_ms: +p(0.5).toFixed(3), p99_ms: +p(0.99).toFixed(3), peak_rss_mb: Math.round(peakRss / 1048576),
}));

const mbox = toMbox(Array.from({ length: rounds }, () => sources).flat().map((source) => ({ source })));
const t1 = performance.now();
let count = 0;
const chunks = Array.from({ length: Math.ceil(mbox.length / 65536) }, (_, i) => mbox.subarray(i * 65536, (i + 1) * 65536));
for await (const _message of splitMbox(Readable.from(chunks))) count++;
const mboxWall = (performance.now() - t1) / 1000;
sample();
console.log(JSON.stringify({
  name: 'email-mbox-split', messages: count, mbox_mb: +(mbox.length / 1048576).toFixed(2), wall_s: +mboxWall.toFixed(3),
  records_per_s: Math.round(count / mboxWall), mb_per_s: +(mbox.length / 1048576 / mboxWall).toFixed(1), peak_rss_mb: Math.round(peakRss / 1048576),
}));
