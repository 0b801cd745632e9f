/** Assembles a `SiltaStore` from the shared modules and guards it against use after `close()`. */
import type { StoreContext } from './context';
import { StoreError } from './errors';
import { queuesApi } from './queues';
import { recordsApi } from './records';
import type { SiltaStore } from './types';

/**
 * Turns driver errors into `STORE_QUERY_FAILED` (credentials redacted), refuses calls after close, and
 * tracks calls in flight so `close()` lets them finish instead of cutting them off.
 */
function guardAll<T extends Record<string, unknown>>(api: T, isClosed: () => boolean, inflight: Set<Promise<unknown>>): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(api)) {
    if (typeof fn !== 'function') { out[name] = fn; continue; }
    const call = async (args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (err) {
        if (err instanceof StoreError) throw err;
        const message = err instanceof Error ? err.message : String(err);
        throw new StoreError('STORE_QUERY_FAILED', `${name} failed: ${message}`, { cause: err });
      }
    };
    out[name] = function guarded(...args: unknown[]) {
      if (isClosed()) return Promise.reject(new StoreError('STORE_CLOSED', `store is closed; ${name} was called after close()`));
      const p = call(args);
      inflight.add(p);
      void p.then(() => inflight.delete(p), () => inflight.delete(p));
      return p;
    };
  }
  return out as T;
}

/** Builds the store over a backend context. `shutdown` releases the backend's connections. */
export function createStore(ctx: StoreContext, location: string, shutdown: () => Promise<void>, extra: Record<string, unknown> = {}): SiltaStore {
  let closed = false;
  const inflight = new Set<Promise<unknown>>();
  const { drainInbox, ...queues } = queuesApi(ctx);
  const api = guardAll({ ...recordsApi(ctx), ...queues }, () => closed, inflight);
  return {
    ...api,
    ...extra,
    kind: ctx.kind,
    location,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...inflight]);
      await drainInbox();
      await shutdown();
    },
  } as SiltaStore;
}
