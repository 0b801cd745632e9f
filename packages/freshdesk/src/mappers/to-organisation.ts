import type { Organisation } from '@silta/model';
import type { Company } from '../schemas/company';
import { freshdeskRef, nonEmpty, type MapperContext } from './context';
import { toTimestamp } from './timestamps';

/**
 * Maps a company to an `Organisation`: name, domains (trimmed, lower-cased, without duplicates),
 * description, timestamps and the vendor payload in `raw`.
 *
 * @example
 * companyToOrganisation(CompanySchema.parse(body), { connection: 'yritys-oy' }).domains; // ['supernova', 'nova']
 */
export function companyToOrganisation(company: Company, ctx: MapperContext): Organisation {
  const domains = [...new Set((company.domains ?? []).map((d) => d.trim().toLowerCase()).filter((d) => d !== ''))];
  const organisation: Organisation = {
    entity: 'organisation',
    ref: freshdeskRef(ctx, 'company', company.id),
    name: company.name,
    domains,
    identifiers: [],
    createdAt: toTimestamp(company.created_at, 'created_at', company),
    updatedAt: toTimestamp(company.updated_at, 'updated_at', company),
    raw: company,
  };
  const description = nonEmpty(company.description);
  if (description) organisation.description = description;
  return organisation;
}
