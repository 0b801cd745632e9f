import { describe, expect, it } from 'vitest';
import { OrganisationSchema } from '@silta/model';
import { parseJsonLossless } from '@silta/kit';
import { CompanySchema } from '../schemas';
import { HAVE_FIXTURES, fixtureText } from '../../test/freshdesk-fixtures';
import { companyToOrganisation } from './to-organisation';
import { CONNECTION } from '../../test/finnish-payloads';

const ctx = { connection: CONNECTION };

describe('companyToOrganisation', () => {
  it('maps name, domains and description', () => {
    const o = OrganisationSchema.parse(
      companyToOrganisation(
        CompanySchema.parse({
          id: 7, name: 'Yritys Öy Ab', description: 'Kodinkoneiden verkkokauppa', note: null, domains: [' Yritys.FI', 'yritys.fi', 'kauppa.yritys.fi'],
          custom_fields: { y_tunnus: '1234567-8' }, created_at: '2020-01-01T00:00:00+02:00', updated_at: '2026-11-01T10:00:00Z',
        }),
        ctx,
      ),
    );
    expect(o).toMatchObject({ name: 'Yritys Öy Ab', domains: ['yritys.fi', 'kauppa.yritys.fi'], description: 'Kodinkoneiden verkkokauppa', ref: { type: 'company', id: '7' } });
    expect(o.createdAt).toBe('2020-01-01T00:00:00+02:00');
  });

  it.skipIf(!HAVE_FIXTURES)('maps the python-freshdesk companies (needs ../shared/fixtures)', () => {
    const list = CompanySchema.array().parse(parseJsonLossless(fixtureText('python-freshdesk', 'companies.json')));
    expect(list.map((c) => OrganisationSchema.parse(companyToOrganisation(c, ctx)).domains)).toEqual([['supernova', 'nova', 'super'], ['poseidon']]);
  });
});
