import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('never writes an apiKey, authorization header or password', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'debug', destination });
    logger.info({ config: { domain: 'acme', apiKey: 'fd_key_123' } }, 'configured');
    logger.debug({ request: { headers: { authorization: 'Basic c2VjcmV0Olg=' } } }, 'request');
    logger.warn({ password: 'hunter2', user: 'maija' }, 'login');
    logger.child({ connection: 'yritys-oy' }).error({ auth: { token: 'tok_999' }, headers: { cookie: 'sid=1' } }, 'failed');
    const text = lines.join('');
    expect(lines).toHaveLength(4);
    for (const secret of ['fd_key_123', 'c2VjcmV0Olg=', 'hunter2', 'tok_999', 'sid=1']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(text).toContain('maija');
    expect(JSON.parse(lines[0]!).config.domain).toBe('acme');
  });
});
