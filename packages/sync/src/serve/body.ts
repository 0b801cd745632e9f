import type { IncomingMessage } from 'node:http';

/**
 * The body was larger than the limit; the server answers 413 with this message.
 *
 * @example
 * catch (e) { if (e instanceof BodyTooLargeError) console.log(e.limit); }
 */
export class BodyTooLargeError extends Error {
  readonly code = 'WEBHOOK_BODY_TOO_LARGE';
  constructor(readonly limit: number) {
    super(`request body is larger than the limit of ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * Reads a request body into one Buffer, rejecting with {@link BodyTooLargeError} as soon as it passes
 * `limit` bytes (from `content-length` before reading anything, or while streaming a chunked body).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    function onData(chunk: Buffer): void {
      size += chunk.length;
      if (size > limit) {
        finish(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    }
    function finish(error?: Error): void {
      if (done) return;
      done = true;
      req.off('data', onData);
      if (error) reject(error);
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    }
    req.on('data', onData);
    req.once('end', () => finish());
    req.once('error', (error) => finish(error));
    req.once('aborted', () => finish(new Error('client aborted the request')));
  });
}
