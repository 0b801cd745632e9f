/**
 * Freshdesk's fixed numeric codes, as listed in the API v2 documentation ("Ticket Properties",
 * "Conversation Properties", "Satisfaction Ratings"). Vendor payloads carry the numbers; these constants
 * give them names so code reads `TicketStatus.Open` instead of `2`.
 */

/**
 * Ticket status. 2–5 are Freshdesk's built-in statuses; 6 and 7 are the documented examples of custom
 * statuses ("Waiting on Customer", "Waiting on Third Party" in the ticket-fields sample). Accounts may add
 * more custom statuses, so a payload's status is any integer, not only these.
 *
 * @example
 * if (ticket.status === TicketStatus.Resolved) console.log('done');
 */
export const TicketStatus = {
  Open: 2,
  Pending: 3,
  Resolved: 4,
  Closed: 5,
  WaitingOnCustomer: 6,
  WaitingOnThirdParty: 7,
} as const;
export type TicketStatusValue = (typeof TicketStatus)[keyof typeof TicketStatus];

/**
 * Ticket priority.
 *
 * @example
 * const urgent = tickets.filter((t) => t.priority === TicketPriority.Urgent);
 */
export const TicketPriority = { Low: 1, Medium: 2, High: 3, Urgent: 4 } as const;
export type TicketPriorityValue = (typeof TicketPriority)[keyof typeof TicketPriority];

/**
 * Ticket source: the channel the ticket came in through. The "Ticket Properties" table lists 1, 2, 3, 7, 9
 * and 10; the ticket-fields sample adds Forum 4, Twitter 5 and Facebook 6. Bulk update also accepts 8,
 * which the documentation never names, so it has no constant here.
 *
 * @example
 * ticketSourceName(TicketSource.Chat); // 'Chat'
 */
export const TicketSource = {
  Email: 1,
  Portal: 2,
  Phone: 3,
  Forum: 4,
  Twitter: 5,
  Facebook: 6,
  Chat: 7,
  FeedbackWidget: 9,
  OutboundEmail: 10,
} as const;
export type TicketSourceValue = (typeof TicketSource)[keyof typeof TicketSource];

/**
 * Conversation source ("Conversation Properties"): what kind of entry a conversation is.
 *
 * @example
 * const isNote = conv.source === ConversationSource.Note;
 */
export const ConversationSource = {
  Reply: 0,
  Note: 2,
  Tweet: 5,
  SurveyFeedback: 6,
  FacebookPost: 7,
  ForwardedEmail: 8,
  Phone: 9,
  ECommerce: 11,
} as const;
export type ConversationSourceValue = (typeof ConversationSource)[keyof typeof ConversationSource];

/**
 * Satisfaction rating values of the new surveys: -103 … 103, with 100 as neutral (no -100, no 0).
 *
 * @example
 * satisfactionRatingName(103); // 'Extremely Happy'
 */
export const SatisfactionRating = {
  ExtremelyHappy: 103,
  VeryHappy: 102,
  Happy: 101,
  Neutral: 100,
  Unhappy: -101,
  VeryUnhappy: -102,
  ExtremelyUnhappy: -103,
} as const;
export type SatisfactionRatingValue = (typeof SatisfactionRating)[keyof typeof SatisfactionRating];

/**
 * Satisfaction rating values of classic surveys. Note the order: 1 is the best answer, 3 the worst.
 *
 * @example
 * classicRatingToScale(ClassicSatisfactionRating.Unhappy); // -101
 */
export const ClassicSatisfactionRating = { Happy: 1, Neutral: 2, Unhappy: 3 } as const;
export type ClassicSatisfactionRatingValue = (typeof ClassicSatisfactionRating)[keyof typeof ClassicSatisfactionRating];

/**
 * Ticket association type ("View a Ticket with Association").
 *
 * @example
 * ticket.association_type === TicketAssociationType.Child;
 */
export const TicketAssociationType = { Parent: 1, Child: 2, Tracker: 3, Related: 4 } as const;
export type TicketAssociationTypeValue = (typeof TicketAssociationType)[keyof typeof TicketAssociationType];

/**
 * An agent's ticket permission ("Agents": 1 global, 2 group, 3 restricted).
 *
 * @example
 * agent.ticket_scope === AgentTicketScope.GlobalAccess;
 */
export const AgentTicketScope = { GlobalAccess: 1, GroupAccess: 2, RestrictedAccess: 3 } as const;
export type AgentTicketScopeValue = (typeof AgentTicketScope)[keyof typeof AgentTicketScope];

/**
 * A group's automatic ticket assignment type ("Automatic Ticket Assignment Properties").
 *
 * @example
 * group.auto_ticket_assign === GroupAutoTicketAssign.RoundRobin;
 */
