import { describe, expect, it } from 'vitest';
import { SearchQueryError, assertSearchPage, companyQuery, contactQuery, quoteSearchQuery, ticketQuery } from './index';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof SearchQueryError ? e.code : `not a SearchQueryError: ${String(e)}`;
  }
  return undefined;
}

describe('ticketQuery', () => {
  it('builds the documented form: numbers bare, strings in single quotes, the whole in double quotes', () => {
    expect(ticketQuery().where('status', 2).and('tag', 'lasku').build()).toBe(`"status:2 AND tag:'lasku'"`);
  });

  it('writes the range operators as :> and :< and dates quoted as in the documentation examples', () => {
    const q = ticketQuery()
      .where((g) => g.where('type', 'Question').or('type', 'Problem'))
      .and((g) => g.where('due_by', '>=', '2017-10-01').and('due_by', '<=', '2017-10-07'));
    expect(q.build()).toBe(`"(type:'Question' OR type:'Problem') AND (due_by:>'2017-10-01' AND due_by:<'2017-10-07')"`);
    expect(ticketQuery().where('priority', ':>', 3).build()).toBe('"priority:>3"');
  });

  it('writes null for fields without a value', () => {
    expect(ticketQuery().where('agent_id', null).build()).toBe('"agent_id:null"');
    expect(ticketQuery().where('type', null).and('priority', 4).build()).toBe('"type:null AND priority:4"');
  });

  it('parenthesises what came before when AND and OR meet, so reading order is meaning', () => {
    expect(ticketQuery().where('status', 2).or('status', 3).and('priority', 4).build()).toBe('"(status:2 OR status:3) AND priority:4"');
    expect(ticketQuery().where('status', 2).or('status', 3).or('status', 6).build()).toBe('"status:2 OR status:3 OR status:6"');
  });

  it('escapes quotes and backslashes inside string values so they cannot end the string or the query', () => {
    const q = ticketQuery().where('tag', `O'Brien "vip" \\ ä`).build();
    expect(q).toBe(`"tag:'O\\'Brien \\"vip\\" \\\\ ä'"`);
    // An injection attempt stays one value.
    expect(ticketQuery().where('tag', `x' OR status:5 OR tag:'y`).build()).toBe(`"tag:'x\\' OR status:5 OR tag:\\'y'"`);
  });

  it('takes custom fields, typing their values from JavaScript', () => {
    expect(ticketQuery().where('cf_sector', 'finance').and('cf_locked', true).and('cf_sector_no', 7).build()).toBe(
      `"cf_sector:'finance' AND cf_locked:true AND cf_sector_no:7"`,
    );
    expect(ticketQuery().where('cf_renewal', new Date('2026-11-22T23:30:00Z')).build()).toBe(`"cf_renewal:'2026-11-22'"`);
  });

  it('gives the URL-encoded path with the page', () => {
    expect(ticketQuery().where('priority', 3).toPath(2)).toBe('/api/v2/search/tickets?query=%22priority%3A3%22&page=2');
    expect(ticketQuery().where('tag', 'a b').toPath()).toContain('query=%22tag%3A%27a%20b%27%22&page=1');
    expect(ticketQuery().where('status', 2).toRequest(10)).toEqual({
      path: '/api/v2/search/tickets',
      searchParams: { query: '"status:2"', page: 10 },
    });
  });

  it('refuses a query beyond 512 characters with SEARCH_QUERY_TOO_LONG', () => {
    let q = ticketQuery().where('tag', 'x');
    for (let i = 0; i < 60; i++) q = q.or('tag', `tunniste${i}`);
    expect(q.expression().length).toBeGreaterThan(512);
    expect(codeOf(() => q.build())).toBe('SEARCH_QUERY_TOO_LONG');
    const exactly512 = `tag:'${'a'.repeat(512 - 6)}'`;
    expect(exactly512.length).toBe(512);
    expect(ticketQuery().where('tag', 'a'.repeat(506)).build()).toBe(`"${exactly512}"`);
    expect(codeOf(() => ticketQuery().where('tag', 'a'.repeat(507)).build())).toBe('SEARCH_QUERY_TOO_LONG');
  });

  it('refuses pages outside 1–10 with SEARCH_PAGE_OUT_OF_RANGE', () => {
    const q = ticketQuery().where('status', 2);
    expect(codeOf(() => q.toPath(11))).toBe('SEARCH_PAGE_OUT_OF_RANGE');
    expect(codeOf(() => q.toRequest(0))).toBe('SEARCH_PAGE_OUT_OF_RANGE');
    expect(codeOf(() => assertSearchPage(1.5))).toBe('SEARCH_PAGE_OUT_OF_RANGE');
    expect(assertSearchPage(10)).toBe(10);
  });

  it('names the field and the problem for bad values', () => {
    expect(() => ticketQuery().where('status', 2.5 as number).build()).toThrow(/status: must be an integer, got 2.5/);
    expect(() => ticketQuery().where('created_at', '2026-02-30' as const).build()).toThrow(/created_at: must be a date written YYYY-MM-DD/);
    expect(codeOf(() => ticketQuery().where('tag' as 'priority', '>=', 'x' as never))).toBe('SEARCH_VALUE_INVALID');
    expect(codeOf(() => ticketQuery().where('subjekti' as 'tag', 'x'))).toBe('SEARCH_FIELD_INVALID');
    expect(codeOf(() => ticketQuery().where('cf_x) OR (status' as 'cf_x', 'x'))).toBe('SEARCH_FIELD_INVALID');
    expect(codeOf(() => ticketQuery().build())).toBe('SEARCH_QUERY_EMPTY');
  });

  it('is immutable: branching a builder does not change the original', () => {
    const base = ticketQuery().where('status', 2);
    base.and('priority', 4);
    expect(base.build()).toBe('"status:2"');
  });
});

describe('contactQuery and companyQuery', () => {
  it('build contact and company queries with their own fields', () => {
    expect(contactQuery().where('active', true).and('company_id', 2331).build()).toBe('"active:true AND company_id:2331"');
    expect(contactQuery().where('time_zone', 'Helsinki').and('created_at', '>=', '2017-10-01').toPath()).toMatch(/^\/api\/v2\/search\/contacts\?query=/);
    expect(companyQuery().where('domain', 'yritys.fi').build()).toBe(`"domain:'yritys.fi'"`);
    expect(codeOf(() => companyQuery().where('status' as 'domain', 'x'))).toBe('SEARCH_FIELD_INVALID');
  });
});

describe('quoteSearchQuery', () => {
  it('quotes a hand-written query once and checks its length', () => {
    expect(quoteSearchQuery('priority:3')).toBe('"priority:3"');
    expect(quoteSearchQuery('"priority:3"')).toBe('"priority:3"');
    expect(codeOf(() => quoteSearchQuery(`"${'a'.repeat(513)}"`))).toBe('SEARCH_QUERY_TOO_LONG');
  });
});
