export { buildContextPacket } from './packet';
export type { BuildPacketOptions, BuiltPacket } from './packet';
export { createStoreReader } from './reader';
export type { IdentityLookup, StoreReaderOptions } from './reader';
export { renderContextNoteHtml, escapeHtml } from './render-note';
export { renderContextEmail } from './render-email';
export type { RenderedEmail } from './render-email';
export { linkPeople } from './link-people';
export type { LinkPeopleOptions, PeopleLinker } from './link-people';
