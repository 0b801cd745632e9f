import { HttpError, RateLimitError, ResponseBodyError, type HttpRequestContext } from '@silta/kit';
import { FreshdeskErrorSchema, FreshdeskValidationErrorBodySchema, type FreshdeskError } from '../schemas';

/**
 * The vendor's reason in one line: `per_page: It should be … (invalid_value)` or `invalid_credentials: …`.
 *
 * @example
 * describeFreshdeskError({ code: 'invalid_credentials', message: 'You have to be logged in…' }); // 'invalid_credentials: You have…'
 */
export function describeFreshdeskError(body: FreshdeskError): string {
  const validation = FreshdeskValidationErrorBodySchema.safeParse(body);
  if (validation.success) {
    const parts = validation.data.errors.slice(0, 3).map((e) => `${e.field ? `${e.field}: ` : ''}${e.message} (${e.code})`);
    return `${validation.data.description}${parts.length ? ` - ${parts.join('; ')}` : ''}`;
  }
  const simple = body as { code?: unknown; message?: unknown };
  return `${String(simple.code)}: ${String(simple.message)}`;
}

/**
 * `beforeError` hook: parses the error body with `FreshdeskErrorSchema` into `HttpError.responseBody` and
 * puts the vendor's reason in the message. Bodies that are not Freshdesk's envelope are left as they came.
 *
 * @example
 * createHttpClient({ baseUrl, hooks: { beforeError: freshdeskErrorHook } });
 */
export function freshdeskErrorHook(ctx: HttpRequestContext): HttpError | void {
  const error = ctx.error;
  if (!error || error.status === 0 || error instanceof ResponseBodyError) return;
  const parsed = FreshdeskErrorSchema.safeParse(error.responseBody);
  if (!parsed.success) return;
  const init = {
    status: error.status, method: error.method, url: error.url, operation: error.operation, headers: error.headers,
    responseBody: parsed.data, attempts: error.attempts, cause: error.cause,
    detail: `HTTP ${error.status}: ${describeFreshdeskError(parsed.data)}`,
  };
  return error instanceof RateLimitError
    ? new RateLimitError({ ...init, retryAfterMs: error.retryAfterMs })
    : new HttpError({ ...init, code: error.code });
}
