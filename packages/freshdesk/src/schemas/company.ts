import { z } from 'zod';
import { CustomFieldsSchema, FreshdeskIdSchema, FreshdeskTimestampSchema } from './common';

/**
 * A company, per the "Companies" attribute table.
 *
 * @example
 * const company = CompanySchema.parse(body);
 * company.domains; // ['supernova', 'nova']
 */
export const CompanySchema = z.looseObject({
  id: FreshdeskIdSchema,
  name: z.string(),
  description: z.string().nullish(),
  note: z.string().nullish(),
  domains: z.array(z.string()).nullish(),
  custom_fields: CustomFieldsSchema.nullish(),
  health_score: z.string().nullish(),
  account_tier: z.string().nullish(),
  renewal_date: z.string().nullish(),
  industry: z.string().nullish(),
  created_at: FreshdeskTimestampSchema,
  updated_at: FreshdeskTimestampSchema,
});
export type Company = z.infer<typeof CompanySchema>;
