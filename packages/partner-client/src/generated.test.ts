import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, generate } from '../scripts/generate';

describe('the generated client types', () => {
  it('are up to date with the partner API document (run `pnpm --filter @silta/partner-client generate` if not)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'silta-partner-client-'));
    try {
      const fresh = await generate(dir);
      expect(readFileSync(join(PACKAGE_ROOT, 'openapi.json'), 'utf8'), 'openapi.json is stale').toBe(readFileSync(fresh.document, 'utf8'));
      expect(readFileSync(join(PACKAGE_ROOT, 'src/generated/openapi.ts'), 'utf8'), 'src/generated/openapi.ts is stale').toBe(readFileSync(fresh.types, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
