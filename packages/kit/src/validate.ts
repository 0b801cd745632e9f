import type { z } from 'zod';
import { ValidationError } from './errors';

/** Options for `parseWithSchema`. */
export interface ParseWithSchemaOptions {
  /** What was being parsed, prefixed to the error message (`list tickets`). */
  operation?: string;
}

/**
 * Validates `data` against a zod schema and returns the parsed value, or throws `ValidationError`
 * naming each bad field path, with the raw payload attached (non-enumerable `payload`).
 * Use `z.looseObject` for vendor objects so unknown fields are kept.
 *
 * @example
 * const ticket = parseWithSchema(z.looseObject({ id: z.number() }), body, { operation: 'view ticket' });
 */
export function parseWithSchema<S extends z.ZodType>(schema: S, data: unknown, options: ParseWithSchemaOptions = {}): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw ValidationError.fromZod(result.error, data, options.operation);
}
