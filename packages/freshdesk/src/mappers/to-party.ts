import type { PartyRecord } from '@silta/model';
import type { Contact } from '../schemas/contact';
import type { TicketRequester } from '../schemas/ticket';
import { freshdeskRef, nonEmpty, optionalRef, type MapperContext } from './context';
import { IdentifierList } from './identifiers';
import { toTimestamp } from './timestamps';

/**
 * Maps a Freshdesk contact to a `PartyRecord`. Identifiers come from `email` (label `primary`),
 * `other_emails` (`other`), `phone` (`phone`), `mobile` (`mobile`), `twitter_id` (social
 * `twitter:@handle`), `facebook_id` (social `facebook:@id`) and `unique_external_id` (external id), each
 * with its raw value beside a simply normalised one. The vendor payload is kept in `raw`.
 *
 * @example
 * const party = contactToParty(ContactSchema.parse(body), { connection: 'yritys-oy' });
 * party.identifiers.map((i) => i.value); // ['anssi.makela@example.fi', '+358401234567']
 */
export function contactToParty(contact: Contact, ctx: MapperContext): PartyRecord {
  const ref = freshdeskRef(ctx, 'contact', contact.id);
  const ids = new IdentifierList(ref);
  ids.email(contact.email, 'primary');
  for (const email of contact.other_emails ?? []) ids.email(email, 'other');
  ids.phone(contact.phone, 'phone');
  ids.phone(contact.mobile, 'mobile');
  ids.social('twitter', contact.twitter_id);
  ids.social('facebook', contact.facebook_id);
  ids.externalId(contact.unique_external_id, 'unique_external_id');

  const party: PartyRecord = {
    entity: 'party',
    ref,
    name: nameOf(contact.name),
    identifiers: ids.toArray(),
    addresses: nonEmpty(contact.address) ? [{ raw: contact.address as string }] : [],
    consents: [],
    createdAt: toTimestamp(contact.created_at, 'created_at', contact),
    updatedAt: toTimestamp(contact.updated_at, 'updated_at', contact),
    raw: contact,
  };
  const language = nonEmpty(contact.language);
  if (language) party.language = language;
  const organisationRef = optionalRef(ctx, 'company', contact.company_id);
  if (organisationRef) party.organisationRef = organisationRef;
  if (contact.deleted === true) party.deleted = true;
  return party;
}

/**
 * Maps the `requester` block of a ticket (`include=requester`, or a webhook body) to a `PartyRecord`.
 * The block has no timestamps of its own, so the ticket's `updated_at` is passed in.
 *
 * @example
 * requesterToParty(ticket.requester!, ticket.updated_at, { connection: 'yritys-oy' });
 */
export function requesterToParty(requester: TicketRequester, updatedAt: string, ctx: MapperContext): PartyRecord {
  const ref = freshdeskRef(ctx, 'contact', requester.id);
  const ids = new IdentifierList(ref);
  ids.email(requester.email, 'primary');
  ids.phone(requester.phone, 'phone');
  ids.phone(requester.mobile, 'mobile');
  return {
    entity: 'party',
    ref,
    name: nameOf(requester.name),
    identifiers: ids.toArray(),
    addresses: [],
    consents: [],
    updatedAt: toTimestamp(updatedAt, 'updated_at', requester),
    raw: requester,
  };
}

function nameOf(name: string | null | undefined): PartyRecord['name'] {
  // Freshdesk keeps one name field; splitting it into given and family is @silta/identity's call.
  const full = nonEmpty(name)?.trim();
  return full ? { full } : {};
}

