import type { SiltaStore } from '../store/types';

/** The part of the store the engine uses; any `SiltaStore` satisfies it. */
export type EngineStore = Pick<
  SiltaStore,
  'upsertBatch' | 'prepareUpsert' | 'markMissingDeleted' | 'getCheckpoint' | 'resetCheckpoint' | 'startRun' | 'finishRun' | 'dlqAdd'
>;

/**
 * The key a stream's checkpoint, records and runs are filed under: `system:connection:stream`.
 *
 * @example
 * streamKeyOf('freshdesk', 'helpdesk', 'tickets'); // 'freshdesk:helpdesk:tickets'
 */
export function streamKeyOf(system: string, connection: string, stream: string): string {
  return `${system}:${connection}:${stream}`;
}
