import { z } from 'zod';
import { CustomFieldsSchema, FreshdeskIdSchema, FreshdeskTimestampSchema, PhoneFieldSchema } from './common';

/**
 * One entry of a contact's `other_companies`. The documentation disagrees with itself: the List All
 * Contacts sample gives bare company ids (`[4, 9, 10]`), View / Create give objects
 * (`{ company_id, view_all_tickets }`). Both are accepted; `otherCompanyIds` reads either.
 *
 * @example
 * OtherCompanySchema.parse(4); OtherCompanySchema.parse({ company_id: 25, view_all_tickets: true });
 */
export const OtherCompanySchema = z.union([
  FreshdeskIdSchema,
  z.looseObject({ company_id: FreshdeskIdSchema, view_all_tickets: z.boolean().nullish() }),
]);
export type OtherCompany = z.infer<typeof OtherCompanySchema>;

/**
 * A contact's avatar metadata.
 *
 * @example
 * AvatarSchema.parse({ id: 4, name: 'kuva.png', avatar_url: 'https://…', size: 13036 });
 */
export const AvatarSchema = z.looseObject({
  id: FreshdeskIdSchema.nullish(),
  avatar_url: z.string().nullish(),
  content_type: z.string().nullish(),
  name: z.string().nullish(),
  size: z.number().nullish(),
  created_at: FreshdeskTimestampSchema.nullish(),
  updated_at: FreshdeskTimestampSchema.nullish(),
});

/**
 * A contact (a customer), per the "Contacts" attribute table. `mobile`, `phone`, `twitter_id` and
 * `facebook_id` may arrive as numbers as well as strings (Airbyte's schema and agent payloads show both).
 * `deleted` is documented as present only on deleted contacts.
 *
 * @example
 * const contact = ContactSchema.parse(body);
 * otherCompanyIds(contact); // [25, 26]
 */
export const ContactSchema = z.looseObject({
  id: FreshdeskIdSchema,
  name: z.string(),
  email: z.string().nullish(),
  other_emails: z.array(z.string()).nullish(),
  phone: PhoneFieldSchema.nullish(),
  mobile: PhoneFieldSchema.nullish(),
  twitter_id: PhoneFieldSchema.nullish(),
  facebook_id: PhoneFieldSchema.nullish(),
  unique_external_id: z.string().nullish(),
  social_handler: z.array(z.unknown()).nullish(),
  active: z.boolean().nullish(),
  address: z.string().nullish(),
  avatar: AvatarSchema.nullish(),
  company_id: FreshdeskIdSchema.nullish(),
  view_all_tickets: z.boolean().nullish(),
  other_companies: z.array(OtherCompanySchema).nullish(),
  custom_fields: CustomFieldsSchema.nullish(),
  deleted: z.boolean().nullish(),
  description: z.string().nullish(),
  /** `contact` or `visitor` on accounts with the newer Contacts and Companies. */
  contact_type: z.string().nullish(),
  job_title: z.string().nullish(),
  language: z.string().nullish(),
  time_zone: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  devices: z.array(z.looseObject({})).nullish(),
  csat_rating: z.number().int().nullish(),
  preferred_source: z.string().nullish(),
  created_at: FreshdeskTimestampSchema,
  updated_at: FreshdeskTimestampSchema,
});
export type Contact = z.infer<typeof ContactSchema>;

/**
 * The ids of a contact's additional companies, whichever of the two documented forms it came in.
 *
 * @example
 * otherCompanyIds({ ...contact, other_companies: [4, { company_id: 9 }] }); // [4, 9]
 */
export function otherCompanyIds(contact: Pick<Contact, 'other_companies'>): Array<number | string> {
  return (contact.other_companies ?? []).map((entry) => (typeof entry === 'object' ? entry.company_id : entry));
}
