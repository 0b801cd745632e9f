// @silta/freshdesk public API, listed by name.

// ---- Enums: Freshdesk's numeric codes ----
export {
  TicketStatus,
  TicketPriority,
  TicketSource,
  ConversationSource,
  SatisfactionRating,
  ClassicSatisfactionRating,
  TicketAssociationType,
  AgentTicketScope,
  GroupAutoTicketAssign,
  ticketStatusName,
  ticketPriorityName,
  ticketSourceName,
  conversationSourceName,
  satisfactionRatingName,
  classicSatisfactionRatingName,
  isSatisfactionRating,
  isClassicSatisfactionRating,
  classicRatingToScale,
} from './enums';
export type {
  TicketStatusValue,
  TicketPriorityValue,
  TicketSourceValue,
  ConversationSourceValue,
  SatisfactionRatingValue,
  ClassicSatisfactionRatingValue,
  TicketAssociationTypeValue,
  AgentTicketScopeValue,
  GroupAutoTicketAssignValue,
} from './enums';

// ---- Vendor schemas (read side) ----
export {
  FreshdeskIdSchema,
  FreshdeskTimestampSchema,
  CustomFieldsSchema,
  PhoneFieldSchema,
  AttachmentSchema,
  StructuredContentItemSchema,
  TicketSchema,
  TicketStatsSchema,
  TicketRequesterSchema,
  TicketCompanySchema,
  ContactSchema,
  OtherCompanySchema,
  AvatarSchema,
  otherCompanyIds,
  ConversationSchema,
  CompanySchema,
  AgentSchema,
  AgentContactSchema,
  GroupSchema,
  RoleSchema,
  SatisfactionRatingSchema,
  TimeEntrySchema,
  FreshdeskErrorSchema,
  FreshdeskErrorDetailSchema,
  FreshdeskValidationErrorBodySchema,
  FreshdeskSimpleErrorBodySchema,
  FRESHDESK_ERROR_CODES,
  isFreshdeskValidationError,
  searchResultSchema,
} from './schemas';
export type {
  FreshdeskId,
  Attachment,
  Ticket,
  TicketStats,
  TicketRequester,
  Contact,
  OtherCompany,
  Conversation,
  Company,
  Agent,
  Group,
  Role,
  SatisfactionRating as SatisfactionRatingRecord,
  TimeEntry,
  FreshdeskError,
  FreshdeskErrorCode,
  FreshdeskValidationErrorBody,
  FreshdeskSimpleErrorBody,
  SearchResult,
} from './schemas';

// ---- Write-side input schemas ----
export {
  CreateTicketInputSchema,
  UpdateTicketInputSchema,
  ReplyInputSchema,
  NoteInputSchema,
  CreateContactInputSchema,
  UpdateContactInputSchema,
  MergeContactsInputSchema,
} from './schemas';
export type {
  CreateTicketInput,
  UpdateTicketInput,
  ReplyInput,
  NoteInput,
  CreateContactInput,
  UpdateContactInput,
  MergeContactsInput,
} from './schemas';

// ---- Mappers to the canonical model ----
export {
  freshdeskRef,
  contactToParty,
  requesterToParty,
  ticketToCase,
  ticketStatusToCaseStatus,
  ticketToInteraction,
  conversationToInteraction,
  satisfactionRatingToSurveyResponse,
  FRESHDESK_CSAT_SCALE,
  companyToOrganisation,
  ticketSourceToChannel,
  conversationSourceToChannel,
  normaliseEmail,
  normalisePhone,
  socialHandle,
  toTimestamp,
  htmlToText,
} from './mappers';
export type { MapperContext, FreshdeskRefType, ConversationMapperContext } from './mappers';

// ---- Search query builder ----
export {
  SearchQueryBuilder,
  ticketQuery,
  contactQuery,
  companyQuery,
  SearchQueryError,
  SEARCH_QUERY_MAX_LENGTH,
  SEARCH_MAX_PAGE,
  SEARCH_PER_PAGE,
  SEARCH_MAX_RESULTS,
  assertSearchPage,
  quoteSearchQuery,
} from './search';
export type {
  SearchResource,
  SearchField,
  SearchFieldValue,
  CustomFieldName,
  RangeOperator,
  SearchErrorCode,
  TicketSearchFields,
  ContactSearchFields,
  CompanySearchFields,
  SearchDate,
  CustomFieldValue,
} from './search';

// ---- Webhooks (automation rules) ----
export {
  RECOMMENDED_WEBHOOK_TEMPLATE,
  RECOMMENDED_WEBHOOK_TEMPLATE_JSON,
  DEFAULT_WEBHOOK_SECRET_HEADER,
  WEBHOOK_SECRET_FIELD,
  WebhookPayloadSchema,
  parseWebhookPayload,
  freshdeskWebhook,
  verifyFreshdeskWebhook,
} from './webhooks';
export type { WebhookPayload, WebhookParseContext, FreshdeskWebhookConfig } from './webhooks';

// ---- Streams, actions, client, config, connector (owned by the sync/simulator helper) ----
// Add export lines for src/client, src/streams, src/actions, src/connector.ts and src/config.ts below.
export { FRESHDESK_PLANS, FreshdeskConfigSchema, normaliseDomain, parseFreshdeskConfig } from './config';
export type { FreshdeskPlan, FreshdeskConfig, FreshdeskConfigInput } from './config';
export { createFreshdeskClient, describeFreshdeskError, freshdeskErrorHook } from './client';
export type { FreshdeskClient, FreshdeskClientOptions } from './client';
export {
  ticketsStream, walkTickets, TicketsCheckpointSchema, TICKET_LIST_PAGE_CAP, conversationsStream, ConversationRejectSchema,
  contactsStream, companiesStream, agentsStream, groupsStream, satisfactionRatingsStream, timeEntriesStream,
  SinceCheckpointSchema, FullCheckpointSchema, sinceStream, fullStream,
} from './streams';
export type { TicketsCheckpoint, TicketSlicePage, SinceCheckpoint, FullCheckpoint, VendorBatch, ConversationReject } from './streams';
export {
  createTicket, updateTicket, viewTicket, reply, addNote, createContact, updateContact, mergeContacts,
  searchTickets, searchContacts, UpdateTicketActionInputSchema, ViewTicketInputSchema, ReplyActionInputSchema,
  AddNoteInputSchema, UpdateContactActionInputSchema, SearchInputSchema, markerToken, markerHtml, hasMarker,
} from './actions';
export { freshdeskConnector, freshdesk } from './connector';
export type { FreshdeskConnection } from './connector';
