import type { IdentifierKind, SourceRef } from '@silta/model';

/**
 * The storage boundary of the identity resolver. Small and async so the sync engine can back it with SQLite or
 * PostgreSQL; {@link createMemoryIdentityStore} is the in-memory implementation used for batch work and tests.
 *
 * Everything is keyed by plain strings: a record's key is `formatSourceRef(ref)`, a person id is an opaque
 * string whose lexicographic order is its creation order (so "the older id survives" needs no extra column).
 * Values are stored already normalised; national ids arrive here only as HMAC digests.
 *
 * @example
 * const store: IdentityStore = createMemoryIdentityStore();
 * await store.putRecords([{ key: 'crm:main:contact:1', ref, personId: 'p-01', identifiers: [], blockingKeys: [],
 *   features: {}, updatedAt: '2026-11-01T10:00:00Z' }]);
 * (await store.recordsOfPerson('p-01')).length; // 1
 */
export interface IdentityStore {
  /** One record by key, or undefined. */
  getRecord(key: string): Promise<StoredRecord | undefined>;
  /** Many records by key; unknown keys are skipped, order is not guaranteed. */
  getRecords(keys: readonly string[]): Promise<StoredRecord[]>;
  /** Inserts or replaces records by key, replacing their identifier and blocking-key index entries. */
  putRecords(records: readonly StoredRecord[]): Promise<void>;
  /** Removes records and their index entries. Unknown keys are ignored. */
  deleteRecords(keys: readonly string[]): Promise<void>;
  /** Records holding exactly this normalised identifier. */
  recordsByIdentifier(kind: IdentifierKind, value: string): Promise<StoredRecord[]>;
  /**
   * Records sharing one blocking key, newest first, at most `limit` of them (blocking must stay near-linear,
   * so a store may return any `limit` members of a huge block, preferring the most recently written).
   */
  recordsByBlockingKey(blockingKey: string, limit: number): Promise<StoredRecord[]>;
  /** All records currently assigned to a person. */
  recordsOfPerson(personId: string): Promise<StoredRecord[]>;
  /** Moves records to another person (a merge or a split) without touching their other fields. */
  assignPerson(recordKeys: readonly string[], personId: string): Promise<void>;

  /** One person by id, or undefined (erased or merged away). */
  getPerson(personId: string): Promise<PersonRow | undefined>;
  /** Inserts or replaces a person. */
  putPerson(person: PersonRow): Promise<void>;
  /** Removes a person row (after a merge or an erase). */
  deletePerson(personId: string): Promise<void>;

  /** Inserts or replaces link rules by id. */
  putRules(rules: readonly LinkRule[]): Promise<void>;
  /** Removes link rules by id. */
  deleteRules(ruleIds: readonly string[]): Promise<void>;
  /** Every rule whose `a` or `b` is one of the subjects. */
  rulesFor(subjects: readonly string[]): Promise<LinkRule[]>;

  /** Adds tombstones (idempotent by hash). */
  addTombstones(tombstones: readonly Tombstone[]): Promise<void>;
  /** The subset of the given hashes that are tombstoned. */
  findTombstones(hashes: readonly string[]): Promise<string[]>;

  /** Appends events and returns them with their sequence numbers (strictly increasing, starting at 1). */
  appendEvents(events: readonly IdentityEvent[]): Promise<StoredEvent[]>;
  /** Events with `seq > afterSeq`, oldest first, at most `limit`. */
  listEvents(afterSeq: number, limit: number): Promise<StoredEvent[]>;

  /** Adds review candidates (idempotent by the unordered record pair). */
  putReviewCandidates(candidates: readonly ReviewCandidate[]): Promise<void>;
  /** Review candidates, highest probability first, at most `limit`. */
  listReviewCandidates(limit: number): Promise<ReviewCandidate[]>;
  /** Removes the review candidates that involve any of these records. */
  deleteReviewCandidates(recordKeys: readonly string[]): Promise<void>;

  /** A small JSON text the resolver keeps between runs (the fitted match model, settings fingerprint). */
  getMeta(name: string): Promise<string | undefined>;
  /** Stores a meta value. */
  putMeta(name: string, value: string): Promise<void>;

  /**
   * Runs `work` atomically: a SQL store opens a transaction and passes a store bound to it; the memory store
   * runs it as is. The resolver wraps every add, merge, split and erase in one call.
   */
  transaction<T>(work: (tx: IdentityStore) => Promise<T>): Promise<T>;
}

/** One normalised identifier of a stored record. */
export interface StoredIdentifier {
  kind: IdentifierKind;
  /** Normalised value (an HMAC digest for national ids). */
  value: string;
  /** Sub-kind such as `mobile` or `fixed_line`. */
  label?: string;
}

/** A source record as the resolver remembers it. */
export interface StoredRecord {
  /** `formatSourceRef(ref)`. */
  key: string;
  ref: SourceRef;
  personId: string;
  /** The identifiers that passed normalisation and the blocked-value filter. */
  identifiers: StoredIdentifier[];
  /** Keys used to find probabilistic candidates. */
  blockingKeys: string[];
  /** The comparison features (JSON-serialisable; opaque to the store). */
  features: Record<string, unknown>;
  updatedAt: string;
}

/** A person: a cluster of records with a stable id. */
export interface PersonRow {
  id: string;
  createdAt: string;
}

/**
 * A rule kept as data. Subjects are `record:<record key>` or `identifier:<kind>:<value>`.
 * `never-link` keeps the two subjects in different persons; `force-link` puts them in one.
 */
export interface LinkRule {
  id: string;
  kind: 'never-link' | 'force-link';
  a: string;
  b: string;
  reason?: string;
  createdAt: string;
}

/** A hashed reminder that something was erased, so a replay cannot resurrect it. */
export interface Tombstone {
  /** HMAC of `record:<key>` or `identifier:<kind>:<value>`. */
  hash: string;
  createdAt: string;
}

/** A pair of records scored between the review and link thresholds, waiting for a person to decide. */
export interface ReviewCandidate {
  a: string;
  b: string;
  probability: number;
  weight: number;
  createdAt: string;
}

/** What downstream systems can follow. */
export type IdentityEvent =
  | { type: 'person.created'; personId: string; recordKey: string; at: string }
  | { type: 'record.assigned'; recordKey: string; personId: string; previousPersonId?: string; at: string }
  | { type: 'person.merged'; survivorId: string; mergedIds: string[]; reason: string; at: string }
  | { type: 'person.split'; personId: string; newPersonIds: string[]; reason: string; at: string }
  | { type: 'person.erased'; personId: string; recordKeys: string[]; at: string };

/** An event with its position in the log. */
export type StoredEvent = IdentityEvent & { seq: number };
