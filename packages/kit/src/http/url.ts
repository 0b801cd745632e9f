import { SiltaError } from '../errors';
import { redactUrl } from '../redact';
import type { SearchParams } from './types';

/**
 * Resolves a request path against the base URL. Relative paths are appended to the base path
 * (`/tickets` on `https://x.io/api/v2` is `https://x.io/api/v2/tickets`); absolute URLs (a `Link` next page)
 * are accepted only on the base URL's origin, so a vendor cannot redirect credentials elsewhere.
 *
 * @example
 * resolveRequestUrl(new URL('https://x.io/api/v2'), '/tickets', { page: 2 }).href; // 'https://x.io/api/v2/tickets?page=2'
 */
export function resolveRequestUrl(base: URL, path: string, searchParams?: SearchParams): URL {
  let url: URL;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    url = new URL(path);
    if (url.origin !== base.origin) {
      throw new SiltaError(
        'HTTP_URL_REJECTED',
        `refusing to send credentials to ${redactUrl(url.origin)}: only ${base.origin} is allowed`,
      );
    }
  } else {
    const basePath = base.pathname.replace(/\/+$/, '');
    const rel = path.startsWith('/') ? path : `/${path}`;
    url = new URL(`${base.origin}${basePath}${rel}`);
  }
  for (const [name, value] of Object.entries(searchParams ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}
