import { z } from 'zod';
import { AddressSchema, DateOnlySchema, PersonNameSchema, TimestampSchema } from './common';
import { ConsentSchema } from './consent';
import { IdentifierSchema } from './identifier';
import { SourceRefSchema } from './source-ref';

/**
 * A person as one system sees them. Many party records, linked by `@silta/identity`, make one person.
 *
 * @example
 * PartyRecordSchema.parse({
 *   entity: 'party', ref: { system: 'freshdesk', connection: 'yritys-oy', type: 'contact', id: '42' },
 *   name: { full: 'Anssi Mäkelä' }, identifiers: [], addresses: [], consents: [],
 *   updatedAt: '2026-11-01T10:00:00Z',
 * });
 */
export const PartyRecordSchema = z.object({
  entity: z.literal('party'),
  ref: SourceRefSchema,
  name: PersonNameSchema,
  identifiers: z.array(IdentifierSchema),
  addresses: z.array(AddressSchema),
  birthDate: DateOnlySchema.optional(),
  language: z.string().optional(),
  organisationRef: SourceRefSchema.optional(),
  consents: z.array(ConsentSchema),
  createdAt: TimestampSchema.optional(),
  updatedAt: TimestampSchema,
  deleted: z.boolean().optional(),
  raw: z.unknown().optional(),
});
export type PartyRecord = z.infer<typeof PartyRecordSchema>;

/**
 * A company or other organisation a person belongs to (a Freshdesk company, a CRM account).
 *
 * @example
 * OrganisationSchema.parse({
 *   entity: 'organisation', ref: { system: 'freshdesk', connection: 'yritys-oy', type: 'company', id: '7' },
 *   name: 'Yritys Oy', domains: ['yritys.fi'], identifiers: [], updatedAt: '2026-11-01T10:00:00Z',
 * });
 */
export const OrganisationSchema = z.object({
  entity: z.literal('organisation'),
  ref: SourceRefSchema,
  name: z.string(),
  domains: z.array(z.string()),
  identifiers: z.array(IdentifierSchema),
  description: z.string().optional(),
  createdAt: TimestampSchema.optional(),
  updatedAt: TimestampSchema,
  raw: z.unknown().optional(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;
