import { describe, expect, it } from 'vitest';
import { createResolver } from './create-resolver';
import { F, FIELDS } from './match/compare';
import { defaultModel } from './match/model';
import { createMemoryIdentityStore } from './store/memory';
import { party } from './testing/party';

describe('a model saved before the comparison levels changed', () => {
  it('is set aside for the default model instead of weighing levels it has no numbers for', async () => {
    const store = createMemoryIdentityStore();
    const old = defaultModel();
    old.m[F.street] = [1, 0.75, 0.15, 0.1];
    old.u[F.street] = [1, 0.00001, 0.001, 0.99899];
    await store.putMeta('identity.model', JSON.stringify(old));
    const r = createResolver({ hashKey: 'k', store });
    expect((await r.model()).m[F.street]).toHaveLength(FIELDS[F.street]!.levels.length);
    const a = await r.add(party({ id: '1', given: 'Anna', family: 'Korhonen', birthDate: '1980-01-02', street: 'Kotikatu 1 B 4', postcode: '00100' }));
    const b = await r.add(party({ id: '2', given: 'Anna', family: 'Korhonen', birthDate: '1980-01-02', street: 'Kotikatu 1', postcode: '00100' }));
    expect(b).toMatchObject({ status: 'linked', personId: a.personId });
  });
});
