import { validationError } from './api-error';

/**
 * The subset of Freshdesk's search language the simulator understands:
 * `field:value`, `field:'text'`, `field:>n`, `field:<n` (inclusive, numbers and 'YYYY-MM-DD' dates),
 * `null`, `true`/`false`, `AND` (binds tighter), `OR`, and parentheses.
 */
export type SearchValue = string | number | boolean | null;
export type FieldValue = SearchValue | SearchValue[] | undefined;

type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'cond'; field: string; op: 'eq' | 'gte' | 'lte'; value: SearchValue };

type Token = { t: '(' | ')' | 'AND' | 'OR' } | { t: 'cond'; field: string; op: 'eq' | 'gte' | 'lte'; value: SearchValue };

function invalid(message: string) {
  return validationError('query', message, 'invalid_value');
}

function tokenize(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const ch = q[i] as string;
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '(' || ch === ')') { out.push({ t: ch }); i++; continue; }
    const word = /^(AND|OR)(?=[\s()]|$)/.exec(q.slice(i));
    if (word) { out.push({ t: word[1] as 'AND' | 'OR' }); i += word[1]!.length; continue; }
    const head = /^([A-Za-z_][A-Za-z0-9_]*):(>|<)?\s*/.exec(q.slice(i));
    if (!head) throw invalid(`Unexpected input at position ${i}`);
    i += head[0].length;
    const op = head[2] === '>' ? 'gte' : head[2] === '<' ? 'lte' : 'eq';
    let value: SearchValue;
    if (q[i] === "'") {
      let s = '';
      i++;
      while (i < q.length && q[i] !== "'") {
        if (q[i] === '\\' && i + 1 < q.length) i++;
        s += q[i];
        i++;
      }
      if (q[i] !== "'") throw invalid('Unterminated string value');
      i++;
      value = s;
    } else {
      const raw = /^[^\s()]+/.exec(q.slice(i))?.[0] ?? '';
      if (!raw) throw invalid(`Missing value for ${head[1]}`);
      i += raw.length;
      if (raw === 'null') value = null;
      else if (raw === 'true' || raw === 'false') value = raw === 'true';
      else if (/^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw);
      else value = raw;
    }
    out.push({ t: 'cond', field: head[1] as string, op, value });
  }
  return out;
}

function parse(tokens: Token[]): Node {
  let pos = 0;
  function primary(): Node {
    const tok = tokens[pos++];
    if (!tok) throw invalid('Query ends unexpectedly');
    if (tok.t === '(') {
      const node = or();
      if (tokens[pos++]?.t !== ')') throw invalid('Missing closing parenthesis');
      return node;
    }
    if (tok.t === 'cond') return { kind: 'cond', field: tok.field, op: tok.op, value: tok.value };
    throw invalid(`Unexpected ${tok.t}`);
  }
  function and(): Node {
    let left = primary();
    while (tokens[pos]?.t === 'AND') { pos++; left = { kind: 'and', left, right: primary() }; }
    return left;
  }
  function or(): Node {
    let left = and();
    while (tokens[pos]?.t === 'OR') { pos++; left = { kind: 'or', left, right: and() }; }
    return left;
  }
  const node = or();
  if (pos !== tokens.length) throw invalid('Unexpected input after the end of the query');
  return node;
}

function compare(actual: SearchValue, op: 'eq' | 'gte' | 'lte', expected: SearchValue): boolean {
  if (expected === null) return op === 'eq' && (actual === null || actual === '');
  if (actual === null) return false;
  if (typeof expected === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(expected) && typeof actual === 'string' && /^\d{4}-\d{2}-\d{2}/.test(actual)) {
    const day = actual.slice(0, 10);
    return op === 'eq' ? day === expected : op === 'gte' ? day >= expected : day <= expected;
  }
  if (op !== 'eq') return typeof actual === 'number' && typeof expected === 'number' && (op === 'gte' ? actual >= expected : actual <= expected);
  if (typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase() === expected.toLowerCase();
  return actual === expected;
}

/**
 * Compiles a query (without its surrounding double quotes) into a predicate over records, given how to read a
 * field. Unknown fields are rejected as Freshdesk does, with `invalid_field`.
 *
 * @example
 * const match = compileSearch("status:2 AND tag:'lasku'", ['status', 'tag'], (t, f) => (f === 'tag' ? t.tags : t.status));
 */
export function compileSearch<T>(query: string, fields: readonly string[], read: (record: T, field: string) => FieldValue) {
  const root = parse(tokenize(query));
  (function check(n: Node) {
    if (n.kind === 'cond') {
      if (!fields.includes(n.field) && !n.field.startsWith('cf_')) {
        throw validationError(n.field, 'Unexpected/invalid field in request', 'invalid_field');
      }
    } else { check(n.left); check(n.right); }
  })(root);
  return function matches(record: T): boolean {
    return (function evaluate(n: Node): boolean {
      if (n.kind !== 'cond') return n.kind === 'and' ? evaluate(n.left) && evaluate(n.right) : evaluate(n.left) || evaluate(n.right);
      const v = read(record, n.field);
      if (Array.isArray(v)) return n.value === null ? v.length === 0 : v.some((x) => compare(x, n.op, n.value));
      return compare(v ?? null, n.op, n.value);
    })(root);
  };
}
