export {
  defineAction, defineConnector, defineStream, defineWebhook,
  type ActionContext, type ActionDefinition, type ConnectorDefinition, type StreamBatch, type StreamContext,
  type StreamDefinition, type WebhookDefinition, type WebhookRequest,
} from './connector';
export {
  ConfigError, HttpError, RateLimitError, ResponseBodyError, SiltaError, ValidationError, WebhookVerificationError,
  formatIssuePath,
  type HttpErrorInit, type SiltaErrorCode, type ValidationIssue, type WebhookErrorCode,
} from './errors';
export { authHeaders } from './http/auth';
export { parseResponseBody, type ParsedBody } from './http/body';
export { createHttpClient, type HttpClient } from './http/client';
export type { HttpClientOptions, HttpHooks, HttpMethodOptions, HttpRequestContext } from './http/context';
export type {
  HttpAuth, HttpClientStats, HttpMethod, HttpRequestOptions, HttpResponse, SearchParams,
} from './http/types';
export { resolveRequestUrl } from './http/url';
export { parseJsonLossless } from './json';
export { REDACTED_PATHS, createLogger, silentLogger, type Logger } from './logger';
export {
  nextLink, paginateCursor, paginateLink, paginatePages,
  type CursorPaginationOptions, type LinkPaginationOptions, type PagePaginationOptions,
} from './paginate';
export { RateLimiter, type RateLimiterOptions, type RateLimiterStats } from './rate-limit';
export {
  DEFAULT_RATE_LIMIT_HEADERS, headerValue, parseRetryAfter,
  type HeaderBag, type RateLimitHeaderNames,
} from './rate-limit-headers';
export {
  REDACTED, SECRET_HEADERS, SECRET_QUERY_PARAMS, createSecretRegistry, redactDeep, redactHeaders, redactSecrets, redactUrl,
  type SecretRegistry,
} from './redact';
export {
  DEFAULT_RETRY, backoffDelay, isRepeatable, isRetryableError, retryDelay, withRetry,
  type RetryOptions, type RetryRequestInfo, type WithRetryOptions,
} from './retry';
export { parseWithSchema, type ParseWithSchemaOptions } from './validate';
export { KIT_VERSION } from './version';
export {
  signHmacSha256, signTimestamped, verifyHmacSha256, verifySharedSecret, verifyTimestampedSignature,
  type TimestampedSignatureInput,
} from './webhook';
