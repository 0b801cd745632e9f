/**
 * Pairwise precision, recall and F1 of a clustering against the truth: a pair of records counts as linked
 * when both are in one cluster.
 *
 * @example
 * pairwiseScores([['a', 'p1', 't1'], ['b', 'p1', 't1'], ['c', 'p2', 't1']]); // precision 1, recall 1/3
 */
export function pairwiseScores(rows: Iterable<readonly [record: string, predicted: string, truth: string]>): {
  precision: number; recall: number; f1: number; truePairs: number; predictedPairs: number; correctPairs: number;
} {
  const pred = new Map<string, number>();
  const truth = new Map<string, number>();
  const both = new Map<string, number>();
  for (const [, p, t] of rows) {
    pred.set(p, (pred.get(p) ?? 0) + 1);
    truth.set(t, (truth.get(t) ?? 0) + 1);
    const k = `${p}\u0000${t}`;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  const pairs = (m: Map<string, number>) => {
    let s = 0;
    for (const n of m.values()) s += (n * (n - 1)) / 2;
    return s;
  };
  const predictedPairs = pairs(pred);
  const truePairs = pairs(truth);
  const correctPairs = pairs(both);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
}

/**
 * {@link pairwiseScores} on integer cluster labels, for a million records without a million tuples.
 *
 * @example
 * pairwiseScoresInt(Int32Array.of(0, 0, 1), Int32Array.of(5, 5, 5)).recall; // 1/3
 */
export function pairwiseScoresInt(predicted: Int32Array, truth: Int32Array): ReturnType<typeof pairwiseScores> {
  const count = (labels: Int32Array) => {
    const m = new Map<number, number>();
    for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
    let s = 0;
    for (const n of m.values()) s += (n * (n - 1)) / 2;
    return s;
  };
  const both = new Map<number, number>();
  const span = 2 ** 26;
  for (let i = 0; i < predicted.length; i++) {
    const k = predicted[i]! * span + truth[i]!;
    both.set(k, (both.get(k) ?? 0) + 1);
  }
  let correctPairs = 0;
  for (const n of both.values()) correctPairs += (n * (n - 1)) / 2;
  const predictedPairs = count(predicted);
  const truePairs = count(truth);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePairs, predictedPairs, correctPairs };
}

/** Each record's cluster named by the first record key in it, so two runs with different person ids compare. */
export function partition(assignments: Array<{ recordKey: string; personId: string | undefined }>): string[] {
  const first = new Map<string, string>();
  return assignments.map((a) => {
    const p = a.personId ?? a.recordKey;
    if (!first.has(p)) first.set(p, a.recordKey);
    return first.get(p)!;
  });
}
