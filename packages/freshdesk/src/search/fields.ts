/**
 * A calendar date for date fields: `YYYY-MM-DD` or a `Date` (its UTC day is used).
 *
 * @example
 * const since: SearchDate = '2026-11-01';
 */
export type SearchDate = `${number}-${number}-${number}` | Date;

/**
 * A value for an account's custom field (`cf_…`): text, number, checkbox or date.
 *
 * @example
 * ticketQuery().where('cf_locked', true);
 */
export type CustomFieldValue = string | number | boolean | Date | null;

/**
 * Search fields of `/api/v2/search/tickets` ("Supported Ticket Fields"), with the value each takes.
 *
 * @example
 * const builder: SearchQueryBuilder<TicketSearchFields> = ticketQuery();
 */
export interface TicketSearchFields {
  agent_id: number | string | null;
  group_id: number | string | null;
  priority: number | null;
  status: number | null;
  tag: string | null;
  type: string | null;
  due_by: SearchDate | null;
  fr_due_by: SearchDate | null;
  created_at: SearchDate | null;
  updated_at: SearchDate | null;
}

/**
 * Search fields of `/api/v2/search/contacts` ("Supported Contact Fields").
 *
 * @example
 * const builder: SearchQueryBuilder<ContactSearchFields> = contactQuery();
 */
export interface ContactSearchFields {
  active: boolean | null;
  company_id: number | string | null;
  twitter_id: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  tag: string | null;
  language: string | null;
  time_zone: string | null;
  created_at: SearchDate | null;
  updated_at: SearchDate | null;
}

/**
 * Search fields of `/api/v2/search/companies` ("Supported Company Fields").
 *
 * @example
 * const builder: SearchQueryBuilder<CompanySearchFields> = companyQuery();
 */
export interface CompanySearchFields {
  domain: string | null;
  created_at: SearchDate | null;
  updated_at: SearchDate | null;
}

/** How each built-in field's value is written, so values are checked at run time too. */
export type FieldKind = 'integer' | 'id' | 'string' | 'boolean' | 'date';

export const TICKET_FIELD_KINDS: Record<keyof TicketSearchFields, FieldKind> = {
  agent_id: 'id',
  group_id: 'id',
  priority: 'integer',
  status: 'integer',
  tag: 'string',
  type: 'string',
  due_by: 'date',
  fr_due_by: 'date',
  created_at: 'date',
  updated_at: 'date',
};

export const CONTACT_FIELD_KINDS: Record<keyof ContactSearchFields, FieldKind> = {
  active: 'boolean',
  company_id: 'id',
  twitter_id: 'string',
  email: 'string',
  phone: 'string',
  mobile: 'string',
  tag: 'string',
  language: 'string',
  time_zone: 'string',
  created_at: 'date',
  updated_at: 'date',
};

export const COMPANY_FIELD_KINDS: Record<keyof CompanySearchFields, FieldKind> = {
  domain: 'string',
  created_at: 'date',
  updated_at: 'date',
};

/** Fields that take the range operators `:>` and `:<` (numbers and dates, per the documentation). */
export type RangeFields<F> = {
  [K in keyof F]: NonNullable<F[K]> extends number | SearchDate ? (NonNullable<F[K]> extends string ? never : K) : never;
}[keyof F];
