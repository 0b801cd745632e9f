import { describe, expect, it } from 'vitest';
import {
  ConversationSource,
  TicketPriority,
  TicketSource,
  TicketStatus,
  classicRatingToScale,
  conversationSourceName,
  satisfactionRatingName,
  ticketPriorityName,
  ticketSourceName,
  ticketStatusName,
} from './enums';

describe('enums', () => {
  it('carry the documented numeric codes', () => {
    expect(TicketStatus).toMatchObject({ Open: 2, Pending: 3, Resolved: 4, Closed: 5 });
    expect(TicketPriority).toEqual({ Low: 1, Medium: 2, High: 3, Urgent: 4 });
    expect(TicketSource).toMatchObject({ Email: 1, Portal: 2, Phone: 3, Chat: 7, FeedbackWidget: 9, OutboundEmail: 10 });
    expect(ConversationSource).toEqual({ Reply: 0, Note: 2, Tweet: 5, SurveyFeedback: 6, FacebookPost: 7, ForwardedEmail: 8, Phone: 9, ECommerce: 11 });
  });

  it('look names up, and say undefined for codes the documentation does not name', () => {
    expect(ticketStatusName(6)).toBe('Waiting on Customer');
    expect(ticketStatusName(42)).toBeUndefined();
    expect(ticketPriorityName(4)).toBe('Urgent');
    expect(ticketSourceName(8)).toBeUndefined();
    expect(ticketSourceName(10)).toBe('Outbound Email');
    expect(conversationSourceName(11)).toBe('E-Commerce');
    expect(satisfactionRatingName(-103)).toBe('Extremely Unhappy');
    expect(satisfactionRatingName(0)).toBeUndefined();
    expect([1, 2, 3].map((v) => classicRatingToScale(v as 1 | 2 | 3))).toEqual([101, 100, -101]);
  });
});
