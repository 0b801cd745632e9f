import { formatSourceRef, parseSourceRef, type CanonicalRecord, type IdentifierKind, type PartyRecord, type SourceRef } from '@silta/model';
import type { ResolvedPerson, RuleReader } from '../rules/types';
import type { SiltaStore } from '../store/types';

/**
 * The identity lookups Silta needs to treat several party records as one person. `@silta/identity`'s
 * `IdentityStore` satisfies it; without one, a party record stands for the person alone.
 */
export interface IdentityLookup {
  getRecord(key: string): Promise<{ personId: string } | undefined>;
  recordsOfPerson(personId: string): Promise<Array<{ ref: SourceRef }>>;
  recordsByIdentifier(kind: IdentifierKind, value: string): Promise<Array<{ personId: string; ref: SourceRef }>>;
}

/** Options for {@link createStoreReader}. */
export interface StoreReaderOptions {
  identity?: IdentityLookup;
  now?: () => Date;
  /** Records read per person for packets and timelines (default 500). */
  limit?: number;
}

type ReaderStore = Pick<SiltaStore, 'getRecord' | 'listRecordsByParty'>;

/**
 * Reads records and people for rules and the timeline from a store, resolving people through the identity
 * graph when one is given.
 *
 * @example
 * const reader = createStoreReader(store, { identity: identityStore });
 * const person = await reader.resolvePerson(ticket.partyRef);
 */
export function createStoreReader(store: ReaderStore, options: StoreReaderOptions = {}): RuleReader {
  const now = options.now ?? (() => new Date());
  const limit = options.limit ?? 500;
  async function getRecord(ref: SourceRef): Promise<CanonicalRecord | undefined> {
    const stored = await store.getRecord(ref);
    return stored && !stored.deleted ? stored.record : undefined;
  }
  async function listRecordsByParty(refs: SourceRef[]): Promise<CanonicalRecord[]> {
    const rows = await store.listRecordsByParty(refs, { limit });
    return rows.map((r) => r.record);
  }
  async function resolvePerson(partyRef: SourceRef): Promise<ResolvedPerson | undefined> {
    if (!options.identity) return undefined;
    const row = await options.identity.getRecord(formatSourceRef(partyRef));
    if (!row) return undefined;
    const members = await options.identity.recordsOfPerson(row.personId);
    const parties = await partiesOf(store, members.map((m) => m.ref));
    return { id: row.personId, parties };
  }
  return { getRecord, listRecordsByParty, resolvePerson, now };
}

/** The live party records among `refs`. */
export async function partiesOf(store: ReaderStore, refs: readonly (SourceRef | string)[]): Promise<PartyRecord[]> {
  const out: PartyRecord[] = [];
  for (const ref of refs) {
    const stored = await store.getRecord(typeof ref === 'string' ? parseSourceRef(ref) : ref);
    if (stored && !stored.deleted && stored.record.entity === 'party') out.push(stored.record);
  }
  return out;
}
