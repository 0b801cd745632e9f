import type { PartnerSettings } from './config';

/** The partner of the demo. */
export const DEMO_PARTNER_ID = 'asiakaspalvelu-ab';
/** The company the demo partner serves. */
export const DEMO_COMPANY = 'yritys-oy';
/** A second company the demo partner may NOT serve (pushes for it get 403). */
export const DEMO_OTHER_COMPANY = 'toinen-oy';
/** The demo's partner secret when `SILTA_PARTNER_SECRET` is not set. For the demo only. */
export const DEMO_PARTNER_SECRET = 'demo-partner-secret';

/**
 * The partner configuration of `silta serve --demo`: partner `asiakaspalvelu-ab`, secret from
 * `SILTA_PARTNER_SECRET` (default `demo-partner-secret`), allowed to serve `yritys-oy` but not `toinen-oy`.
 * `SILTA_PARTNER_SECRET_PREVIOUS`, when set, is accepted too (to try a rotation).
 *
 * @example
 * const partnerApi = createPartnerApi({ store, ...demoPartnerConfig() });
 */
export function demoPartnerConfig(env: Record<string, string | undefined> = process.env): {
  partners: Record<string, PartnerSettings>;
  companies: { allowed: string; forbidden: string };
} {
  const current = env.SILTA_PARTNER_SECRET || DEMO_PARTNER_SECRET;
  const previous = env.SILTA_PARTNER_SECRET_PREVIOUS;
  return {
    partners: { [DEMO_PARTNER_ID]: { secrets: previous ? [current, previous] : [current], companies: [DEMO_COMPANY] } },
    companies: { allowed: DEMO_COMPANY, forbidden: DEMO_OTHER_COMPANY },
  };
}
