import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PARTNER_SECRET, pushConversationExample } from '@silta/chat';
import { createPartnerClient, PartnerClientError } from '@silta/partner-client';
import { openStore } from '@silta/sync';

const bin = resolve(__dirname, '../bin.ts');
const tsx = createRequire(import.meta.url).resolve('tsx');

function startServe(db: string, cwd: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--conditions=@silta/source', '--import', tsx, bin, 'serve', '--demo', '--port', '0', '--db', db], {
    cwd, env: { ...process.env, SILTA_PARTNER_SECRET: '' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(err);
      if (match && err.includes('/partner/v1/openapi.json')) resolvePromise({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`silta serve exited with ${code}: ${err}`)));
  });
}

describe('silta serve --demo', () => {
  const dirs: string[] = [];
  afterAll(async () => { for (const d of dirs) await rm(d, { recursive: true, force: true }); });

  it('serves the partner API with the demo partners: yritys-oy is accepted and stored, toinen-oy is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'silta-serve-demo-'));
    dirs.push(dir);
    const db = join(dir, 'serve.db');
    const { child, url } = await startServe(db, dir);
    try {
      const document = await fetch(`${url}/partner/v1/openapi.json`).then((r) => r.json() as Promise<{ openapi: string }>);
      expect(document.openapi).toBe('3.1.0');

      const client = createPartnerClient({ baseUrl: url, partnerId: 'asiakaspalvelu-ab', secret: DEMO_PARTNER_SECRET });
      const answer = await client.pushConversation(pushConversationExample);
      expect(answer.result).toBe('created');

      const refused = await client.pushConversation({ ...pushConversationExample, company: 'toinen-oy' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(PartnerClientError);
      expect((refused as PartnerClientError).status).toBe(403);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    const store = await openStore(db);
    try {
      expect(await store.countRecords({ system: 'chat', entity: 'case' })).toBe(1);
      expect(await store.countRecords({ system: 'chat', entity: 'interaction' })).toBe(pushConversationExample.messages.length);
    } finally {
      await store.close();
    }
  });
});
