import { describe, expect, it } from 'vitest';
import { CanonicalRecordSchema } from '@silta/model';

const ref = { system: 'freshdesk', connection: 'yritys-oy', type: 'ticket', id: '1' };

describe('CanonicalRecordSchema', () => {
  it('tells records apart by entity', () => {
    const rec = CanonicalRecordSchema.parse({
      entity: 'case', ref, status: 'open', priority: 'low', channel: 'email', subject: 'Lasku', tags: [],
      createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00+02:00', reopenCount: 0,
    });
    expect(rec.entity).toBe('case');
  });
  it('rejects a case whose status is not canonical, naming the field', () => {
    const result = CanonicalRecordSchema.safeParse({
      entity: 'case', ref, status: 'waiting', priority: 'low', channel: 'email', subject: 'x', tags: [],
      createdAt: '2026-11-01T10:00:00Z', updatedAt: '2026-11-01T10:00:00Z', reopenCount: 0,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['status']);
  });
  it('rejects money written as a float', () => {
    const result = CanonicalRecordSchema.safeParse({
      entity: 'order', ref: { ...ref, type: 'order' }, number: '1', status: 'paid', placedAt: '2026-11-01T10:00:00Z',
      total: { amount: 49.9, currency: 'EUR' }, lines: [], updatedAt: '2026-11-01T10:00:00Z',
    });
    expect(result.success).toBe(false);
  });
});
