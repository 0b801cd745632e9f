import { F, FIELDS } from './compare';
import { defaultModel, type MatchModel } from './model';

// What the pairs labelled by deterministic identifiers can and cannot tell the fit (see fitModel).

/** Non-matching pairs of one family name and postcode needed before their address agreement is trusted. */
const MIN_HOUSEHOLD_PAIRS = 30;

/**
 * How often a pair that shares a postcode and a family name (exact, or a variant) also shares street and number,
 * among matches (m, from the labelled pairs) and among different people (u): see {@link MatchModel.household}.
 * Different people are the pairs the hard rules keep apart, plainly different first names without agreeing birth
 * dates: a first name says nothing about whether two people of one family live together. A family-name level
 * is left out when too few such pairs were blocked; m falls back to the field's m when too few labelled pairs
 * were.
 */
export function householdRates(vectors: Uint8Array, labelled: Uint8Array, pairs: number, mStreet: number): MatchModel['household'] {
  const nf = FIELDS.length;
  // Per family-name level 1 and 2: [pairs, same address] among non-matches, then among labelled matches.
  const counts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < pairs; i++) {
    const base = i * nf;
    const family = vectors[base + F.family]!;
    if (vectors[base + F.street] === 0 || vectors[base + F.postcode] !== 1 || (family !== 1 && family !== 2)) continue;
    const same = vectors[base + F.street] === 1 ? 1 : 0;
    const dob = vectors[base + F.dob];
    let at: number;
    if (labelled[i] === 1) at = family * 4 + 2;
    else if (vectors[base + F.given] === 5 && dob !== 1 && dob !== 2) at = family * 4;
    else continue;
    counts[at]!++;
    counts[at + 1]! += same;
  }
  const out: NonNullable<MatchModel['household']> = {};
  for (const family of [1, 2]) {
    const [n, same, nm, sameM] = counts.slice(family * 4, family * 4 + 4) as [number, number, number, number];
    if (n < MIN_HOUSEHOLD_PAIRS) continue;
    out[family] = { m: nm < MIN_HOUSEHOLD_PAIRS ? mStreet : (sameM + 1) / (nm + 2), u: (same + 1) / (n + 2) };
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Labelled pairs from which m of the non-identifier fields is taken as measured rather than fitted by EM. */
export const MIN_LABELLED = 500;

/** Pairs an identifier field must be seen on, labelled by another identifier, before its m is taken from them. */
export const MIN_LEFT_OUT = 100;

/** The fields that never make a deterministic label, so labelled pairs measure their m without bias. */
export const LABEL_FREE_FIELDS = [F.given, F.family, F.dob, F.postcode, F.street, F.city];

/** The compared fields that are identifiers and can make a deterministic label themselves. */
export const ID_FIELDS = [F.email, F.phone, F.xid];

/**
 * Levels the label itself excludes: a guarded identifier only labels a pair whose birth dates do not plainly
 * differ and whose first names are not plainly different (see guards.namesAgree). Labelled pairs cannot show
 * how often true matches disagree there, so those levels keep their starting m and the rest share the remainder.
 */
const CENSORED: ReadonlyArray<readonly [field: number, level: number]> = [[F.given, 5], [F.dob, 4]];

/** Gives the {@link CENSORED} levels their starting m and scales the other levels of the field to the rest. */
export function keepCensored(m: number[][]): void {
  const start = defaultModel().m;
  for (const [f, l] of CENSORED) {
    const row = m[f]!;
    const keep = start[f]![l]!;
    let rest = 0;
    for (let k = 1; k < row.length; k++) if (k !== l) rest += row[k]!;
    if (rest <= 0) continue;
    for (let k = 1; k < row.length; k++) row[k] = k === l ? keep : (row[k]! / rest) * (1 - keep);
  }
}
