export { createPartnerApi, type PartnerApiHandler, type PartnerApiOptions } from './handler';
export { PARTNER_API_DEFAULTS, validatePartners, type PartnerRateLimit, type PartnerSettings } from './config';
export { PartnerApiError } from './errors';
export { PARTNER_HEADER, SIGNATURE_HEADER, authenticate } from './auth';
export { ingestPush, partnerStreamKey, type PartnerStore } from './ingest';
export { PARTNER_API_PREFIX, PARTNER_API_VERSION, buildOpenApiDocument, type OpenApiDocument } from './openapi';
export {
  DEMO_COMPANY, DEMO_OTHER_COMPANY, DEMO_PARTNER_ID, DEMO_PARTNER_SECRET, demoPartnerConfig,
} from './demo';
export {
  errorExamples, pushConversationCreatedExample, pushConversationExample, pushConversationUnchangedExample,
} from './examples';
export {
  AgentSchema, AttachmentSchema, ChannelInfoSchema, CompanyIdSchema, ConversationSchema, MessageSchema, PartnerIdSchema,
  PushConversationRequestSchema, VisitorSchema,
  type ChannelInfo, type Conversation, type Message, type PushConversationRequest, type Visitor,
} from './schemas/request';
export {
  ErrorResponseSchema, PARTNER_ERROR_CODES, PushConversationResponseSchema,
  type ErrorResponse, type PartnerErrorCode, type PushConversationResponse,
} from './schemas/response';
export { CHAT_SYSTEM, chatRef } from './mappers/refs';
export { conversationToCase, type CaseContext } from './mappers/to-case';
export { messageToInteraction, type MessageContext } from './mappers/to-interaction';
export { visitorToParty } from './mappers/to-party';
export { mergeIdentifiers, visitorIdentifiers } from './mappers/identifiers';
