import { describe, expect, it } from 'vitest';
import { createResolver } from '../create-resolver';
import { generateParties } from './generator';
import { pairwiseScores } from './pairwise';

describe('synthetic end to end', () => {
  it('is reproducible from its seed', () => {
    const a = [...generateParties({ records: 200, seed: 9 }).records].map((r) => JSON.stringify(r));
    const b = [...generateParties({ records: 200, seed: 9 }).records].map((r) => JSON.stringify(r));
    expect(a).toEqual(b);
  });

  it('resolves a noisy synthetic population with high precision, and the probabilistic model adds recall', async () => {
    const run = async (probabilistic: boolean) => {
      const { records, truth } = generateParties({ records: 3000, seed: 11 });
      const list = [...records];
      const resolver = createResolver({ hashKey: 'k', settings: { probabilistic } });
      const result = await resolver.resolveBatch(list);
      return pairwiseScores(result.assignments.map((a, i) => [a.recordKey, a.personId ?? a.recordKey, String(truth[i])] as const));
    };
    const full = await run(true);
    const deterministicOnly = await run(false);
    expect(full.precision).toBeGreaterThan(0.9);
    expect(full.recall).toBeGreaterThan(deterministicOnly.recall + 0.02);
  }, 60_000);
});
