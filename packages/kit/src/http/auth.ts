import type { HttpAuth } from './types';

/**
 * The headers an `HttpAuth` adds, and the secret strings (raw and encoded) to scrub from errors and logs.
 *
 * @example
 * authHeaders({ type: 'bearer', token: 't0k3n' }); // { headers: { authorization: 'Bearer t0k3n' }, secrets: [...] }
 */
export function authHeaders(auth: HttpAuth | undefined): { headers: Record<string, string>; secrets: string[] } {
  if (!auth || auth.type === 'none') return { headers: {}, secrets: [] };
  switch (auth.type) {
    case 'basic': {
      const encoded = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
      return { headers: { authorization: `Basic ${encoded}` }, secrets: [auth.password, encoded] };
    }
    case 'bearer':
      return { headers: { authorization: `Bearer ${auth.token}` }, secrets: [auth.token] };
    case 'apiKey':
      return { headers: { [auth.header.toLowerCase()]: auth.value }, secrets: [auth.value] };
  }
}
