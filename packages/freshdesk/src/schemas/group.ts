import { z } from 'zod';
import { FreshdeskIdSchema, FreshdeskTimestampSchema } from './common';

/**
 * A group of agents, per the "Groups" attribute table. `auto_ticket_assign` is documented as a number
 * (see `GroupAutoTicketAssign`), but older payloads carry a boolean, so both are accepted.
 *
 * @example
 * const group = GroupSchema.parse(body);
 * group.agent_ids; // [2, 15]
 */
export const GroupSchema = z.looseObject({
  id: FreshdeskIdSchema,
  name: z.string(),
  description: z.string().nullish(),
  agent_ids: z.array(FreshdeskIdSchema).nullish(),
  auto_ticket_assign: z.union([z.number().int(), z.boolean()]).nullish(),
  business_hour_id: FreshdeskIdSchema.nullish(),
  escalate_to: FreshdeskIdSchema.nullish(),
  /** `30m`, `1h`, `2h`, `4h`, `8h`, `12h`, `1d`, `2d` or `3d`. */
  unassigned_for: z.string().nullish(),
  group_type: z.string().nullish(),
  created_at: FreshdeskTimestampSchema,
  updated_at: FreshdeskTimestampSchema,
});
export type Group = z.infer<typeof GroupSchema>;

/**
 * An agent role, per the "Roles" attribute table.
 *
 * @example
 * RoleSchema.parse({ id: 1, name: 'Agent', created_at: '…', updated_at: '…' });
 */
export const RoleSchema = z.looseObject({
  id: FreshdeskIdSchema,
  name: z.string(),
  description: z.string().nullish(),
  default: z.boolean().nullish(),
  created_at: FreshdeskTimestampSchema,
  updated_at: FreshdeskTimestampSchema,
});
export type Role = z.infer<typeof RoleSchema>;
