/**
 * The simulator's stored records: Freshdesk's own field names, timestamps kept as epoch milliseconds so
 * sorting and `updated_since` filtering stay cheap; `payloads.ts` renders them in the documented shapes.
 */
export interface SimTicket {
  id: number;
  subject: string;
  description: string;
  description_text: string;
  status: number;
  priority: number;
  source: number;
  type: string | null;
  requester_id: number;
  responder_id: number | null;
  group_id: number | null;
  company_id: number | null;
  product_id: number | null;
  email_config_id: number | null;
  tags: string[];
  cc_emails: string[];
  fwd_emails: string[];
  reply_cc_emails: string[];
  to_emails: string[] | null;
  fr_escalated: boolean;
  spam: boolean;
  is_escalated: boolean;
  deleted: boolean;
  custom_fields: Record<string, string | number | boolean | null>;
  due_by: number;
  fr_due_by: number;
  created_at: number;
  updated_at: number;
  stats: { first_responded_at: number | null; resolved_at: number | null; closed_at: number | null };
}

export interface SimConversation {
  id: number;
  ticket_id: number;
  body: string;
  body_text: string;
  incoming: boolean;
  private: boolean;
  user_id: number;
  support_email: string | null;
  source: number;
  from_email: string | null;
  to_emails: string[];
  cc_emails: string[];
  bcc_emails: string[];
  notified_to?: string[];
  replied_to?: string[];
  last_edited_at: number | null;
  last_edited_user_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface SimContact {
  id: number;
  name: string;
  email: string | null;
  other_emails: string[];
  phone: string | null;
  mobile: string | null;
  twitter_id: string | null;
  facebook_id: string | null;
  unique_external_id: string | null;
  company_id: number | null;
  view_all_tickets: boolean;
  other_companies: number[];
  address: string | null;
  description: string | null;
  job_title: string | null;
  language: string;
  time_zone: string;
  tags: string[];
  custom_fields: Record<string, string | number | boolean | null>;
  active: boolean;
  deleted: boolean;
  created_at: number;
  updated_at: number;
}

export interface SimCompany {
  id: number;
  name: string;
  description: string | null;
  note: string | null;
  domains: string[];
  custom_fields: Record<string, string | number | boolean | null>;
  health_score: string | null;
  account_tier: string | null;
  renewal_date: number | null;
  industry: string | null;
  created_at: number;
  updated_at: number;
}

export interface SimAgent {
  id: number;
  available: boolean;
  occasional: boolean;
  signature: string | null;
  group_ids: number[];
  role_ids: number[];
  skill_ids: number[];
  ticket_scope: number;
  available_since: number | null;
  type: string;
  focus_mode: boolean;
  contact: {
    active: boolean; email: string; job_title: string | null; language: string; last_login_at: number | null;
    mobile: string | null; name: string; phone: string | null; time_zone: string; created_at: number; updated_at: number;
  };
  created_at: number;
  updated_at: number;
}

export interface SimGroup {
  id: number;
  name: string;
  description: string | null;
  business_hour_id: number | null;
  escalate_to: number | null;
  unassigned_for: string | null;
  agent_ids: number[];
  auto_ticket_assign: number;
  created_at: number;
  updated_at: number;
}

export interface SimSatisfactionRating {
  id: number;
  survey_id: number;
  user_id: number;
  agent_id: number | null;
  group_id: number | null;
  ticket_id: number;
  feedback: string | null;
  ratings: Record<string, number>;
  created_at: number;
  updated_at: number;
}

export interface SimTimeEntry {
  id: number;
  ticket_id: number;
  agent_id: number;
  company_id: number | null;
  billable: boolean;
  note: string | null;
  timer_running: boolean;
  time_spent: string;
  executed_at: number;
  start_time: number;
  created_at: number;
  updated_at: number;
}

/** Freshdesk timestamps are second-precision UTC: `2015-08-24T11:56:51Z`. */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  if (ms === null) return null;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
