import pino, { type LoggerOptions } from 'pino';

/** The logging surface the kit and the engine use; a pino logger satisfies it. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Paths pino removes from every log line, wherever they appear in the logged object. */
export const REDACTED_PATHS = [
  'password', 'apiKey', 'api_key', 'token', 'secret', 'secrets', 'authorization', 'cookie',
  '*.password', '*.apiKey', '*.api_key', '*.token', '*.secret', '*.secrets', '*.authorization', '*.cookie',
  'headers.authorization', 'headers.cookie', 'headers["x-api-key"]', '*.headers.authorization', '*.headers.cookie',
  'request.headers.authorization', 'config.apiKey', 'config.password', 'auth.password', 'auth.token', 'auth.value',
];

/**
 * A pino logger with Silta's redaction rules: credentials are replaced by `[redacted]` before a line is written.
 *
 * @example
 * const logger = createLogger({ level: 'info' });
 * logger.info({ apiKey: 'abc' }, 'configured'); // {"apiKey":"[redacted]",...}
 */
export function createLogger(options: LoggerOptions & { destination?: pino.DestinationStream } = {}): Logger {
  const { destination, ...rest } = options;
  const opts: LoggerOptions = {
    level: process.env.SILTA_LOG_LEVEL ?? 'info',
    ...rest,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return destination ? pino(opts, destination) : pino(opts);
}

/** A logger that drops everything, for tests and library callers who pass none. */
export const silentLogger: Logger = {
  debug() {}, info() {}, warn() {}, error() {},
  child() { return silentLogger; },
};
