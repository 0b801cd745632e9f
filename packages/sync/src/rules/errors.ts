/**
 * A rule in `silta.config.ts` is not well formed (no trigger, no actions, a duplicate name, …).
 *
 * @example
 * try { route('') } catch (e) { if (e instanceof RuleDefinitionError) console.error(e.code, e.message); }
 */
export class RuleDefinitionError extends Error {
  readonly code = 'RULE_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'RuleDefinitionError';
  }
}

/**
 * A rule fired but an action it delivers names a connection or an action that is not configured.
 *
 * @example
 * if (err instanceof RuleDeliveryError && err.code === 'RULE_UNKNOWN_ACTION') console.error(err.message);
 */
export class RuleDeliveryError extends Error {
  constructor(
    readonly code: 'RULE_UNKNOWN_CONNECTION' | 'RULE_UNKNOWN_ACTION' | 'RULE_INPUT_INVALID',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RuleDeliveryError';
  }
}
