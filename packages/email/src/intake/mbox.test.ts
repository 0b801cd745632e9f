import { Readable } from 'node:stream';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixture';
import { EmailError } from '../errors';
import { parseMessage } from '../parse';
import { readMbox, splitMbox, toMbox } from './mbox';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('mbox splitting', () => {
  it('splits on From_ lines, restores >From body lines and keeps 8-bit bytes, across chunk borders', async () => {
    const body = 'From: a@example.fi\nSubject: Eka\nMessage-ID: <m1@example.fi>\n\nFrom the start of this line it is body text.\n>From quoted\n';
    const mbox = Buffer.concat([
      Buffer.from(`From a@example.fi Mon Nov 16 09:00:00 2026\n${body.replace('\nFrom the', '\n>From the').replace('>From quoted', '>>From quoted')}\n`),
      Buffer.from('From b@example.fi Tue Nov 17 10:00:00 2026\n'),
      fixture('raw-8bit-headers-latin1.eml'),
      Buffer.from('\n'),
    ]);
    const chunks = Array.from({ length: Math.ceil(mbox.length / 7) }, (_, i) => mbox.subarray(i * 7, i * 7 + 7));
    const messages = await all(splitMbox(Readable.from(chunks)));
    expect(messages.map((m) => m.index)).toEqual([0, 1]);
    expect(messages[0]!.source.toString()).toBe(body);
    expect(messages[1]!.offset).toBe(mbox.indexOf('From b@example.fi'));
    expect((await parseMessage(messages[1]!.source)).subject).toBe('Tilaus 77120 – pyyntö peruutuksesta');
  });

  it('does not split on a "From " line inside a paragraph', async () => {
    const mbox = 'From a@example.fi Mon Nov 16 09:00:00 2026\nSubject: x\n\nline one\nFrom me to you, thanks\n';
    expect(await all(splitMbox(Readable.from([mbox])))).toHaveLength(1);
  });

  it('round-trips what toMbox writes', async () => {
    const sources = [fixture('plain-utf8-qp.eml'), fixture('bounce-exim.eml'), fixture('windows-1252-base64.eml')];
    const dir = await mkdtemp(join(tmpdir(), 'silta-mbox-'));
    await writeFile(join(dir, 'export.mbox'), toMbox(sources.map((source) => ({ source, sender: 'x@example.fi', date: new Date('2026-11-16T09:00:00Z') }))));
    const messages = await all(readMbox(join(dir, 'export.mbox')));
    const subjects = await Promise.all(messages.map(async (m) => (await parseMessage(m.source)).subject));
    expect(subjects).toEqual(['Kysymys laskusta 4471 – eräpäivä', 'Mail delivery failed: returning message to sender', 'Käsittelymaksu laskulla 5120']);
  });

  it('rejects a file that does not start with a From_ line, and a missing file, with typed errors', async () => {
    await expect(all(splitMbox(Readable.from(['Subject: not an mbox\n\nx\n'])))).rejects.toMatchObject({ code: 'EMAIL_MBOX_INVALID' });
    await expect(all(readMbox('/nonexistent/export.mbox'))).rejects.toBeInstanceOf(EmailError);
  });
});
