/** Query parameters whose values are credentials, matched case-insensitively. */
export const SECRET_QUERY_PARAMS = [
  'api_key', 'apikey', 'api-key', 'key', 'token', 'access_token', 'refresh_token', 'id_token', 'secret',
  'client_secret', 'password', 'pass', 'pwd', 'signature', 'sig', 'auth', 'code',
] as const;

/** Header names whose values are credentials, matched case-insensitively. */
export const SECRET_HEADERS = [
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-auth-token', 'x-access-token',
  'api-key', 'x-webhook-secret', 'x-hub-signature', 'x-hub-signature-256', 'x-signature',
] as const;

/** What replaces a secret wherever it is removed. */
export const REDACTED = '[redacted]';

const secretParams = new Set<string>(SECRET_QUERY_PARAMS);
const secretHeaders = new Set<string>(SECRET_HEADERS);

/**
 * Removes credentials from a URL: user info and the values of secret query parameters.
 * Unparseable input is returned with anything that looks like `user:pass@` removed.
 *
 * @example
 * redactUrl('https://u:p@x.io/a?api_key=s&page=2'); // 'https://%5Bredacted%5D@x.io/a?api_key=%5Bredacted%5D&page=2' style
 */
export function redactUrl(input: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return String(input).replace(/\/\/[^/@\s]*@/, `//${REDACTED}@`).replace(
      /([?&])([^=&#]+)=([^&#]*)/g,
      (m, sep: string, name: string) => (secretParams.has(name.toLowerCase()) ? `${sep}${name}=${REDACTED}` : m),
    );
  }
  const hadUserInfo = url.username !== '' || url.password !== '';
  url.username = '';
  url.password = '';
  let text = url.toString();
  if (hadUserInfo) text = text.replace('://', `://${REDACTED}@`);
  // Rebuild the query by hand so the marker stays readable (URLSearchParams would percent-encode it).
  if (url.search) {
    const parts = url.search.slice(1).split('&').map(function redactPair(pair) {
      const eq = pair.indexOf('=');
      const name = decodeURIComponent((eq === -1 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      return secretParams.has(name.toLowerCase()) && eq !== -1 ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    });
    const start = text.indexOf('?');
    const hash = url.hash;
    text = `${text.slice(0, start)}?${parts.join('&')}${hash}`;
  }
  return text;
}

/**
 * Copies headers with the values of credential headers replaced, names lower-cased.
 *
 * @example
 * redactHeaders({ Authorization: 'Basic abc', Accept: 'json' }); // { authorization: '[redacted]', accept: 'json' }
 */
export function redactHeaders(
  headers: Record<string, string | string[] | number | undefined> | undefined,
  extra: readonly string[] = [],
): Record<string, string | string[] | number | undefined> {
  const out: Record<string, string | string[] | number | undefined> = {};
  if (!headers) return out;
  const more = new Set(extra.map((h) => h.toLowerCase()));
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    out[key] = secretHeaders.has(key) || more.has(key) ? REDACTED : value;
  }
  return out;
}

/** A set of secret values to scrub from free text (error bodies, messages). */
export interface SecretRegistry {
  /** Registers values; empty and very short strings (under 4 chars) are ignored to avoid scrubbing noise. */
  add(...values: Array<string | undefined>): void;
  /** Replaces every registered value (and its base64 / URL-encoded forms) with `[redacted]`. */
  redact(text: string): string;
  readonly size: number;
}

/**
 * Creates a registry of secret values that `redact(text)` removes from any text.
 *
 * @example
 * const secrets = createSecretRegistry(['s3cr3t-key']);
 * secrets.redact('bad key s3cr3t-key'); // 'bad key [redacted]'
 */
export function createSecretRegistry(initial: Array<string | undefined> = []): SecretRegistry {
  const values = new Set<string>();
  function add(...more: Array<string | undefined>) {
    for (const v of more) {
      if (typeof v !== 'string' || v.length < 4) continue;
      values.add(v);
      values.add(encodeURIComponent(v));
      values.add(Buffer.from(v).toString('base64'));
    }
  }
  function redact(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is removed whole.
    for (const v of [...values].sort((a, b) => b.length - a.length)) {
      if (out.includes(v)) out = out.split(v).join(REDACTED);
    }
    return out;
  }
  add(...initial);
  return {
    add,
    redact,
    get size() {
      return values.size;
    },
  };
}

/**
 * Replaces every given secret value (and its URL-encoded and base64 forms) in `text`.
 *
 * @example
 * redactSecrets('token abc123 expired', ['abc123']); // 'token [redacted] expired'
 */
export function redactSecrets(text: string, secrets: Array<string | undefined>): string {
  return createSecretRegistry(secrets).redact(text);
}

/**
 * Copies a parsed JSON value with every registered secret scrubbed from its strings (for vendor error bodies,
 * which sometimes echo the credential back).
 *
 * @example
 * redactDeep({ message: 'bad key abc123' }, createSecretRegistry(['abc123'])); // { message: 'bad key [redacted]' }
 */
export function redactDeep(value: unknown, secrets: SecretRegistry): unknown {
  if (secrets.size === 0) return value;
  if (typeof value === 'string') return secrets.redact(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, secrets);
    return out;
  }
  return value;
}
