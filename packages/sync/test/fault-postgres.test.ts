import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { availablePostgres } from '../../../test/services';
import { REPO_ROOT } from './crash-helpers';

// The scenario runs in a child process that reports as JSON: its store connections carry their own
// application name (so only they are terminated, never another test's), and a pg failure that ends the
// process cannot take the test runner with it.
const url = await availablePostgres();

function runChild(mode: 'idle' | 'in-transaction'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--conditions=@silta/source', '--import', 'tsx', resolve(REPO_ROOT, 'packages/sync/test/fault-pg-child.ts'), url!, mode], {
      cwd: REPO_ROOT, env: { ...process.env, PGAPPNAME: `silta-fault-${process.pid}-${mode}` }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

// `in-transaction` terminates connections while the store holds them checked out for a transaction: the
// store must turn pg's 'error' event on the checked-out client into a failed (retried) batch, not a crash.
const modes = ['idle', 'in-transaction'] as const;

describe.skipIf(!url)('a PostgreSQL connection dropped mid-run', () => {
  it.each(modes)('(%s) retries or fails cleanly, and a rerun resumes with every record stored once', async (mode) => {
    const out = await runChild(mode);
    expect(out.code, out.stderr).toBe(0);
    const result = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as {
      terminated: number; retries: number; first: { status: string; error: string | null; created: number };
      second: { status: string; created: number }; count: number; createdEvents: number; duplicateEvents: number; checkpoint: unknown;
    };
    expect(result.terminated).toBeGreaterThan(0);
    expect(['succeeded', 'failed']).toContain(result.first.status);
    if (result.first.status === 'failed') expect(result.first.error).toMatch(/terminat|connection/i);
    expect(result.second.status).toBe('succeeded');
    expect(result.first.created + result.second.created).toBe(2000);
    expect(result.count).toBe(2000);
    expect(result.createdEvents).toBe(2000);
    expect(result.duplicateEvents).toBe(0);
    expect(result.checkpoint).toEqual({ after: 2000 });
  }, 120_000);
});
