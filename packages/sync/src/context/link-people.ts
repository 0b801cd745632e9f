import type { Logger } from '@silta/kit';
import { formatSourceRef, type PartyRecord } from '@silta/model';
import { quietLogger } from '../outbox/quiet-logger';
import type { SiltaStore } from '../store/types';

/** What links party records into people: `@silta/identity`'s resolver satisfies it. */
export interface PeopleLinker {
  add(record: PartyRecord): Promise<unknown>;
}

/** What {@link linkPeople} needs. */
export interface LinkPeopleOptions {
  store: Pick<SiltaStore, 'readChanges' | 'getOffset' | 'setOffset'>;
  /** For example `createResolver({ store: store.identity, hashKey: process.env.SILTA_HASH_KEY })`. */
  resolver: PeopleLinker;
  /** The change-feed consumer whose offset this advances (default `identity`). */
  consumer?: string;
  batchSize?: number;
  logger?: Logger;
  signal?: AbortSignal;
}

/**
 * Feeds every new or changed party record from the change feed to the identity resolver, so the store's
 * identity graph knows who is who before rules build context packets. It keeps its own feed offset, so
 * it covers history even when the rules start from now. A record the resolver refuses (for example a
 * national id without a hash key) is logged and skipped.
 *
 * @example
 * await linkPeople({ store, resolver: createResolver({ store: store.identity }) });
 */
export async function linkPeople(options: LinkPeopleOptions): Promise<{ linked: number; refused: number; offset: number }> {
  const consumer = options.consumer ?? 'identity';
  const logger = options.logger ?? quietLogger;
  const result = { linked: 0, refused: 0, offset: await options.store.getOffset(consumer) };
  for (;;) {
    if (options.signal?.aborted) break;
    const changes = await options.store.readChanges({ afterSeq: result.offset, limit: options.batchSize ?? 500 });
    if (changes.length === 0) break;
    for (const change of changes) {
      const party = change.after;
      if (party?.entity === 'party' && !party.deleted) {
        try {
          await options.resolver.add(party);
          result.linked++;
        } catch (error) {
          result.refused++;
          logger.warn({ ref: formatSourceRef(change.ref), reason: error instanceof Error ? error.message : String(error) }, 'party record not linked');
        }
      }
      result.offset = change.seq;
    }
    await options.store.setOffset(consumer, result.offset);
  }
  return result;
}
