/*
 * Conformance: every Freshdesk v2 payload in ../shared/fixtures/freshdesk (python-freshdesk bodies and
 * documentation samples) must parse with the matching schema, and everything with a mapper must map to
 * valid canonical records. The schemas' field names are cross-checked against Airbyte's JSON schemas and the
 * API documentation. Skips, saying why, when ../shared is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseJsonLossless } from '@silta/kit';
import { CanonicalRecordSchema, type CanonicalRecord } from '@silta/model';
import {
  AgentSchema,
  CompanySchema,
  ContactSchema,
  ConversationSchema,
  FreshdeskErrorSchema,
  GroupSchema,
  RoleSchema,
  SatisfactionRatingSchema,
  TicketSchema,
  TimeEntrySchema,
  searchResultSchema,
} from '../src/schemas';
import {
  companyToOrganisation,
  contactToParty,
  conversationToInteraction,
  satisfactionRatingToSurveyResponse,
  ticketToCase,
  ticketToInteraction,
} from '../src/mappers';
import { FRESHDESK_FIXTURES, HAVE_FIXTURES, SKIP_MESSAGE, fixtureFiles, fixtureText } from './freshdesk-fixtures';

const ctx = { connection: 'conformance' };
type Mapper = (item: never) => CanonicalRecord[];

interface Kind {
  schema: z.ZodObject;
  map?: Mapper;
  airbyte?: string;
}

const KINDS: Record<string, Kind> = {
  ticket: {
    schema: TicketSchema,
    map: ((t: z.infer<typeof TicketSchema>) => [ticketToCase(t, ctx), ticketToInteraction(t, ctx)]) as Mapper,
    airbyte: 'tickets',
  },
  contact: { schema: ContactSchema, map: ((c: z.infer<typeof ContactSchema>) => [contactToParty(c, ctx)]) as Mapper, airbyte: 'contacts' },
  conversation: {
    schema: ConversationSchema,
    map: ((c: z.infer<typeof ConversationSchema>) => [conversationToInteraction(c, ctx)]) as Mapper,
    airbyte: 'conversations',
  },
  company: { schema: CompanySchema, map: ((c: z.infer<typeof CompanySchema>) => [companyToOrganisation(c, ctx)]) as Mapper, airbyte: 'companies' },
  agent: { schema: AgentSchema, airbyte: 'agents' },
  group: { schema: GroupSchema, airbyte: 'groups' },
  role: { schema: RoleSchema, airbyte: 'roles' },
  satisfaction_rating: {
    schema: SatisfactionRatingSchema,
    map: ((r: z.infer<typeof SatisfactionRatingSchema>) => [satisfactionRatingToSurveyResponse(r, ctx)]) as Mapper,
    airbyte: 'satisfaction_ratings',
  },
  time_entry: { schema: TimeEntrySchema, airbyte: 'time_entries' },
};

/** Which kind a fixture holds, from its file name (`ticket_1.json`, `list_contacts.json`, `note_1.json`…). */
function kindOf(file: string): string | undefined {
  const name = file.replace(/\.json$/, '');
  const rules: Array<[RegExp, string]> = [
    [/satisfaction_rating/, 'satisfaction_rating'],
    [/time_entr/, 'time_entry'],
    [/ticket/, 'ticket'],
    [/contact/, 'contact'],
    [/conversation|^note|^reply/, 'conversation'],
    [/compan/, 'company'],
    [/agent/, 'agent'],
    [/group/, 'group'],
    [/role/, 'role'],
  ];
  // `list_conversations_ticket_20` holds conversations: the first matching word in the name wins.
  let best: { at: number; kind: string } | undefined;
  for (const [re, kind] of rules) {
    const m = re.exec(name);
    if (m && (best === undefined || m.index < best.at)) best = { at: m.index, kind };
  }
  return best?.kind;
}

