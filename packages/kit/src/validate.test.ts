import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from './errors';
import { parseJsonLossless } from './json';
import { parseWithSchema } from './validate';

const TicketSchema = z.looseObject({
  id: z.union([z.number(), z.string()]),
  subject: z.string(),
  status: z.number(),
});

describe('parseWithSchema', () => {
  it('keeps unknown vendor fields', () => {
    const body = { id: 1, subject: 'Tulostin ei toimi', status: 2, cf_region: 'Pohjois-Savo', nr_escalated: false };
    const ticket = parseWithSchema(TicketSchema, body);
    expect(ticket).toEqual(body);
    expect((ticket as Record<string, unknown>).cf_region).toBe('Pohjois-Savo');
  });

  it('raises ValidationError naming the field, with the raw payload attached', () => {
    const body = { id: 1, subject: 'x', status: 'open' };
    let caught: unknown;
    try {
      parseWithSchema(TicketSchema, body, { operation: 'view ticket' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const err = caught as ValidationError;
    expect(err.message).toBe('view ticket: status: expected number, received string');
    expect(err.payload).toBe(body);
  });

  it('raises on a missing required field', () => {
    expect(() => parseWithSchema(TicketSchema, { id: 1, status: 2 })).toThrow('subject: expected string, received undefined');
  });

  it('keeps a 64-bit id exact end to end', () => {
    const ticket = parseWithSchema(TicketSchema, parseJsonLossless('{"id": 18446744073709551615, "subject": "s", "status": 2}'));
    expect(ticket.id).toBe('18446744073709551615');
  });
});
