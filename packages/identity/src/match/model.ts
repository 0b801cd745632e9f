import { compareRecords, F, FIELDS, type Comparable, type Levels } from './compare';

/**
 * A Fellegi–Sunter model: per field and level the probability of that level among true matches (`m`) and
 * among random pairs (`u`), the prior `lambda` that two random records are one person, and term frequencies
 * of names. The prior is over all pairs, not blocked ones: u comes from random pairs, so the agreement that
 * made a pair a candidate is already counted by the field weights.
 */
export interface MatchModel {
  lambda: number;
  m: number[][];
  u: number[][];
  /** Relative frequency of each folded given and family name; rarer names weigh more when they agree. */
  tf: { given: Record<string, number>; family: Record<string, number> };
  /**
   * m and u of an exact street and number among pairs that already agree on postcode and on family name, per
   * family-name level (1 exact, 2 variant). A household shares all three, so the address says far less once
   * the family name agrees than it does alone: without this, family name and address count one household
   * twice. A level is absent when the fit saw too few such pairs (and in models fitted before it existed).
   */
  household?: { [familyLevel: number]: { m: number; u: number } | undefined };
  /** How the model was obtained, for explanations. */
  fitted: {
    pairs: number; iterations: number; randomPairs: number; deterministicPairs: number;
    /** Share of matches among the blocked pairs EM ran on (`lambda` is the share among all pairs). */
    blockedLambda: number;
  } | null;
}

/** A scored pair. */
export interface PairScore {
  levels: Levels;
  /** Sum of field weights plus the prior, in bits. */
  weight: number;
  probability: number;
  /** Weight of each field in bits (0 for the null level). */
  fieldWeights: number[];
}

// Plausible starting values for a customer-service population; EM refines m and random pairs replace u.
const DEFAULT_M = [
  [1, 0.86, 0.05, 0.04, 0.03, 0.02],
  [1, 0.88, 0.06, 0.03, 0.03],
  [1, 0.9, 0.02, 0.05, 0.03],
  [1, 0.85, 0.07, 0.08],
  [1, 0.75, 0.1, 0.07, 0.08],
  [1, 0.85, 0.07, 0.08],
  [1, 0.7, 0.15, 0.05, 0.1],
  [1, 0.75, 0.02, 0.23],
  [1, 0.85, 0.08, 0.07],
];
const DEFAULT_U = [
  [1, 0.01, 0.004, 0.004, 0.02, 0.962],
  [1, 0.002, 0.001, 0.003, 0.994],
  [1, 0.00004, 0.00004, 0.0006, 0.99932],
  [1, 0.003, 0.01, 0.987],
  [1, 0.00001, 0.00002, 0.001, 0.99897],
  [1, 0.02, 0.01, 0.97],
  [1, 0.000001, 0.00001, 0.0005, 0.999489],
  [1, 0.000001, 0.00001, 0.999989],
  [1, 0.000001, 0.00001, 0.999989],
];

/**
 * The model used before any fitting.
 *
 * @example
 * const model = defaultModel();
 * scorePair(model, a, b).probability;
 */
export function defaultModel(): MatchModel {
  // About one match per 100 000 pairs: a graph of some hundred thousand records before any fitting.
  return { lambda: 1e-5, m: DEFAULT_M.map((r) => [...r]), u: DEFAULT_U.map((r) => [...r]), tf: { given: {}, family: {} }, fitted: null };
}

const TF_FLOOR = 1e-6;

const scratch = new Uint8Array(FIELDS.length);

/**
 * The total weight of a pair in bits (prior included), without allocating: the resolver's hot path.
 *
 * @example
 * pairWeight(model, a, b) > 4.3; // probability above 0.95
 */
export function pairWeight(model: MatchModel, a: Comparable, b: Comparable): number {
  return weightOfLevels(model, a, compareRecords(a, b, scratch));
}

/** The weight of already computed levels; `a` supplies the names for the term-frequency adjustment. */
export function weightOfLevels(model: MatchModel, a: Comparable, lv: Levels): number {
  let weight = Math.log2(model.lambda / (1 - model.lambda));
  for (let f = 0; f < FIELDS.length; f++) if (lv[f] !== 0) weight += fieldWeight(model, a, lv, f);
  return weight;
}

/**
 * The weight of one field at its level: term-frequency adjusted for an exact name, and for an exact address
 * conditioned on the family name and postcode agreeing (see {@link MatchModel.household}).
 */
function fieldWeight(model: MatchModel, a: Comparable, lv: Levels, f: number): number {
  const l = lv[f]!;
  let m = model.m[f]![l]!;
  let u = model.u[f]![l]!;
  if (l === 1) {
    if (f === F.given) u = model.tf.given[a.features.g!] ?? u;
    else if (f === F.family) u = model.tf.family[a.features.f!] ?? u;
    else if (f === F.street && model.household !== undefined && lv[F.postcode] === 1) {
      const h = model.household[lv[F.family]!];
      if (h !== undefined) {
        m = h.m;
        u = Math.max(u, h.u);
      }
    }
  }
  return Math.log2(m / Math.max(u, TF_FLOOR));
}


/** Probability from a weight in bits. @example probabilityOf(0); // 0.5 */
export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/**
 * Scores a pair: the Fellegi–Sunter weight log2(m/u) per field (term-frequency adjusted when names agree
 * exactly), summed with the prior, and the match probability.
 *
 * @example
 * const s = scorePair(model, a, b);
 * s.probability > 0.95; // link
 */
export function scorePair(model: MatchModel, a: Comparable, b: Comparable, levels?: Levels): PairScore {
  const lv = compareRecords(a, b, levels);
  const fieldWeights: number[] = new Array<number>(FIELDS.length);
  let weight = Math.log2(model.lambda / (1 - model.lambda));
  for (let f = 0; f < FIELDS.length; f++) {
    const w = lv[f] === 0 ? 0 : fieldWeight(model, a, lv, f);
    fieldWeights[f] = w;
    weight += w;
  }
  return { levels: lv, weight, probability: 1 / (1 + 2 ** -weight), fieldWeights };
}
