import { describe, expect, it } from 'vitest';
import type { PartyRecord } from '@silta/model';
import { createResolver } from '../create-resolver';
import { IdentityError } from '../errors';
import { generateParties } from '../testing/generator';
import { partition } from '../testing/pairwise';
import { party } from '../testing/party';

/**
 * Yields the first chunk, then pauses long enough for the helper thread to start (it loads tsx from the sources),
 * and again after each later chunk, so a slow start on a busy machine still leaves it chunks to prepare.
 */
async function* slowStart(list: readonly PartyRecord[]): AsyncGenerator<PartyRecord> {
  for (let i = 0; i < list.length; i++) {
    if (i >= 1100 && i % 1024 === 1100 % 1024) await new Promise((resolve) => setTimeout(resolve, i === 1100 ? 3000 : 600));
    yield list[i]!;
  }
}

describe('the helper thread of the bulk path', () => {
  it('prepares part of a batch and finds candidates for part of it, with the same persons, rejections and reviews as one thread', async () => {
    const { records } = generateParties({ records: 9000, seed: 21 });
    const list = [...records];
    const alone = await createResolver({ hashKey: 'k' }).resolveBatch(list, { helperThread: false, fitSample: 3000 });
    const helped = await createResolver({ hashKey: 'k' }).resolveBatch(slowStart(list), { helperFrom: 0, fitSample: 3000 });
    expect(alone.preparedByHelper).toBe(0);
    expect(helped.preparedByHelper).toBeGreaterThan(1000);
    expect(alone.candidatesByHelper).toBe(0);
    // The helper is handed the candidate lists before the fit, so it has taken some before placing starts.
    expect(helped.candidatesByHelper).toBeGreaterThan(0);
    expect(partition(helped.assignments)).toEqual(partition(alone.assignments));
    expect(helped.assignments.map((a) => a.status)).toEqual(alone.assignments.map((a) => a.status));
    expect(helped.rejected).toEqual(alone.rejected);
    expect(helped.reviewCount).toBe(alone.reviewCount);
  }, 30_000);

  it('reports an error met on the helper thread as the calling thread would', async () => {
    const { records } = generateParties({ records: 3000, seed: 22 });
    // Only the last record has a national id, so the error arises in a chunk handed to the helper.
    const list = [...records].filter((p) => !p.identifiers.some((id) => id.kind === 'national_id'));
    list.push(party({ id: 'hetu', given: 'Matti', family: 'Virtanen', ids: { national_id: '131052-308T' } }));
    const batch = createResolver().resolveBatch(slowStart(list), { helperFrom: 0 });
    await expect(batch).rejects.toThrow(IdentityError);
    await expect(batch).rejects.toMatchObject({ code: 'identity/missing-hash-key' });
  }, 30_000);
});
