import { notFound } from '../api-error';
import { agentPayload, companyPayload, groupPayload, satisfactionRatingPayload, timeEntryPayload } from '../payloads';
import { allowParams, paginate, route, timeParam, type Route, type RouteContext } from './shared';

function byId<T extends { id: number }>(map: Map<number, T>, ctx: RouteContext): T {
  allowParams(ctx.query, []);
  const v = map.get(Number(ctx.params.id));
  if (!v) throw notFound();
  return v;
}

function listCompanies(ctx: RouteContext) {
  allowParams(ctx.query, ['updated_since', 'page', 'per_page']);
  const since = timeParam(ctx.query, 'updated_since');
  const list = [...ctx.state.companies.values()].filter((c) => since === undefined || c.updated_at >= since);
  const { page, headers } = paginate(ctx, list);
  return { status: 200, headers, body: page.map(companyPayload) };
}

function listAgents(ctx: RouteContext) {
  allowParams(ctx.query, ['email', 'mobile', 'phone', 'state', 'page', 'per_page']);
  let list = [...ctx.state.agents.values()];
  const email = ctx.query.get('email');
  if (email) list = list.filter((a) => a.contact.email.toLowerCase() === email.toLowerCase());
  const state = ctx.query.get('state');
  if (state === 'fulltime') list = list.filter((a) => !a.occasional);
  if (state === 'occasional') list = list.filter((a) => a.occasional);
  const { page, headers } = paginate(ctx, list);
  return { status: 200, headers, body: page.map(agentPayload) };
}

function listGroups(ctx: RouteContext) {
  allowParams(ctx.query, ['page', 'per_page']);
  const { page, headers } = paginate(ctx, [...ctx.state.groups.values()]);
  return { status: 200, headers, body: page.map((g) => groupPayload(g, false)) };
}

function listRatings(ctx: RouteContext) {
  allowParams(ctx.query, ['created_since', 'user_id', 'page', 'per_page']);
  const since = timeParam(ctx.query, 'created_since');
  const user = ctx.query.get('user_id');
  const list = ctx.state.satisfactionRatings.filter((s) => (since === undefined || s.created_at >= since) && (!user || String(s.user_id) === user));
  const { page, headers } = paginate(ctx, list);
  return { status: 200, headers, body: page.map(satisfactionRatingPayload) };
}

function listTimeEntries(ctx: RouteContext) {
  allowParams(ctx.query, ['company_id', 'agent_id', 'executed_after', 'executed_before', 'billable', 'page', 'per_page']);
  const after = timeParam(ctx.query, 'executed_after');
  const before = timeParam(ctx.query, 'executed_before');
  const company = ctx.query.get('company_id');
  const agent = ctx.query.get('agent_id');
  const billable = ctx.query.get('billable');
  const list = ctx.state.timeEntries.filter((e) => (after === undefined || e.executed_at >= after)
    && (before === undefined || e.executed_at <= before) && (!company || String(e.company_id) === company)
    && (!agent || String(e.agent_id) === agent) && (billable === null || String(e.billable) === billable));
  const { page, headers } = paginate(ctx, list);
  return { status: 200, headers, body: page.map(timeEntryPayload) };
}

/** Companies, agents, groups, satisfaction ratings and time entries. */
export const directoryRoutes: Route[] = [
  route('GET', '/api/v2/companies', listCompanies),
  route('GET', '/api/v2/companies/:id', (ctx) => ({ status: 200, body: companyPayload(byId(ctx.state.companies, ctx)) })),
  route('GET', '/api/v2/agents', listAgents),
  route('GET', '/api/v2/agents/:id', (ctx) => ({ status: 200, body: agentPayload(byId(ctx.state.agents, ctx)) })),
  route('GET', '/api/v2/groups', listGroups),
  route('GET', '/api/v2/groups/:id', (ctx) => ({ status: 200, body: groupPayload(byId(ctx.state.groups, ctx), true) })),
  route('GET', '/api/v2/surveys/satisfaction_ratings', listRatings),
  route('GET', '/api/v2/time_entries', listTimeEntries),
];
