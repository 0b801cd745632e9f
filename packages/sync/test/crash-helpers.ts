// Shared by the crash and fault tests: spawning a sync as a real child process and reading the result.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = resolve(REPO_ROOT, 'packages/cli/src/bin.ts');
const CHILD = resolve(REPO_ROOT, 'packages/sync/test/crash-child.ts');

/**
 * True when `silta sync freshdesk` can run: @silta/sync's index exports the engine and @silta/freshdesk's
 * its connector. Otherwise the crash test drives the engine through the child script and the CLI tests
 * skip. `SILTA_TEST_CLI=1` forces the CLI.
 */
export function cliAvailable(): boolean {
  if (process.env.SILTA_TEST_CLI === '1') return true;
  const sync = readFileSync(resolve(REPO_ROOT, 'packages/sync/src/index.ts'), 'utf8');
  const freshdesk = readFileSync(resolve(REPO_ROOT, 'packages/freshdesk/src/index.ts'), 'utf8');
  return /createSyncEngine|from '\.\/engine\/index'/.test(sync) && /\bfreshdesk\b[^;]*from '\.\/connector'/.test(freshdesk);
}

export interface SyncChild {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts `silta sync freshdesk --once` (or the child script) against `baseUrl`, writing to `db`. */
export function spawnSync(options: { db: string; baseUrl: string; apiKey: string; stream?: string; rules?: boolean; env?: Record<string, string> }): SyncChild {
  const stream = options.stream ?? 'tickets';
  // Rules need a config file for the CLI; the child script carries them itself.
  const args = cliAvailable() && !options.rules
    ? [CLI, 'sync', 'freshdesk', '--base-url', options.baseUrl, '--once', '--db', options.db, '--stream', stream, '--connection', 'helpdesk']
    : [CHILD, options.db, options.baseUrl, stream, ...(options.rules ? ['--rules'] : [])];
  const child = spawn(process.execPath, ['--conditions=@silta/source', '--import', 'tsx', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, FRESHDESK_API_KEY: options.apiKey, SILTA_LOG_FORMAT: 'json', SILTA_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => { stderr += c.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((res) => {
    child.once('exit', (code, signal) => res({ code, signal, stdout, stderr }));
  });
  return { child, exited };
}

/** A small seeded generator, so a failing crash schedule can be replayed from the printed seed. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0; s ^= s >> 17; s ^= s << 5; s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

export function wait(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
