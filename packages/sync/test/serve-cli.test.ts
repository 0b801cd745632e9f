import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signHmacSha256 } from '@silta/kit';
import { openSqliteStore } from '../src/store/sqlite';

const root = resolve(import.meta.dirname, '../../..');
// Inside the package (under the git-ignored .silta/), so the config's imports resolve like a user's would.
const dir = resolve(import.meta.dirname, `../.silta/serve-cli-${process.pid}`);
const db = join(dir, 'silta.db');

const CONFIG = `
import { z } from 'zod';
import { defineConnector, verifyHmacSha256 } from '@silta/kit';
import { defineConfig } from '../../src/config/index';

const acme = defineConnector({
  system: 'acme', config: z.object({ secret: z.string() }), createClient: () => ({}), streams: {}, actions: {},
  webhooks: {
    ticket: {
      name: 'ticket',
      verify(req, config) {
        const sig = req.headers['x-signature'];
        verifyHmacSha256(req.rawBody, Array.isArray(sig) ? sig[0] : sig, config.secret);
      },
      parse(body, ctx) {
        const t = (body as { ticket: { id: number; subject: string } }).ticket;
        return [{ entity: 'case', ref: { system: 'acme', connection: ctx.connection, type: 'ticket', id: String(t.id) }, status: 'open',
          priority: 'medium', channel: 'email', subject: t.subject, tags: [], createdAt: '2026-11-01T10:00:00Z',
          updatedAt: '2026-11-01T10:00:00Z', reopenCount: 0 }];
      },
    },
  },
});
export default defineConfig({ store: ${JSON.stringify(db)}, connections: { helpdesk: { connector: acme, config: { secret: 'cli-secret' } } } });
`;

let child: ChildProcessByStdio<null, Readable, Readable>;
let stderr = '';
let url = '';

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'silta.config.ts'), CONFIG);
  child = spawn(process.execPath, ['--conditions=@silta/source', '--import', 'tsx', join(root, 'packages/cli/src/bin.ts'), 'serve', '--config', join(dir, 'silta.config.ts'), '--port', '0'], {
    cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SILTA_LOG_LEVEL: 'warn' },
  });
  child.stdout.resume();
  url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`silta serve did not start: ${stderr}`)), 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const m = /listening on (http:\/\/[\d.:]+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`silta serve exited with ${code}: ${stderr}`)));
  });
});
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  if (readdirSync(dirname(dir)).length === 0) rmSync(dirname(dir), { recursive: true });
});

describe('silta serve (the command)', () => {
  it('prints its routes, accepts a signed webhook, rejects an unsigned one, and exits cleanly on SIGTERM', async () => {
    expect(stderr).toContain(`POST ${url}/webhooks/helpdesk/ticket`);
    const body = JSON.stringify({ ticket: { id: 77, subject: 'Komentoriviltä' } });
    expect((await fetch(`${url}/webhooks/helpdesk/ticket`, { method: 'POST', body })).status).toBe(401);
    const res = await fetch(`${url}/webhooks/helpdesk/ticket`, { method: 'POST', body, headers: { 'x-signature': signHmacSha256('cli-secret', body) } });
    expect(res.status).toBe(202);
    // Processing happens after the answer; /health?detail shows when it is done.
    const until = Date.now() + 10_000;
    let detail: { inbox?: { done?: number } } = {};
    while (detail.inbox?.done !== 1 && Date.now() < until) {
      detail = (await (await fetch(`${url}/health?detail`)).json()) as typeof detail;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(detail).toMatchObject({ status: 'ok', store: 'sqlite', inbox: { done: 1 } });

    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM, finishing current work');

    const store = await openSqliteStore(db);
    try {
      expect(await store.inboxCounts()).toMatchObject({ pending: 0, claimed: 0, done: 1, failed: 0 });
      const record = await store.getRecord({ system: 'acme', connection: 'helpdesk', type: 'ticket', id: '77' });
      expect(record?.record).toMatchObject({ subject: 'Komentoriviltä' });
    } finally {
      await store.close();
    }
  });
});