export const GroupAutoTicketAssign = {
  Disabled: 0,
  RoundRobin: 1,
  SkillBasedRoundRobin: 2,
  LoadBasedRoundRobin: 3,
  Omniroute: 12,
} as const;
export type GroupAutoTicketAssignValue = (typeof GroupAutoTicketAssign)[keyof typeof GroupAutoTicketAssign];

const TICKET_STATUS_NAMES: Record<number, string> = {
  2: 'Open',
  3: 'Pending',
  4: 'Resolved',
  5: 'Closed',
  6: 'Waiting on Customer',
  7: 'Waiting on Third Party',
};
const TICKET_PRIORITY_NAMES: Record<number, string> = { 1: 'Low', 2: 'Medium', 3: 'High', 4: 'Urgent' };
const TICKET_SOURCE_NAMES: Record<number, string> = {
  1: 'Email',
  2: 'Portal',
  3: 'Phone',
  4: 'Forum',
  5: 'Twitter',
  6: 'Facebook',
  7: 'Chat',
  9: 'Feedback Widget',
  10: 'Outbound Email',
};
const CONVERSATION_SOURCE_NAMES: Record<number, string> = {
  0: 'Reply',
  2: 'Note',
  5: 'Created from tweets',
  6: 'Created from survey feedback',
  7: 'Created from Facebook post',
  8: 'Created from Forwarded Email',
  9: 'Created from Phone',
  11: 'E-Commerce',
};
const SATISFACTION_RATING_NAMES: Record<number, string> = {
  103: 'Extremely Happy',
  102: 'Very Happy',
  101: 'Happy',
  100: 'Neutral',
  [-101]: 'Unhappy',
  [-102]: 'Very Unhappy',
  [-103]: 'Extremely Unhappy',
};
const CLASSIC_RATING_NAMES: Record<number, string> = { 1: 'Happy', 2: 'Neutral', 3: 'Unhappy' };

function lookup(table: Record<number, string>, value: number | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : table[value];
}

/**
 * The documented name of a ticket status, or `undefined` for an account's own custom status.
 *
 * @example
 * ticketStatusName(3); // 'Pending'
 */
export function ticketStatusName(value: number | null | undefined): string | undefined {
  return lookup(TICKET_STATUS_NAMES, value);
}

/**
 * The documented name of a ticket priority.
 *
 * @example
 * ticketPriorityName(4); // 'Urgent'
 */
export function ticketPriorityName(value: number | null | undefined): string | undefined {
  return lookup(TICKET_PRIORITY_NAMES, value);
}

/**
 * The documented name of a ticket source.
 *
 * @example
 * ticketSourceName(10); // 'Outbound Email'
 */
export function ticketSourceName(value: number | null | undefined): string | undefined {
  return lookup(TICKET_SOURCE_NAMES, value);
}

/**
 * The documented name of a conversation source.
 *
 * @example
 * conversationSourceName(0); // 'Reply'
 */
export function conversationSourceName(value: number | null | undefined): string | undefined {
  return lookup(CONVERSATION_SOURCE_NAMES, value);
}

/**
 * The documented name of a satisfaction rating, from the new (-103 … 103) scale.
 *
 * @example
 * satisfactionRatingName(-102); // 'Very Unhappy'
 */
export function satisfactionRatingName(value: number | null | undefined): string | undefined {
  return lookup(SATISFACTION_RATING_NAMES, value);
}

/**
 * The documented name of a classic survey rating (1 Happy, 2 Neutral, 3 Unhappy).
 *
 * @example
 * classicSatisfactionRatingName(1); // 'Happy'
 */
export function classicSatisfactionRatingName(value: number | null | undefined): string | undefined {
  return lookup(CLASSIC_RATING_NAMES, value);
}

/**
 * True for the seven values of the new survey scale.
 *
 * @example
 * isSatisfactionRating(100); // true
 */
export function isSatisfactionRating(value: number): value is SatisfactionRatingValue {
  return value in SATISFACTION_RATING_NAMES;
}

/**
 * True for the three values of classic surveys.
 *
 * @example
 * isClassicSatisfactionRating(3); // true
 */
export function isClassicSatisfactionRating(value: number): value is ClassicSatisfactionRatingValue {
  return value in CLASSIC_RATING_NAMES;
}

/**
 * Places a classic rating on the new scale (Happy ⇒ 101, Neutral ⇒ 100, Unhappy ⇒ -101), so scores from
 * both kinds of survey compare.
 *
 * @example
 * classicRatingToScale(1); // 101
 */
export function classicRatingToScale(value: ClassicSatisfactionRatingValue): SatisfactionRatingValue {
  return value === 1 ? 101 : value === 2 ? 100 : -101;
}
