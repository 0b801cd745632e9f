import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@silta/kit';
import type { Case, CanonicalRecord, Interaction } from '@silta/model';
import { describe, expect, it } from 'vitest';
import { FIXTURES, fixture } from '../../test/fixture';
import { createEmailClient } from '../client';
import { EmailConfigSchema } from '../config';
import { fileStream, type FileCheckpoint } from './file-stream';
import { toMbox } from './mbox';

async function run(files: { path: string; format: 'eml-folder' | 'mbox' }, checkpoint?: FileCheckpoint) {
  const config = EmailConfigSchema.parse({ files, ownAddresses: ['tuki@yritys.example'] });
  const ctx = { config, client: createEmailClient(config), connection: 'yritys-oy', logger: silentLogger, signal: new AbortController().signal, now: () => new Date('2026-11-22T00:00:00Z') };
  const batches = [];
  for await (const b of fileStream.read(ctx, checkpoint)) batches.push(b);
  return batches;
}

const of = <E extends CanonicalRecord['entity']>(records: CanonicalRecord[], entity: E) =>
  records.filter((r) => r.entity === entity) as Array<Extract<CanonicalRecord, { entity: E }>>;

describe('fileStream', () => {
  it('takes in the whole fixture folder: cases only for new customer threads, never for automated mail', async () => {
    const batches = await run({ path: FIXTURES, format: 'eml-folder' });
    const records = batches.flatMap((b) => b.records);
    const interactions = of(records, 'interaction') as Interaction[];
    const cases = of(records, 'case') as Case[];
    expect(interactions).toHaveLength(36);
    expect(batches.at(-1)).toMatchObject({ complete: true, checkpoint: { lastName: 'windows-1252-base64.eml', taken: 36 } });
    const automatedIds = new Set(interactions.filter((i) => i.automated).map((i) => i.ref.id));
    for (const c of cases) expect(automatedIds.has(c.ref.id)).toBe(false);
    expect(cases.map((c) => c.subject)).toContain('Kysymys laskusta 4471 – eräpäivä');
    expect(cases.map((c) => c.subject)).not.toContain('Marraskuun uutiskirje: verkkokaupan kuluttajansuoja 2027');
    // The Outlook reply joins the thread its References point at instead of opening a case.
    const reply = interactions.find((i) => i.ref.id === 'HE1PR07MB4425.anssi.reply@eurprd07.prod.outlook.example');
    expect(reply?.caseRef?.id).toBe('CAFx9k2m=4471.anssi@mail.example.fi');
  });

  it('resumes a folder after the last file taken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'silta-eml-'));
    await cp(join(FIXTURES, 'plain-utf8-qp.eml'), join(dir, '001.eml'));
    const first = await run({ path: dir, format: 'eml-folder' });
    await cp(join(FIXTURES, 'reply-gmail-fi.eml'), join(dir, '002.eml'));
    const second = await run({ path: dir, format: 'eml-folder' }, first.at(-1)!.checkpoint);
    expect(of(second.flatMap((b) => b.records), 'interaction').map((i) => i.ref.id)).toEqual(['CAH-tiina-reply-2@mail.gmail.example']);
    expect(second.at(-1)!.complete).toBeUndefined();
  });

  it('takes in an mbox export, marking the bounce automated', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'silta-mbox-'));
    const mbox = join(dir, 'export.mbox');
    await writeFile(mbox, toMbox([{ source: fixture('plain-utf8-qp.eml') }, { source: fixture('bounce-exim.eml') }]));
    const batches = await run({ path: mbox, format: 'mbox' });
    const interactions = of(batches.flatMap((b) => b.records), 'interaction');
    expect(interactions.map((i) => [i.ref.id, i.automated])).toEqual([['CAFx9k2m=4471.anssi@mail.example.fi', false], ['E1vXyZ1-0004aB-Qm@mail.hosting.example', true]]);
    expect(batches.at(-1)!.checkpoint.taken).toBe(2);
  });
});
