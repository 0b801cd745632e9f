import { z } from 'zod';
import { FreshdeskIdSchema, FreshdeskTimestampSchema, PhoneFieldSchema } from './common';

/**
 * The `contact` block of an agent.
 *
 * @example
 * AgentContactSchema.parse({ name: 'Matti', email: 'matti@yritys.fi', phone: 5678 });
 */
export const AgentContactSchema = z.looseObject({
  name: z.string().nullish(),
  email: z.string().nullish(),
  active: z.boolean().nullish(),
  job_title: z.string().nullish(),
  language: z.string().nullish(),
  last_login_at: FreshdeskTimestampSchema.nullish(),
  mobile: PhoneFieldSchema.nullish(),
  phone: PhoneFieldSchema.nullish(),
  time_zone: z.string().nullish(),
  created_at: FreshdeskTimestampSchema.nullish(),
  updated_at: FreshdeskTimestampSchema.nullish(),
});

/**
 * An agent, per the "Agents" attribute table. `ticket_scope`: see `AgentTicketScope`.
 *
 * @example
 * const agent = AgentSchema.parse(body);
 * agent.contact.email;
 */
export const AgentSchema = z.looseObject({
  id: FreshdeskIdSchema,
  available: z.boolean().nullish(),
  available_since: FreshdeskTimestampSchema.nullish(),
  occasional: z.boolean().nullish(),
  signature: z.string().nullish(),
  ticket_scope: z.number().int().nullish(),
  /** `support_agent`, `field_agent` or `collaborator`. */
  type: z.string().nullish(),
  skill_ids: z.array(FreshdeskIdSchema).nullish(),
  group_ids: z.array(FreshdeskIdSchema).nullish(),
  role_ids: z.array(FreshdeskIdSchema).nullish(),
  focus_mode: z.boolean().nullish(),
  last_active_at: FreshdeskTimestampSchema.nullish(),
  contact: AgentContactSchema,
  created_at: FreshdeskTimestampSchema,
  updated_at: FreshdeskTimestampSchema,
});
export type Agent = z.infer<typeof AgentSchema>;
