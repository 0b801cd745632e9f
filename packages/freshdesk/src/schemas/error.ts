import { z } from 'zod';

/**
 * One entry of the validation error envelope ("Error Response Fields").
 *
 * @example
 * FreshdeskErrorDetailSchema.parse({ field: 'name', message: 'Mandatory attribute missing', code: 'missing_field' });
 */
export const FreshdeskErrorDetailSchema = z.looseObject({
  /** The request field at fault; documented as present on HTTP 400 only. */
  field: z.string().nullish(),
  message: z.string(),
  /** Machine-readable: `missing_field`, `invalid_value`, `duplicate_value`, … (see `FRESHDESK_ERROR_CODES`). */
  code: z.string(),
});

/**
 * The documented envelope: `{ description, errors: [{ field, message, code }] }`.
 *
 * @example
 * FreshdeskValidationErrorBodySchema.parse({ description: 'Validation failed', errors: [] });
 */
export const FreshdeskValidationErrorBodySchema = z.looseObject({
  description: z.string(),
  errors: z.array(FreshdeskErrorDetailSchema),
});

/**
 * The short form some statuses (401, 403, 404…) answer with: `{ code, message }`.
 *
 * @example
 * FreshdeskSimpleErrorBodySchema.parse({ code: 'access_denied', message: 'You are not authorized to perform this action.' });
 */
export const FreshdeskSimpleErrorBodySchema = z.looseObject({
  code: z.string(),
  message: z.string(),
});

/**
 * A Freshdesk error body, either form.
 *
 * @example
 * const parsed = FreshdeskErrorSchema.safeParse(httpError.body);
 * if (parsed.success && 'errors' in parsed.data) console.log(parsed.data.errors[0]?.field);
 */
export const FreshdeskErrorSchema = z.union([FreshdeskValidationErrorBodySchema, FreshdeskSimpleErrorBodySchema]);
export type FreshdeskError = z.infer<typeof FreshdeskErrorSchema>;

/**
 * The error codes of the documentation's "Error Codes" table.
 *
 * @example
 * FRESHDESK_ERROR_CODES.includes('duplicate_value'); // true
 */
export const FRESHDESK_ERROR_CODES = [
  'missing_field',
  'invalid_value',
  'duplicate_value',
  'datatype_mismatch',
  'invalid_field',
  'invalid_json',
  'invalid_credentials',
  'access_denied',
  'require_feature',
  'account_suspended',
  'ssl_required',
  'readonly_field',
  'inconsistent_state',
  'max_agents_reached',
  'password_lockout',
  'password_expired',
  'no_content_required',
  'inaccessible_field',
  'incompatible_field',
] as const;
export type FreshdeskErrorCode = (typeof FRESHDESK_ERROR_CODES)[number];
export type FreshdeskValidationErrorBody = z.infer<typeof FreshdeskValidationErrorBodySchema>;
export type FreshdeskSimpleErrorBody = z.infer<typeof FreshdeskSimpleErrorBodySchema>;

/**
 * True when an error body is the validation envelope with per-field `errors`.
 *
 * @example
 * if (isFreshdeskValidationError(e.responseBody)) e.responseBody.errors.map((x) => x.field);
 */
export function isFreshdeskValidationError(body: unknown): body is FreshdeskValidationErrorBody {
  return FreshdeskValidationErrorBodySchema.safeParse(body).success;
}
