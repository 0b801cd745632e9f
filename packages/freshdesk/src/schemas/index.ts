export {
  FreshdeskIdSchema,
  FreshdeskTimestampSchema,
  CustomFieldsSchema,
  PhoneFieldSchema,
  AttachmentSchema,
  StructuredContentItemSchema,
} from './common';
export type { FreshdeskId, Attachment } from './common';
export { TicketSchema, TicketStatsSchema, TicketRequesterSchema, TicketCompanySchema } from './ticket';
export type { Ticket, TicketStats, TicketRequester } from './ticket';
export { ContactSchema, OtherCompanySchema, AvatarSchema, otherCompanyIds } from './contact';
export type { Contact, OtherCompany } from './contact';
export { ConversationSchema } from './conversation';
export type { Conversation } from './conversation';
export { CompanySchema } from './company';
export type { Company } from './company';
export { AgentSchema, AgentContactSchema } from './agent';
export type { Agent } from './agent';
export { GroupSchema, RoleSchema } from './group';
export type { Group, Role } from './group';
export { SatisfactionRatingSchema } from './satisfaction-rating';
export type { SatisfactionRating } from './satisfaction-rating';
export { TimeEntrySchema } from './time-entry';
export type { TimeEntry } from './time-entry';
export {
  FreshdeskErrorSchema,
  FreshdeskErrorDetailSchema,
  FreshdeskValidationErrorBodySchema,
  FreshdeskSimpleErrorBodySchema,
  FRESHDESK_ERROR_CODES,
  isFreshdeskValidationError,
} from './error';
export type { FreshdeskError, FreshdeskErrorCode, FreshdeskValidationErrorBody, FreshdeskSimpleErrorBody } from './error';
export { searchResultSchema } from './search';
export type { SearchResult } from './search';
export {
  CreateTicketInputSchema,
  UpdateTicketInputSchema,
  ReplyInputSchema,
  NoteInputSchema,
  CreateContactInputSchema,
  UpdateContactInputSchema,
  MergeContactsInputSchema,
} from './inputs';
export type {
  CreateTicketInput,
  UpdateTicketInput,
  ReplyInput,
  NoteInput,
  CreateContactInput,
  UpdateContactInput,
  MergeContactsInput,
} from './inputs';
