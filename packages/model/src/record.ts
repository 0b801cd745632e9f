import { z } from 'zod';
import { CaseSchema } from './case';
import { InvoiceSchema, OrderSchema } from './commerce';
import { InteractionSchema } from './interaction';
import { OrganisationSchema, PartyRecordSchema } from './party';
import { SurveyResponseSchema } from './survey';

/**
 * Any canonical record, told apart by `entity`. Streams emit these; the store keeps them by `ref`.
 *
 * @example
 * const rec = CanonicalRecordSchema.parse(someMappedRecord);
 * if (rec.entity === 'case') console.log(rec.status);
 */
export const CanonicalRecordSchema = z.discriminatedUnion('entity', [
  PartyRecordSchema,
  OrganisationSchema,
  InteractionSchema,
  CaseSchema,
  OrderSchema,
  InvoiceSchema,
  SurveyResponseSchema,
]);
export type CanonicalRecord = z.infer<typeof CanonicalRecordSchema>;
export type Entity = CanonicalRecord['entity'];
export const ENTITIES = ['party', 'organisation', 'interaction', 'case', 'order', 'invoice', 'survey_response'] as const satisfies readonly Entity[];

/** Narrows a canonical record to one entity. */
export function isEntity<E extends Entity>(record: CanonicalRecord, entity: E): record is Extract<CanonicalRecord, { entity: E }> {
  return record.entity === entity;
}
