import { describe, expect, it } from 'vitest';
import { fitOnSample } from '../batch/fit-sample';
import { createPrepareContext, prepareRecord } from '../prepare';
import { DEFAULT_SETTINGS } from '../settings';
import { generateParties } from '../testing/generator';
import { party } from '../testing/party';
import { ComparisonColumns } from './columns';
import { F } from './compare';
import { defaultModel, scorePair } from './model';

const ctx = createPrepareContext(DEFAULT_SETTINGS, 'k');

describe('fitting on labelled pairs', () => {
  // Households (one surname, address and landline) fill the blocked pairs; EM alone takes them for matches.
  const { records } = generateParties({ records: 6000, seed: 11 });
  const prepared = [...records].map((p) => prepareRecord(p, ctx));
  const model = fitOnSample(prepared, DEFAULT_SETTINGS);

  it('learns that matches agree on birth date, phone and email, measured on identifier-linked pairs', () => {
    expect(model.fitted!.deterministicPairs).toBeGreaterThan(500);
    expect(model.m[F.dob]![1]).toBeGreaterThan(0.8);
    expect(model.m[F.phone]![1]).toBeGreaterThan(0.6);
    expect(model.m[F.email]![1]).toBeGreaterThan(0.6);
  });

  it('fits the same model when the batch hands over its comparison columns', () => {
    const columns = new ComparisonColumns(prepared.length + 10);
    for (const r of prepared) columns.add(r);
    for (const r of prepared.slice(0, 10)) columns.add(r); // records after the sample are not read
    expect(fitOnSample(prepared, DEFAULT_SETTINGS, columns)).toEqual(model);
  });

  it('keeps the starting m where the label itself cannot show disagreement', () => {
    // A shared email only labels a pair whose birth dates do not plainly differ: the labels never show it.
    expect(model.m[F.dob]![4]).toBeCloseTo(defaultModel().m[F.dob]![4]!, 6);
    expect(model.m[F.given]![5]).toBeCloseTo(defaultModel().m[F.given]![5]!, 6);
  });

  it('measures how often different people of one surname and postcode share an address', () => {
    expect(model.household?.[1]?.u).toBeGreaterThan(0.2);
    expect(model.household?.[1]?.m).toBeGreaterThan(0.5);
  });
});

describe('household-aware address weight', () => {
  const prep = (given: string, family: string) =>
    prepareRecord(party({ id: given + family, given, family, street: 'Kotikatu 1', postcode: '00100' }), ctx);
  const model = { ...defaultModel(), household: { 1: { m: 0.9, u: 0.6 } } };

  it('weighs an address once the family name agrees by how often households share one', () => {
    const same = scorePair(model, prep('Matti', 'Virtanen'), prep('Matti', 'Virtanen'));
    expect(same.fieldWeights[F.street]).toBeCloseTo(Math.log2(0.9 / 0.6), 6);
    const other = scorePair(model, prep('Matti', 'Virtanen'), prep('Matti', 'Korhonen'));
    expect(other.fieldWeights[F.street]).toBeCloseTo(Math.log2(model.m[F.street]![1]! / model.u[F.street]![1]!), 6);
  });
});
