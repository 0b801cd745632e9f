import { describe, expect, it } from 'vitest';
import { ValidationError, parseJsonLossless, parseWithSchema } from '@silta/kit';
import {
  ContactSchema,
  CreateContactInputSchema,
  CreateTicketInputSchema,
  FreshdeskErrorSchema,
  FreshdeskIdSchema,
  MergeContactsInputSchema,
  NoteInputSchema,
  ReplyInputSchema,
  TicketSchema,
  UpdateContactInputSchema,
  UpdateTicketInputSchema,
  isFreshdeskValidationError,
  otherCompanyIds,
} from './index';
import { finnishContact, finnishTicket } from '../../test/finnish-payloads';

describe('FreshdeskIdSchema', () => {
  it('keeps an id beyond 2^53 exact when parseJsonLossless made it a string', () => {
    const body = parseJsonLossless('{"id": 9007199254740993, "ticket_id": 20}') as { id: unknown };
    expect(FreshdeskIdSchema.parse(body.id)).toBe('9007199254740993');
    expect(FreshdeskIdSchema.parse(43026449322)).toBe(43026449322);
    expect(FreshdeskIdSchema.safeParse('12a').success).toBe(false);
    expect(FreshdeskIdSchema.safeParse(-1).success).toBe(false);
  });
});

describe('vendor schemas', () => {
  it('keep unknown vendor fields', () => {
    const ticket = TicketSchema.parse({ ...finnishTicket, brand_new_field: { x: 1 } });
    expect((ticket as Record<string, unknown>).brand_new_field).toEqual({ x: 1 });
  });

  it('name the field when a required one is missing or has the wrong type', () => {
    const { status: _s, ...noStatus } = finnishTicket;
    expect(() => parseWithSchema(TicketSchema, noStatus, { operation: 'view ticket' })).toThrow(/view ticket: status: expected number, received undefined/);
    expect(() => parseWithSchema(TicketSchema, { ...finnishTicket, priority: 'High' })).toThrow(ValidationError);
  });

  it('accept other_companies as bare ids or as objects, as the documentation shows both', () => {
    const contact = ContactSchema.parse(finnishContact);
    expect(otherCompanyIds(contact)).toEqual([4, 9]);
    expect(otherCompanyIds(ContactSchema.parse({ ...finnishContact, other_companies: null }))).toEqual([]);
  });

  it('accept phone numbers written as JSON numbers', () => {
    expect(ContactSchema.parse({ ...finnishContact, mobile: 401234567 }).mobile).toBe(401234567);
  });
});

describe('FreshdeskErrorSchema', () => {
  it('reads both documented error bodies', () => {
    const v = FreshdeskErrorSchema.parse({ description: 'Validation failed', errors: [{ field: 'email', message: 'It should be a valid email address', code: 'invalid_value' }] });
    expect(isFreshdeskValidationError(v) && v.errors[0]?.field).toBe('email');
    expect(isFreshdeskValidationError({ code: 'x', message: 'y' })).toBe(false);
    const s = FreshdeskErrorSchema.parse({ code: 'invalid_credentials', message: 'You have to be logged in to perform this action.' });
    expect('code' in s && s.code).toBe('invalid_credentials');
    expect(FreshdeskErrorSchema.safeParse({ oops: true }).success).toBe(false);
  });
});

describe('write-side input schemas', () => {
  it('create ticket needs a requester attribute, and a name with a phone-only requester', () => {
    expect(CreateTicketInputSchema.safeParse({ subject: 'Lasku', description: 'x', status: 2, priority: 1 }).error?.issues[0]?.path).toEqual(['requester_id']);
    expect(CreateTicketInputSchema.safeParse({ phone: '+358401234567', subject: 'x' }).error?.issues[0]?.path).toEqual(['name']);
    expect(CreateTicketInputSchema.parse({ email: 'asa@esimerkki.fi', subject: 'Lasku', status: 2, priority: 3, source: 7, tags: ['lasku'] })).toBeTruthy();
  });

  it('refuses undocumented values and unknown attributes, naming them', () => {
    expect(CreateTicketInputSchema.safeParse({ email: 'a@b.fi', priority: 5 }).error?.issues[0]?.path).toEqual(['priority']);
    expect(CreateTicketInputSchema.safeParse({ email: 'a@b.fi', source: 8 }).error?.issues[0]?.path).toEqual(['source']);
    expect(CreateTicketInputSchema.safeParse({ email: 'a@b.fi', stauts: 2 }).error?.issues[0]?.code).toBe('unrecognized_keys');
    expect(UpdateTicketInputSchema.safeParse({}).success).toBe(false);
    expect(UpdateTicketInputSchema.parse({ group_id: 43000190415, responder_id: null, custom_fields: { cf_tilaus: '1001' } })).toBeTruthy();
  });

  it('reply needs a body; a note is private unless it says otherwise', () => {
    expect(ReplyInputSchema.safeParse({ cc_emails: ['a@b.fi'] }).error?.issues[0]?.path).toEqual(['body']);
    expect(NoteInputSchema.parse({ body: 'Asiakas soitti' }).private).toBe(true);
    expect(NoteInputSchema.parse({ body: 'Julkinen', private: false }).private).toBe(false);
  });

  it('contacts need a name and one identifying attribute; merge needs secondaries other than the primary', () => {
    expect(CreateContactInputSchema.safeParse({ name: 'Åsa' }).error?.issues[0]?.path).toEqual(['email']);
    expect(CreateContactInputSchema.parse({ name: 'Åsa Äijälä', mobile: '+358401234567' })).toBeTruthy();
    expect(UpdateContactInputSchema.safeParse({}).success).toBe(false);
    expect(MergeContactsInputSchema.safeParse({ primary_contact_id: 1, secondary_contact_ids: [] }).success).toBe(false);
    expect(MergeContactsInputSchema.safeParse({ primary_contact_id: 1, secondary_contact_ids: [2, '1'] }).error?.issues[0]?.path).toEqual(['secondary_contact_ids', 1]);
  });
});
