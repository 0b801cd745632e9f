import { z } from 'zod';
import { MoneySchema, TimestampSchema } from './common';
import { SourceRefSchema } from './source-ref';

/** One line of an order or an invoice. */
export const LineItemSchema = z.object({
  sku: z.string().optional(),
  description: z.string(),
  quantity: z.number(),
  unitPrice: MoneySchema.optional(),
  total: MoneySchema.optional(),
});
export type LineItem = z.infer<typeof LineItemSchema>;

export const OrderStatusSchema = z.enum(['pending', 'paid', 'fulfilled', 'partially_fulfilled', 'cancelled', 'refunded', 'returned']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/**
 * A webshop order.
 *
 * @example
 * OrderSchema.parse({
 *   entity: 'order', ref: { system: 'webshop', connection: 'yritys-oy', type: 'order', id: '1001' },
 *   number: '1001', status: 'paid', placedAt: '2026-11-01T10:00:00Z',
 *   total: { amount: '49.90', currency: 'EUR' }, lines: [], updatedAt: '2026-11-01T10:00:00Z',
 * });
 */
export const OrderSchema = z.object({
  entity: z.literal('order'),
  ref: SourceRefSchema,
  partyRef: SourceRefSchema.optional(),
  number: z.string(),
  status: OrderStatusSchema,
  placedAt: TimestampSchema,
  total: MoneySchema,
  lines: z.array(LineItemSchema),
  updatedAt: TimestampSchema,
  raw: z.unknown().optional(),
});
export type Order = z.infer<typeof OrderSchema>;

export const InvoiceStatusSchema = z.enum(['draft', 'open', 'paid', 'overdue', 'void', 'uncollectible', 'credited']);
export type InvoiceStatus = z.infer<typeof InvoiceStatusSchema>;

/**
 * A billing invoice, optionally tied to the order it bills.
 *
 * @example
 * InvoiceSchema.parse({
 *   entity: 'invoice', ref: { system: 'billing', connection: 'yritys-oy', type: 'invoice', id: 'in_1' },
 *   number: '2026-0042', status: 'open', amountDue: { amount: '49.90', currency: 'EUR' },
 *   total: { amount: '49.90', currency: 'EUR' }, issuedAt: '2026-11-01T10:00:00Z',
 *   dueAt: '2026-11-15T00:00:00Z', lines: [], updatedAt: '2026-11-01T10:00:00Z',
 * });
 */
export const InvoiceSchema = z.object({
  entity: z.literal('invoice'),
  ref: SourceRefSchema,
  partyRef: SourceRefSchema.optional(),
  orderRef: SourceRefSchema.optional(),
  number: z.string(),
  status: InvoiceStatusSchema,
  amountDue: MoneySchema,
  total: MoneySchema,
  issuedAt: TimestampSchema,
  dueAt: TimestampSchema,
  lines: z.array(LineItemSchema),
  updatedAt: TimestampSchema,
  raw: z.unknown().optional(),
});
export type Invoice = z.infer<typeof InvoiceSchema>;
