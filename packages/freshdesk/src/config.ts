import { ConfigError, formatIssuePath } from '@silta/kit';
import { z } from 'zod';

/**
 * Documented API budgets per plan (calls per minute, account-wide) and the per-endpoint sub-limits for
 * listing tickets and contacts. Trial accounts get 50 calls a minute.
 *
 * @example
 * FRESHDESK_PLANS.pro.requestsPerMinute; // 400
 */
export const FRESHDESK_PLANS = {
  trial: { requestsPerMinute: 50, ticketsList: undefined, contactsList: undefined },
  growth: { requestsPerMinute: 200, ticketsList: 20, contactsList: 20 },
  pro: { requestsPerMinute: 400, ticketsList: 100, contactsList: 100 },
  enterprise: { requestsPerMinute: 700, ticketsList: 200, contactsList: 200 },
} as const satisfies Record<string, { requestsPerMinute: number; ticketsList: number | undefined; contactsList: number | undefined }>;
export type FreshdeskPlan = keyof typeof FRESHDESK_PLANS;

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * `acme` or `acme.freshdesk.com` ⇒ `acme`; anything else (other hosts, URLs, paths) ⇒ undefined.
 *
 * @example
 * normaliseDomain('Yritys.freshdesk.com'); // 'yritys'
 * normaliseDomain('evil.example');         // undefined
 */
export function normaliseDomain(domain: string): string | undefined {
  const text = domain.trim().toLowerCase();
  const sub = text.endsWith('.freshdesk.com') ? text.slice(0, -'.freshdesk.com'.length) : text;
  return SUBDOMAIN.test(sub) ? sub : undefined;
}

/**
 * Freshdesk connection settings.
 * - `domain`: `acme` or `acme.freshdesk.com`, nothing else (no other hosts: the API key must not leak elsewhere).
 * - `apiKey`: sent as Basic `apiKey:X`.
 * - `requestsPerMinute` or `plan` (not both): the budget; without either the client follows `X-RateLimit-*` headers.
 * - `baseUrl`: explicit override of the origin, e.g. a simulator on loopback.
 * - `windowSeconds`: the rate-limit window (60 on Freshdesk; shorter only for simulators).
 * - `startDate`: where a first sync starts (default 1970-01-01: everything).
 * - `pageSize`: `per_page` for listings, 1–100 (default 100).
 * - `overlapSeconds`: how far before the last fetch's start the next one begins (default 60).
 * - `satisfactionLookbackHours`: extra look-back for satisfaction ratings (default 24).
 * - `webhookSecret`, `webhookSecretHeader`: the shared secret(s) automation-rule webhooks must carry (see webhooks).
 *
 * @example
 * FreshdeskConfigSchema.parse({ domain: 'yritys', apiKey: 'k', plan: 'pro' });
 */
export const FreshdeskConfigSchema = z
  .object({
    domain: z.string().refine((d) => normaliseDomain(d) !== undefined, {
      error: (issue) => `must be "acme" or "acme.freshdesk.com" (a Freshdesk subdomain), got ${JSON.stringify(String(issue.input).slice(0, 80))}`,
    }),
    apiKey: z.string().min(1, 'must not be empty'),
    requestsPerMinute: z.number().int().positive().optional(),
    plan: z.enum(['trial', 'growth', 'pro', 'enterprise']).optional(),
    baseUrl: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
    windowSeconds: z.number().positive().optional(),
    startDate: z.iso.datetime({ offset: true }).optional(),
    pageSize: z.number().int().min(1).max(100, 'must be at most 100 (Freshdesk rejects larger pages)').optional(),
    overlapSeconds: z.number().int().min(0).optional(),
    satisfactionLookbackHours: z.number().min(0).optional(),
    webhookSecret: z.union([z.string().min(1, 'must not be empty'), z.array(z.string().min(1, 'must not be empty')).min(1)]).optional(),
    webhookSecretHeader: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name').optional(),
  })
  .refine((c) => !(c.requestsPerMinute !== undefined && c.plan !== undefined), {
    path: ['requestsPerMinute'],
    message: 'give either requestsPerMinute or plan, not both',
  });
export type FreshdeskConfigInput = z.input<typeof FreshdeskConfigSchema>;

/** A validated config with everything resolved: the API base URL, the budget and the defaults. */
export interface FreshdeskConfig {
  domain: string;
  apiKey: string;
  /** `https://acme.freshdesk.com/api/v2`, or the override's origin + `/api/v2`. */
  apiBaseUrl: string;
  requestsPerMinute: number | undefined;
  plan: FreshdeskPlan | undefined;
  windowMs: number;
  startDate: string;
  pageSize: number;
  overlapMs: number;
  satisfactionLookbackMs: number;
  /** Per-endpoint sub-limits of the plan (`undefined` when none apply). */
  subLimits: { ticketsList: number | undefined; contactsList: number | undefined };
}

/**
 * Validates and resolves Freshdesk settings; throws `ConfigError` naming the field (never the API key's value).
 *
 * @example
 * const config = parseFreshdeskConfig({ domain: 'yritys', apiKey: process.env.FRESHDESK_API_KEY!, plan: 'pro' });
 * config.apiBaseUrl; // 'https://yritys.freshdesk.com/api/v2'
 */
export function parseFreshdeskConfig(input: unknown): FreshdeskConfig {
  if (isResolved(input)) return input;
  const result = FreshdeskConfigSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue ? formatIssuePath(issue.path) : '(root)';
    // zod's message for a bad apiKey never contains the value; other fields are not secret.
    throw new ConfigError(field, issue?.message ?? 'is invalid');
  }
  const c = result.data;
  const domain = normaliseDomain(c.domain) as string;
  const origin = c.baseUrl ? c.baseUrl.replace(/\/+$/, '').replace(/\/api\/v2$/, '') : `https://${domain}.freshdesk.com`;
  const plan = c.plan ? FRESHDESK_PLANS[c.plan] : undefined;
  return {
    domain, apiKey: c.apiKey, apiBaseUrl: `${origin}/api/v2`,
    requestsPerMinute: c.requestsPerMinute ?? plan?.requestsPerMinute, plan: c.plan,
    windowMs: (c.windowSeconds ?? 60) * 1000, startDate: c.startDate ?? '1970-01-01T00:00:00Z',
    pageSize: c.pageSize ?? 100, overlapMs: (c.overlapSeconds ?? 60) * 1000,
    satisfactionLookbackMs: (c.satisfactionLookbackHours ?? 24) * 3_600_000,
    subLimits: { ticketsList: plan?.ticketsList, contactsList: plan?.contactsList },
  };
}

function isResolved(input: unknown): input is FreshdeskConfig {
  return typeof input === 'object' && input !== null && 'apiBaseUrl' in input && 'windowMs' in input;
}
