import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { createResolver, IdentityError, parseFieldMap, readPartyCsv } from '@silta/identity';

/** Options of {@link runIdentityResolve}, as the command line gives them. */
export interface IdentityResolveOptions {
  files: string[];
  id: string;
  map: string[];
  out: string;
  explain?: string;
  /** Secret for hashing national ids; read from the environment by the command. */
  hashKey?: string;
  /** Where progress goes (stderr by the command). */
  progress?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** What a run did. */
export interface IdentityResolveSummary {
  records: number;
  persons: number;
  rejected: number;
  reviewPairs: number;
  out: string;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Resolves CSV files into persons and writes `record_id,person_id,source_file` (and, with `explain`, one JSON
 * line per person with its evidence). The function behind `silta identity resolve`.
 *
 * @example
 * await runIdentityResolve({ files: ['crm.csv', 'shop.csv'], id: 'id', map: ['email=email', 'full_name=name'], out: 'links.csv' });
 */
export async function runIdentityResolve(options: IdentityResolveOptions): Promise<IdentityResolveSummary> {
  if (options.files.length === 0) throw new IdentityError('identity/bad-mapping', 'give at least one CSV file', { field: 'files' });
  const fields = parseFieldMap(options.map);
  if (fields.national_id !== undefined && options.hashKey === undefined) {
    throw new IdentityError('identity/missing-hash-key', 'national_id is mapped: set SILTA_HASH_KEY so national ids are stored hashed', {
      field: 'national_id',
    });
  }
  const progress = options.progress ?? process.stderr;
  const records = [];
  const fileOf = new Map<string, string>();
  for (const file of options.files) {
    const rows = await readPartyCsv(file, { id: options.id, fields });
    for (const r of rows) fileOf.set(r.ref.connection, file);
    records.push(...rows);
  }
  const resolver = createResolver(options.hashKey === undefined ? {} : { hashKey: options.hashKey });
  const bar = progress.isTTY === true && records.length >= 10_000
    ? new cliProgress.SingleBar({ stream: progress, format: 'resolving [{bar}] {percentage}% {value}/{total} records' }, cliProgress.Presets.shades_classic)
    : undefined;
  bar?.start(records.length, 0);
  const result = await resolver.resolveBatch(records, {
    progressEvery: 10_000,
    onProgress: (done, total) => {
      if (bar !== undefined) bar.update(done);
      else if (total >= 10_000) progress.write(`${JSON.stringify({ event: 'progress', done, total })}\n`);
    },
  });
  bar?.stop();

  await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  const out = createWriteStream(options.out);
  out.write('record_id,person_id,source_file\n');
  const persons = new Set<string>();
  for (const [i, a] of result.assignments.entries()) {
    const rec = records[i]!;
    if (a.personId !== undefined) persons.add(a.personId);
    out.write(`${csvCell(rec.ref.id)},${csvCell(a.personId ?? '')},${csvCell(fileOf.get(rec.ref.connection) ?? rec.ref.connection)}\n`);
  }
  out.end();
  await finished(out);

  if (options.explain !== undefined) {
    const ex = createWriteStream(options.explain);
    for (const personId of persons) {
      const line = `${JSON.stringify(await resolver.explain(personId))}\n`;
      if (!ex.write(line)) await new Promise<void>((resolve) => ex.once('drain', () => resolve()));
    }
    for (const review of await resolver.reviewCandidates(100_000)) ex.write(`${JSON.stringify({ review })}\n`);
    ex.end();
    await finished(ex);
  }
  return { records: records.length, persons: persons.size, rejected: result.rejected.length, reviewPairs: result.reviewCount, out: options.out };
}

interface ResolveFlags {
  id: string;
  map: string[];
  out: string;
  explain?: string;
}

/**
 * `silta identity resolve <file.csv>... --id <column> --map <field>=<column>... --out <links.csv> [--explain <file.jsonl>]`.
 *
 * @example
 * silta identity resolve crm.csv shop.csv --id id --map email=email --map full_name=name --out links.csv
 */
export function registerIdentity(program: Command): void {
  const identity = program.command('identity').description('Link records of one person across systems');
  identity
    .command('resolve')
    .description('Resolve CSV files into persons; writes record_id,person_id,source_file')
    .argument('<files...>', 'CSV files with a header row')
    .requiredOption('--id <column>', 'the column holding each row\'s record id')
    .requiredOption(
      '--map <field=column...>',
      'map a field to a column; fields: given_name, family_name, full_name, email, phone, birth_date, street, street_number, postcode, city, region, national_id, external_id',
    )
    .requiredOption('--out <links.csv>', 'where to write the links')
    .option('--explain <file.jsonl>', 'also write each person\'s evidence, one JSON line per person')
    .action(async function identityResolveAction(files: string[], flags: ResolveFlags) {
      const summary = await runIdentityResolve({
        files, id: flags.id, map: flags.map, out: flags.out,
        ...(flags.explain !== undefined ? { explain: flags.explain } : {}),
        ...(process.env.SILTA_HASH_KEY ? { hashKey: process.env.SILTA_HASH_KEY } : {}),
      });
      process.stderr.write(
        `${summary.records} records → ${summary.persons} persons; ${summary.rejected} values rejected; ${summary.reviewPairs} pairs for review; wrote ${summary.out}\n`,
      );
    });
}