interface Case {
  folder: string;
  file: string;
}
const FOLDERS = ['python-freshdesk', 'docs-samples'];
const cases: Case[] = HAVE_FIXTURES ? FOLDERS.flatMap((folder) => fixtureFiles(folder).map((file) => ({ folder, file }))) : [];

describe.skipIf(!HAVE_FIXTURES)(`conformance with ${FRESHDESK_FIXTURES}`, () => {
  it('finds the fixture folders', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)('$folder/$file parses with its schema and maps to valid canonical records', ({ folder, file }) => {
    const body = parseJsonLossless(fixtureText(folder, file));
    if (file.startsWith('error_')) {
      expect(FreshdeskErrorSchema.safeParse(body).success).toBe(true);
      return;
    }
    const kindName = kindOf(file);
    expect(kindName, `no schema is mapped to ${file}`).toBeDefined();
    const kind = KINDS[kindName as string] as Kind;
    let items: unknown[];
    if (file.startsWith('search_')) {
      items = searchResultSchema(kind.schema).parse(body).results;
    } else if (Array.isArray(body)) {
      items = kind.schema.array().parse(body);
    } else {
      items = [kind.schema.parse(body)];
    }
    expect(items.length).toBeGreaterThan(0);
    // Unknown vendor fields are kept, not dropped.
    const first = (Array.isArray(body) ? body[0] : file.startsWith('search_') ? (body as { results: unknown[] }).results[0] : body) as Record<string, unknown>;
    expect(Object.keys(items[0] as object)).toEqual(expect.arrayContaining(Object.keys(first)));
    if (kind.map) {
      for (const item of items) {
        for (const record of kind.map(item as never)) expect(CanonicalRecordSchema.safeParse(record).error).toBeUndefined();
      }
    }
  });
});

const AIRBYTE = path.join(FRESHDESK_FIXTURES, 'airbyte-json-schemas');
const REFERENCE = path.resolve(FRESHDESK_FIXTURES, '../../reference/freshdesk-api-v2.txt');

interface JsonSchemaProperty {
  type?: string | string[];
}

describe.skipIf(!HAVE_FIXTURES || !existsSync(REFERENCE))('schema field names against Airbyte and the documentation', () => {
  const reference = HAVE_FIXTURES && existsSync(REFERENCE) ? readFileSync(REFERENCE, 'utf8') : '';
  const withAirbyte = Object.entries(KINDS).filter(([, k]) => k.airbyte && existsSync(path.join(AIRBYTE, `${k.airbyte}.json`)));

  it.each(withAirbyte)('%s: every declared field is in Airbyte\'s schema or the API documentation', (_name, kind) => {
    const airbyte = JSON.parse(readFileSync(path.join(AIRBYTE, `${kind.airbyte}.json`), 'utf8')) as { properties: Record<string, JsonSchemaProperty> };
    const unknown = Object.keys(kind.schema.shape).filter(
      (field) => !(field in airbyte.properties) && !new RegExp(`(^|[^\\w])${field}([^\\w]|$)`, 'm').test(reference),
    );
    expect(unknown).toEqual([]);
  });

  it.each(withAirbyte)('%s: declares every Airbyte field, and accepts null wherever Airbyte says it may be null', (_name, kind) => {
    const airbyte = JSON.parse(readFileSync(path.join(AIRBYTE, `${kind.airbyte}.json`), 'utf8')) as { properties: Record<string, JsonSchemaProperty> };
    const shape = kind.schema.shape as Record<string, z.ZodType>;
    expect(Object.keys(airbyte.properties).filter((f) => !(f in shape))).toEqual([]);
    const nullable = Object.entries(airbyte.properties).filter(([, p]) => Array.isArray(p.type) && p.type.includes('null'));
    const rejectingNull = nullable.filter(([f]) => !(shape[f] as z.ZodType).safeParse(null).success).map(([f]) => f);
    expect(rejectingNull).toEqual([]);
  });
});

if (!HAVE_FIXTURES) {
  describe('conformance', () => {
    it.skip(SKIP_MESSAGE, () => {});
  });
}
