/**
 * An error the simulator answers with, in Freshdesk's documented envelope:
 * `{ "description": "Validation failed", "errors": [{ "field", "message", "code" }] }` for 400s and
 * `{ "code", "message" }` for the others (the documented codes: invalid_credentials, access_denied, …).
 */
export class SimApiError extends Error {
  constructor(readonly status: number, readonly body: unknown, readonly headers: Record<string, string> = {}) {
    super(`simulated ${status}`);
  }
}

/** One field error: 400 `Validation failed` with the documented codes (missing_field, invalid_value, …). */
export function validationError(field: string, message: string, code: string): SimApiError {
  return new SimApiError(400, { description: 'Validation failed', errors: [{ field, message, code }] });
}

export function validationErrors(errors: Array<{ field: string; message: string; code: string }>): SimApiError {
  return new SimApiError(400, { description: 'Validation failed', errors });
}

export function notFound(): SimApiError {
  // Freshdesk answers a missing record with 404 and an empty body.
  return new SimApiError(404, undefined);
}

export const UNAUTHORISED_BODY = { code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' };
export const RATE_LIMITED_BODY = { code: 'rate_limit_exceeded', message: 'You have exceeded the limit of requests per minute. Please try again after some time.' };
