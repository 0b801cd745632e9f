import { z } from 'zod';

/** An ISO 8601 timestamp with a time zone offset or `Z`, as every canonical record stores time. */
export const TimestampSchema = z.iso.datetime({ offset: true });

/** A calendar date `YYYY-MM-DD`. */
export const DateOnlySchema = z.iso.date();

/** An amount of money: a decimal string (no float rounding) and an ISO 4217 currency code. */
export const MoneySchema = z.object({
  amount: z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number written as a string, like "12.50"'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"'),
});
export type Money = z.infer<typeof MoneySchema>;

/** A postal address in a comparable form; `raw` keeps what the source system had. */
export const AddressSchema = z.object({
  street: z.string().optional(),
  streetNumber: z.string().optional(),
  postcode: z.string().optional(),
  city: z.string().optional(),
  region: z.string().optional(),
  country: z.string().optional(),
  raw: z.string().optional(),
});
export type Address = z.infer<typeof AddressSchema>;

/** A person's name as the source gave it, split where the source split it. */
export const PersonNameSchema = z.object({
  given: z.string().optional(),
  family: z.string().optional(),
  full: z.string().optional(),
});
export type PersonName = z.infer<typeof PersonNameSchema>;
