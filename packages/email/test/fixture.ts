import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMessage, type ParsedEmail } from '../src/parse';

/** The folder of hand-written .eml fixtures. */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The raw bytes of a fixture. */
export function fixture(name: string): Buffer {
  return readFileSync(FIXTURES + name);
}

/** A parsed fixture. */
export function parsedFixture(name: string): Promise<ParsedEmail> {
  return parseMessage(fixture(name));
}
