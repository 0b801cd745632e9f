import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (packages/freshdesk/test ⇒ three levels up). */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * `<repo root>/../shared/fixtures/freshdesk`, the vendor payloads the project keeps outside the repo.
 * `SILTA_SHARED_DIR` points elsewhere (a checkout of the shared folder, or a missing path to test the skip).
 */
export const FRESHDESK_FIXTURES = path.resolve(process.env.SILTA_SHARED_DIR ?? path.resolve(REPO_ROOT, '../shared'), 'fixtures/freshdesk');

/** True when the shared fixtures folder is present; tests skip with a message when it is not. */
export const HAVE_FIXTURES = existsSync(FRESHDESK_FIXTURES);

/** Why fixture-based tests were skipped. */
export const SKIP_MESSAGE = `skipped: ${FRESHDESK_FIXTURES} is absent (the shared Freshdesk fixtures are not in the repository)`;

/** Reads one fixture as text, e.g. `fixtureText('python-freshdesk', 'ticket_1.json')`. */
export function fixtureText(folder: string, file: string): string {
  return readFileSync(path.join(FRESHDESK_FIXTURES, folder, file), 'utf8');
}

/** Lists a fixture folder's JSON files. */
export function fixtureFiles(folder: string): string[] {
  return readdirSync(path.join(FRESHDESK_FIXTURES, folder)).filter((f) => f.endsWith('.json')).sort();
}
