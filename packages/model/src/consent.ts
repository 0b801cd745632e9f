import { z } from 'zod';
import { TimestampSchema } from './common';
import { SourceRefSchema } from './source-ref';

/**
 * A person's consent (or its withdrawal) for one purpose, as recorded by one system.
 *
 * @example
 * ConsentSchema.parse({ purpose: 'marketing_email', granted: false, at: '2026-01-01T00:00:00Z',
 *   source: { system: 'crm', connection: 'yritys-oy', type: 'contact', id: '9' } });
 */
export const ConsentSchema = z.object({
  purpose: z.string().min(1),
  granted: z.boolean(),
  at: TimestampSchema,
  source: SourceRefSchema,
});
export type Consent = z.infer<typeof ConsentSchema>;
