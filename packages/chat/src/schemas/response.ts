import { z } from 'zod';

/**
 * The answer to a successful push: `created` (a new conversation, HTTP 201), `appended` (new messages on a
 * known conversation), `updated` (no new messages, but the conversation or visitor changed) or `unchanged`
 * (a repeat: nothing stored), the last three with HTTP 200.
 *
 * @example
 * const answer = PushConversationResponseSchema.parse(await res.json());
 * console.log(answer.result, answer.messages.stored);
 */
export const PushConversationResponseSchema = z.strictObject({
  result: z.enum(['created', 'appended', 'updated', 'unchanged']),
  company: z.string(),
  conversationId: z.string(),
  messages: z.strictObject({
    received: z.int().nonnegative().meta({ description: 'Messages in this push.' }),
    stored: z.int().nonnegative().meta({ description: 'Messages stored now for the first time.' }),
    duplicates: z.int().nonnegative().meta({ description: 'Messages Silta already had (same id); ignored.' }),
  }),
  refs: z.strictObject({
    case: z.string().meta({ description: 'Silta\'s reference of the conversation, `chat:<partner>:conversation:<company>/<id>`.' }),
    party: z.string().meta({ description: 'Silta\'s reference of the visitor.' }),
  }),
}).meta({ title: 'PushConversationResponse' });
export type PushConversationResponse = z.infer<typeof PushConversationResponseSchema>;

/** Stable error codes of the partner API. */
export const PARTNER_ERROR_CODES = [
  'SIGNATURE_MISSING', 'SIGNATURE_MALFORMED', 'SIGNATURE_INVALID', 'TIMESTAMP_STALE', 'PARTNER_UNKNOWN',
  'COMPANY_FORBIDDEN', 'BODY_INVALID_JSON', 'VALIDATION_FAILED', 'BODY_TOO_LARGE', 'RATE_LIMITED',
  'NOT_FOUND', 'METHOD_NOT_ALLOWED', 'STORE_UNAVAILABLE', 'INTERNAL',
] as const;
export type PartnerErrorCode = (typeof PARTNER_ERROR_CODES)[number];

/**
 * Every failure answer: a stable `code`, a message for humans, and for 400s the `field` at fault in
 * `messages[2].at` form.
 *
 * @example
 * const { error } = ErrorResponseSchema.parse(await res.json());
 * if (error.code === 'VALIDATION_FAILED') console.error(`${error.field}: ${error.message}`);
 */
export const ErrorResponseSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(PARTNER_ERROR_CODES),
    message: z.string(),
    field: z.string().optional().meta({ description: 'The field at fault, like `visitor.email` or `messages[2].at`.' }),
  }),
}).meta({ title: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
