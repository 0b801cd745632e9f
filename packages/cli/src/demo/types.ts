import type { ThreadIndex } from '@silta/email';
import type { FreshdeskClient, FreshdeskConfigInput } from '@silta/freshdesk';
import type { ConnectionInstance, SiltaStore, SyncEngine, Timeline } from '@silta/sync';
import type { Narrator } from './narrator';
import type { StoryServices } from './services';

/** What every step of the story shares. */
export interface StoryContext {
  store: SiltaStore;
  services: StoryServices;
  say: Narrator;
  /** The story's "now", in ms. */
  now: number;
  helpdeskConfig: FreshdeskConfigInput;
  helpdeskClient: FreshdeskClient;
  connections: Record<string, ConnectionInstance>;
  engine: SyncEngine;
  threads: ThreadIndex;
  laskutusGroupId: number;
}

/** Step 1: the chat as stored. */
export interface ChatOutcome { result: string; caseKey: string; partyKey: string; stored: number }
/** Step 2: the customer's email as taken in. */
export interface EmailOutcome { messageId: string; subject: string; threadKey: string; partyKey: string; phones: string[] }
/** Step 3: the phone ticket. */
export interface CallbackOutcome { ticketId: number; partyKey: string }
/** Step 4: identity. */
export interface LinkOutcome {
  personId: string;
  personIds: { chat: string | undefined; email: string | undefined; phone: string | undefined };
  evidencePath: string[];
}
/** Step 5: the routing and the summary email billing received. */
export interface RouteOutcome {
  fired: number;
  delivered: number;
  summary: { messageId: string; subject: string; inReplyTo: string | null; references: string[] };
}
/** Step 6: billing's answer. */
export interface AnswerOutcome { messageId: string; threadKey: string; noteId: number; ticketId: number }

/** Everything the story did, for the command's exit code and for the end-to-end test. */
export interface StoryResult extends LinkOutcome {
  chat: ChatOutcome;
  email: EmailOutcome;
  callback: CallbackOutcome;
  routed: RouteOutcome;
  answer: AnswerOutcome;
  timeline: Timeline;
  laskutusGroupId: number;
  wallSeconds: number;
}
