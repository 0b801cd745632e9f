import { SearchQueryError } from './errors';
import {
  COMPANY_FIELD_KINDS,
  CONTACT_FIELD_KINDS,
  TICKET_FIELD_KINDS,
  type CompanySearchFields,
  type ContactSearchFields,
  type CustomFieldValue,
  type FieldKind,
  type RangeFields,
  type TicketSearchFields,
} from './fields';
import { assertSearchPage, quoteSearchQuery } from './limits';

/** The searchable resources: `/api/v2/search/<resource>`. */
export type SearchResource = 'tickets' | 'contacts' | 'companies';

/** An account's own field: `cf_<name>`, or `custom_string` (any single-line text custom field). */
export type CustomFieldName = `cf_${string}` | 'custom_string';
/** Any field a query on `F` may name. */
export type SearchField<F> = Extract<keyof F, string> | CustomFieldName;
/** The value a field takes. */
export type SearchFieldValue<F, K> = K extends keyof F ? F[K] : CustomFieldValue;
/** Range operators: greater-or-equal (`:>`) and less-or-equal (`:<`); `>=`/`<=` are accepted as aliases. */
export type RangeOperator = '>=' | '<=' | ':>' | ':<';

type Connector = 'AND' | 'OR';
interface Term {
  connector: Connector;
  text: string;
  /** A sub-query made of several conditions, to be parenthesised. */
  compound: boolean;
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An immutable builder for the Freshdesk Search API language. Every method returns a new builder.
 * Conditions join left to right; where AND and OR meet, what came before is parenthesised, so
 * `where(a).or(b).and(c)` means `(a OR b) AND c` whatever precedence the server uses.
 *
 * @example
 * ticketQuery().where('status', 2).and('tag', 'lasku').build(); // "\"status:2 AND tag:'lasku'\""
 */
export class SearchQueryBuilder<F> {
  readonly resource: SearchResource;
  readonly #kinds: Readonly<Record<string, FieldKind>>;
  readonly #terms: readonly Term[];

  /** @internal Use `ticketQuery()`, `contactQuery()` or `companyQuery()`. */
  constructor(resource: SearchResource, kinds: Readonly<Record<string, FieldKind>>, terms: readonly Term[] = []) {
    this.resource = resource;
    this.#kinds = kinds;
    this.#terms = terms;
  }

  /** Starts (or continues, with AND) the query with `field:value`. */
  where<K extends SearchField<F>>(field: K, value: SearchFieldValue<F, K>): SearchQueryBuilder<F>;
  /** Starts (or continues, with AND) the query with `field:>value` or `field:<value`. */
  where<K extends RangeFields<F> | CustomFieldName>(field: K, op: RangeOperator, value: NonNullable<SearchFieldValue<F, K>>): SearchQueryBuilder<F>;
  /** Adds a parenthesised group built by `group`. */
  where(group: (q: SearchQueryBuilder<F>) => SearchQueryBuilder<F>): SearchQueryBuilder<F>;
  where(...args: unknown[]): SearchQueryBuilder<F> {
    return this.#add('AND', args);
  }

  /** Adds `AND field:value`, `AND field:>value`, or `AND (group)`. */
  and<K extends SearchField<F>>(field: K, value: SearchFieldValue<F, K>): SearchQueryBuilder<F>;
  and<K extends RangeFields<F> | CustomFieldName>(field: K, op: RangeOperator, value: NonNullable<SearchFieldValue<F, K>>): SearchQueryBuilder<F>;
  and(group: (q: SearchQueryBuilder<F>) => SearchQueryBuilder<F>): SearchQueryBuilder<F>;
  and(...args: unknown[]): SearchQueryBuilder<F> {
    return this.#add('AND', args);
  }

