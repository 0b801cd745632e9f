import { formatSourceRef, type CanonicalRecord, type Case, type ContextPacket, type Interaction, type SourceRef } from '@silta/model';
import type { ContextPart, PacketDraft, ResolvedPerson, RuleReader } from '../rules/types';
import { withoutRaw } from './strip';

/** What `buildContextPacket` needs: the record a rule fired on, the parts to build and where to read. */
export interface BuildPacketOptions {
  record: CanonicalRecord;
  parts: readonly ContextPart[];
  reader: RuleReader;
  /** The packet's `reason`, usually the rule's. */
  reason: string;
  /** The rule's name and target team, to record a handoff on the case. */
  handoff?: { rule: string; toTeam: string; id: string };
}

/** A built packet with the case and interaction it was built around. */
export interface BuiltPacket {
  packet: ContextPacket;
  case: Case | undefined;
  interaction: Interaction | undefined;
  person: ResolvedPerson | undefined;
}

/**
 * Builds the context packet a receiving team gets: the person (through identity resolution of the record's
 * party, or the party record alone), the case, and whatever the parts add (timeline, open cases, …).
 *
 * @example
 * const { packet } = await buildContextPacket({ record: ticket, parts: [person(), timeline({ days: 90 })],
 *   reader, reason: 'Invoice question' });
 */
export async function buildContextPacket(options: BuildPacketOptions): Promise<BuiltPacket> {
  const { record, reader } = options;
  const interaction = record.entity === 'interaction' ? record : undefined;
  let theCase: Case | undefined = record.entity === 'case' ? record : undefined;
  if (!theCase && interaction?.caseRef) {
    const found = await reader.getRecord(interaction.caseRef);
    if (found?.entity === 'case') theCase = found;
  }
  const partyRef = partyRefOf(record) ?? (theCase ? theCase.partyRef : undefined);
  const resolved = partyRef ? await resolve(partyRef, reader) : undefined;
  const refs = resolved?.parties.map((p) => p.ref) ?? (partyRef ? [partyRef] : []);
  const related = refs.length ? await reader.listRecordsByParty(refs) : [];
  const now = reader.now().toISOString();
  const packet: ContextPacket = {
    person: { id: resolved?.id ?? (partyRef ? formatSourceRef(partyRef) : 'unknown'), name: {}, identifiers: [] },
    reason: options.reason,
    ...(theCase ? { case: withoutRaw(theCase) } : {}),
    ...(theCase && options.handoff
      ? { handoff: { id: options.handoff.id, rule: options.handoff.rule, reason: options.reason, toTeam: options.handoff.toTeam, caseRef: theCase.ref, at: now, ...(theCase.team ? { fromTeam: theCase.team } : {}) } }
      : {}),
    timeline: [],
    orders: [],
    invoices: [],
    openCases: [],
    links: theCase ? [{ label: `${theCase.ref.system} ${theCase.ref.type} ${theCase.ref.id}`, ref: theCase.ref }] : [],
    generatedAt: now,
  };
  const draft: PacketDraft = { packet, person: resolved, subject: record, related };
  for (const part of options.parts) await part.apply(draft, reader);
  return { packet, case: theCase, interaction, person: resolved };
}

function partyRefOf(record: CanonicalRecord): SourceRef | undefined {
  if (record.entity === 'party') return record.ref;
  return 'partyRef' in record ? record.partyRef : undefined;
}

async function resolve(partyRef: SourceRef, reader: RuleReader): Promise<ResolvedPerson | undefined> {
  const person = await reader.resolvePerson(partyRef);
  if (person) return person;
  // Without an identity graph the party record alone stands for the person.
  const party = await reader.getRecord(partyRef);
  return party?.entity === 'party' ? { id: formatSourceRef(partyRef), parties: [party] } : undefined;
}
