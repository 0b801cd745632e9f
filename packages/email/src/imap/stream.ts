import type { ImapFlow } from 'imapflow';
import { defineStream, type StreamBatch, type StreamContext } from '@silta/kit';
import type { CanonicalRecord } from '@silta/model';
import type { EmailClient } from '../client';
import type { EmailConfig, ImapConfig } from '../config';
import { EmailError } from '../errors';
import { intakeMessage, recordsOf } from '../intake/process';
import { ImapCheckpointSchema, type ImapCheckpoint } from './checkpoint';

type Ctx = StreamContext<EmailConfig, EmailClient>;

function imapSettings(ctx: Ctx): ImapConfig {
  if (!ctx.config.imap) throw new EmailError('EMAIL_INPUT_INVALID', 'imap: the connection has no IMAP settings');
  return ctx.config.imap;
}

function describe(imap: ImapConfig): string {
  return `${imap.user}@${imap.host}:${imap.port}`;
}

function imapError(imap: ImapConfig, what: string, error: unknown): EmailError {
  const e = error as { responseText?: string; authenticationFailed?: boolean; code?: string; message?: string };
  const detail = e.authenticationFailed ? 'authentication failed (check the user and app password)' : e.responseText ?? e.code ?? e.message ?? 'unknown error';
  return new EmailError('EMAIL_IMAP_FAILED', `IMAP ${describe(imap)}: ${what}: ${detail}`, { cause: error });
}

async function* syncFolder(ctx: Ctx, client: ImapFlow, folder: string, state: ImapCheckpoint): AsyncGenerator<StreamBatch<ImapCheckpoint>> {
  const imap = imapSettings(ctx);
  const lock = await client.getMailboxLock(folder).catch((error: unknown) => { throw imapError(imap, `open folder "${folder}"`, error); });
  try {
    const mailbox = client.mailbox;
    if (!mailbox) throw new EmailError('EMAIL_IMAP_FAILED', `IMAP ${describe(imap)}: folder "${folder}" did not open`);
    const uidValidity = String(mailbox.uidValidity);
    const previous = state.folders[folder];
    let lastUid = previous?.lastUid ?? 0;
    if (previous && previous.uidValidity !== uidValidity) {
      ctx.logger.warn({ folder, was: previous.uidValidity, now: uidValidity }, 'UIDVALIDITY changed: reading the folder again');
      lastUid = 0;
    }
    const uids = mailbox.exists === 0 ? [] : ((await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || []).filter((u) => u > lastUid).sort((a, b) => a - b);
    if (uids.length === 0) {
      if (!previous || previous.uidValidity !== uidValidity || previous.lastUid !== lastUid) {
        state.folders[folder] = { uidValidity, lastUid };
        yield { records: [], checkpoint: structuredClone(state) };
      }
      return;
    }
    for (let i = 0; i < uids.length; i += imap.batchSize) {
      if (ctx.signal.aborted) return;
      const chunk = uids.slice(i, i + imap.batchSize);
      const fetched: Array<{ uid: number; source: Buffer }> = [];
      for await (const message of client.fetch(chunk.join(','), { uid: true, source: true }, { uid: true })) {
        if (message.source) fetched.push({ uid: message.uid, source: message.source });
      }
      fetched.sort((a, b) => a.uid - b.uid);
      const records: CanonicalRecord[] = [];
      const rejects: Array<{ payload: unknown; error: Error }> = [];
      for (const { uid, source } of fetched) {
        try {
          records.push(...recordsOf(await intakeMessage(source, {
            connection: ctx.connection,
            threads: ctx.client.threads,
            ownAddresses: ctx.config.ownAddresses,
            fallbackDays: ctx.config.fallbackDays,
            now: ctx.now(),
          })));
        } catch (error) {
          rejects.push({ payload: { folder, uid, uidValidity, size: source.length }, error: error as Error });
        }
      }
      state.folders[folder] = { uidValidity, lastUid: chunk[chunk.length - 1]! };
      yield { records, checkpoint: structuredClone(state), ...(rejects.length > 0 ? { rejects } : {}) };
    }
  } finally {
    lock.release();
  }
}

function waitForNews(client: ImapFlow, signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('exists', done);
      client.off('close', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.on('exists', done);
    client.on('close', done);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Reads the configured IMAP folders from UID checkpoints. A changed UIDVALIDITY re-reads that folder from
 * the start (records are keyed by Message-ID, so re-reading is harmless). With `imap.idle` it then waits
 * with IDLE on the first folder (and re-checks all every `pollSeconds`) until the context is aborted.
 *
 * @example
 * for await (const batch of imapStream.read(ctx, savedCheckpoint)) await store(batch.records, batch.checkpoint);
 */
export const imapStream = defineStream<EmailConfig, EmailClient, ImapCheckpoint>({
  name: 'imap',
  description: 'Mail from IMAP folders: interactions, senders as parties, and cases for new threads',
  entities: ['interaction', 'party', 'case'],
  checkpoint: ImapCheckpointSchema,
  read: async function* readImap(ctx, checkpoint) {
    const imap = imapSettings(ctx);
    const state: ImapCheckpoint = structuredClone(checkpoint ?? { folders: {} });
    const client = ctx.client.openImap();
    client.on('error', (error: Error) => ctx.logger.warn({ err: error.message }, 'IMAP connection error'));
    await client.connect().catch((error: unknown) => { throw imapError(imap, 'connect', error); });
    try {
      for (;;) {
        for (const folder of imap.folders) yield* syncFolder(ctx, client, folder, state);
        if (!imap.idle || ctx.signal.aborted || !client.usable) break;
        // Keep the first folder selected so the server's IDLE reports new mail there at once.
        await client.mailboxOpen(imap.folders[0]!).catch((error: unknown) => { throw imapError(imap, `open folder "${imap.folders[0]}"`, error); });
        const news = waitForNews(client, ctx.signal, imap.pollSeconds * 1000);
        // Enter IDLE now rather than after imapflow's auto-idle delay; the next command ends it.
        void client.idle().catch(() => undefined);
        await news;
        if (ctx.signal.aborted || !client.usable) break;
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  },
});
