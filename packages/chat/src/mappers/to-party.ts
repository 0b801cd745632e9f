import type { PartyRecord, SourceRef } from '@silta/model';
import type { Visitor } from '../schemas/request';
import { mergeIdentifiers, visitorIdentifiers } from './identifiers';
import { earliest, latest } from './time';

/**
 * Maps the visitor of a push to a `PartyRecord`, merged with what Silta already holds for that visitor:
 * identifiers given in earlier chats are kept, a name or language given now replaces the old one.
 * `seenAt` is the latest time in the push (the record's version time).
 *
 * @example
 * const party = visitorToParty(push.visitor, { partnerId: 'asiakaspalvelu-ab', ref, seenAt, firstSeenAt });
 */
export function visitorToParty(
  visitor: Visitor,
  ctx: { partnerId: string; ref: SourceRef; seenAt: string; firstSeenAt: string; existing?: PartyRecord | undefined },
): PartyRecord {
  const old = ctx.existing;
  const party: PartyRecord = {
    entity: 'party',
    ref: ctx.ref,
    name: visitor.name ? { full: visitor.name.trim() } : old?.name ?? {},
    identifiers: mergeIdentifiers(visitorIdentifiers(visitor, ctx.partnerId, ctx.ref), old?.identifiers ?? []),
    addresses: old?.addresses ?? [],
    consents: old?.consents ?? [],
    createdAt: earliest(old?.createdAt, ctx.firstSeenAt) ?? ctx.firstSeenAt,
    updatedAt: latest(old?.updatedAt, ctx.seenAt) ?? ctx.seenAt,
    raw: visitor,
  };
  const language = visitor.language ?? old?.language;
  if (language) party.language = language;
  return party;
}
