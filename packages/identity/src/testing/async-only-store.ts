import { createMemoryIdentityStore } from '../store/memory';
import type { IdentityStore } from '../store/types';

/**
 * The memory store without its synchronous twin: a resolver over it places records one by one through the
 * async store API, as it does over SQLite or PostgreSQL. For tests comparing that path with the bulk one.
 *
 * @example
 * const r = createResolver({ hashKey: 'k', store: asyncOnlyStore() });
 */
export function asyncOnlyStore(): IdentityStore {
  const inner = createMemoryIdentityStore();
  const out = {} as Record<string, unknown>;
  for (const name of Object.keys(inner)) out[name] = (inner as unknown as Record<string, unknown>)[name];
  const store = out as unknown as IdentityStore;
  store.transaction = async (work) => work(store);
  return store;
}
