import { z } from 'zod';
import { FreshdeskIdSchema, FreshdeskTimestampSchema } from './common';

/**
 * A satisfaction rating (one answer to a CSAT survey). `ratings` maps question ids to values:
 * `default_question` always, more questions only on new surveys. Values are on the -103 … 103 scale
 * (`SatisfactionRating`) or, for classic surveys, 1 … 3 (`ClassicSatisfactionRating`).
 *
 * @example
 * const rating = SatisfactionRatingSchema.parse(body);
 * rating.ratings.default_question; // 103
 */
export const SatisfactionRatingSchema = z.looseObject({
  id: FreshdeskIdSchema,
  survey_id: FreshdeskIdSchema.nullish(),
  user_id: FreshdeskIdSchema.nullish(),
  agent_id: FreshdeskIdSchema.nullish(),
  group_id: FreshdeskIdSchema.nullish(),
  ticket_id: FreshdeskIdSchema.nullish(),
  feedback: z.string().nullish(),
  ratings: z.record(z.string(), z.number().int()),
  created_at: FreshdeskTimestampSchema,
  updated_at: FreshdeskTimestampSchema,
});
export type SatisfactionRating = z.infer<typeof SatisfactionRatingSchema>;
