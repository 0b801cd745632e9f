import { SiltaError } from '@silta/kit';

/** Stable codes of the errors `@silta/email` throws. */
export type EmailErrorCode =
  | 'EMAIL_UNREADABLE'
  | 'EMAIL_PARSE_FAILED'
  | 'EMAIL_MBOX_INVALID'
  | 'EMAIL_IMAP_FAILED'
  | 'EMAIL_SMTP_FAILED'
  | 'EMAIL_INPUT_INVALID'
  | 'EMAIL_DOVECOT_UNAVAILABLE';

/**
 * An error from the email channel, with a stable `code`. Messages never carry passwords: connection
 * errors name the host, port and user only.
 *
 * @example
 * try { await parseMessage(buf) } catch (e) { if (e instanceof EmailError && e.code === 'EMAIL_PARSE_FAILED') skip(); }
 */
export class EmailError extends SiltaError {
  declare readonly code: EmailErrorCode;
  constructor(code: EmailErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
