import { z } from 'zod';

/**
 * A Freshdesk id. Freshdesk ids are integers, and real accounts have ids beyond 2^53: the kit's
 * `parseJsonLossless` keeps those as exact decimal strings, so an id is a safe integer or a digit string.
 *
 * @example
 * FreshdeskIdSchema.parse(43026449322);          // 43026449322
 * FreshdeskIdSchema.parse('9007199254740993');   // kept exactly as a string
 */
export const FreshdeskIdSchema = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/, 'must be a non-negative integer id written in digits'),
]);
export type FreshdeskId = z.infer<typeof FreshdeskIdSchema>;

/**
 * A timestamp as Freshdesk writes it (`YYYY-MM-DDTHH:MM:SSZ`, sometimes with an offset). Kept as the
 * vendor's string: documentation samples contain malformed ones (`2015-08-28T010:08:16Z`), and the
 * mappers decide what to do with them rather than the schema rejecting the whole record.
 *
 * @example
 * FreshdeskTimestampSchema.parse('2016-02-13T23:27:49Z');
 */
export const FreshdeskTimestampSchema = z.string();

/**
 * Custom fields: names to values of any JSON type (text, number, boolean, date string, null).
 *
 * @example
 * CustomFieldsSchema.parse({ cf_tilausnumero: '1001', cf_locked: true });
 */
export const CustomFieldsSchema = z.record(z.string(), z.unknown());

/**
 * A phone number field: documented as a string, but agent and contact payloads carry plain numbers too.
 *
 * @example
 * PhoneFieldSchema.parse(5678); // 5678
 */
export const PhoneFieldSchema = z.union([z.string(), z.number()]);

/**
 * An attachment's metadata on a ticket or conversation. The docs name the size `size`; some payloads
 * (python-freshdesk fixtures) use `file_size`, so both are accepted.
 *
 * @example
 * AttachmentSchema.parse({ id: 1, name: 'lasku.pdf', content_type: 'application/pdf', size: 98 });
 */
export const AttachmentSchema = z.looseObject({
  id: FreshdeskIdSchema,
  name: z.string(),
  content_type: z.string().nullish(),
  size: z.number().nullish(),
  file_size: z.number().nullish(),
  attachment_url: z.string().nullish(),
  thumb_url: z.string().nullish(),
  created_at: FreshdeskTimestampSchema.nullish(),
  updated_at: FreshdeskTimestampSchema.nullish(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/**
 * One item of structured content (`structured_description`, `structured_body`) of webchat and mobile SDK tickets.
 *
 * @example
 * StructuredContentItemSchema.parse({ type: 'text', data: { content: 'Hei' } });
 */
export const StructuredContentItemSchema = z.looseObject({
  type: z.string(),
  data: z.unknown(),
});

/** A list of email addresses, where the docs allow `null` for "none". */
export const EmailListSchema = z.array(z.string()).nullish();
