import { createReadStream } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { Identifier, IdentifierKind, PartyRecord, SourceRef } from '@silta/model';
import { IdentityError } from '../errors';

/** The canonical field names a CSV column can be mapped to. */
export const CANONICAL_FIELDS = [
  'given_name', 'family_name', 'full_name', 'email', 'phone', 'birth_date', 'street', 'street_number',
  'postcode', 'city', 'region', 'national_id', 'external_id',
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** How a CSV file maps to party records. */
export interface CsvMapping {
  /** The column holding each row's record id. */
  id: string;
  /** Canonical field → column name. */
  fields: Partial<Record<CanonicalField, string>>;
}

/**
 * Parses `--map` arguments (`field=column`) into a field map, rejecting unknown fields and duplicates.
 *
 * @example
 * parseFieldMap(['given_name=first', 'email=Sähköposti']); // { given_name: 'first', email: 'Sähköposti' }
 */
export function parseFieldMap(specs: readonly string[]): Partial<Record<CanonicalField, string>> {
  const out: Partial<Record<CanonicalField, string>> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) {
      throw new IdentityError('identity/bad-mapping', `--map "${spec}" must be written <field>=<column>`, { field: 'map' });
    }
    const field = spec.slice(0, eq).trim();
    const column = spec.slice(eq + 1).trim();
    if (!(CANONICAL_FIELDS as readonly string[]).includes(field)) {
      throw new IdentityError('identity/bad-mapping', `--map "${spec}": "${field}" is not a field; use one of ${CANONICAL_FIELDS.join(', ')}`, {
        field: 'map',
      });
    }
    if (out[field as CanonicalField] !== undefined) {
      throw new IdentityError('identity/bad-mapping', `--map: field "${field}" is mapped twice`, { field: 'map' });
    }
    out[field as CanonicalField] = column;
  }
  if (Object.keys(out).length === 0) {
    throw new IdentityError('identity/bad-mapping', 'at least one --map <field>=<column> is needed', { field: 'map' });
  }
  return out;
}

function connectionOf(file: string): string {
  return path.basename(file).replace(/[:\s]+/g, '_') || 'file';
}

function split(cell: string | undefined): string[] {
  if (cell === undefined) return [];
  return cell.split(/[;|]/).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Reads a CSV file (header row, cells trimmed — FEBRL writes a space after each comma) into party records
 * whose refs are `csv:<file name>:row:<id>`.
 *
 * @example
 * const records = await readPartyCsv('crm.csv', { id: 'id', fields: { email: 'email', full_name: 'name' } });
 */
export async function readPartyCsv(file: string, mapping: CsvMapping, updatedAt = new Date().toISOString()): Promise<PartyRecord[]> {
  try {
    await access(file, constants.R_OK);
  } catch (cause) {
    throw new IdentityError('identity/unreadable-file', `cannot read "${file}": ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, {
      field: 'file', cause,
    });
  }
  const connection = connectionOf(file);
  const parser = createReadStream(file).pipe(
    parse({ columns: true, trim: true, skip_empty_lines: true, bom: true, relax_column_count: true }),
  );
  const out: PartyRecord[] = [];
  let checked = false;
  let line = 1;
  try {
    for await (const row of parser as AsyncIterable<Record<string, string>>) {
      line++;
      if (!checked) {
        const columns = Object.keys(row);
        for (const [field, column] of [['--id', mapping.id], ...Object.entries(mapping.fields)] as Array<[string, string]>) {
          if (!columns.includes(column)) {
            throw new IdentityError('identity/missing-column',
              `${file}: column "${column}" (for ${field}) is not in the header; the columns are: ${columns.join(', ')}`, { field });
          }
        }
        checked = true;
      }
      const id = row[mapping.id];
      if (id === undefined || id === '') {
        throw new IdentityError('identity/missing-column', `${file} line ${line}: the id column "${mapping.id}" is empty`, { field: '--id' });
      }
      out.push(toParty(row, mapping, { system: 'csv', connection, type: 'row', id }, updatedAt));
    }
  } catch (error) {
    if (error instanceof IdentityError) throw error;
    throw new IdentityError('identity/unreadable-file', `${file}: ${(error as Error).message}`, { field: 'file', cause: error });
  }
  return out;
}

function toParty(row: Record<string, string>, mapping: CsvMapping, ref: SourceRef, updatedAt: string): PartyRecord {
  const get = (field: CanonicalField): string | undefined => {
    const column = mapping.fields[field];
    const v = column === undefined ? undefined : row[column];
    return v === undefined || v === '' ? undefined : v;
  };
  const identifiers: Identifier[] = [];
  const addIds = (field: CanonicalField, kind: IdentifierKind) => {
    for (const raw of split(get(field))) identifiers.push({ kind, value: raw, raw, source: ref });
  };
  addIds('email', 'email');
  addIds('phone', 'phone');
  addIds('national_id', 'national_id');
  addIds('external_id', 'external_id');
  const name: PartyRecord['name'] = {};
  const given = get('given_name');
  const family = get('family_name');
  const full = get('full_name');
  if (given !== undefined) name.given = given;
  if (family !== undefined) name.family = family;
  if (full !== undefined) name.full = full;
  const address: PartyRecord['addresses'][number] = {};
  const street = get('street');
  const number = get('street_number');
  const postcode = get('postcode');
  const city = get('city');
  const region = get('region');
  if (street !== undefined) address.street = street;
  if (number !== undefined) address.streetNumber = number;
  if (postcode !== undefined) address.postcode = postcode;
  if (city !== undefined) address.city = city;
  if (region !== undefined) address.region = region;
  const birthDate = get('birth_date');
  return {
    entity: 'party', ref, name, identifiers,
    addresses: Object.keys(address).length > 0 ? [address] : [],
    ...(birthDate !== undefined ? { birthDate } : {}),
    consents: [], updatedAt,
  };
}
