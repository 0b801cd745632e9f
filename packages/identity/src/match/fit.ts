import { compareRecords, F, FIELDS, type Comparable, type Levels } from './compare';
import { householdRates, ID_FIELDS, keepCensored, LABEL_FREE_FIELDS, MIN_LABELLED, MIN_LEFT_OUT } from './fit-labels';
import { defaultModel, type MatchModel } from './model';

/** Options of {@link fitModel}. */
export interface FitOptions {
  /** Random pairs used to estimate u. */
  randomPairs?: number;
  /** Blocked pairs used for EM. */
  maxPairs?: number;
  iterations?: number;
  /** Seed of the pair sampler, so a fit is reproducible. */
  seed?: number;
  /**
   * Writes the levels of records `a` and `b` (indices into the records) to `out`, as {@link compareRecords}
   * would: for the batch, `ComparisonColumns.levels` over the columns it has built already.
   */
  compare?: (a: number, b: number, out: Levels) => void;
}

/** A candidate pair for EM, with whether a deterministic identifier already links it. */
export interface TrainingPair {
  a: number;
  b: number;
  deterministic: boolean;
}

/**
 * Candidate pairs held compactly: record indices in typed arrays, and the deterministic label computed only
 * for the pairs EM actually samples (a big batch yields millions of blocked pairs, EM uses 300 000).
 */
export interface TrainingPairList {
  length: number;
  a: Int32Array;
  b: Int32Array;
  deterministic: (i: number) => boolean;
}

function asList(pairs: readonly TrainingPair[] | TrainingPairList): TrainingPairList {
  if (!Array.isArray(pairs)) return pairs as TrainingPairList;
  const list = pairs as readonly TrainingPair[];
  return {
    length: list.length,
    a: Int32Array.from(list, (p) => p.a),
    b: Int32Array.from(list, (p) => p.b),
    deterministic: (i) => list[i]!.deterministic,
  };
}

