import { describe, expect, it } from 'vitest';
import { createResolver } from './create-resolver';
import { IdentityError } from './errors';
import { createMemoryIdentityStore } from './store/memory';
import { party } from './testing/party';

const hashKey = 'test-hash-key';

describe('deterministic identifier graph', () => {
  it('links records that share an email and keeps one person id', async () => {
    const r = createResolver({ hashKey });
    const a = await r.add(party({ id: '1', given: 'Matti', family: 'Virtanen', ids: { email: 'Matti.Virtanen@example.fi' } }));
    const b = await r.add(party({ system: 'shop', id: '9', full: 'Matti Virtanen', ids: { email: 'matti.virtanen@EXAMPLE.fi ' } }));
    expect(a.status).toBe('created');
    expect(b).toMatchObject({ status: 'linked', personId: a.personId });
  });

  it('links records added concurrently that share an email into one person', async () => {
    const r = createResolver({ hashKey });
    // Without serialised placement each of these reads the graph before the others write and all three
    // become separate people.
    await Promise.all([
      r.add(party({ id: '1', ids: { email: 'anssi@example.fi' } })),
      r.add(party({ system: 'shop', id: '2', full: 'Anssi Mäkelä', ids: { email: 'anssi@example.fi' } })),
      r.add(party({ system: 'chat', id: '3', full: 'Anssi', ids: { email: 'ANSSI@example.fi' } })),
    ]);
    const persons = await Promise.all(['crm:main:contact:1', 'shop:main:contact:2', 'chat:main:contact:3'].map((k) => r.personOf(k)));
    expect(persons.every((p) => p !== undefined)).toBe(true);
    expect(new Set(persons).size).toBe(1);
  });

  it('never merges two people because of a shared family phone', async () => {
    const r = createResolver({ hashKey });
    const matti = await r.add(party({ id: '1', given: 'Matti', family: 'Virtanen', street: 'Kotikatu 1', postcode: '00100', ids: { phone: '09 123 4567' } }));
    const liisa = await r.add(party({ id: '2', given: 'Liisa', family: 'Virtanen', street: 'Kotikatu 1', postcode: '00100', ids: { phone: '+358 9 1234567' } }));
    expect(liisa.personId).not.toBe(matti.personId);
    // The same phone still links Matti's own records.
    const matti2 = await r.add(party({ system: 'billing', id: '7', given: 'Matti', family: 'Virtanen', ids: { phone: '091234567' } }));
    expect(matti2.personId).toBe(matti.personId);
  });

  it('never links through a shared info@ mailbox or a placeholder value, and says why', async () => {
    const r = createResolver({ hashKey });
    const a = await r.add(party({ id: '1', given: 'Anna', family: 'Korhonen', ids: { email: 'info@yritys.fi', phone: '0000' } }));
    const b = await r.add(party({ id: '2', given: 'Anna', family: 'Korhonen-Laine', ids: { email: 'info@yritys.fi' } }));
    expect(b.personId).not.toBe(a.personId);
    expect(a.rejected.map((x) => x.reason)).toEqual(expect.arrayContaining(['is a shared inbox (info@…)']));
    expect(a.rejected.some((x) => x.field.includes('phone'))).toBe(true);
  });

  it('honours configured shared inboxes', async () => {
    const r = createResolver({ hashKey, settings: { blocked: { sharedInboxes: ['huolto'] } } });
    const a = await r.add(party({ id: '1', given: 'Anna', family: 'Korhonen', ids: { email: 'huolto@taloyhtio.fi' } }));
    expect(a.rejected).toEqual([{ field: 'identifiers[0] (email)', reason: 'is a shared inbox (huolto@…)' }]);
  });

  it('does not merge two people holding different national ids', async () => {
    const r = createResolver({ hashKey });
    const a = await r.add(party({ id: '1', given: 'Anna', family: 'Korhonen', ids: { national_id: '131052-308T', email: 'anna@example.fi' } }));
    const b = await r.add(party({ id: '2', given: 'Anna', family: 'Korhonen', ids: { national_id: '010594Y9032', email: 'anna@example.fi' } }));
    expect(b.personId).not.toBe(a.personId);
  });

  it('drops a lower-priority identifier instead of breaking a per-person limit', async () => {
    const r = createResolver({ hashKey, settings: { kinds: { email: { link: 'guarded', maxPerPerson: 1, priority: 4 } } } });
    const a = await r.add(party({ id: '1', given: 'Pekka', family: 'Laine', ids: { email: 'pekka@a.fi', phone: '040 111 2222' } }));
    const b = await r.add(party({ id: '2', given: 'Pekka', family: 'Laine', ids: { email: 'pekka@b.fi', phone: '040 111 2222' } }));
    // Linking by phone (priority 6) would give one person two emails (limit 1, priority 4): not linked.
    expect(b.personId).not.toBe(a.personId);
  });

  it('keeps the older person id when a record bridges two persons, and emits a merge event', async () => {
    const r = createResolver({ hashKey });
    const older = await r.add(party({ id: '1', given: 'Juha', family: 'Nieminen', ids: { email: 'juha@example.fi' } }));
    const younger = await r.add(party({ id: '2', given: 'Juha', family: 'Nieminen', ids: { phone: '040 765 4321' } }));
    expect(younger.personId).not.toBe(older.personId);
    const bridge = await r.add(party({ id: '3', given: 'Juha', family: 'Nieminen', ids: { email: 'juha@example.fi', phone: '0407654321' } }));
    expect(bridge).toMatchObject({ status: 'merged', personId: older.personId, mergedIds: [younger.personId] });
    expect(await r.personOf('crm:main:contact:2')).toBe(older.personId);
    const events = await r.events();
    expect(events.filter((e) => e.type === 'person.merged')).toEqual([
      expect.objectContaining({ survivorId: older.personId, mergedIds: [younger.personId] }),
    ]);
  });

  it('does not let a nameless record merge two people it shares a mailbox and a landline with', async () => {
    // The household's mailbox is Liisa's; the landline is Niko's. A helpdesk contact holding both, with no name,
    // joins Liisa (her value comes first) but cannot vouch that Liisa and Niko are one person, in either path.
    const household = [
      party({ id: '1', given: 'Liisa', family: 'Oksanen', birthDate: '1961-04-02', ids: { email: 'oksaset.koti@luukku.com' } }),
      party({ id: '2', given: 'Niko', family: 'Lainne', ids: { phone: '045 730 3309' } }),
      party({ system: 'freshdesk', id: '3', ids: { email: 'oksaset.koti@luukku.com', phone: '0457303309' } }),
    ];
    const r = createResolver({ hashKey });
    const placed = [];
    for (const record of household) placed.push(await r.add(record));
    expect(placed[2]).toMatchObject({ status: 'linked', personId: placed[0]!.personId, mergedIds: [] });
    expect(await r.personOf('crm:main:contact:2')).toBe(placed[1]!.personId);

    const batch = createResolver({ hashKey });
    await batch.resolveBatch(household);
    const persons = await Promise.all(['crm:main:contact:1', 'crm:main:contact:2', 'freshdesk:main:contact:3'].map((k) => batch.personOf(k)));
    expect(persons[2]).toBe(persons[0]);
    expect(persons[1]).not.toBe(persons[0]);
  });

  it('does not let a record without a birth date merge two namesakes born years apart', async () => {
    const r = createResolver({ hashKey });
    const mother = await r.add(party({ id: '1', given: 'Anna', family: 'Korhonen', birthDate: '1961-04-02', ids: { email: 'anna.korhonen@luukku.com' } }));
    const daughter = await r.add(party({ id: '2', given: 'Anna', family: 'Korhonen', birthDate: '1988-11-30', ids: { phone: '040 555 1234' } }));
    const bridge = await r.add(party({ system: 'webshop', id: '3', given: 'Anna', family: 'Korhonen', ids: { email: 'anna.korhonen@luukku.com', phone: '0405551234' } }));
    expect(bridge).toMatchObject({ personId: mother.personId, mergedIds: [] });
    expect(await r.personOf('crm:main:contact:2')).toBe(daughter.personId);
  });

  it('still merges two persons through a nameless record when their names agree', async () => {
    const r = createResolver({ hashKey });
    const a = await r.add(party({ id: '1', given: 'Juha', family: 'Nieminen', ids: { email: 'juha@example.fi' } }));
    const b = await r.add(party({ id: '2', given: 'Juha', family: 'Nieminen', ids: { phone: '040 765 4321' } }));
    const bridge = await r.add(party({ system: 'freshdesk', id: '3', ids: { email: 'juha@example.fi', phone: '0407654321' } }));
    expect(bridge).toMatchObject({ status: 'merged', personId: a.personId, mergedIds: [b.personId] });
  });

  it('never-link splits a person and force-link joins two, kept as rules', async () => {
    const r = createResolver({ hashKey });
    const a = await r.add(party({ id: '1', given: 'Sari', family: 'Lahtinen', ids: { email: 'sari@example.fi' } }));
    await r.add(party({ id: '2', given: 'Sari', family: 'Lahtinen', ids: { email: 'sari@example.fi' } }));
    const ids = await r.neverLink('crm:main:contact:1', 'crm:main:contact:2');
    const p1 = await r.personOf('crm:main:contact:1');
    const p2 = await r.personOf('crm:main:contact:2');
    expect(p1).toBe(a.personId);
    expect(p2).not.toBe(p1);
    expect(ids).toContain(p2);
    expect((await r.events()).some((e) => e.type === 'person.split')).toBe(true);
    // A replay of the same record does not undo the rule.
    await r.add(party({ id: '2', given: 'Sari', family: 'Lahtinen', ids: { email: 'sari@example.fi', phone: '040 999 8888' } }));
    expect(await r.personOf('crm:main:contact:2')).not.toBe(p1);

    const c = await r.add(party({ id: '3', given: 'Tuomas', family: 'Ek' }));
    await r.forceLink('crm:main:contact:1', 'crm:main:contact:3');
    expect(await r.personOf('crm:main:contact:3')).toBe(p1);
    expect(c.personId).not.toBe(p1);
  });
});

