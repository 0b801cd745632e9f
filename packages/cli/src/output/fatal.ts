/**
 * Prints an error the way a user should see it: the message (which the kit keeps free of secrets) and its
 * stable code, without a stack trace unless SILTA_DEBUG is set. Returns the exit code.
 */
export function reportFatal(error: unknown): number {
  const err = error instanceof Error ? error : new Error(String(error));
  const code = (err as { code?: unknown }).code;
  process.stderr.write(`silta: ${err.message}${typeof code === 'string' ? ` [${code}]` : ''}\n`);
  if (process.env.SILTA_DEBUG) process.stderr.write(`${err.stack ?? ''}\n`);
  const exitCode = (err as { exitCode?: unknown }).exitCode;
  return typeof exitCode === 'number' ? exitCode : 1;
}
