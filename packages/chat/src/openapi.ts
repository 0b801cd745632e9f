import { z } from 'zod';
import { errorExamples, pushConversationCreatedExample, pushConversationExample, pushConversationUnchangedExample } from './examples';
import {
  AgentSchema, AttachmentSchema, ChannelInfoSchema, ConversationSchema, MessageSchema, PushConversationRequestSchema, VisitorSchema,
} from './schemas/request';
import { ErrorResponseSchema, PushConversationResponseSchema } from './schemas/response';

/** The version of the partner API the document describes. */
export const PARTNER_API_VERSION = '1.0.0';

/** The path prefix every partner API route lives under. */
export const PARTNER_API_PREFIX = '/partner/v1';

// Named schemas become `#/components/schemas/<name>`; everything else is inlined where it is used.
const COMPONENTS = {
  PushConversationRequest: PushConversationRequestSchema,
  Conversation: ConversationSchema,
  ChannelInfo: ChannelInfoSchema,
  Visitor: VisitorSchema,
  Message: MessageSchema,
  Agent: AgentSchema,
  Attachment: AttachmentSchema,
  PushConversationResponse: PushConversationResponseSchema,
  ErrorResponse: ErrorResponseSchema,
} as const;

type JsonObject = Record<string, unknown>;

/** An OpenAPI 3.1 document as plain JSON. */
export type OpenApiDocument = JsonObject & { openapi: string; paths: Record<string, Record<string, JsonObject>>; components: { schemas: Record<string, JsonObject>; securitySchemes: Record<string, JsonObject> } };

function componentSchemas(): Record<string, JsonObject> {
  // A private registry keeps these names out of zod's global one, which other packages share.
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io: 'input', uri: (id) => `#/components/schemas/${id}` });
  const out: Record<string, JsonObject> = {};
  for (const name of Object.keys(COMPONENTS)) {
    // OpenAPI 3.1 reads component schemas in its own dialect; a per-schema $schema and $id would only confuse tools.
    const { $schema: _s, $id: _i, ...rest } = schemas[name] as JsonObject;
    out[name] = rest;
  }
  return out;
}

function errorResponse(description: string, status: keyof typeof errorExamples): JsonObject {
  return {
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' }, examples: { [`error${status}`]: { value: errorExamples[status] } } } },
  };
}

const SIGNING = [
  'Every request carries `X-Silta-Partner: <partner id>` and `X-Silta-Signature: t=<unix seconds>,v1=<hex>`, where',
  '`v1` is the lower-case hex HMAC-SHA256, keyed with the partner\'s secret, of the string `<t>.<raw request body>`',
  '(for a GET, the body is empty: sign `<t>.`). `t` must be within five minutes of Silta\'s clock. During a secret',
  'rotation both the old and the new secret are accepted.',
].join(' ');

/**
 * Builds the partner API's OpenAPI 3.1 document from the zod schemas, with a complete example request and
 * answers for every operation. `serverUrl` sets `servers[0]` (default: relative to where it is served).
 *
 * @example
 * writeFileSync('openapi.json', JSON.stringify(buildOpenApiDocument(), null, 2));
 */
export function buildOpenApiDocument(options: { serverUrl?: string } = {}): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Silta partner API',
      version: PARTNER_API_VERSION,
      summary: 'Outsourcing partners push chat conversations into the client company\'s customer history.',
      description: `${SIGNING}\n\nA partner writes only for the client companies it is allowed to serve. Pushes are idempotent by the partner's conversation and message ids.`,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl ?? '/', description: 'The Silta installation of the client company.' }],
    security: [{ partnerId: [], partnerSignature: [] }],
    paths: {
      [`${PARTNER_API_PREFIX}/conversations`]: {
        post: {
          operationId: 'pushConversation',
          summary: 'Push a conversation with its messages and the visitor',
          description: 'Creates the conversation (201) or, when Silta already has it, appends the messages it does not have yet and updates the conversation\'s status and the visitor (200). A repeat of the same push stores nothing and answers 200 with `result: "unchanged"`. Nothing is stored when the answer is not 2xx.',
          tags: ['conversations'],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/PushConversationRequest' },
                examples: { anssiShirtSize: { summary: 'Anssi asks about a shirt size (company yritys-oy)', value: pushConversationExample } },
              },
            },
          },
          responses: {
            201: {
              description: 'A new conversation was stored.',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/PushConversationResponse' }, examples: { created: { value: pushConversationCreatedExample } } } },
            },
            200: {
              description: 'A known conversation: new messages appended, details updated, or nothing new (a repeat).',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/PushConversationResponse' }, examples: { unchanged: { value: pushConversationUnchangedExample } } } },
            },
            400: errorResponse('The body is not JSON or does not match the schema; `field` names the first field at fault.', 400),
            401: errorResponse('The partner header or signature is missing or wrong, or the timestamp is more than five minutes off.', 401),
            403: errorResponse('The partner may not write for this company.', 403),
            413: errorResponse('The body is larger than the limit (1 MiB unless agreed otherwise).', 413),
            429: {
              ...errorResponse('Too many requests from this partner; wait for `Retry-After` seconds.', 429),
              headers: { 'Retry-After': { description: 'Seconds to wait before the next request.', schema: { type: 'integer', minimum: 1 } } },
            },
            503: errorResponse('Silta could not store the conversation; retry later.', 503),
          },
        },
      },
      [`${PARTNER_API_PREFIX}/openapi.json`]: {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          description: 'Needs no signature. The example request is simply `GET /partner/v1/openapi.json`.',
          tags: ['meta'],
          security: [],
          responses: {
            200: { description: 'The OpenAPI 3.1 document of the partner API.', content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } } },
          },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        partnerId: { type: 'apiKey', in: 'header', name: 'X-Silta-Partner', description: 'Your partner id, e.g. `asiakaspalvelu-ab`.' },
        partnerSignature: { type: 'apiKey', in: 'header', name: 'X-Silta-Signature', description: SIGNING },
      },
    },
  };
}
