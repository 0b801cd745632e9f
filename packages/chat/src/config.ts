import { ConfigError } from '@silta/kit';

/** What one partner may do: its current secrets (two during a rotation) and the companies it serves. */
export interface PartnerSettings {
  /** HMAC secrets accepted now; give the old and the new one while rotating. At most two. */
  secrets: string[];
  /** Client company ids (e.g. `yritys-oy`) this partner may write for. */
  companies: string[];
}

/** Per-partner request limit: at most `requests` in any `windowMs`. */
export interface PartnerRateLimit {
  requests: number;
  windowMs: number;
}

/** The defaults: 1 MiB bodies, 600 requests a minute per partner, five minutes' clock tolerance. */
export const PARTNER_API_DEFAULTS = {
  maxBodyBytes: 1024 * 1024,
  rateLimit: { requests: 600, windowMs: 60_000 },
  toleranceSeconds: 300,
} as const satisfies { maxBodyBytes: number; rateLimit: PartnerRateLimit; toleranceSeconds: number };

const ID = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Checks a partners map before the API starts, naming the field at fault (never a secret's value).
 *
 * @example
 * validatePartners({ 'asiakaspalvelu-ab': { secrets: [process.env.PARTNER_SECRET!], companies: ['yritys-oy'] } });
 */
export function validatePartners(partners: Record<string, PartnerSettings>): void {
  if (partners === null || typeof partners !== 'object') throw new ConfigError('partners', 'must be an object of partner id to settings');
  for (const [id, settings] of Object.entries(partners)) {
    if (!ID.test(id)) throw new ConfigError(`partners["${id}"]`, 'partner ids must be lower-case letters, digits and "-"');
    const secrets = settings?.secrets;
    if (!Array.isArray(secrets) || secrets.length === 0 || secrets.length > 2) {
      throw new ConfigError(`partners.${id}.secrets`, 'must list one secret, or two while rotating');
    }
    secrets.forEach((s, i) => {
      if (typeof s !== 'string' || s.length < 16) throw new ConfigError(`partners.${id}.secrets[${i}]`, 'must be a string of at least 16 characters');
    });
    const companies = settings.companies;
    if (!Array.isArray(companies)) throw new ConfigError(`partners.${id}.companies`, 'must be an array of company ids');
    companies.forEach((c, i) => {
      if (typeof c !== 'string' || !ID.test(c)) throw new ConfigError(`partners.${id}.companies[${i}]`, 'must be a company id like "yritys-oy"');
    });
  }
}

/** Checks the numeric limits. */
export function validateLimits(maxBodyBytes: number, rateLimit: PartnerRateLimit): void {
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1024) throw new ConfigError('maxBodyBytes', `must be an integer of at least 1024, got ${String(maxBodyBytes)}`);
  if (!Number.isInteger(rateLimit.requests) || rateLimit.requests < 1) throw new ConfigError('rateLimit.requests', `must be a positive integer, got ${String(rateLimit.requests)}`);
  if (!Number.isInteger(rateLimit.windowMs) || rateLimit.windowMs < 1) throw new ConfigError('rateLimit.windowMs', `must be a positive integer of milliseconds, got ${String(rateLimit.windowMs)}`);
}
