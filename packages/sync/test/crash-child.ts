// The process the crash test kills: syncs one Freshdesk stream into a store and prints the run summary as
// JSON; with `--rules`, then routes the changes (a private note on every open "reklamaatio" ticket) and
// delivers the notes through the outbox.
// Usage: node --conditions=@silta/source --import tsx crash-child.ts <db> <base-url> [stream] [--rules]
// (API key from FRESHDESK_API_KEY). The CLI needs a config file for rules; this script carries its own,
// with a short outbox lease (CRASH_LEASE_MS) so jobs a killed process held are retried within the test.
import { createSyncEngine } from '../src/engine/sync-engine';
import { routeAndDeliver } from '../src/engine/route-and-deliver';
import { openStore } from '../src/store';
import { freshdesk } from '@silta/freshdesk';
import { crashRules } from './crash-rules';

const args = process.argv.slice(2).filter((a) => a !== '--rules');
const withRules = process.argv.includes('--rules');
const [db, baseUrl, stream = 'tickets'] = args;
if (!db || !baseUrl) throw new Error('usage: crash-child.ts <db> <base-url> [stream] [--rules]');
const connections = { helpdesk: freshdesk({ domain: 'simulator', baseUrl, apiKey: process.env.FRESHDESK_API_KEY ?? '' }) };
const store = await openStore(db);
const engine = createSyncEngine({ store, connections });
const summaries = await engine.runOnce({ select: [stream] });
const routed = withRules ? await routeAndDeliver({ store, rules: crashRules, connections, leaseMs: Number(process.env.CRASH_LEASE_MS ?? 60_000) }) : undefined;
process.stdout.write(`${JSON.stringify({ runs: summaries.map(({ cause: _cause, ...s }) => s), routed })}\n`);
await store.close();
process.exitCode = summaries.every((s) => s.status === 'succeeded') && (routed?.delivery.deadLettered ?? 0) === 0 ? 0 : 1;
