import { parseJsonLossless } from '../json';

/** How a response body was read. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false; text: string; error: Error };

/**
 * Parses a response body: JSON (lossless, big integers as strings) when the content type says so or the
 * text looks like JSON; other text as-is; an empty body as `undefined`.
 *
 * @example
 * parseResponseBody('{"id":1}', 'application/json'); // { ok: true, value: { id: 1 } }
 */
export function parseResponseBody(text: string, contentType: string | undefined): ParsedBody {
  if (text === '') return { ok: true, value: undefined };
  const looksJson = /[/+]json\b/i.test(contentType ?? '') || (!contentType && /^\s*[[{"]/.test(text));
  if (!looksJson) return { ok: true, value: text };
  try {
    return { ok: true, value: parseJsonLossless(text) };
  } catch (error) {
    return { ok: false, text, error: error as Error };
  }
}
