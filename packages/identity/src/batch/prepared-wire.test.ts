import { describe, expect, it } from 'vitest';
import { createPrepareContext, prepareRecord, type PreparedRecord } from '../prepare';
import { resolveSettings } from '../settings';
import { generateParties } from '../testing/generator';
import { party } from '../testing/party';
import { WireReader, WireWriter } from './prepared-wire';

const settings = resolveSettings({});

/** Prepared records covering every field the format carries: labels, rejections, all given names, local parts. */
function sample(): PreparedRecord[] {
  const ctx = createPrepareContext(settings, 'k', new Date('2026-11-01T00:00:00Z'));
  const parties = [
    ...generateParties({ records: 3000, seed: 8 }).records,
    party({ id: 'x1', given: 'Päivi Anna', family: 'Mäki-Kangas', birthDate: '1961-04-02', street: 'Kotikatu 1 B 4', postcode: '00100', city: 'Helsinki',
      ids: { email: 'pm1961+shop@gmail.com', phone: '040 123 4567', national_id: '131052-308T' } }),
    party({ id: 'x2', full: 'Jussi', ids: { email: 'info@yritys.fi', phone: '0000' }, birthDate: 'not a date' }),
    party({ id: 'x3', ids: {} }),
  ];
  return parties.map((p) => prepareRecord(p, ctx));
}

/** The records as JSON: equal texts mean equal values with the same keys in the same order. */
const json = (records: readonly PreparedRecord[]) => records.map((r) => JSON.stringify(r));

describe('prepared records over the wire', () => {
  it('decodes chunk after chunk to records equal to the ones encoded, keys in the same order', () => {
    const records = sample();
    expect(records.some((r) => r.rejected.length > 0)).toBe(true);
    expect(records.some((r) => r.features.ga !== undefined && r.features.el !== undefined && r.identifiers.some((id) => id.label !== undefined))).toBe(true);
    const writer = new WireWriter();
    const groups = createPrepareContext(settings, 'k').nicknames;
    const reader = new WireReader((text) => text, (given) => groups.get(given));
    const decoded: PreparedRecord[] = [];
    let shared = 0;
    for (let from = 0; from < records.length; from += 500) {
      const chunk = writer.encode(records.slice(from, from + 500))!;
      // Later chunks send only the shared texts not seen before: names and places repeat.
      if (from > 0) shared += chunk.added.length;
      decoded.push(...reader.decode(chunk));
    }
    expect(json(decoded)).toEqual(json(records));
    expect(shared).toBeLessThan(records.length);
    // Nickname groups are the reading thread's own arrays, not copies.
    const withGroups = decoded.find((r) => r.features.gn !== undefined)!;
    expect(withGroups.features.gn).toBe(groups.get(withGroups.features.g!));
  });

  it('declines a chunk holding a record with more than the format carries, so it goes as objects', () => {
    const [first, second] = sample();
    const extraRef = { ...second!, ref: { ...second!.ref, note: 'kept' } } as PreparedRecord;
    expect(new WireWriter().encode([first!, extraRef])).toBeUndefined();
    const extraFeature = { ...second!, features: { ...second!.features, custom: 1 } } as PreparedRecord;
    expect(new WireWriter().encode([extraFeature])).toBeUndefined();
    expect(new WireWriter().encode([first!, second!])).toBeDefined();
  });
});
