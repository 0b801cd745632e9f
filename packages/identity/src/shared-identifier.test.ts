import { describe, expect, it } from 'vitest';
import { createResolver } from './create-resolver';
import { createMemoryIdentityStore } from './store/memory';
import { party } from './testing/party';
import { asyncOnlyStore } from './testing/async-only-store';

// A family mailbox held by two people that the names keep apart, then records without a first name.
const household = [
  party({ id: '1', given: 'Matti', family: 'Virtanen', birthDate: '1970-05-01', ids: { email: 'virtaset@elisanet.fi' } }),
  party({ id: '2', given: 'Liisa', family: 'Virtanen', birthDate: '1972-03-02', ids: { email: 'virtaset@elisanet.fi' } }),
  party({ system: 'freshdesk', id: '3', ids: { email: 'virtaset@elisanet.fi' } }),
  // A mailbox only one person holds still links a record without a name.
  party({ id: '4', given: 'Anna', family: 'Korhonen', ids: { email: 'anna.korhonen@example.fi' } }),
  party({ system: 'freshdesk', id: '5', ids: { email: 'anna.korhonen@example.fi' } }),
];


describe('a shared mailbox and a record without a name', () => {
  it('does not attribute the record to one of the mailbox holders when added one by one', async () => {
    const r = createResolver({ hashKey: 'k' });
    const results = [];
    for (const p of household) results.push(await r.add(p));
    expect(results[1]!.personId).not.toBe(results[0]!.personId);
    expect(results[2]!.status).toBe('created');
    expect(results[4]).toMatchObject({ status: 'linked', personId: results[3]!.personId });
  });

  it('decides the same on the bulk path and the one-by-one batch path', async () => {
    for (const store of [createMemoryIdentityStore(), asyncOnlyStore()]) {
      const { assignments } = await createResolver({ hashKey: 'k', store }).resolveBatch(household, { fit: false });
      expect(assignments.map((a) => a.status)).toEqual(['created', 'created', 'created', 'created', 'linked']);
    }
  });
});