  /** Adds `OR field:value`, `OR field:>value`, or `OR (group)`. */
  or<K extends SearchField<F>>(field: K, value: SearchFieldValue<F, K>): SearchQueryBuilder<F>;
  or<K extends RangeFields<F> | CustomFieldName>(field: K, op: RangeOperator, value: NonNullable<SearchFieldValue<F, K>>): SearchQueryBuilder<F>;
  or(group: (q: SearchQueryBuilder<F>) => SearchQueryBuilder<F>): SearchQueryBuilder<F>;
  or(...args: unknown[]): SearchQueryBuilder<F> {
    return this.#add('OR', args);
  }

  /** The expression without the surrounding double quotes (not length-checked). */
  expression(): string {
    let out = '';
    let previous: Connector | undefined;
    for (const [i, term] of this.#terms.entries()) {
      const text = term.compound ? `(${term.text})` : term.text;
      if (i === 0) {
        out = text;
        continue;
      }
      if (previous !== undefined && previous !== term.connector) out = `(${out})`;
      out = `${out} ${term.connector} ${text}`;
      previous = term.connector;
    }
    return out;
  }

  /**
   * The query as Freshdesk takes it, in double quotes. Throws `SEARCH_QUERY_EMPTY` without a condition
   * and `SEARCH_QUERY_TOO_LONG` past 512 characters.
   */
  build(): string {
    return quoteSearchQuery(this.expression());
  }

  /**
   * The request path with the query URL-encoded (spaces as `%20`, quotes as `%22`/`%27`) and the page
   * number, checked to be 1–10.
   *
   * @example
   * ticketQuery().where('priority', 3).toPath(2); // '/api/v2/search/tickets?query=%22priority%3A3%22&page=2'
   */
  toPath(page = 1): string {
    return `/api/v2/search/${this.resource}?query=${encodeQueryComponent(this.build())}&page=${assertSearchPage(page)}`;
  }

  /** The path and query parameters separately, for HTTP clients that encode parameters themselves. */
  toRequest(page = 1): { path: string; searchParams: { query: string; page: number } } {
    return { path: `/api/v2/search/${this.resource}`, searchParams: { query: this.build(), page: assertSearchPage(page) } };
  }

  /** Same as `build()`. */
  toString(): string {
    return this.build();
  }

