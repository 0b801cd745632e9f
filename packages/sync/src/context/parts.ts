import type { Case, IdentifierKind, Interaction, Invoice, Order } from '@silta/model';
import type { ContextPart } from '../rules/types';
import { withoutRaw } from './strip';

const DAY_MS = 86_400_000;

/**
 * Puts the person in the packet: their name and the identifiers the receiving team may see (email and
 * phone by default; national ids stay out unless named).
 *
 * @example
 * person({ identifiers: ['email', 'phone', 'customer_number'] })
 */
export function person(options: { identifiers?: IdentifierKind[] } = {}): ContextPart {
  const kinds = new Set<IdentifierKind>(options.identifiers ?? ['email', 'phone']);
  return {
    name: 'person',
    apply: function applyPerson(draft) {
      const parties = draft.person?.parties ?? [];
      const newestFirst = [...parties].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      const named = newestFirst.find((p) => p.name.full || p.name.given || p.name.family);
      if (named) draft.packet.person.name = { ...named.name };
      const seen = new Set<string>();
      draft.packet.person.identifiers = [];
      for (const party of newestFirst) {
        for (const id of party.identifiers) {
          const key = `${id.kind}:${id.value}`;
          if (!kinds.has(id.kind) || seen.has(key)) continue;
          seen.add(key);
          draft.packet.person.identifiers.push(id);
        }
        draft.packet.links.push({ label: `${party.ref.system} ${party.ref.type} ${party.ref.id}`, ref: party.ref });
      }
    },
  };
}

/**
 * Adds the person's recent interactions across every synced channel, newest first.
 *
 * @example
 * timeline({ days: 90, limit: 20 })
 */
export function timeline(options: { days?: number; limit?: number; includeAutomated?: boolean } = {}): ContextPart {
  const days = options.days ?? 90;
  const limit = options.limit ?? 20;
  return {
    name: 'timeline',
    apply: function applyTimeline(draft, reader) {
      const since = reader.now().getTime() - days * DAY_MS;
      const items = draft.related
        .filter((r): r is Interaction => r.entity === 'interaction')
        .filter((i) => !i.deleted && (options.includeAutomated || !i.automated) && Date.parse(i.at) >= since)
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
        .slice(0, limit);
      draft.packet.timeline = items.map(withoutRaw);
    },
  };
}

/**
 * Adds the person's other open or pending cases, in any system.
 *
 * @example
 * openCases({ limit: 10 })
 */
export function openCases(options: { limit?: number } = {}): ContextPart {
  return {
    name: 'openCases',
    apply: function applyOpenCases(draft) {
      const self = draft.packet.case?.ref;
      const cases = draft.related
        .filter((r): r is Case => r.entity === 'case')
        .filter((c) => !c.deleted && (c.status === 'open' || c.status === 'pending'))
        .filter((c) => !self || formatKey(c.ref) !== formatKey(self))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .slice(0, options.limit ?? 10);
      draft.packet.openCases = cases.map(withoutRaw);
      for (const c of cases) draft.packet.links.push({ label: `${c.ref.system} case ${c.ref.id}`, ref: c.ref });
    },
  };
}

/**
 * Adds the person's most recent webshop orders.
 *
 * @example
 * orders({ limit: 5 })
 */
export function orders(options: { limit?: number } = {}): ContextPart {
  return {
    name: 'orders',
    apply: function applyOrders(draft) {
      const list = draft.related
        .filter((r): r is Order => r.entity === 'order')
        .sort((a, b) => b.placedAt.localeCompare(a.placedAt))
        .slice(0, options.limit ?? 5);
      draft.packet.orders = list.map(withoutRaw);
      for (const o of list) draft.packet.links.push({ label: `order ${o.number}`, ref: o.ref });
    },
  };
}

/**
 * Adds the person's invoices, unpaid ones first, then the most recent.
 *
 * @example
 * invoices({ limit: 5 })
 */
export function invoices(options: { limit?: number } = {}): ContextPart {
  const unpaid = new Set<Invoice['status']>(['open', 'overdue']);
  return {
    name: 'invoices',
    apply: function applyInvoices(draft) {
      const list = draft.related
        .filter((r): r is Invoice => r.entity === 'invoice')
        .sort((a, b) => Number(unpaid.has(b.status)) - Number(unpaid.has(a.status)) || b.issuedAt.localeCompare(a.issuedAt))
        .slice(0, options.limit ?? 5);
      draft.packet.invoices = list.map(withoutRaw);
      for (const i of list) draft.packet.links.push({ label: `invoice ${i.number}`, ref: i.ref });
    },
  };
}

function formatKey(ref: { system: string; connection: string; type: string; id: string }): string {
  return `${ref.system}:${ref.connection}:${ref.type}:${ref.id}`;
}
