import { describe, expect, it } from 'vitest';
import { SurveyResponseSchema } from '@silta/model';
import { ValidationError, parseJsonLossless } from '@silta/kit';
import { SatisfactionRatingSchema } from '../schemas';
import { HAVE_FIXTURES, fixtureText } from '../../test/freshdesk-fixtures';
import { satisfactionRatingToSurveyResponse } from './to-survey-response';
import { CONNECTION } from '../../test/finnish-payloads';

const ctx = { connection: CONNECTION };
const rating = (over: Record<string, unknown>) =>
  SatisfactionRatingSchema.parse({
    id: 31, survey_id: 1, user_id: 9007199254740993n.toString(), agent_id: 43007075231, group_id: null, ticket_id: 4211,
    feedback: 'Nopea ja ystävällinen palvelu, kiitos!', ratings: { default_question: 103, question_2: -102 },
    created_at: '2026-11-21T10:00:00Z', updated_at: '2026-11-21T10:00:00Z', ...over,
  });

describe('satisfactionRatingToSurveyResponse', () => {
  it('maps a new-survey rating to a csat response on the -103…103 scale, tied to its ticket', () => {
    const r = SurveyResponseSchema.parse(satisfactionRatingToSurveyResponse(rating({}), ctx));
    expect(r).toMatchObject({
      kind: 'csat', score: 103, scale: { min: -103, max: 103 }, scores: { default_question: 103, question_2: -102 },
      comment: 'Nopea ja ystävällinen palvelu, kiitos!', caseRef: { type: 'ticket', id: '4211' },
      partyRef: { type: 'contact', id: '9007199254740993' }, agent: '43007075231',
    });
    expect(r.team).toBeUndefined();
  });

  it('places classic ratings (1 Happy, 2 Neutral, 3 Unhappy) on the same scale', () => {
    expect(satisfactionRatingToSurveyResponse(rating({ ratings: { default_question: 1 } }), ctx).score).toBe(101);
    expect(satisfactionRatingToSurveyResponse(rating({ ratings: { default_question: 3 } }), ctx).score).toBe(-101);
  });

  it('refuses undocumented values and empty ratings, naming the field', () => {
    expect(() => satisfactionRatingToSurveyResponse(rating({ ratings: { default_question: 50 } }), ctx)).toThrow(/ratings\.default_question: must be a documented rating/);
    expect(() => satisfactionRatingToSurveyResponse(rating({ ratings: {} }), ctx)).toThrow(ValidationError);
  });

  it.skipIf(!HAVE_FIXTURES)('maps the documented list, repairing its malformed timestamps (needs ../shared/fixtures)', () => {
    const list = SatisfactionRatingSchema.array().parse(parseJsonLossless(fixtureText('docs-samples', 'list_satisfaction_ratings.json')));
    const mapped = list.map((r) => SurveyResponseSchema.parse(satisfactionRatingToSurveyResponse(r, ctx)));
    expect(mapped.map((r) => r.score)).toEqual([103, 101]);
    // The documentation writes "2015-08-28T010:08:16Z"; it is read as 10:08:16.
    expect(mapped[1]?.at).toBe('2015-08-28T10:08:16.000Z');
  });
});
