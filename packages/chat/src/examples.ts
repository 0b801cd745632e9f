import type { ErrorResponse, PushConversationResponse } from './schemas/response';
import type { PushConversationRequest } from './schemas/request';

/**
 * A complete push: Anssi asks the partner's agent about a shirt size for company `yritys-oy`. It is the
 * example in the OpenAPI document, the docs and the tests, so it is always valid against the schema.
 *
 * @example
 * await client.pushConversation(pushConversationExample);
 */
export const pushConversationExample = {
  company: 'yritys-oy',
  conversation: {
    id: 'conv-20261115-0042',
    startedAt: '2026-11-15T09:12:03+02:00',
    endedAt: '2026-11-15T09:18:40+02:00',
    status: 'closed',
    subject: 'Paidan koko',
    tags: ['koko', 'vaatteet'],
    channel: { type: 'web_chat', pageUrl: 'https://www.yritys.fi/tuotteet/pellavapaita', widget: 'yritys-verkkokauppa', locale: 'fi-FI' },
  },
  visitor: {
    id: 'vis-8812',
    name: 'Anssi Mäkelä',
    email: 'Anssi.Makela@example.fi',
    phone: '040 123 4567',
    orderNumber: 'YO-100234',
    language: 'fi',
  },
  messages: [
    { id: 'msg-1', at: '2026-11-15T09:12:03+02:00', from: 'visitor', text: 'Hei! Tilasin pellavapaidan kokoa M, mutta se on liian pieni. Voinko vaihtaa sen kokoon L?' },
    { id: 'msg-2', at: '2026-11-15T09:13:10+02:00', from: 'agent', agent: { name: 'Liisa Virtanen', id: 'agent-17' }, text: 'Hei Anssi! Totta kai. Mikä on tilausnumerosi?' },
    { id: 'msg-3', at: '2026-11-15T09:14:02+02:00', from: 'visitor', text: 'YO-100234' },
    { id: 'msg-4', at: '2026-11-15T09:16:30+02:00', from: 'agent', agent: { name: 'Liisa Virtanen', id: 'agent-17' }, text: 'Kiitos! Lähetin palautuslomakkeen sähköpostiisi. Uusi paita lähtee, kun vanha on palautettu.' },
    { id: 'msg-5', at: '2026-11-15T09:18:40+02:00', from: 'visitor', text: 'Kiitos paljon, hyvää päivänjatkoa!' },
  ],
} satisfies PushConversationRequest;

/** The answer to {@link pushConversationExample} the first time it is pushed. */
export const pushConversationCreatedExample = {
  result: 'created',
  company: 'yritys-oy',
  conversationId: 'conv-20261115-0042',
  messages: { received: 5, stored: 5, duplicates: 0 },
  refs: {
    case: 'chat:asiakaspalvelu-ab:conversation:yritys-oy/conv-20261115-0042',
    party: 'chat:asiakaspalvelu-ab:visitor:yritys-oy/vis-8812',
  },
} satisfies PushConversationResponse;

/** The answer when the same push is repeated. */
export const pushConversationUnchangedExample = {
  ...pushConversationCreatedExample,
  result: 'unchanged',
  messages: { received: 5, stored: 0, duplicates: 5 },
} satisfies PushConversationResponse;

/** Example failure answers, one per status, as they appear in the OpenAPI document. */
export const errorExamples = {
  400: { error: { code: 'VALIDATION_FAILED', message: 'messages[1].at: must be an ISO 8601 timestamp with a time zone, like "2026-11-15T09:12:00+02:00"', field: 'messages[1].at' } },
  401: { error: { code: 'SIGNATURE_INVALID', message: 'the X-Silta-Signature does not match the body for partner "asiakaspalvelu-ab"' } },
  403: { error: { code: 'COMPANY_FORBIDDEN', message: 'partner "asiakaspalvelu-ab" may not write for company "toinen-oy"', field: 'company' } },
  413: { error: { code: 'BODY_TOO_LARGE', message: 'the body is larger than the limit of 1048576 bytes' } },
  429: { error: { code: 'RATE_LIMITED', message: 'partner "asiakaspalvelu-ab" sent more than 600 requests in 60 s; retry after 12 s' } },
  503: { error: { code: 'STORE_UNAVAILABLE', message: 'the conversation could not be stored; nothing was kept, retry later' } },
} satisfies Record<number, ErrorResponse>;
