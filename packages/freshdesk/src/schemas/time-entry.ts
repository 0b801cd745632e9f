import { z } from 'zod';
import { FreshdeskIdSchema, FreshdeskTimestampSchema } from './common';

/**
 * A time entry on a ticket, per the "Time Entries" attribute table. `time_spent` is `hh:mm`.
 *
 * @example
 * const entry = TimeEntrySchema.parse(body);
 * entry.time_spent; // '00:15'
 */
export const TimeEntrySchema = z.looseObject({
  id: FreshdeskIdSchema,
  agent_id: FreshdeskIdSchema.nullish(),
  ticket_id: FreshdeskIdSchema.nullish(),
  company_id: FreshdeskIdSchema.nullish(),
  billable: z.boolean().nullish(),
  note: z.string().nullish(),
  timer_running: z.boolean().nullish(),
  time_spent: z.string().regex(/^\d+:[0-5]\d$/, 'must be a duration written hh:mm'),
  executed_at: FreshdeskTimestampSchema.nullish(),
  start_time: FreshdeskTimestampSchema.nullish(),
  created_at: FreshdeskTimestampSchema,
  updated_at: FreshdeskTimestampSchema,
});
export type TimeEntry = z.infer<typeof TimeEntrySchema>;
