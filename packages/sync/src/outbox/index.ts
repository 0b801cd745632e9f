export { deliver, startOutboxWorker } from './deliver';
export type { DeliverOptions, DeliverSummary } from './deliver';
export { idempotencyKeyFor } from './idempotency-key';
export { backoffDelay, isRetryable } from './backoff';
export type { BackoffOptions } from './backoff';
export { runInBackground } from './background';
export type { BackgroundLoop } from './background';
