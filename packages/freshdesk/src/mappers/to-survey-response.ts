import { ValidationError } from '@silta/kit';
import type { SurveyResponse } from '@silta/model';
import { classicRatingToScale, isClassicSatisfactionRating, isSatisfactionRating } from '../enums';
import type { SatisfactionRating } from '../schemas/satisfaction-rating';
import { freshdeskRef, idString, nonEmpty, optionalRef, type MapperContext } from './context';
import { toTimestamp } from './timestamps';

/**
 * The documented new-survey scale; classic answers (1 Happy, 2 Neutral, 3 Unhappy) are placed on it.
 *
 * @example
 * response.scale; // FRESHDESK_CSAT_SCALE: { min: -103, max: 103 }
 */
export const FRESHDESK_CSAT_SCALE = { min: -103, max: 103 } as const;

/**
 * Maps a satisfaction rating to a `SurveyResponse` (`csat`, scale -103 … 103): `default_question` ⇒
 * `score`, every question's rating ⇒ `scores`, `feedback` ⇒ `comment`, `ticket_id` ⇒ `caseRef`,
 * `user_id` ⇒ `partyRef`, `agent_id` / `group_id` ⇒ `agent` / `team`. Classic ratings are translated
 * (1 ⇒ 101, 2 ⇒ 100, 3 ⇒ -101) so both survey kinds compare; other values throw `ValidationError`.
 *
 * @example
 * satisfactionRatingToSurveyResponse(rating, { connection: 'yritys-oy' }).score; // 103
 */
export function satisfactionRatingToSurveyResponse(rating: SatisfactionRating, ctx: MapperContext): SurveyResponse {
  const entries = Object.entries(rating.ratings);
  if (entries.length === 0) {
    throw new ValidationError({ issues: [{ path: 'ratings.default_question', message: 'is missing: the rating has no answers' }], payload: rating });
  }
  const scores: Record<string, number> = {};
  for (const [question, value] of entries) scores[question] = onScale(value, `ratings.${question}`, rating);
  const score = scores.default_question ?? (scores[entries[0]![0]] as number);

  const response: SurveyResponse = {
    entity: 'survey_response',
    ref: freshdeskRef(ctx, 'satisfaction_rating', rating.id),
    kind: 'csat',
    score,
    scale: { ...FRESHDESK_CSAT_SCALE },
    scores,
    at: toTimestamp(rating.created_at, 'created_at', rating),
    updatedAt: toTimestamp(rating.updated_at, 'updated_at', rating),
    raw: rating,
  };
  const caseRef = optionalRef(ctx, 'ticket', rating.ticket_id);
  if (caseRef) response.caseRef = caseRef;
  const partyRef = optionalRef(ctx, 'contact', rating.user_id);
  if (partyRef) response.partyRef = partyRef;
  const comment = nonEmpty(rating.feedback);
  if (comment) response.comment = comment;
  const agent = idString(rating.agent_id);
  if (agent) response.agent = agent;
  const team = idString(rating.group_id);
  if (team) response.team = team;
  return response;
}

function onScale(value: number, path: string, payload: unknown): number {
  if (isSatisfactionRating(value)) return value;
  if (isClassicSatisfactionRating(value)) return classicRatingToScale(value);
  throw new ValidationError({
    issues: [{ path, message: `must be a documented rating (103, 102, 101, 100, -101, -102, -103, or classic 1, 2, 3), got ${value}` }],
    payload,
  });
}
