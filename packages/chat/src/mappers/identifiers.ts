import type { Identifier, SourceRef } from '@silta/model';
import type { Visitor } from '../schemas/request';

// Light normalisation only, as the other connectors do: @silta/identity turns phones into E.164 (default
// region FI) and applies the full email rules when it resolves people.
function normalisePhone(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  return trimmed.startsWith('+') && digits !== '' ? `+${digits}` : digits;
}

/**
 * The identifiers a visitor gave, each with its raw value: `email`, `phone`, `order_number`, and an
 * `external_id` `<partner>:<visitor id>` (label `partner_visitor_id`) so the same visitor links across chats.
 *
 * @example
 * visitorIdentifiers({ id: 'vis-1', email: 'A@Example.fi' }, 'asiakaspalvelu-ab', ref).map((i) => i.value);
 * // ['asiakaspalvelu-ab:vis-1', 'a@example.fi']
 */
export function visitorIdentifiers(visitor: Visitor, partnerId: string, source: SourceRef): Identifier[] {
  const out: Identifier[] = [
    { kind: 'external_id', value: `${partnerId}:${visitor.id}`, raw: visitor.id, label: 'partner_visitor_id', source },
  ];
  if (visitor.email) out.push({ kind: 'email', value: visitor.email.trim().toLowerCase(), raw: visitor.email, source });
  if (visitor.phone) {
    const value = normalisePhone(visitor.phone);
    if (value !== '') out.push({ kind: 'phone', value, raw: visitor.phone, source });
  }
  if (visitor.orderNumber) out.push({ kind: 'order_number', value: visitor.orderNumber.trim(), raw: visitor.orderNumber, source });
  return out;
}

/** Identifiers of both lists, the newer first, without two of the same kind and value. */
export function mergeIdentifiers(newer: readonly Identifier[], older: readonly Identifier[]): Identifier[] {
  const seen = new Set<string>();
  const out: Identifier[] = [];
  for (const id of [...newer, ...older]) {
    const key = `${id.kind}\u0000${id.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(id);
  }
  return out;
}
