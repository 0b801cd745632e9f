export { ticketsStream, walkTickets, TicketsCheckpointSchema, TICKET_LIST_PAGE_CAP } from './tickets';
export type { TicketsCheckpoint, TicketSlicePage } from './tickets';
export { conversationsStream, ConversationRejectSchema } from './conversations';
export type { ConversationReject } from './conversations';
export {
  contactsStream, companiesStream, satisfactionRatingsStream, agentsStream, groupsStream, timeEntriesStream,
} from './directory';
export { SinceCheckpointSchema, FullCheckpointSchema, sinceStream, fullStream } from './incremental';
export type { SinceCheckpoint, FullCheckpoint, VendorBatch } from './incremental';