  #add(connector: Connector, args: unknown[]): SearchQueryBuilder<F> {
    let term: Term;
    if (typeof args[0] === 'function') {
      const group = (args[0] as (q: SearchQueryBuilder<F>) => SearchQueryBuilder<F>)(new SearchQueryBuilder<F>(this.resource, this.#kinds));
      if (!(group instanceof SearchQueryBuilder) || group.#terms.length === 0) {
        throw new SearchQueryError('SEARCH_QUERY_EMPTY', 'a group must return a builder with at least one condition');
      }
      term = { connector, text: group.expression(), compound: group.#terms.length > 1 };
    } else {
      const [field, opOrValue, maybeValue] = args as [string, unknown, unknown];
      const ranged = args.length === 3;
      term = { connector, text: this.#condition(field, ranged ? (opOrValue as RangeOperator) : undefined, ranged ? maybeValue : opOrValue), compound: false };
    }
    return new SearchQueryBuilder<F>(this.resource, this.#kinds, [...this.#terms, term]);
  }

  #condition(field: string, op: RangeOperator | undefined, value: unknown): string {
    if (typeof field !== 'string' || !FIELD_NAME.test(field)) {
      throw new SearchQueryError('SEARCH_FIELD_INVALID', `field ${JSON.stringify(field)} is not a field name (letters, digits, _)`);
    }
    const custom = field.startsWith('cf_') || field === 'custom_string';
    const kind = this.#kinds[field];
    if (!custom && kind === undefined) {
      throw new SearchQueryError(
        'SEARCH_FIELD_INVALID',
        `field "${field}" is not searchable on ${this.resource}; use one of ${Object.keys(this.#kinds).join(', ')} or a custom field cf_<name>`,
      );
    }
    const operator = op === undefined ? ':' : op === '>=' || op === ':>' ? ':>' : op === '<=' || op === ':<' ? ':<' : undefined;
    if (operator === undefined) {
      throw new SearchQueryError('SEARCH_VALUE_INVALID', `${field}: operator ${JSON.stringify(op)} is not one of >=, <=, :>, :<`);
    }
    if (operator !== ':' && (value === null || kind === 'string' || kind === 'boolean' || kind === 'id')) {
      throw new SearchQueryError('SEARCH_VALUE_INVALID', `${field}: ${operator} works only on number and date fields with a value`);
    }
    return `${field}${operator}${renderValue(field, kind, value)}`;
  }
}

function invalid(field: string, message: string): SearchQueryError {
  return new SearchQueryError('SEARCH_VALUE_INVALID', `${field}: ${message}`);
}

function renderValue(field: string, kind: FieldKind | undefined, value: unknown): string {
  if (value === null) return 'null';
  switch (kind ?? inferKind(field, value)) {
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(field, `must be an integer, got ${describe(value)}`);
      return String(value);
    case 'id':
      if ((typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) || (typeof value === 'string' && /^\d+$/.test(value))) {
        return String(value);
      }
      throw invalid(field, `must be an id (a non-negative integer or a string of digits), got ${describe(value)}`);
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(field, `must be true or false, got ${describe(value)}`);
      return String(value);
    case 'date':
      return quote(toDateOnly(field, value));
    case 'string':
      if (typeof value !== 'string') throw invalid(field, `must be a string, got ${describe(value)}`);
      if (value === '') throw invalid(field, 'must not be empty (use null to find records without a value)');
      return quote(value);
    default:
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw invalid(field, `must be a finite number, got ${value}`);
        return String(value);
      }
      throw invalid(field, `cannot be searched with ${describe(value)}`);
  }
}

function inferKind(field: string, value: unknown): FieldKind | undefined {
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Date) return 'date';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return undefined;
  throw invalid(field, `cannot be searched with ${describe(value)}`);
}

function toDateOnly(field: string, value: unknown): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(field, 'is an invalid Date');
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) {
      const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      if (d.toISOString().slice(0, 10) === value) return value;
    }
  }
  throw invalid(field, `must be a date written YYYY-MM-DD (UTC) or a Date, got ${describe(value)}`);
}

/**
 * A string value in single quotes. The documentation gives no escape rule; a backslash before `'`, `"` and
 * `\` keeps the value from closing the string or the query (the Silta simulator reads the same rule).
 */
function quote(text: string): string {
  return `'${text.replace(/[\\'"]/g, (c) => `\\${c}`)}'`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value instanceof Date) return 'a Date';
  if (Array.isArray(value)) return 'an array';
  return value === undefined ? 'undefined' : typeof value === 'object' ? 'an object' : String(value);
}

/** encodeURIComponent, also encoding the characters it leaves alone (`'`, `(`, `)`, `!`, `*`). */
function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text).replace(/['()!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A query builder for `/api/v2/search/tickets` over the documented ticket fields plus custom `cf_…` fields.
 *
 * @example
 * ticketQuery().where('priority', '>=', 3).and((q) => q.where('status', 2).or('status', 3)).build();
 * // "\"priority:>3 AND (status:2 OR status:3)\""
 */
export function ticketQuery(): SearchQueryBuilder<TicketSearchFields> {
  return new SearchQueryBuilder<TicketSearchFields>('tickets', TICKET_FIELD_KINDS);
}

/**
 * A query builder for `/api/v2/search/contacts`.
 *
 * @example
 * contactQuery().where('email', 'asa@esimerkki.fi').or('mobile', '+358401234567').build();
 */
export function contactQuery(): SearchQueryBuilder<ContactSearchFields> {
  return new SearchQueryBuilder<ContactSearchFields>('contacts', CONTACT_FIELD_KINDS);
}

/**
 * A query builder for `/api/v2/search/companies`.
 *
 * @example
 * companyQuery().where('domain', 'yritys.fi').build(); // "\"domain:'yritys.fi'\""
 */
export function companyQuery(): SearchQueryBuilder<CompanySearchFields> {
  return new SearchQueryBuilder<CompanySearchFields>('companies', COMPANY_FIELD_KINDS);
}
