export { createTicket, updateTicket, viewTicket, reply, addNote } from './tickets';
export { UpdateTicketActionInputSchema, ViewTicketInputSchema, ReplyActionInputSchema, AddNoteInputSchema } from './tickets';
export { createContact, updateContact, mergeContacts, UpdateContactActionInputSchema } from './contacts';
export { searchTickets, searchContacts, SearchInputSchema } from './search';
export { markerToken, markerHtml, hasMarker } from './marker';
