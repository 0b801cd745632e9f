// Accuracy on the FEBRL synthetic data sets 1–3: `pnpm bench identity-febrl`.
// Ground truth is in the ids: rec-N-org and rec-N-dup-k are one person. The mapping is generic (soc_sec_id is
// an external id, suburb the city); nothing here is tuned to FEBRL.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createResolver, readPartyCsv } from '../src/index';
import { pairwiseScores } from '../src/testing/pairwise';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.FEBRL_DIR ?? path.resolve(here, '../../../../shared/data/febrl');
const only = process.argv.slice(2).filter((a) => /^\d$/.test(a));
const sets = only.length > 0 ? only : ['1', '2', '3'];

if (!existsSync(dataDir)) {
  console.log(JSON.stringify({ name: 'identity-febrl', skipped: `no data at ${dataDir}` }));
  process.exit(0);
}

// Each set runs twice: with soc_sec_id as an external id, and without it (names, dates and addresses only),
// which is closer to customer data where no shared id exists.
const variants = [
  { suffix: '', withId: true },
  { suffix: '-no-id', withId: false },
];

for (const n of sets) for (const { suffix, withId } of variants) {
  const file = path.join(dataDir, `dataset${n}.csv`);
  const records = await readPartyCsv(file, {
    id: 'rec_id',
    fields: {
      given_name: 'given_name', family_name: 'surname', street_number: 'street_number', street: 'address_1',
      city: 'suburb', postcode: 'postcode', region: 'state', birth_date: 'date_of_birth',
      ...(withId ? { external_id: 'soc_sec_id' } : {}),
    },
  });
  const started = performance.now();
  const resolver = createResolver({ hashKey: 'bench' });
  const result = await resolver.resolveBatch(records);
  const wall = (performance.now() - started) / 1000;
  const scores = pairwiseScores(
    result.assignments.map((a) => [a.recordKey, a.personId ?? a.recordKey, /rec-(\d+)-/.exec(a.recordKey)?.[1] ?? a.recordKey] as const),
  );
  const round = (x: number) => Math.round(x * 10000) / 10000;
  console.log(JSON.stringify({
    name: `identity-febrl-dataset${n}${suffix}`, records: records.length, precision: round(scores.precision), recall: round(scores.recall),
    f1: round(scores.f1), true_pairs: scores.truePairs, predicted_pairs: scores.predictedPairs, review_pairs: result.reviewCount,
    wall_s: round(wall), lambda: round(result.model.lambda),
  }));
}
