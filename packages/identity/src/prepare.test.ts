import { describe, expect, it } from 'vitest';
import { normaliseAddress } from './normalise/address';
import { normaliseName } from './normalise/name';
import { createPrepareContext } from './prepare';
import { DEFAULT_SETTINGS } from './settings';

describe('prepare context', () => {
  it('normalises a repeated name or address once and gives the same result as the normaliser', () => {
    const ctx = createPrepareContext(DEFAULT_SETTINGS, undefined);
    const first = ctx.name({ given: 'Matti Juhani', family: 'Virtanen' });
    expect(ctx.name({ given: 'Matti Juhani', family: 'Virtanen' })).toBe(first);
    expect(first).toEqual(normaliseName({ given: 'Matti Juhani', family: 'Virtanen' }));
    const home = ctx.address({ street: 'Hämeenkatu 12 B 4', postcode: '33100', city: 'TAMPERE' });
    expect(ctx.address({ street: 'Hämeenkatu 12 B 4', postcode: '33100', city: 'TAMPERE' })).toBe(home);
    expect(home).toEqual(normaliseAddress({ street: 'Hämeenkatu 12 B 4', postcode: '33100', city: 'TAMPERE' }));
  });

  it('keeps names and addresses apart that differ only in which field holds the text', () => {
    const ctx = createPrepareContext(DEFAULT_SETTINGS, undefined);
    expect(ctx.name({ given: 'Virtanen' })).toEqual(normaliseName({ given: 'Virtanen' }));
    expect(ctx.name({ family: 'Virtanen' })).toEqual(normaliseName({ family: 'Virtanen' }));
    expect(ctx.name({ full: 'Virtanen' })).toEqual(normaliseName({ full: 'Virtanen' }));
    expect(ctx.address({ street: 'Kirkkokatu', streetNumber: '12' })).toEqual(normaliseAddress({ street: 'Kirkkokatu', streetNumber: '12' }));
    expect(ctx.address({ street: 'Kirkkokatu', postcode: '12' })).toEqual(normaliseAddress({ street: 'Kirkkokatu', postcode: '12' }));
  });
});
