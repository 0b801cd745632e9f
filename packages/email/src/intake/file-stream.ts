import { defineStream, type StreamBatch } from '@silta/kit';
import type { CanonicalRecord } from '@silta/model';
import { z } from 'zod';
import type { EmailClient } from '../client';
import type { EmailConfig } from '../config';
import { EmailError } from '../errors';
import { readEmlFolder } from './folder';
import { readMbox } from './mbox';
import { intakeMessage, recordsOf } from './process';

/**
 * Where a file intake stopped: the last .eml name taken (folder) or the count of messages taken (mbox).
 *
 * @example
 * FileCheckpointSchema.parse({ lastName: '0042.eml', taken: 42 });
 */
export const FileCheckpointSchema = z.object({
  lastName: z.string().optional(),
  taken: z.number().int().nonnegative().default(0),
});
export type FileCheckpoint = z.infer<typeof FileCheckpointSchema>;

const BATCH = 100;

/**
 * Takes in mail from a folder of .eml files (in name order, resuming after the last name) or an mbox
 * export (resuming after the messages already taken): for migrations and the demo.
 *
 * @example
 * for await (const b of fileStream.read(ctx, undefined)) await store(b.records, b.checkpoint);
 */
export const fileStream = defineStream<EmailConfig, EmailClient, FileCheckpoint>({
  name: 'files',
  description: 'Mail from a folder of .eml files or an mbox export',
  entities: ['interaction', 'party', 'case'],
  checkpoint: FileCheckpointSchema,
  read: async function* readFiles(ctx, checkpoint): AsyncGenerator<StreamBatch<FileCheckpoint>> {
    const files = ctx.config.files;
    if (!files) throw new EmailError('EMAIL_INPUT_INVALID', 'files: the connection has no files settings');
    const state: FileCheckpoint = { ...(checkpoint ?? { taken: 0 }) };
    const options = { connection: ctx.connection, threads: ctx.client.threads, ownAddresses: ctx.config.ownAddresses, fallbackDays: ctx.config.fallbackDays, now: ctx.now() };
    let records: CanonicalRecord[] = [];
    let rejects: Array<{ payload: unknown; error: Error }> = [];
    let pending = 0;
    const flush = (): StreamBatch<FileCheckpoint> => {
      const batch = { records, checkpoint: { ...state }, ...(rejects.length > 0 ? { rejects } : {}) };
      records = [];
      rejects = [];
      pending = 0;
      return batch;
    };
    const take = async (source: Buffer, origin: string) => {
      try {
        records.push(...recordsOf(await intakeMessage(source, options)));
      } catch (error) {
        rejects.push({ payload: { file: files.path, origin }, error: error as Error });
      }
      pending++;
    };
    if (files.format === 'eml-folder') {
      for await (const file of readEmlFolder(files.path, state.lastName !== undefined ? { after: state.lastName } : {})) {
        if (ctx.signal.aborted) break;
        await take(file.source, file.name);
        state.lastName = file.name;
        state.taken++;
        if (pending >= BATCH) yield flush();
      }
    } else {
      let index = 0;
      for await (const message of readMbox(files.path)) {
        if (ctx.signal.aborted) break;
        if (index++ < state.taken) continue;
        await take(message.source, `message ${message.index} at byte ${message.offset}`);
        state.taken++;
        if (pending >= BATCH) yield flush();
      }
    }
    // Only a full read from the start may let the engine infer deletes.
    yield { ...flush(), ...(checkpoint === undefined && !ctx.signal.aborted ? { complete: true } : {}) };
  },
});
