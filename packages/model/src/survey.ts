import { z } from 'zod';
import { TimestampSchema } from './common';
import { SourceRefSchema } from './source-ref';

/**
 * A customer's answer to a satisfaction (`csat`) or recommendation (`nps`) question, tied to its case.
 * `scale` is the range the question offered, so scores from different tools can be compared.
 *
 * @example
 * SurveyResponseSchema.parse({
 *   entity: 'survey_response', ref: { system: 'freshdesk', connection: 'yritys-oy', type: 'satisfaction_rating', id: '5' },
 *   kind: 'csat', score: 103, scale: { min: -103, max: 103 }, at: '2026-11-01T10:00:00Z',
 * });
 */
export const SurveyResponseSchema = z.object({
  entity: z.literal('survey_response'),
  ref: SourceRefSchema,
  partyRef: SourceRefSchema.optional(),
  caseRef: SourceRefSchema.optional(),
  kind: z.enum(['csat', 'nps']),
  score: z.number(),
  scale: z.object({ min: z.number(), max: z.number() }),
  /** Per-question scores where the survey had more than one question. */
  scores: z.record(z.string(), z.number()).optional(),
  comment: z.string().optional(),
  agent: z.string().optional(),
  team: z.string().optional(),
  at: TimestampSchema,
  updatedAt: TimestampSchema.optional(),
  raw: z.unknown().optional(),
});
export type SurveyResponse = z.infer<typeof SurveyResponseSchema>;