describe('incremental updates', () => {
  it('returns the same person for an unchanged replay and moves a record whose evidence changed', async () => {
    const r = createResolver({ hashKey });
    const a = await r.add(party({ id: '1', given: 'Olli', family: 'Ranta', ids: { email: 'olli@ranta.fi' } }));
    const b = await r.add(party({ system: 'shop', id: '2', given: 'Olli', family: 'Ranta', ids: { email: 'olli@ranta.fi' } }));
    expect(b.personId).toBe(a.personId);
    expect(await r.add(party({ system: 'shop', id: '2', given: 'Olli', family: 'Ranta', ids: { email: 'olli@ranta.fi' } })))
      .toMatchObject({ status: 'unchanged', personId: a.personId });
    // The shop account now belongs to someone else entirely.
    const moved = await r.add(party({ system: 'shop', id: '2', given: 'Sanna', family: 'Kivi', ids: { email: 'sanna@kivi.fi' } }));
    expect(moved.personId).not.toBe(a.personId);
    expect(await r.personOf('crm:main:contact:1')).toBe(a.personId);
  });
});

describe('review candidates', () => {
  it('lists pairs between the review and link thresholds instead of dropping them', async () => {
    const r = createResolver({ hashKey, settings: { linkThreshold: 0.999999, reviewThreshold: 0.01 } });
    await r.add(party({ id: '1', given: 'Reijo', family: 'Salminen', postcode: '00100' }));
    const b = await r.add(party({ system: 'chat', id: '2', given: 'Reijo', family: 'Salminen', postcode: '00100' }));
    expect(b.status).toBe('created');
    expect(b.reviews).toEqual([expect.objectContaining({ a: 'chat:main:contact:2', b: 'crm:main:contact:1' })]);
    expect(await r.reviewCandidates()).toHaveLength(1);
  });
});

