export { processInbox, startInboxProcessor, webhookStreamKey } from './process';
export type { ProcessInboxOptions, ProcessInboxSummary } from './process';
