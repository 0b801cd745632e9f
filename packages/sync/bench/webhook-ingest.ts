/**
 * `pnpm bench webhook-ingest [--requests N] [--concurrency C] [--process] [--sync-full]`: webhooks per
 * second that `silta serve` accepts durably on SQLite, from a keep-alive load generator in a separate
 * process on loopback. Every request is HMAC-signed and verified; a 202 means the row is in the inbox.
 * Afterwards the inbox is counted to prove every accepted request was stored. Inbox processing is left
 * off so the figure is ingest alone; `--process` turns it on (the webhook maps to no records, so that
 * measures claiming and completing rows beside the ingest); `--sync-full` fsyncs every commit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { z } from 'zod';
import { defineConnector, verifyHmacSha256, type WebhookDefinition } from '@silta/kit';
import { openStore } from '../src/store/index';
import { createServer } from '../src/serve/server';

const args = process.argv.slice(2);
function flag(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
}
const total = flag('requests', 20_000);
const concurrency = flag('concurrency', 32);
const processing = args.includes('--process');
// `--sync-full` also fsyncs every commit (survives power loss, not only a killed process).
const synchronous = args.includes('--sync-full') ? 'full' : 'normal';
const warmup = Math.min(1_000, Math.floor(total / 10));
const SECRET = 'bench-secret';

const hook: WebhookDefinition<{ secret: string }> = {
  name: 'ticket',
  verify(req, config) {
    const sig = req.headers['x-signature'];
    verifyHmacSha256(req.rawBody, Array.isArray(sig) ? sig[0] : sig, config.secret);
  },
  parse: () => [],
};
const connector = defineConnector({
  system: 'bench', config: z.object({ secret: z.string() }), createClient: () => ({}),
  streams: {}, actions: {}, webhooks: { ticket: hook },
});

const dir = mkdtempSync(join(tmpdir(), 'silta-bench-'));
const store = await openStore(join(dir, 'silta.db'), { sqliteSynchronous: synchronous });
const app = createServer({ store, connections: { helpdesk: { connector, config: { secret: SECRET } } }, processInbox: processing });
const { port } = await app.listen(0, '127.0.0.1');

// The load generator runs in a child process so it shares neither the server's event loop nor its CPU
// accounting: the figures are the server's. Plain JS over node:http and node:crypto needs no loader.
const GENERATOR = `
const workerData = JSON.parse(process.env.SILTA_BENCH_LOAD);
const parentPort = { postMessage: (m) => process.stdout.write(JSON.stringify(m)) };
const { Agent, request } = require('node:http');
const { createHmac } = require('node:crypto');
const { port, secret, concurrency, warmup, total } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
function body(i) {
  return JSON.stringify({ ticket: { id: i, subject: 'Kysymys laskusta ' + i, status: 2, priority: 1, requester_id: 1000 + (i % 500),
    tags: ['lasku'], updated_at: new Date(1700000000000 + i * 1000).toISOString() } });
}
function post(i) {
  const payload = body(i);
  const signature = createHmac('sha256', secret).update(payload).digest('hex');
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/webhooks/helpdesk/ticket', method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-signature': signature } },
      (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end(payload);
  });
}
async function run(from, count, latencies) {
  let next = from, accepted = 0;
  async function worker() {
    while (next < from + count) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      const status = await post(i);
      if (latencies) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (status === 202) accepted++; else throw new Error('request ' + i + ' got HTTP ' + status);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return accepted;
}
(async () => {
  await run(0, warmup);
  const latencies = [];
  const t0 = process.hrtime.bigint();
  const accepted = await run(warmup, total, latencies);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  agent.destroy();
  parentPort.postMessage({ accepted, wall, latencies });
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
`;

interface GeneratorResult { accepted: number; wall: number; latencies: number[]; error?: string }
const cpuBefore = process.cpuUsage();
const result = await new Promise<GeneratorResult>((resolve, reject) => {
  const child = spawn(process.execPath, ['-e', GENERATOR], {
    env: { ...process.env, SILTA_BENCH_LOAD: JSON.stringify({ port, secret: SECRET, concurrency, warmup, total }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  child.once('error', reject);
  child.once('close', (code) => (code === 0 ? resolve(JSON.parse(out) as GeneratorResult) : reject(new Error(`load generator exited with ${code}`))));
});
const cpu = process.cpuUsage(cpuBefore);
if (result.error) throw new Error(`load generator failed: ${result.error}`);
const { accepted, wall } = result;
const latencies = result.latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;

if (processing) {
  // Let the processor catch up before counting, so the check covers processed rows too.
  for (let i = 0; i < 200 && (await store.inboxCounts()).pending > 0; i++) await new Promise((r) => setTimeout(r, 50));
}
const counts = await store.inboxCounts();
const stored = counts.pending + counts.claimed + counts.done + counts.failed;
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
if (stored !== accepted + warmup) {
  console.error(`inbox holds ${stored} rows but ${accepted + warmup} requests were accepted`);
  process.exit(1);
}
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
console.log(JSON.stringify({
  name: 'webhook-ingest', store: 'sqlite', synchronous, processing, requests: total, concurrency, accepted, inbox_rows: stored,
  accepted_per_s: round(accepted / wall, 0), p50_ms: round(pct(50)), p99_ms: round(pct(99)), wall_s: round(wall, 3),
  // Server CPU per request (warm-up included): what one core's capacity is, whatever else the machine runs.
  server_cpu_ms_per_request: round((cpu.user + cpu.system) / 1000 / (total + warmup), 3),
}));
