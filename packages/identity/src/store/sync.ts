import type { IdentityStore } from './types';

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
