/**
 * JSON helpers for change detection. `canonicalJson` sorts object keys, drops `undefined` members and writes
 * bigints as decimal strings, so the same object with its keys in another order (a webhook versus the REST
 * API) prints the same; `plan.ts` uses it to confirm that records whose stored JSON differs are really
 * changed. Paths listed in `volatilePaths` (none by default) are left out.
 */
import { hash } from 'node:crypto';

function canonical(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean': return v ? 'true' : 'false';
    case 'bigint': return JSON.stringify(v.toString());
    case 'object': break;
    default: return 'null';
  }
  // String concatenation beats collecting parts in an array here (V8 ropes); this runs for every record.
  if (Array.isArray(v)) {
    let s = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) s += ',';
      const x: unknown = v[i];
      s += x === undefined || typeof x === 'function' || typeof x === 'symbol' ? 'null' : canonical(x);
    }
    return s + ']';
  }
  const o = v as Record<string, unknown>;
  if (typeof (o as { toJSON?: unknown }).toJSON === 'function') return canonical((o as { toJSON(): unknown }).toJSON());
  const keys = Object.keys(o).sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const x = o[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
    if (!first) s += ',';
    first = false;
    s += JSON.stringify(k) + ':' + canonical(x);
  }
  return s + '}';
}

/**
 * JSON with sorted keys, so equal values always print the same.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, undefined] }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return canonical(value);
}

function without(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0 || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (!(head in (value as object))) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) delete copy[head];
  else copy[head] = without(copy[head], rest);
  return copy;
}

/** Removes dotted `paths` from a value without touching the original (shallow copies along each path). */
export function stripPaths(value: unknown, paths: readonly string[]): unknown {
  let out = value;
  for (const p of paths) out = without(out, p.split('.'));
  return out;
}

/** sha256 (hex) of a text. */
export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * sha256 (hex) of a record's canonical JSON, leaving out `volatilePaths` (dotted, e.g. `raw.stats`).
 *
 * @example
 * hashRecord({ entity: 'case', subject: 'Lasku' }) === hashRecord({ subject: 'Lasku', entity: 'case' }); // true
 */
export function hashRecord(record: unknown, volatilePaths: readonly string[] = []): string {
  return hash('sha256', canonical(stripPaths(record, volatilePaths)), 'hex');
}

/** JSON.stringify that writes bigints as decimal strings instead of throwing. */
export function toJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (err) {
    // The replacer costs a call per value, so it is only paid by payloads that need it.
    if (!(err instanceof TypeError)) throw err;
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null';
  }
}
