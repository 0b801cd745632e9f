import type { Kysely } from 'kysely';
import type { BatchOps } from './batch-ops';
import type { Executor } from './executor';
import type { SqliteWriter } from './sqlite-writer-client';
import type { Database } from './schema';
import type { StoreKind } from './types';

/** What the shared store modules need: a query builder (for compiling only), an executor, the batch ops. */
export interface StoreContext {
  readonly kind: StoreKind;
  /** Used to build and compile queries; execution goes through `ex`. */
  readonly db: Kysely<Database>;
  readonly ex: Executor;
  readonly ops: BatchOps;
  readonly volatilePaths: readonly string[];
  /** SQLite file stores: the writer thread `upsertBatch` runs on (absent: inline on `ex`). */
  readonly writer?: SqliteWriter;
}
