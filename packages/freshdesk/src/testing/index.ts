/** `@silta/freshdesk/testing`: a Freshdesk API v2 simulator for tests, benchmarks, demos and `silta simulate`. */
export { createFreshdeskSimulator } from './server';
export type { FreshdeskSimulator, FreshdeskSimulatorOptions, SimulatorFaults } from './server';
export { SimulatorState, MARKER_PATTERN } from './state';
export type { ScriptedFault, SimulatorCounters } from './state';
export { generateSeedData, finnishPhone } from './seed-data';
export type { SeedData } from './seed-data';
export type {
  SimTicket, SimConversation, SimContact, SimCompany, SimAgent, SimGroup, SimSatisfactionRating, SimTimeEntry,
} from './records';
export { TICKET_PAGE_CAP } from './routes/tickets';
