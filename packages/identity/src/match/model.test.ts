import { describe, expect, it } from 'vitest';
import { createPrepareContext, prepareRecord } from '../prepare';
import { DEFAULT_SETTINGS } from '../settings';
import { party } from '../testing/party';
import { compareRecords, FIELDS } from './compare';
import { fitModel } from './fit';
import { defaultModel, scorePair } from './model';

const ctx = createPrepareContext(DEFAULT_SETTINGS, 'k');
const prep = (input: Parameters<typeof party>[0]) => prepareRecord(party(input), ctx);
const level = (a: ReturnType<typeof prep>, b: ReturnType<typeof prep>, field: string) => {
  const i = FIELDS.findIndex((f) => f.name === field);
  return FIELDS[i]!.levels[compareRecords(a, b)[i]!];
};

describe('comparison levels', () => {
  it('grades names: exact, nickname, typo, shortened, different; null when missing', () => {
    const matti = prep({ id: '1', given: 'Matti', family: 'Mäkelä' });
    expect(level(matti, prep({ id: '2', given: 'MATTI', family: 'Makela' }), 'given_name')).toBe('exact');
    expect(level(matti, prep({ id: '2', given: 'Matti', family: 'Makela' }), 'family_name')).toBe('exact');
    expect(level(matti, prep({ id: '2', given: 'Masa' }), 'given_name')).toBe('nickname_or_variant');
    expect(level(matti, prep({ id: '2', given: 'Mattu' }), 'given_name')).toBe('jw_0.92');
    expect(level(prep({ id: '1', given: 'Aleksanteri' }), prep({ id: '2', given: 'Alek' }), 'given_name')).toBe('jw_0.85_shortened_or_slip');
    expect(level(matti, prep({ id: '2', given: 'Liisa' }), 'given_name')).toBe('different');
    expect(level(matti, prep({ id: '2', family: 'Mäkelä' }), 'given_name')).toBe('null');
  });
  it('recognises a transposed day and month and a postcode typo', () => {
    const a = prep({ id: '1', given: 'A', birthDate: '1980-04-07', postcode: '33100' });
    expect(level(a, prep({ id: '2', given: 'A', birthDate: '1980-07-04' }), 'birth_date')).toBe('day_month_transposed');
    expect(level(a, prep({ id: '2', given: 'A', birthDate: '1980-04-08' }), 'birth_date')).toBe('one_part_differs');
    expect(level(a, prep({ id: '2', given: 'A', postcode: '33101' }), 'postcode')).toBe('one_character_differs');
  });
  it('gives a name-spelled email local part no weight of its own but counts a personal one', () => {
    const a = prep({ id: '1', given: 'Kari', family: 'Virta', ids: { email: 'kari.virta@gmail.com' } });
    const b = prep({ id: '2', given: 'Kari', family: 'Virta', ids: { email: 'virta.kari@yahoo.com' } });
    expect(level(a, b, 'email')).toBe('different');
    const c = prep({ id: '3', given: 'Kari', ids: { email: 'kv1966@gmail.com' } });
    const d = prep({ id: '4', given: 'Kari', ids: { email: 'kv1966@elisanet.fi' } });
    expect(level(c, d, 'email')).toBe('local_part_exact');
  });
});

describe('fitting', () => {
  const people = ['Virtanen', 'Korhonen', 'Grönroos', 'Nieminen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen'];
  const records = Array.from({ length: 400 }, (_, i) =>
    prep({
      id: String(i),
      given: ['Matti', 'Anna', 'Juha', 'Liisa', 'Pekka'][i % 5]!,
      family: i % 3 === 0 ? 'Virtanen' : people[i % people.length]!,
      birthDate: `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
      postcode: String(10000 + (i % 50) * 10),
      ids: { email: `person${Math.floor(i / 2)}@example.fi` },
    }));
  const pairs = Array.from({ length: 200 }, (_, k) => ({ a: 2 * k, b: 2 * k + 1, deterministic: true }));

  it('estimates u from random pairs and weighs a common surname less than a rare one', () => {
    const model = fitModel(records, pairs, { seed: 1 });
    expect(model.fitted).toMatchObject({ deterministicPairs: 200, randomPairs: expect.any(Number) });
    expect(model.u[1]![1]!).toBeGreaterThan(0.01); // eight surnames: agreement by chance is common
    const common = scorePair(model, records[0]!, records[3]!);
    const rare = scorePair(model, prep({ id: 'x', family: 'Grönroos' }), prep({ id: 'y', family: 'Grönroos' }));
    const commonFamily = common.fieldWeights[1]!;
    expect(records[0]!.features.f).toBe('virtanen');
    expect(common.levels[1]).toBe(1);
    expect(rare.fieldWeights[1]!).toBeGreaterThan(commonFamily);
  });

  it('puts the prior over all pairs, far below the share among blocked pairs', () => {
    const model = fitModel(records, pairs, { seed: 1 });
    expect(model.lambda).toBeLessThan(model.fitted!.blockedLambda);
    expect(model.lambda).toBeCloseTo(200 / ((400 * 399) / 2), 5);
    expect(defaultModel().fitted).toBeNull();
  });
});
