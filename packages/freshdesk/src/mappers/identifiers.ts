import type { Identifier, IdentifierKind, SourceRef } from '@silta/model';

/**
 * Simple email normalisation: trimmed and lower-cased. Full normalisation is `@silta/identity`'s job.
 *
 * @example
 * normaliseEmail('  Anssi.Makela@Example.FI '); // 'anssi.makela@example.fi'
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * Simple phone normalisation: digits only, keeping a leading `+`. No country logic here: `040 123 4567`
 * stays `0401234567`; `@silta/identity` turns it into E.164 later.
 *
 * @example
 * normalisePhone('+358 (40) 123-4567'); // '+358401234567'
 */
export function normalisePhone(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') && digits !== '' ? `+${digits}` : digits;
}

/**
 * A social handle in Silta's `network:@handle` form, from a handle written with or without `@`.
 *
 * @example
 * socialHandle('twitter', '@MattiMeik'); // 'twitter:@mattimeik'
 */
export function socialHandle(network: string, raw: string): string {
  const handle = raw.trim().replace(/^@+/, '').toLowerCase();
  return handle === '' ? '' : `${network}:@${handle}`;
}

/** Collects identifiers for one party, skipping empty values and duplicates of the same kind and value. */
export class IdentifierList {
  readonly #items: Identifier[] = [];
  readonly #seen = new Set<string>();
  constructor(private readonly source: SourceRef) {}

  /** Adds one identifier when `value` is not empty and not already there. */
  add(kind: IdentifierKind, value: string, raw: string, label?: string): void {
    if (value === '') return;
    const key = `${kind}\u0000${value}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#items.push(label === undefined ? { kind, value, raw, source: this.source } : { kind, value, raw, label, source: this.source });
  }

  email(raw: string | null | undefined, label?: string): void {
    if (raw === null || raw === undefined) return;
    this.add('email', normaliseEmail(raw), raw, label);
  }

  phone(raw: string | number | null | undefined, label: string): void {
    if (raw === null || raw === undefined) return;
    const text = String(raw);
    this.add('phone', normalisePhone(text), text, label);
  }

  social(network: string, raw: string | number | null | undefined): void {
    if (raw === null || raw === undefined) return;
    const text = String(raw);
    this.add('social', socialHandle(network, text), text, network);
  }

  externalId(raw: string | null | undefined, label: string): void {
    if (raw === null || raw === undefined) return;
    this.add('external_id', raw.trim(), raw, label);
  }

  toArray(): Identifier[] {
    return [...this.#items];
  }
}