function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return function next() {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fits a Fellegi–Sunter model on a set of records: u from random pairs, name term frequencies from all
 * records, the prior and the starting m from pairs already linked by deterministic identifiers, then m and the
 * prior by EM over the blocked candidate pairs (u held fixed, as it is well estimated from random pairs).
 *
 * @example
 * const model = fitModel(records, pairs, { seed: 1 });
 */
export function fitModel(
  records: readonly Comparable[],
  pairList: readonly TrainingPair[] | TrainingPairList,
  options: FitOptions = {},
): MatchModel {
  const pairs = asList(pairList);
  const model = defaultModel();
  const n = records.length;
  const rand = mulberry32(options.seed ?? 42);
  const nf = FIELDS.length;
  if (n < 2) return model;
  const compare = options.compare ?? ((a: number, b: number, out: Levels) => compareRecords(records[a]!, records[b]!, out));

  // Term frequencies of names: the u of an exact agreement on this value.
  const given = new Map<string, number>();
  const family = new Map<string, number>();
  for (const r of records) {
    if (r.features.g !== undefined) given.set(r.features.g, (given.get(r.features.g) ?? 0) + 1);
    if (r.features.f !== undefined) family.set(r.features.f, (family.get(r.features.f) ?? 0) + 1);
  }
  const tfOf = (counts: Map<string, number>): Record<string, number> => {
    let total = 0;
    for (const c of counts.values()) total += c;
    const out: Record<string, number> = {};
    // Only names seen more than once get an entry: the rest fall back to the field's u (bounded weight).
    for (const [k, c] of counts) if (c > 1) out[k] = c / total;
    return out;
  };
  model.tf = { given: tfOf(given), family: tfOf(family) };

  // u from random pairs with add-one smoothing.
  const randomPairs = Math.min(options.randomPairs ?? 200_000, (n * (n - 1)) / 2);
  const uCounts = FIELDS.map((f) => new Array<number>(f.levels.length).fill(1));
  const lv = new Uint8Array(nf);
  for (let i = 0; i < randomPairs; i++) {
    const a = Math.floor(rand() * n);
    let b = Math.floor(rand() * (n - 1));
    if (b >= a) b++;
    compare(a, b, lv);
    for (let f = 0; f < nf; f++) uCounts[f]![lv[f]!]!++;
  }
  for (let f = 0; f < nf; f++) {
    const counts = uCounts[f]!;
    const nonNull = counts.reduce((s, c, l) => (l === 0 ? s : s + c), 0);
    // Nothing observed beyond the smoothing (a field no record has): keep the default u.
    if (nonNull <= counts.length) continue;
    for (let l = 1; l < counts.length; l++) model.u[f]![l] = counts[l]! / nonNull;
  }

  // Comparison vectors of the blocked pairs.
  const sample = pairs.length > (options.maxPairs ?? 300_000)
    ? samplePairs(pairs.length, options.maxPairs ?? 300_000, rand)
    : Int32Array.from({ length: pairs.length }, (_, i) => i);
  const P = sample.length;
  const allPairs = (n * (n - 1)) / 2;
  if (P === 0) {
    return { ...model, lambda: clamp(1 / n, 1e-9, 0.5), fitted: { pairs: 0, iterations: 0, randomPairs, deterministicPairs: 0, blockedLambda: 0 } };
  }
  const vectors = new Uint8Array(P * nf);
  const labelledAt = new Uint8Array(P);
  let det = 0;
  const mCounts = FIELDS.map((f) => new Array<number>(f.levels.length).fill(0.5));
  const idCounts = FIELDS.map((f) => new Array<number>(f.levels.length).fill(0.5));
  for (let i = 0; i < P; i++) {
    const p = sample[i]!;
    compare(pairs.a[p]!, pairs.b[p]!, lv);
    vectors.set(lv, i * nf);
    if (pairs.deterministic(p)) {
      det++;
      labelledAt[i] = 1;
      // The identifier fields may have made the label, so they say nothing about m; the other fields do. An
      // identifier field is counted only on pairs that another identifier field already links ("leave one out").
      for (let f = 0; f < nf; f++) if (f !== F.email && f !== F.phone && f !== F.xid) mCounts[f]![lv[f]!]!++;
      for (const f of ID_FIELDS) {
        if (ID_FIELDS.some((g) => g !== f && lv[g] === 1)) idCounts[f]![lv[f]!]!++;
      }
    }
  }
  // The prior starts from the share of blocked pairs that deterministic identifiers already link.
  model.lambda = clamp(det > 0 ? det / P : 0.1, 1e-4, 0.5);
  // With enough labelled pairs, m of a field is measured on them, not guessed: EM over blocked pairs would
  // instead find "same surname and address" (a household) as its match class and learn that matches mostly
  // disagree on birth date. Measured fields are held while EM estimates the rest.
  const held: number[] = [];
  if (det >= 50) {
    for (const f of ID_FIELDS) {
      const seen = idCounts[f]!.reduce((s, c, l) => (l === 0 ? s : s + c), 0);
      if (det >= MIN_LABELLED && seen >= MIN_LEFT_OUT) {
        mCounts[f] = idCounts[f]!;
        held.push(f);
      } else mCounts[f] = model.m[f]!.map((x) => x * det);
    }
    setFromCounts(model.m, mCounts);
    keepCensored(model.m);
    if (det >= MIN_LABELLED) held.push(...LABEL_FREE_FIELDS);
  }
  const labelled = model.m.map((r) => [...r]);
  // EM is regularised towards the starting m (a Dirichlet prior worth PRIOR_PAIRS pairs): on small or
  // tightly blocked sets the match class otherwise absorbs near-misses and disagreement stops counting.
  const prior = model.m.map((r) => r.map((x) => x * PRIOR_PAIRS));

  const iterations = options.iterations ?? 15;
  const logM = model.m.map((r) => r.map(Math.log));
  const logU = model.u.map((r) => r.map(Math.log));
  let done = 0;
  for (let it = 0; it < iterations; it++) {
    done++;
    const acc = prior.map((r) => [...r]);
    let sumP = 0;
    const lLambda = Math.log(model.lambda);
    const lNot = Math.log(1 - model.lambda);
    for (let i = 0; i < P; i++) {
      let lm = lLambda;
      let lu = lNot;
      const base = i * nf;
      for (let f = 0; f < nf; f++) {
        const l = vectors[base + f]!;
        if (l === 0) continue;
        lm += logM[f]![l]!;
        lu += logU[f]![l]!;
      }
      const p = 1 / (1 + Math.exp(lu - lm));
      sumP += p;
      for (let f = 0; f < nf; f++) acc[f]![vectors[base + f]!]! += p;
    }
    // The prior stays where the deterministic links put it: left free, EM lets the match class swallow the
    // near-misses that blocking brings together (same surname and postcode) and disagreement stops counting.
    void sumP;
    const before = model.m.map((r) => [...r]);
    setFromCounts(model.m, acc);
    for (const f of held) model.m[f] = [...labelled[f]!];
    for (let f = 0; f < nf; f++) logM[f] = model.m[f]!.map(Math.log);
    if (model.m.every((r, f) => r.every((x, l) => Math.abs(x - before[f]![l]!) < 1e-5))) break;
  }
  enforceOrder(model);
  const household = householdRates(vectors, labelledAt, P, model.m[F.street]![1]!);
  // The prior over all pairs: the matches expected among the blocked pairs (deterministic links are part
  // of them) spread over every pair; blocking is assumed to keep nearly all true matches.
  const blockedLambda = model.lambda;
  const expectedMatches = Math.max(det * (pairs.length / P), blockedLambda * pairs.length);
  return {
    ...model,
    ...(household !== undefined ? { household } : {}),
    lambda: clamp(expectedMatches / allPairs, 1e-9, 0.5),
    fitted: { pairs: P, iterations: done, randomPairs, deterministicPairs: det, blockedLambda },
  };
}

const PRIOR_PAIRS = 200;

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function setFromCounts(m: number[][], counts: number[][]): void {
  for (let f = 0; f < counts.length; f++) {
    const c = counts[f]!;
    const total = c.reduce((s, x, l) => (l === 0 ? s : s + x), 0);
    for (let l = 1; l < c.length; l++) m[f]![l] = c[l]! / total;
  }
}

/**
 * EM finds whatever structure separates the pairs best; keep it honest: an exact agreement never counts
 * against a match and a plain disagreement never counts for one.
 */
function enforceOrder(model: MatchModel): void {
  for (let f = 0; f < FIELDS.length; f++) {
    const m = model.m[f]!;
    const u = model.u[f]!;
    const last = m.length - 1;
    if (m[1]! < u[1]!) m[1] = u[1]! * 2;
    if (m[last]! > u[last]!) m[last] = u[last]! * 0.5;
  }
  if (model.m[F.given]![1]! <= 0) model.m[F.given]![1] = 0.5;
}

/** Reservoir sample of `k` pair positions out of `count`. */
function samplePairs(count: number, k: number, rand: () => number): Int32Array {
  const out = new Int32Array(k);
  for (let i = 0; i < k; i++) out[i] = i;
  for (let i = k; i < count; i++) {
    const j = Math.floor(rand() * (i + 1));
    if (j < k) out[j] = i;
  }
  return out;
}
