import { formatSourceRef, parseSourceRef, type CanonicalRecord, type Channel, type Direction, type Identifier, type PartyRecord, type PersonName, type SourceRef } from '@silta/model';
import { partiesOf, type IdentityLookup } from '../context/reader';
import type { SiltaStore } from '../store/types';
import { TimelineError } from './errors';
import { findPartiesByIdentifier, normaliseLookup, type PersonLookup } from './lookup';

/** One line of a person's history. */
export interface TimelineEntry {
  at: string;
  /** What kind of record it is: an interaction, a case being opened, an order, an invoice, a survey answer. */
  kind: 'interaction' | 'case' | 'order' | 'invoice' | 'survey_response';
  channel: Channel;
  direction: Direction;
  /** The system it was synced from (`freshdesk`, `webshop`, …). */
  system: string;
  subject?: string;
  snippet?: string;
  ref: SourceRef;
  caseRef?: SourceRef;
}

/** A person's history across every synced system, newest first. */
export interface Timeline {
  person: { id: string; name: PersonName; identifiers: Identifier[] };
  /** The party records the history was collected for. */
  parties: SourceRef[];
  entries: TimelineEntry[];
  /** True when there was more history than `limit`. */
  truncated: boolean;
}

/** Options for {@link buildTimeline}. */
export interface BuildTimelineOptions {
  /** Most entries to return (default 50). */
  limit?: number;
  /** The identity graph, so the history spans every party record of the person (default: the store's own). */
  identity?: IdentityLookup;
}

type TimelineStore = Pick<SiltaStore, 'getRecord' | 'listRecordsByParty' | 'listRecords'> & { readonly identity?: IdentityLookup };

/**
 * One person's history across every synced system, newest first: interactions in every channel, cases
 * opened, orders, invoices and survey answers. Find the person by email, phone (any format; Finnish numbers
 * without a country code are read as +358) or person id (an identity person id, or a party's source ref).
 *
 * @example
 * const t = await buildTimeline(store, { email: 'anssi.makela@example.fi' }, { limit: 20 });
 * for (const e of t.entries) console.log(e.at, e.channel, e.system, e.subject);
 */
export async function buildTimeline(store: TimelineStore, query: PersonLookup, options: BuildTimelineOptions = {}): Promise<Timeline> {
  const limit = options.limit ?? 50;
  const lookup = normaliseLookup(query);
  const identity = options.identity ?? store.identity;
  let personId: string | undefined;
  let refs: SourceRef[] = [];
  if (lookup.kind === 'personId') {
    const members = identity ? await identity.recordsOfPerson(lookup.value) : [];
    if (members.length) {
      personId = lookup.value;
      refs = members.map((m) => m.ref);
    } else if (lookup.value.split(':').length >= 4) {
      refs = [parseSourceRef(lookup.value)];
      personId = (await identity?.getRecord(lookup.value))?.personId;
      if (personId && identity) refs = (await identity.recordsOfPerson(personId)).map((m) => m.ref);
    }
  } else if (identity) {
    const hits = await identity.recordsByIdentifier(lookup.kind, lookup.value);
    const ids = [...new Set(hits.map((h) => h.personId))];
    personId = ids.length === 1 ? ids[0] : undefined;
    for (const id of ids) refs.push(...(await identity.recordsOfPerson(id)).map((m) => m.ref));
  }
  if (refs.length === 0 && lookup.kind !== 'personId') {
    refs = (await findPartiesByIdentifier(store, lookup.kind, lookup.value)).map((p) => p.ref);
  }
  const parties = await partiesOf(store, refs);
  if (parties.length === 0) {
    throw new TimelineError('TIMELINE_PERSON_NOT_FOUND', `no person with ${lookup.kind === 'personId' ? 'id' : lookup.kind} ${lookup.value} in ${describeStore(store)}`);
  }
  const records = await store.listRecordsByParty(parties.map((p) => p.ref), { limit: 10_000 });
  const entries = records.flatMap((r) => (r.deleted ? [] : toEntries(r.record))).sort(newestFirst);
  return {
    person: { id: personId ?? formatSourceRef(parties[0]!.ref), name: bestName(parties), identifiers: identifiersOf(parties) },
    parties: parties.map((p) => p.ref),
    entries: entries.slice(0, limit),
    truncated: entries.length > limit,
  };
}

function toEntries(record: CanonicalRecord): TimelineEntry[] {
  const base = { ref: record.ref, system: record.ref.system };
  switch (record.entity) {
    case 'interaction':
      return [{
        ...base, kind: 'interaction', at: record.at, channel: record.channel, direction: record.direction,
        ...(record.subject ? { subject: record.subject } : {}), ...(record.text ? { snippet: record.text } : {}),
        ...(record.caseRef ? { caseRef: record.caseRef } : {}),
      }];
    case 'case':
      return [{ ...base, kind: 'case', at: record.createdAt, channel: record.channel, direction: 'inbound', subject: `Case opened: ${record.subject}`, snippet: `status ${record.status}${record.team ? `, team ${record.team}` : ''}`, caseRef: record.ref }];
    case 'order':
      return [{ ...base, kind: 'order', at: record.placedAt, channel: 'webshop', direction: 'inbound', subject: `Order ${record.number}`, snippet: `${record.status}, ${record.total.amount} ${record.total.currency}` }];
    case 'invoice':
      return [{ ...base, kind: 'invoice', at: record.issuedAt, channel: 'other', direction: 'outbound', subject: `Invoice ${record.number}`, snippet: `${record.status}, ${record.amountDue.amount} ${record.amountDue.currency} due ${record.dueAt.slice(0, 10)}` }];
    case 'survey_response':
      return [{
        ...base, kind: 'survey_response', at: record.at, channel: 'survey', direction: 'inbound', subject: `${record.kind.toUpperCase()} ${record.score} (${record.scale.min}…${record.scale.max})`,
        ...(record.comment ? { snippet: record.comment } : {}), ...(record.caseRef ? { caseRef: record.caseRef } : {}),
      }];
    default:
      return [];
  }
}

function newestFirst(a: TimelineEntry, b: TimelineEntry): number {
  return Date.parse(b.at) - Date.parse(a.at) || formatSourceRef(b.ref).localeCompare(formatSourceRef(a.ref));
}

function bestName(parties: PartyRecord[]): PersonName {
  const named = [...parties].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).find((p) => p.name.full || p.name.given || p.name.family);
  return named ? { ...named.name } : {};
}

function identifiersOf(parties: PartyRecord[]): Identifier[] {
  const seen = new Set<string>();
  const out: Identifier[] = [];
  for (const p of parties) {
    for (const id of p.identifiers) {
      // National ids stay out of a history that is printed to terminals and piped to files.
      if (id.kind === 'national_id' || seen.has(`${id.kind}:${id.value}`)) continue;
      seen.add(`${id.kind}:${id.value}`);
      out.push(id);
    }
  }
  return out;
}

function describeStore(store: TimelineStore): string {
  const location = (store as { location?: unknown }).location;
  return typeof location === 'string' ? location : 'the store';
}
