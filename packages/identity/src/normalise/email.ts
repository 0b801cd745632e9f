import { fail, ok, type Normalised } from '../errors';

/** Options of {@link normaliseEmail}. */
export interface EmailOptions {
  /** Apply provider rules: Gmail ignores dots in the local part and everything after `+`. Default false. */
  providerRules?: boolean;
}

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
// Deliberately loose: a comparable key, not RFC 5322 validation; rejects what cannot be an address.
const LOCAL_RE = /^[^\s@"(),:;<>[\\\]]+$/u;
const DOMAIN_RE = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}$/u;

/** A normalised email address split in its parts. */
export interface NormalisedEmail {
  value: string;
  local: string;
  domain: string;
}

/**
 * Trims, Unicode-normalises (NFC) and lowercases an email address; with `providerRules`, folds Gmail's dots and
 * `+tags` so `Matti.Virtanen+shop@gmail.com` equals `mattivirtanen@gmail.com`.
 *
 * @example
 * normaliseEmail(' Matti.Virtanen@Example.FI '); // { ok: true, value: { value: 'matti.virtanen@example.fi', ... } }
 * normaliseEmail('matti@'); // { ok: false, reason: 'has no domain after "@"' }
 */
export function normaliseEmail(raw: string, options: EmailOptions = {}): Normalised<NormalisedEmail> {
  let text = raw.normalize('NFC').trim().toLowerCase();
  if (text.startsWith('mailto:')) text = text.slice(7);
  if (text === '') return fail('is empty');
  const at = text.lastIndexOf('@');
  if (at < 0) return fail('has no "@"');
  let local = text.slice(0, at);
  let domain = text.slice(at + 1).replace(/\.$/, '');
  if (local === '') return fail('has nothing before "@"');
  if (domain === '') return fail('has no domain after "@"');
  if (!LOCAL_RE.test(local)) return fail('has characters not allowed before "@"');
  if (!DOMAIN_RE.test(domain)) return fail(`has an invalid domain "${domain}"`);
  if (options.providerRules === true && GMAIL_DOMAINS.has(domain)) {
    local = local.replace(/\+.*$/, '').replace(/\./g, '');
    domain = 'gmail.com';
    if (local === '') return fail('has nothing before "@" once Gmail rules are applied');
  }
  return ok({ value: `${local}@${domain}`, local, domain });
}
