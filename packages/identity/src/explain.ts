import { FIELDS } from './match/compare';
import { scorePair } from './match/model';
import { describe, type ResolverCore } from './resolver';
import { IdentityError } from './errors';
import type { Features, JoinEvidence } from './prepare';
import type { SourceRef } from '@silta/model';
import type { StoredRecord } from './store/types';

/** Why a person is what it is: each record and the evidence that brought it in. */
export interface PersonExplanation {
  personId: string;
  createdAt: string | undefined;
  records: Array<{ recordKey: string; ref: SourceRef; joined: JoinEvidence; summary: string; identifiers: string[] }>;
}

/** The evidence between two records. */
export interface LinkExplanation {
  a: string;
  b: string;
  samePerson: boolean;
  /** Identifiers both hold (national ids shown as a short digest prefix). */
  sharedIdentifiers: Array<{ kind: string; value: string; policy: string }>;
  rules: Array<{ id: string; kind: string }>;
  fields: Array<{ field: string; level: string; weight: number }>;
  priorWeight: number;
  weight: number;
  probability: number;
  decision: 'link' | 'review' | 'no-link';
  /** Records on the chain of join evidence from `a` to `b` inside the person, when they are one person. */
  path: string[];
}

function shown(kind: string, value: string): string {
  return kind === 'national_id' ? `${value.slice(0, 13)}…` : value;
}

/**
 * `explain(personId)`: the records of a person and how each one joined.
 *
 * @example
 * const e = await explainPerson(core, 'p-…');
 * e.records.map((r) => r.summary); // ['first record of the person', 'same email as crm:…']
 */
export async function explainPerson(core: ResolverCore, personId: string): Promise<PersonExplanation> {
  const person = await core.store.getPerson(personId);
  const records = await core.store.recordsOfPerson(personId);
  if (person === undefined && records.length === 0) {
    throw new IdentityError('identity/unknown-person', `person "${personId}" does not exist`, { field: 'personId' });
  }
  return {
    personId,
    createdAt: person?.createdAt,
    records: records
      .sort((x, y) => (x.key < y.key ? -1 : 1))
      .map((r) => {
        const joined = (r.features as Features).why ?? { via: 'new' };
        return {
          recordKey: r.key,
          ref: r.ref,
          joined,
          summary: describe(joined),
          identifiers: r.identifiers.map((id) => `${id.kind}:${shown(id.kind, id.value)}`),
        };
      }),
  };
}

/**
 * `explainLink(a, b)`: shared identifiers, rules, the field-by-field Fellegi–Sunter weights, the decision
 * the thresholds give and, when they are one person, the chain of evidence joining them.
 *
 * @example
 * const e = await explainLinkBetween(core, 'crm:main:contact:1', 'shop:main:customer:9');
 * e.fields.find((f) => f.field === 'birth_date'); // { level: 'day_month_transposed', weight: 7.1 }
 */
export async function explainLinkBetween(core: ResolverCore, a: string, b: string): Promise<LinkExplanation> {
  const ra = await core.store.getRecord(a);
  const rb = await core.store.getRecord(b);
  if (ra === undefined || rb === undefined) {
    const missing = ra === undefined ? a : b;
    throw new IdentityError('identity/unknown-record', `record "${missing}" is not in the identity graph`, { field: 'recordKey' });
  }
  const model = await core.getModel();
  const score = scorePair(model, ra as never, rb as never);
  const shared = ra.identifiers
    .filter((x) => rb.identifiers.some((y) => y.kind === x.kind && y.value === x.value))
    .map((x) => ({ kind: x.kind, value: shown(x.kind, x.value), policy: core.settings.kinds[x.kind].link }));
  const rules = (await core.store.rulesFor([`record:${a}`, `record:${b}`]))
    .filter((r) => [r.a, r.b].includes(`record:${a}`) && [r.a, r.b].includes(`record:${b}`))
    .map((r) => ({ id: r.id, kind: r.kind }));
  const samePerson = ra.personId === rb.personId;
  const decision =
    score.probability >= core.settings.linkThreshold ? 'link' : score.probability >= core.settings.reviewThreshold ? 'review' : 'no-link';
  return {
    a,
    b,
    samePerson,
    sharedIdentifiers: shared,
    rules,
    fields: FIELDS.map((f, i) => ({
      field: f.name,
      level: f.levels[score.levels[i]!]!,
      weight: Math.round(score.fieldWeights[i]! * 100) / 100,
    })),
    priorWeight: Math.round(Math.log2(model.lambda / (1 - model.lambda)) * 100) / 100,
    weight: Math.round(score.weight * 100) / 100,
    probability: Math.round(score.probability * 10000) / 10000,
    decision,
    path: samePerson ? evidencePath(await core.store.recordsOfPerson(ra.personId), a, b) : [],
  };
}

/** Breadth-first search over the join-evidence edges of one person. */
function evidencePath(records: readonly StoredRecord[], from: string, to: string): string[] {
  const edges = new Map<string, string[]>();
  const add = (x: string, y: string) => {
    edges.set(x, [...(edges.get(x) ?? []), y]);
    edges.set(y, [...(edges.get(y) ?? []), x]);
  };
  for (const r of records) {
    const why = (r.features as Features).why;
    if (why !== undefined && why.via !== 'new') add(r.key, why.other);
  }
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const x = queue.shift()!;
    if (x === to) break;
    for (const y of edges.get(x) ?? []) {
      if (!previous.has(y)) {
        previous.set(y, x);
        queue.push(y);
      }
    }
  }
  if (!previous.has(to)) return [];
  const path = [to];
  while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
  return path;
}
