import { describe, expect, it } from 'vitest';
import { levelsAllowLink } from '../guards';
import { createPrepareContext, prepareRecord } from '../prepare';
import { DEFAULT_SETTINGS } from '../settings';
import { party, type PartyInput } from '../testing/party';
import { compareRecords, FIELDS } from './compare';

const ctx = createPrepareContext(DEFAULT_SETTINGS, 'k');
const prep = (input: PartyInput) => prepareRecord(party(input), ctx);
const level = (a: PartyInput, b: PartyInput, field: string) => {
  const i = FIELDS.findIndex((f) => f.name === field);
  return FIELDS[i]!.levels[compareRecords(prep(a), prep(b))[i]!];
};

describe('comparison levels for noisy records', () => {
  it('takes a dropped, doubled or swapped letter in a short first name for a slip, a changed letter for another name', () => {
    const ari = { id: '1', given: 'Ari', family: 'Jokinen' };
    expect(level(ari, { id: '2', given: 'Ai', family: 'Jokinen' }, 'given_name')).toBe('jw_0.85_shortened_or_slip');
    expect(level(ari, { id: '2', given: 'Air', family: 'Jokinen' }, 'given_name')).toBe('jw_0.85_shortened_or_slip');
    expect(level({ id: '1', given: 'Esa' }, { id: '2', given: 'Eva' }, 'given_name')).toBe('different');
    expect(level(ari, { id: '2', given: 'Ami', family: 'Jokinen' }, 'given_name')).toBe('different');
  });

  it('lets a slip in a first name link on a shared address, where a different first name may not', () => {
    const base = { family: 'Jokinen', street: 'Kirkkokatu 16', postcode: '00230' };
    const slip = compareRecords(prep({ id: '1', given: 'Ari', ...base }), prep({ id: '2', given: 'Ai', ...base }));
    const other = compareRecords(prep({ id: '1', given: 'Ari', ...base }), prep({ id: '2', given: 'Eva', ...base }));
    expect(levelsAllowLink(slip)).toBe(true);
    expect(levelsAllowLink(other)).toBe(false);
  });

  it('reads names written family name first, even with a typo, as a variant of both', () => {
    const a = { id: '1', given: 'Timothy', family: 'McCarthy', birthDate: '1953-06-07' };
    const b = { id: '2', given: 'McCarrhy', family: 'Timothy', birthDate: '1953-06-07' };
    expect(level(a, b, 'given_name')).toBe('nickname_or_variant');
    expect(level(a, b, 'family_name')).toBe('variant_or_jw_0.92');
    expect(level(a, { id: '3', given: 'Laura', family: 'Smith' }, 'given_name')).toBe('different');
  });

  it('grades a street: a flat on one side only agrees, another flat or a street typo is close, another number weaker', () => {
    const a = { id: '1', given: 'Heidi', street: 'Itäinen Pitkäkatu 69', postcode: '65130' };
    expect(level(a, { id: '2', given: 'Heidi', street: 'Itainen Pitkakatu 69 B 13' }, 'street')).toBe('exact_with_number');
    expect(level({ ...a, street: 'Itäinen Pitkäkatu 69 A 4' }, { id: '2', street: 'Itäinen Pitkäkatu 69 B 13' }, 'street')).toBe('same_number_close');
    expect(level(a, { id: '2', street: 'Itäinen Pitkakatu 69' }, 'street')).toBe('exact_with_number');
    expect(level(a, { id: '2', street: 'Itainen Pitkäktau 69' }, 'street')).toBe('same_number_close');
    expect(level(a, { id: '2', street: 'Itäinen Pitkäkatu 71' }, 'street')).toBe('same_street_other_number');
    expect(level(a, { id: '2', street: 'Rantatie 69' }, 'street')).toBe('different');
  });

  it('takes one mistyped digit in a phone number for a slip', () => {
    const a = { id: '1', given: 'Anna', ids: { phone: '040 123 4567' } };
    expect(level(a, { id: '2', given: 'Anna', ids: { phone: '+358401234576' } }, 'phone')).toBe('one_digit_slip');
    expect(level(a, { id: '2', given: 'Anna', ids: { phone: '+358401234567' } }, 'phone')).toBe('exact');
    expect(level(a, { id: '2', given: 'Anna', ids: { phone: '+358409876543' } }, 'phone')).toBe('different');
  });

  it('counts one name-spelled mailbox at another provider neither for nor against', () => {
    const a = { id: '1', given: 'Kari', family: 'Virta', ids: { email: 'kari.virta@gmail.com' } };
    expect(level(a, { id: '2', given: 'Kari', family: 'Virta', ids: { email: 'Kari.Virta+shop@hotmail.com' } }, 'email')).toBe('null');
    expect(level(a, { id: '2', given: 'Kari', family: 'Virta', ids: { email: 'kvirta@hotmail.com' } }, 'email')).toBe('different');
  });

  it('knows Juho as a form of Johannes', () => {
    expect(level({ id: '1', given: 'Juho' }, { id: '2', given: 'Johannes' }, 'given_name')).toBe('nickname_or_variant');
  });
});

describe('blocking keys for noisy records', () => {
  const shared = (a: PartyInput, b: PartyInput) => prep(a).blockingKeys.filter((k) => prep(b).blockingKeys.includes(k));

  it('puts names written in either order in one block', () => {
    const a = { id: '1', given: 'Madeleine', family: 'Paterson', birthDate: '1930-03-02' };
    expect(shared(a, { id: '2', given: 'Paterson', family: 'Madeleine', birthDate: '1930-03-02' }).length).toBeGreaterThan(0);
    expect(shared({ id: '1', given: 'Madeleine', family: 'Paterson' }, { id: '2', given: 'Paterson', family: 'Madeleine' }).length).toBe(1);
  });

  it('puts a birth date and postcode in one block whatever the names say', () => {
    const a = { id: '1', given: 'Kiera', family: 'Green', birthDate: '1947-10-17', postcode: '6208' };
    expect(shared(a, { id: '2', given: 'Zane', family: 'Wilkins', birthDate: '1947-10-17', postcode: '6208' })).toHaveLength(1);
    expect(shared(a, { id: '2', given: 'Zane', family: 'Wilkins', birthDate: '1947-10-17', postcode: '6209' })).toHaveLength(0);
  });
});
