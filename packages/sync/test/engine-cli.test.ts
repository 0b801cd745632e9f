import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshdeskSimulator, type FreshdeskSimulator } from '@silta/freshdesk/testing';
import { cliAvailable, REPO_ROOT } from './crash-helpers';

const CLI = resolve(REPO_ROOT, 'packages/cli/src/bin.ts');
const available = cliAvailable();
if (!available) console.warn('skipping the silta sync/records/dlq CLI tests: @silta/sync or @silta/freshdesk does not export the engine or connector yet');

function silta(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--conditions=@silta/source', '--import', 'tsx', CLI, ...args], {
      cwd: REPO_ROOT, env: { ...process.env, SILTA_LOG_FORMAT: 'json', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

describe.skipIf(!available)('silta sync / records / dlq', () => {
  let sim: FreshdeskSimulator;
  let dir: string;
  let db: string;
  beforeAll(async () => {
    sim = createFreshdeskSimulator({ tickets: 250, seed: 9, apiKey: 'cli-secret-key' });
    await sim.start();
    dir = mkdtempSync(join(tmpdir(), 'silta-cli-'));
    db = join(dir, 'nested', 'silta.db');
  });
  afterAll(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('syncs Freshdesk once with the key from the environment, logs JSON lines without the key, and counts', async () => {
    const run = await silta(['sync', 'freshdesk', '--base-url', sim.url, '--once', '--stream', 'tickets', '--db', db, '--connection', 'helpdesk'], { FRESHDESK_API_KEY: 'cli-secret-key' });
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.msg === 'run finished')).toMatchObject({ stream: 'tickets', status: 'succeeded' });
    expect(run.stdout + run.stderr).not.toContain('cli-secret-key');

    const listable = sim.state.sortedTickets('updated_at', 'asc').length;
    const count = await silta(['records', 'count', '--system', 'freshdesk', '--entity', 'case', '--db', db]);
    expect(count.stdout.trim()).toBe(String(listable));
  });

  it('refuses to run without an API key and says where to put it', async () => {
    const run = await silta(['sync', 'freshdesk', '--base-url', sim.url, '--once', '--db', db], { FRESHDESK_API_KEY: '' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/needs --api-key or the FRESHDESK_API_KEY variable/);
  });

  it('lists, and discards, dead letters', async () => {
    const list = await silta(['dlq', 'list', '--json', '--db', db]);
    expect(JSON.parse(list.stdout)).toEqual([]);
    const discard = await silta(['dlq', 'discard', '--db', db]);
    expect(discard.code).toBe(2);
    expect(discard.stderr).toMatch(/give the id of an entry .* or --all/);
  });
});
