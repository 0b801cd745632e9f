import type { IncomingMessage } from 'node:http';
import { PartnerApiError } from './errors';

/**
 * Reads the raw body, refusing with 413 as soon as it passes `limit` bytes: before reading anything when
 * `content-length` says so, else while it streams in.
 */
export function readLimitedBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = (): PartnerApiError => new PartnerApiError(413, 'BODY_TOO_LARGE', `the body is larger than the limit of ${limit} bytes`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    function onData(chunk: Buffer): void {
      size += chunk.length;
      if (size > limit) {
        finish(tooLarge());
        return;
      }
      chunks.push(chunk);
    }
    function finish(error?: Error): void {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, size));
    }
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('error', (error) => finish(error));
  });
}
