import type { IdentityStore, StoredRecord } from './types';

/** Where an in-process store exposes synchronous twins of its methods. */
export const SYNC_ACCESS: unique symbol = Symbol.for('silta.identity.syncStore');

/** The {@link IdentityStore} methods without promises. */
export type SyncIdentityStore = {
  [K in Exclude<keyof IdentityStore, 'transaction'>]: IdentityStore[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => R
    : never;
};

/**
 * The synchronous twin of a store when it has one (the memory store does). The resolver uses it on its hot
 * path: a million records make tens of millions of store calls, and a promise per call is most of the cost.
 * Stores backed by a database simply do not offer it.
 *
 * @example
 * const sync = syncOf(store);
 * const rec = sync ? sync.getRecord(key) : await store.getRecord(key);
 */
export function syncOf(store: IdentityStore): SyncIdentityStore | undefined {
  return (store as IdentityStore & { [SYNC_ACCESS]?: SyncIdentityStore })[SYNC_ACCESS];
}

/**
 * What an in-process store may offer the batch path besides its synchronous twin: writing a batch's records
 * before their persons are known (while the other thread is still finding candidates), and filing them under
 * their persons once placed. Between the two, the records are there with an empty `personId`.
 */
export interface BulkLoading {
  /** Writes records as `putRecords` does, but files none of them under a person. */
  putRecordsUnfiled(list: readonly StoredRecord[]): void;
  /** Files records written by {@link putRecordsUnfiled} under the `personId` each now holds (set on the same objects). */
  fileUnderPersons(list: readonly StoredRecord[]): void;
}

/** The store's synchronous twin with {@link BulkLoading}, when it has both. @example const bulk = bulkOf(store); */
export function bulkOf(store: IdentityStore): (SyncIdentityStore & BulkLoading) | undefined {
  const s = syncOf(store) as (SyncIdentityStore & Partial<BulkLoading>) | undefined;
  return s?.putRecordsUnfiled !== undefined && s.fileUnderPersons !== undefined ? (s as SyncIdentityStore & BulkLoading) : undefined;
}
