import { silentLogger, type Logger } from '@silta/kit';
import type { CanonicalRecord, Interaction } from '@silta/model';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixture';
import { createEmailClient } from '../client';
import { EmailConfigSchema, type EmailConfig } from '../config';
import { startDovecot, type TestDovecot } from '../testing/dovecot';
import type { ImapCheckpoint } from './checkpoint';
import { imapStream } from './stream';

let dovecot: TestDovecot | undefined;
let admin: ImapFlow;

beforeAll(async () => {
  dovecot = await startDovecot();
  if (!dovecot) return;
  admin = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await admin.connect();
  await admin.mailboxCreate('Tuki');
}, 30_000);
afterAll(async () => {
  await admin?.logout().catch(() => undefined);
  await dovecot?.stop();
});

function configFor(overrides: Record<string, unknown> = {}): EmailConfig {
  return EmailConfigSchema.parse({
    imap: { host: dovecot!.host, port: dovecot!.port, secure: false, user: dovecot!.user, password: dovecot!.password, folders: ['INBOX', 'Tuki'], batchSize: 2, ...overrides },
    ownAddresses: ['tuki@yritys.example'],
  });
}

function contextFor(config: EmailConfig, signal = new AbortController().signal, logger: Logger = silentLogger) {
  return { config, client: createEmailClient(config), connection: 'yritys-oy', logger, signal, now: () => new Date('2026-11-22T10:00:00Z') };
}

async function drain(config: EmailConfig, checkpoint: ImapCheckpoint | undefined, logger?: Logger) {
  const batches = [];
  for await (const batch of imapStream.read(contextFor(config, undefined, logger), checkpoint)) batches.push(batch);
  return batches;
}

const interactions = (records: CanonicalRecord[]) => records.filter((r): r is Interaction => r.entity === 'interaction');

describe('imapStream against a real Dovecot', () => {
  it('reads appended mail in UID batches, checkpoints per folder and resumes after the last UID', async (test) => {
    if (!dovecot) return test.skip();
    await admin.append('INBOX', fixture('plain-utf8-qp.eml'));
    await admin.append('INBOX', fixture('reply-outlook-fi.eml'));
    await admin.append('INBOX', fixture('ooo-exchange-fi.eml'));
    await admin.append('Tuki', fixture('bounce-qmail.eml'));
    const config = configFor();

    const first = await drain(config, undefined);
    const records = first.flatMap((b) => b.records);
    expect(interactions(records).map((i) => i.ref.id)).toEqual([
      'CAFx9k2m=4471.anssi@mail.example.fi', 'HE1PR07MB4425.anssi.reply@eurprd07.prod.outlook.example', 'BN8PR11MB3601.ooo.marja@example.com',
      '20261121081451.12345.qmail@mail.pienyritys.example',
    ]);
    expect(records.filter((r) => r.entity === 'case')).toHaveLength(1);
    expect(first.map((b) => b.records.filter((r) => r.entity === 'interaction').length)).toEqual([2, 1, 1]);
    const checkpoint = first.at(-1)!.checkpoint;
    expect(checkpoint.folders.INBOX!.lastUid).toBe(3);
    expect(checkpoint.folders.Tuki!.lastUid).toBe(1);
    expect(imapStream.checkpoint.parse(checkpoint)).toEqual(checkpoint);

    await admin.append('INBOX', fixture('reply-gmail-fi.eml'));
    const second = await drain(config, checkpoint);
    expect(interactions(second.flatMap((b) => b.records)).map((i) => i.ref.id)).toEqual(['CAH-tiina-reply-2@mail.gmail.example']);
    expect(second.at(-1)!.checkpoint.folders.INBOX!.lastUid).toBe(4);

    expect(interactions((await drain(config, second.at(-1)!.checkpoint)).flatMap((b) => b.records))).toEqual([]);
  });

  it('re-reads a folder whose UIDVALIDITY changed (the mailbox was recreated)', async (test) => {
    if (!dovecot) return test.skip();
    const config = configFor({ folders: ['Tuki'] });
    const before = await drain(config, undefined);
    const checkpoint = before.at(-1)!.checkpoint;
    const oldValidity = checkpoint.folders.Tuki!.uidValidity;

    await admin.mailboxDelete('Tuki');
    await admin.mailboxCreate('Tuki');
    await admin.append('Tuki', fixture('html-only-base64.eml'));
    await admin.append('Tuki', fixture('mailing-list.eml'));

    const warnings: Array<Record<string, unknown>> = [];
    const logger: Logger = { ...silentLogger, warn: (obj: object) => { warnings.push(obj as Record<string, unknown>); }, child: () => logger };
    const after = await drain(config, checkpoint, logger);
    const cp = after.at(-1)!.checkpoint.folders.Tuki!;
    expect(cp.uidValidity).not.toBe(oldValidity);
    expect(cp.lastUid).toBe(2);
    // UID 1 in the new mailbox is below the old lastUid, yet it is read: the folder was resynced.
    expect(interactions(after.flatMap((b) => b.records)).map((i) => i.ref.id)).toEqual(['CAH-tiina-90311@mail.gmail.example', 'newsletter-2026-11@lists.kauppaliitto.example']);
    expect(warnings).toContainEqual(expect.objectContaining({ folder: 'Tuki', was: oldValidity, now: cp.uidValidity }));
  });

  it('waits with IDLE and yields new mail as it arrives', async (test) => {
    if (!dovecot) return test.skip();
    const config = configFor({ folders: ['INBOX'], idle: true, pollSeconds: 30 });
    const start = (await drain(configFor({ folders: ['INBOX'] }), undefined)).at(-1)!.checkpoint;
    const abort = new AbortController();
    const iterator = imapStream.read(contextFor(config, abort.signal), start)[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((r) => setTimeout(r, 500));
    await admin.append('INBOX', fixture('ticket-token-new-thread.eml'));
    const result = await next;
    expect(result.done).toBe(false);
    expect(interactions(result.done ? [] : result.value.records).map((i) => i.ref.id)).toEqual(['new-client.1234@example.fi']);
    abort.abort();
    await iterator.return?.(undefined);
  });

  it('fails with a typed error naming a folder that does not exist', async (test) => {
    if (!dovecot) return test.skip();
    const error = await drain(configFor({ folders: ['Puuttuva kansio'] }), undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EMAIL_IMAP_FAILED', message: expect.stringContaining('open folder "Puuttuva kansio"') });
  });

  it('names host, port and user but never the password when login fails', async (test) => {
    if (!dovecot) return test.skip();
    const config = configFor({ password: 'wrong-secret-xyz' });
    // Dovecot's static passdb accepts only its own password.
    const error = await drain(config, undefined).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EMAIL_IMAP_FAILED' });
    expect((error as Error).message).toContain(`asiakaspalvelu@127.0.0.1:${dovecot.port}`);
    expect((error as Error).message).not.toContain('wrong-secret-xyz');
  });
});
