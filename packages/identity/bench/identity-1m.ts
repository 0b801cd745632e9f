// Scale: `pnpm bench identity-1m [--records <n>] [--no-helper]` generates records of Finnish people over six systems
// (seeded), resolves them in one batch, then times incremental adds against the resolved graph.
import { PerformanceObserver } from 'node:perf_hooks';
import { createResolver } from '../src/index';
import { generateParties } from '../src/testing/generator';
import { pairwiseScoresInt } from '../src/testing/pairwise';

const arg = process.argv.indexOf('--records');
const total = arg >= 0 ? Number(process.argv[arg + 1]) : 1_000_000;
if (!Number.isInteger(total) || total < 100) throw new Error(`--records must be a whole number ≥ 100, got ${process.argv[arg + 1]}`);
const adds = Math.min(10_000, Math.floor(total / 10));

let peak = 0;
const sample = () => {
  peak = Math.max(peak, process.memoryUsage.rss());
};
const timer = setInterval(sample, 200);

// The last `adds` records are held back and added one by one afterwards, timed.
const { records, truth, persons } = generateParties({ records: total, seed: 2026 });
const all = records[Symbol.iterator]();
const batchCount = total - adds;
function* batchPart() {
  for (let i = 0; i < batchCount; i++) yield all.next().value!;
}
const resolver = createResolver({ hashKey: 'bench-hash-key' });
const started = performance.now();
const cpuStart = process.cpuUsage();
const result = await resolver.resolveBatch(batchPart(), {
  helperThread: !process.argv.includes('--no-helper'),
  progressEvery: 100_000,
  onProgress: (done) => process.stderr.write(`${JSON.stringify({ progress: done, s: Math.round((performance.now() - started) / 100) / 10, rss_mb: Math.round(process.memoryUsage.rss() / 2 ** 20) })}\n`),
});
const wall = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
// The machine is shared: CPU seconds show the work itself when other processes compete for the cores.
const cpuS = (cpu.user + cpu.system) / 1e6;
sample();

// The batch leaves its working garbage behind (prepared inputs, indexes, the event list it wrote): collect it
// first (bench runs with --expose-gc), so the adds are timed against the resolved graph, not the batch's debris.
(globalThis as { gc?: () => void }).gc?.();
// What else happened while adding, to read the tail by: the collector's pauses and the times the scheduler
// took the core away (on two shared cores a preempted add waits a whole time slice).
const pauses: Array<{ start: number; end: number }> = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push({ start: e.startTime, end: e.startTime + e.duration });
});
gcObserver.observe({ entryTypes: ['gc'] });
const usageBefore = process.resourceUsage();
const latencies: number[] = [];
const addStarts: number[] = [];
const addKeys: string[] = [];
for (let i = 0; i < adds; i++) {
  const rec = all.next().value!;
  const t = performance.now();
  const res = await resolver.add(rec);
  latencies.push(performance.now() - t);
  addStarts.push(t);
  addKeys.push(res.recordKey);
}
const usageAfter = process.resourceUsage();
await new Promise((resolve) => setTimeout(resolve, 50)); // the observer reports after the fact
gcObserver.disconnect();
const paused = (i: number) => pauses.some((p) => p.start < addStarts[i]! + latencies[i]! && p.end > addStarts[i]!);
const latenciesOutsideGc = latencies.filter((_, i) => !paused(i)).sort((a, b) => a - b);
sample();
clearInterval(timer);
const peakAtEnd = peak;
latencies.sort((a, b) => a - b);
const quantile = (list: number[], p: number) => list[Math.min(list.length - 1, Math.floor(p * list.length))]!;
const q = (p: number) => quantile(latencies, p);

// Scored after the peak-memory samples: labels as integers, so scoring itself stays small.
const personIndex = new Map<string, number>();
const predicted = new Int32Array(total);
const labelOf = (personId: string | undefined, i: number) => {
  if (personId === undefined) return -1 - i; // suppressed: a cluster of its own
  let n = personIndex.get(personId);
  if (n === undefined) personIndex.set(personId, (n = personIndex.size));
  return n;
};
for (let i = 0; i < result.assignments.length; i++) {
  predicted[i] = labelOf(await resolver.personOf(result.assignments[i]!.recordKey), i);
}
for (let i = 0; i < addKeys.length; i++) predicted[batchCount + i] = labelOf(await resolver.personOf(addKeys[i]!), batchCount + i);
const scores = pairwiseScoresInt(predicted, truth);
const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
console.log(JSON.stringify({
  name: 'identity-1m', records: total, persons_true: persons, persons_found: personIndex.size,
  wall_s: round(wall, 2), cpu_s: round(cpuS, 2), records_per_s: Math.round(batchCount / wall), peak_rss_mb: Math.round(peakAtEnd / 2 ** 20),
  precision: round(scores.precision), recall: round(scores.recall), f1: round(scores.f1),
  add_p50_ms: round(q(0.5), 3), add_p99_ms: round(q(0.99), 3),
  add_p99_outside_gc_ms: round(quantile(latenciesOutsideGc, 0.99), 3), add_gc_pauses: pauses.length,
  add_gc_ms: Math.round(pauses.reduce((sum, p) => sum + p.end - p.start, 0)),
  add_preemptions: usageAfter.involuntaryContextSwitches - usageBefore.involuntaryContextSwitches,
  review_pairs: result.reviewCount, rejected_values: result.rejected.length, prepared_by_helper: result.preparedByHelper, candidates_by_helper: result.candidatesByHelper,
}));
