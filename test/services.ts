/**
 * Where the suite finds its real services. Tests that need PostgreSQL or Redis call these helpers: on a
 * machine without the service they skip with a message naming the variable; with SILTA_REQUIRE_SERVICES=1
 * (set by .ci/run) a missing service fails instead, so CI always runs them.
 */
import { createConnection } from 'node:net';

export const POSTGRES_URL_VAR = 'SILTA_TEST_POSTGRES_URL';
export const REDIS_URL_VAR = 'SILTA_TEST_REDIS_URL';

export function postgresUrl(): string {
  return process.env[POSTGRES_URL_VAR] ?? 'postgres://postgres@127.0.0.1:5432/test';
}
export function redisUrl(): string {
  return process.env[REDIS_URL_VAR] ?? 'redis://127.0.0.1:6379';
}

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: u.hostname || '127.0.0.1', port: Number(u.port || defaultPort) });
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Resolves to the URL when the service answers; otherwise to undefined with a printed skip reason, or
 * throws when SILTA_REQUIRE_SERVICES=1.
 */
async function requireService(name: string, variable: string, url: string, port: number): Promise<string | undefined> {
  if (await reachable(url, port)) return url;
  const message = `${name} is not reachable at ${url.replace(/\/\/[^@]*@/, '//***@')}; set ${variable} to run these tests`;
  if (process.env.SILTA_REQUIRE_SERVICES === '1') throw new Error(`${message} (SILTA_REQUIRE_SERVICES=1 turns this skip into a failure)`);
  console.warn(`skipping: ${message}`);
  return undefined;
}

export const availablePostgres = () => requireService('PostgreSQL', POSTGRES_URL_VAR, postgresUrl(), 5432);
export const availableRedis = () => requireService('Redis', REDIS_URL_VAR, redisUrl(), 6379);
