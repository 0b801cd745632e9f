import type { IncomingMessage } from 'node:http';
import { BodyTooLargeError, readBody } from '@silta/sync';
import { PartnerApiError } from './errors';

/**
 * Reads the raw body with `silta serve`'s own reader, turning its size refusal into the partner API's
 * 413 answer: before reading anything when `content-length` says so, else while it streams in.
 */
export async function readLimitedBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new PartnerApiError(413, 'BODY_TOO_LARGE', `the body is larger than the limit of ${limit} bytes`);
    }
    throw error;
  }
}
