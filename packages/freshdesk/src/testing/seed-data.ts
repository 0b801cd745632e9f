import { createRandom, type Random } from './random';
import type {
  SimAgent, SimCompany, SimContact, SimConversation, SimGroup, SimSatisfactionRating, SimTicket, SimTimeEntry,
} from './records';

/** Everything a seeded simulator starts with. */
export interface SeedData {
  tickets: SimTicket[];
  conversations: SimConversation[];
  contacts: SimContact[];
  companies: SimCompany[];
  agents: SimAgent[];
  groups: SimGroup[];
  satisfactionRatings: SimSatisfactionRating[];
  timeEntries: SimTimeEntry[];
}

const GIVEN = ['Aino', 'Väinö', 'Päivi', 'Jyrki', 'Eino', 'Elina', 'Helmi', 'Ilkka', 'Kaarina', 'Lauri', 'Leena', 'Markku',
  'Minna', 'Niilo', 'Olli', 'Riikka', 'Sari', 'Satu', 'Seppo', 'Tuomas', 'Åsa', 'Håkan', 'Jönssi', 'Säde', 'Mörö', 'Kyösti'];
const FAMILY = ['Hämäläinen', 'Mäkinen', 'Räsänen', 'Kärkkäinen', 'Lönnrot', 'Söderberg', 'Åberg', 'Åström', 'Öhman',
  'Björklund', 'Mäkelä', 'Kivelä', 'Ylönen', 'Jääskeläinen', 'Pöllänen', 'Virtanen', 'Korhonen', 'Nieminen', 'Laine', 'Heikkinen'];
const COMPANY_WORDS = ['Pohjolan Sähkö', 'Kahvila Mokka', 'Lounais-Suomen Kuljetus', 'Åbo Trä', 'Järvenpään Kirja',
  'Kärkölän Kone', 'Mäntyharjun Puu', 'Öljyhuolto Mäki', 'Saaristo Säätiö', 'Hämeen Lääke', 'Yritys', 'Kotiruoka'];
const COMPANY_FORMS = ['Oy', 'Oy', 'Ab', 'Oyj', 'Ky', 'Tmi'];
const SUBJECTS: Array<{ text: string; tags: string[] }> = [
  { text: 'Lasku on väärin', tags: ['lasku'] },
  { text: 'Laskun eräpäivä ylittyi', tags: ['lasku'] },
  { text: 'Hyvitys puuttuu laskulta', tags: ['lasku', 'reklamaatio'] },
  { text: 'Tilaus ei ole saapunut', tags: ['toimitus'] },
  { text: 'Paketti jäi postiin', tags: ['toimitus'] },
  { text: 'Haluan palauttaa tuotteen', tags: ['palautus'] },
  { text: 'Salasana unohtunut', tags: ['tili'] },
  { text: 'Tuote rikki saapuessa', tags: ['reklamaatio'] },
  { text: 'Kysymys tilauksesta', tags: [] },
  { text: 'Invoice question', tags: ['lasku'] },
  { text: 'Yhteystietojen päivitys', tags: ['tili'] },
];
const BODIES = ['Hei, tarvitsen apua asiassa.', 'Lasku näyttää väärältä, voitteko tarkistaa?', 'Kiitos nopeasta vastauksesta!',
  'Tilausnumero löytyy liitteestä.', 'Olen yrittänyt soittaa, mutta kukaan ei vastaa.', 'Päivitin tiedot, kiitos.'];
