/** Stable codes for what the engine can refuse or fail at; callers branch on `code`, never on the message. */
export type EngineErrorCode =
  | 'STREAM_NOT_FOUND'
  | 'CONNECTION_NOT_FOUND'
  | 'CHECKPOINT_INVALID'
  | 'SCHEDULE_INVALID'
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'DEAD_LETTER_NOT_REPLAYABLE'
  | 'DEAD_LETTER_NOT_FOUND'
  | 'RUN_ABORTED';

/**
 * An error from the sync engine with a stable `code`. Messages name the field or stream at fault and never
 * carry credentials.
 *
 * @example
 * try { parseEvery('soon'); } catch (e) { if (e instanceof EngineError && e.code === 'SCHEDULE_INVALID') usage(); }
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly code: EngineErrorCode;
  constructor(code: EngineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