describe('erase', () => {
  it('removes the person, lists the source records and keeps tombstones that stop a replay', async () => {
    const store = createMemoryIdentityStore();
    const r = createResolver({ hashKey, store });
    const a = await r.add(party({ id: '1', given: 'Eero', family: 'Salo', ids: { email: 'eero@example.fi', national_id: '131052-308T' } }));
    await r.add(party({ system: 'shop', id: '5', given: 'Eero', family: 'Salo', ids: { email: 'eero@example.fi' } }));
    const erased = await r.erase(a.personId!);
    expect(erased.sourceRecords.map((s) => `${s.system}:${s.id}`).sort()).toEqual(['crm:1', 'shop:5']);
    expect(await r.personOf('crm:main:contact:1')).toBeUndefined();
    const replay = await r.add(party({ id: '1', given: 'Eero', family: 'Salo', ids: { email: 'eero@example.fi' } }));
    expect(replay).toMatchObject({ status: 'suppressed', personId: undefined });
    const viaOtherSystem = await r.add(party({ system: 'chat', id: 'v1', full: 'E Salo', ids: { email: 'eero@example.fi' } }));
    expect(viaOtherSystem.status).toBe('suppressed');
    expect(await store.getRecord('chat:main:contact:v1')).toBeUndefined();
    await expect(r.explain(a.personId!)).rejects.toMatchObject({ code: 'identity/unknown-person' });
  });

  it('refuses national ids without a hash key instead of storing them in clear', async () => {
    const r = createResolver();
    await expect(r.add(party({ id: '1', given: 'A', ids: { national_id: '131052-308T' } }))).rejects.toBeInstanceOf(IdentityError);
  });
});

describe('explain', () => {
  it('shows how each record joined and the field weights between two records', async () => {
    const r = createResolver({ hashKey });
    const a = await r.add(party({ id: '1', given: 'Katariina', family: 'Mäkelä', birthDate: '1985-04-07', street: 'Rantatie 5', postcode: '33100', ids: { email: 'kati@example.fi' } }));
    await r.add(party({ system: 'billing', id: '2', given: 'Kati', family: 'Makela', birthDate: '1985-07-04', street: 'Rantatie 5', postcode: '33100' }));
    await r.add(party({ system: 'shop', id: '3', given: 'Katariina', family: 'Mäkelä', ids: { email: 'kati@example.fi' } }));
    const person = await r.explain(a.personId!);
    expect(person.records.map((x) => x.joined.via).sort()).toEqual(['identifier', 'new', 'probabilistic']);
    const link = await r.explainLink('crm:main:contact:1', 'billing:main:contact:2');
    expect(link.samePerson).toBe(true);
    expect(link.decision).toBe('link');
    expect(link.fields.find((f) => f.field === 'given_name')).toMatchObject({ level: 'nickname_or_variant' });
    expect(link.fields.find((f) => f.field === 'birth_date')?.level).toBe('day_month_transposed');
    expect(link.fields.find((f) => f.field === 'email')).toMatchObject({ level: 'null', weight: 0 });
    expect(link.path).toEqual(['crm:main:contact:1', 'billing:main:contact:2']);
    const path = await r.explainLink('billing:main:contact:2', 'shop:main:contact:3');
    expect(path.path.length).toBe(3);
  });
});
