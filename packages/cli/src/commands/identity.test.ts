import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerIdentity, runIdentityResolve } from './identity';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'silta-identity-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const quiet = new Writable({ write: (_c, _e, cb) => cb() });

async function files() {
  const crm = path.join(dir, 'crm.csv');
  const shop = path.join(dir, 'shop.csv');
  await writeFile(crm, 'id,name,mail,puhelin\n1,Matti Virtanen,matti.virtanen@yritys.fi,040 123 4567\n2,Liisa Virtanen,info@yritys.fi,040 123 4567\n');
  // FEBRL style: a space after every comma.
  await writeFile(shop, 'cid, given, family, email\nS9, Matti, Virtanen, MATTI.VIRTANEN@yritys.fi\nS10, Liisa, Virtanen, info@yritys.fi\n');
  return { crm, shop };
}

describe('silta identity resolve', () => {
  it('writes record_id,person_id,source_file linking the same person across files', async () => {
    const { crm, shop } = await files();
    const out = path.join(dir, 'out', 'links.csv');
    const explain = path.join(dir, 'explain.jsonl');
    const program = new Command('silta').exitOverride();
    registerIdentity(program);
    await runIdentityResolve({ files: [crm], id: 'id', map: ['full_name=name', 'email=mail', 'phone=puhelin'], out, explain, progress: quiet });
    const single = (await readFile(out, 'utf8')).trim().split('\n');
    expect(single[0]).toBe('record_id,person_id,source_file');
    // The shared family phone and the info@ mailbox do not make Matti and Liisa one person.
    const [, m, l] = single.map((line) => line.split(','));
    expect(m![1]).not.toBe(l![1]);

    const summary = await runIdentityResolve({
      files: [crm, shop], id: 'id', map: ['full_name=name', 'email=mail'], out, explain, progress: quiet,
    }).catch((e: unknown) => e);
    // shop.csv has no "id" column: the error names the file and the column.
    expect(summary).toMatchObject({ code: 'identity/missing-column' });
    expect((summary as Error).message).toContain('shop.csv');
    expect((summary as Error).message).toContain('"id"');
  });

  it('links across files when each file is given its own mapping through the same canonical fields', async () => {
    const { shop } = await files();
    const crm2 = path.join(dir, 'crm2.csv');
    await writeFile(crm2, 'cid, given, family, email\nC1, Matti, Virtanen, matti.virtanen@yritys.fi\nC2, Pekka, Laine, pekka@laine.fi\n');
    const out = path.join(dir, 'links.csv');
    const explain = path.join(dir, 'explain.jsonl');
    const result = await runIdentityResolve({
      files: [crm2, shop], id: 'cid', map: ['given_name=given', 'family_name=family', 'email=email'], out, explain, progress: quiet,
    });
    expect(result).toMatchObject({ records: 4, persons: 3 });
    const rows = (await readFile(out, 'utf8')).trim().split('\n').slice(1).map((l) => l.split(','));
    const person = (id: string) => rows.find((r) => r[0] === id)![1];
    expect(person('C1')).toBe(person('S9'));
    expect(person('C2')).not.toBe(person('C1'));
    expect(rows.find((r) => r[0] === 'S9')![2]).toBe(shop);
    const lines = (await readFile(explain, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { personId?: string; records?: unknown[] });
    expect(lines.find((l) => l.personId === person('C1'))!.records).toHaveLength(2);
  });

  it('reports a bad mapping and an unreadable file clearly', async () => {
    const out = path.join(dir, 'links.csv');
    await expect(runIdentityResolve({ files: [path.join(dir, 'nope.csv')], id: 'id', map: ['email=mail'], out, progress: quiet }))
      .rejects.toMatchObject({ code: 'identity/unreadable-file' });
    await expect(runIdentityResolve({ files: ['x.csv'], id: 'id', map: ['emial=mail'], out, progress: quiet }))
      .rejects.toThrow(/"emial" is not a field/);
    await expect(runIdentityResolve({ files: ['x.csv'], id: 'id', map: ['email'], out, progress: quiet }))
      .rejects.toMatchObject({ code: 'identity/bad-mapping' });
  });

  it('is registered as a command taking files, --id, repeated --map and --out', async () => {
    const { crm } = await files();
    const out = path.join(dir, 'cmd.csv');
    const program = new Command('silta').exitOverride();
    registerIdentity(program);
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      await program.parseAsync(['node', 'silta', 'identity', 'resolve', crm, '--id', 'id', '--map', 'full_name=name', 'email=mail', '--out', out]);
    } finally {
      process.stderr.write = stderr;
    }
    expect((await readFile(out, 'utf8')).split('\n')[0]).toBe('record_id,person_id,source_file');
  });
});