const GROUPS = ['Asiakaspalvelu', 'Laskutus', 'Tekninen tuki', 'Toimitukset', 'Palautukset'];
const TYPES = [null, 'Question', 'Incident', 'Problem', 'Feature Request', 'Refund'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function ascii(text: string): string {
  return text.toLowerCase().replace(/[äå]/g, 'a').replace(/ö/g, 'o').replace(/[^a-z0-9]+/g, '');
}

function digits(r: Random, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(r.int(0, 9));
  return s;
}

/**
 * Finnish numbers as people actually type them: international, national, spaced, dashed, with (0).
 *
 * @example
 * finnishPhone(createRandom(1)); // e.g. '+358 40 123 4567' or '040-123 4567'
 */
export function finnishPhone(r: Random): string {
  const p = r.pick(['40', '41', '44', '45', '46', '50']);
  const a = digits(r, 3);
  const b = digits(r, 4);
  switch (r.int(0, 6)) {
    case 0: return `+358 ${p} ${a} ${b}`;
    case 1: return `0${p}${a}${b}`;
    case 2: return `+358${p}${a}${b}`;
    case 3: return `0${p}-${a} ${b}`;
    case 4: return `(09) ${a} ${b}`;
    case 5: return `358 ${p} ${a}${b}`;
    default: return `+358 (0)${p} ${a} ${b}`;
  }
}

/** Stable ids in Freshdesk's real ranges (11 digits), far below 2^53. */
const ID_BASE = { contact: 43_000_000_000, company: 43_001_000_000, agent: 43_002_000_000, group: 43_003_000_000,
  conversation: 43_100_000_000, rating: 43_200_000_000, timeEntry: 43_300_000_000 } as const;
export { ID_BASE };

/**
 * Generates a helpdesk: companies, Finnish contacts, agents, groups, `ticketCount` tickets spread over
 * `spanDays` before `now` (so the default 30-day window on ticket listing hides most of them), their
 * conversations, satisfaction ratings and time entries. Same seed, same data.
 *
 * @example
 * const data = generateSeedData({ ticketCount: 100, seed: 1, now: Date.now() });
 */
export function generateSeedData(options: { ticketCount: number; seed: string | number; now: number; spanDays?: number }): SeedData {
  const r = createRandom(options.seed);
  const now = Math.floor(options.now / 1000) * 1000;
  const span = (options.spanDays ?? 730) * DAY;
  const origin = now - span - 30 * DAY;
  const n = Math.max(0, Math.floor(options.ticketCount));

  const groups: SimGroup[] = GROUPS.map((name, i) => ({
    id: ID_BASE.group + i + 1, name, description: `${name} – ryhmä`, business_hour_id: null, escalate_to: null,
    unassigned_for: r.pick(['30m', '1h', '2h', null]), agent_ids: [], auto_ticket_assign: 0,
    created_at: origin, updated_at: origin + r.int(0, 10) * DAY,
  }));

  const agents: SimAgent[] = [];
  for (let i = 0; i < 12; i++) {
    const given = r.pick(GIVEN);
    const family = r.pick(FAMILY);
    const group = r.pick(groups);
    const id = ID_BASE.agent + i + 1;
    group.agent_ids.push(id);
    const created = origin + r.int(0, 20) * DAY;
    agents.push({
      id, available: r.chance(0.7), occasional: r.chance(0.1), signature: null, group_ids: [group.id], role_ids: [1],
      skill_ids: [], ticket_scope: 1, available_since: null, type: 'support_agent', focus_mode: true,
      contact: {
        active: true, email: `${ascii(given)}.${ascii(family)}@yritys.fi`, job_title: 'Asiakaspalvelija', language: 'fi',
        last_login_at: null, mobile: null, name: `${given} ${family}`, phone: finnishPhone(r), time_zone: 'Helsinki',
        created_at: created, updated_at: created,
      },
      created_at: created, updated_at: created + r.int(0, 30) * DAY,
    });
  }

  const companyCount = Math.max(3, Math.min(200, Math.ceil(n / 100)));
  const companies: SimCompany[] = [];
  for (let i = 0; i < companyCount; i++) {
    const base = COMPANY_WORDS[i % COMPANY_WORDS.length] ?? 'Yritys';
    const name = `${base}${i >= COMPANY_WORDS.length ? ` ${Math.floor(i / COMPANY_WORDS.length) + 1}` : ''} ${r.pick(COMPANY_FORMS)}`;
    const created = origin + r.int(0, 60) * DAY;
    companies.push({
      id: ID_BASE.company + i + 1, name, description: null, note: null, domains: [`${ascii(name)}.fi`],
      custom_fields: { y_tunnus: `${digits(r, 7)}-${r.int(0, 9)}` },
      health_score: r.pick(['Happy', 'Doing okay', 'At risk', null]), account_tier: r.pick(['Basic', 'Premium', 'Enterprise']),
      renewal_date: null, industry: r.pick(['Retail', 'Logistics', 'Energy', null]),
      created_at: created, updated_at: created + r.int(0, 300) * DAY,
    });
  }

  const contactCount = Math.max(5, Math.ceil(n / 3));
  const contacts: SimContact[] = [];
  for (let i = 0; i < contactCount; i++) {
    const given = r.pick(GIVEN);
    const family = r.pick(FAMILY);
    const company = r.chance(0.6) ? r.pick(companies) : null;
    const local = `${ascii(given)}.${ascii(family)}${i}`;
    const created = origin + Math.floor((i / contactCount) * span * 0.9);
    contacts.push({
      id: ID_BASE.contact + i + 1, name: `${given} ${family}`,
      email: r.chance(0.92) ? `${local}@${company ? company.domains[0] : r.pick(['gmail.com', 'outlook.com', 'elisanet.fi', 'kolumbus.fi'])}` : null,
      other_emails: r.chance(0.15) ? [`${local}@gmail.com`] : [],
      phone: r.chance(0.5) ? finnishPhone(r) : null, mobile: r.chance(0.6) ? finnishPhone(r) : null,
      twitter_id: r.chance(0.05) ? `${ascii(given)}_${i}` : null, facebook_id: r.chance(0.03) ? String(100000 + i) : null,
      unique_external_id: r.chance(0.2) ? `ASIAKAS-${10000 + i}` : null,
      company_id: company?.id ?? null, view_all_tickets: false, other_companies: [], address: null, description: null,
      job_title: null, language: r.pick(['fi', 'fi', 'fi', 'sv', 'en']), time_zone: 'Helsinki', tags: [],
      custom_fields: { asiakasnumero: r.chance(0.5) ? String(100000 + i) : null }, active: r.chance(0.8), deleted: false,
      created_at: created, updated_at: Math.min(now - HOUR, created + r.int(0, 200) * DAY + r.int(0, 86_399) * 1000),
    });
  }

  const tickets: SimTicket[] = [];
  const conversations: SimConversation[] = [];
  const satisfactionRatings: SimSatisfactionRating[] = [];
  const timeEntries: SimTimeEntry[] = [];
  const step = n > 0 ? span / n : 0;
  for (let i = 0; i < n; i++) {
    const id = i + 1;
    const requester = r.pick(contacts);
    const created = Math.floor((origin + 30 * DAY + i * step + r.next() * step * 0.9) / 1000) * 1000;
    const subject = r.pick(SUBJECTS);
    const text = r.pick(BODIES);
    const status = r.pick([2, 2, 3, 4, 4, 4, 5, 5, 5]);
    const agent = r.chance(0.8) ? r.pick(agents) : null;
    const group = agent ? groups.find((g) => g.id === agent.group_ids[0]) ?? null : r.chance(0.5) ? r.pick(groups) : null;
    const extraTags = r.chance(0.1) ? ['vip'] : [];
    let updated = created + r.int(60, 10 * 86_400) * 1000;
    if (updated > now - 60_000) updated = now - 60_000 - r.int(0, 3600) * 1000;
    if (updated < created) updated = created;
    const convCount = r.int(0, 3);
    let firstResponse: number | null = null;
    for (let c = 0; c < convCount; c++) {
      const at = created + Math.floor(((c + 1) / (convCount + 1)) * (updated - created) / 1000) * 1000;
      const kind = r.pick(['reply', 'customer', 'note'] as const);
      const agentId = agent?.id ?? (agents[0]?.id ?? 1);
      if (kind === 'reply' && firstResponse === null) firstResponse = at;
      const body = kind === 'note' ? 'Sisäinen huomio: tarkistettu asiakkaan tiedot.' : r.pick(BODIES);
      conversations.push({
        id: ID_BASE.conversation + conversations.length + 1, ticket_id: id, body: `<div>${body}</div>`, body_text: body,
        incoming: kind === 'customer', private: kind === 'note', user_id: kind === 'customer' ? requester.id : agentId,
        support_email: kind === 'reply' ? 'tuki@yritys.fi' : null, source: kind === 'note' ? 2 : 0,
        from_email: kind === 'customer' ? requester.email : kind === 'reply' ? 'tuki@yritys.fi' : null,
        to_emails: kind === 'reply' && requester.email ? [requester.email] : kind === 'customer' ? ['tuki@yritys.fi'] : [],
        cc_emails: [], bcc_emails: [], last_edited_at: null, last_edited_user_id: null, created_at: at, updated_at: at,
      });
    }
    const resolvedAt = status >= 4 ? updated : null;
    tickets.push({
      id, subject: subject.text, description: `<div>${text}</div>`, description_text: text, status,
      priority: r.pick([1, 1, 2, 2, 3, 4]), source: r.pick([1, 1, 2, 3, 7, 9, 10]), type: r.pick(TYPES),
      requester_id: requester.id, responder_id: agent?.id ?? null, group_id: group?.id ?? null, company_id: requester.company_id,
      product_id: null, email_config_id: null, tags: [...subject.tags, ...extraTags], cc_emails: [], fwd_emails: [], reply_cc_emails: [],
      to_emails: null, fr_escalated: false, spam: false, is_escalated: r.chance(0.05), deleted: false,
      custom_fields: { cf_tilausnumero: r.chance(0.4) ? `T-${digits(r, 6)}` : null },
      due_by: created + 3 * DAY, fr_due_by: created + DAY, created_at: created, updated_at: updated,
      stats: { first_responded_at: firstResponse, resolved_at: resolvedAt, closed_at: status === 5 ? updated : null },
    });
    if (resolvedAt !== null && r.chance(0.3)) {
      const at = Math.min(now - 1000, resolvedAt + r.int(1, 48) * HOUR);
      satisfactionRatings.push({
        id: ID_BASE.rating + satisfactionRatings.length + 1, survey_id: 1, user_id: requester.id, agent_id: agent?.id ?? null,
        group_id: group?.id ?? null, ticket_id: id, feedback: r.chance(0.5) ? r.pick(['Kiitos avusta!', 'Hidas vastaus.', 'Erinomaista palvelua', 'Ei ratkennut']) : null,
        ratings: { default_question: r.pick([103, 102, 101, 100, -101, -102, -103]) }, created_at: at, updated_at: at,
      });
    }
    if (agent && r.chance(0.2)) {
      const minutes = r.int(5, 180);
      timeEntries.push({
        id: ID_BASE.timeEntry + timeEntries.length + 1, ticket_id: id, agent_id: agent.id, company_id: requester.company_id,
        billable: r.chance(0.5), note: r.chance(0.3) ? 'Puhelu asiakkaalle' : null, timer_running: false,
        time_spent: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
        executed_at: created + HOUR, start_time: created + HOUR, created_at: created + HOUR, updated_at: created + HOUR,
      });
    }
  }
  return { tickets, conversations, contacts, companies, agents, groups, satisfactionRatings, timeEntries };
}
