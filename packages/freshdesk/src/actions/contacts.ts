import { defineAction } from '@silta/kit';
import { z } from 'zod';
import type { FreshdeskClient } from '../client';
import type { FreshdeskConfigInput } from '../config';
import {
  ContactSchema, CreateContactInputSchema, FreshdeskIdSchema, MergeContactsInputSchema, UpdateContactInputSchema, type Contact,
} from '../schemas';

/**
 * Creates a contact (`POST /contacts`). `findPrevious` looks the contact up by its email, so a retry after a
 * lost 201 returns the contact instead of failing with 409 `duplicate_value`.
 *
 * @example
 * await createContact.run(ctx, { name: 'Väinö Hämäläinen', email: 'vaino@example.fi', phone: '+358 40 123 4567' });
 */
export const createContact = defineAction<FreshdeskConfigInput, FreshdeskClient, z.output<typeof CreateContactInputSchema>, Contact>({
  name: 'createContact',
  description: 'Create a contact.',
  input: CreateContactInputSchema,
  async run(ctx, input) {
    const res = await ctx.client.http.post('/contacts', { json: input, schema: ContactSchema, operation: 'create contact', signal: ctx.signal });
    return res.body;
  },
  async findPrevious(ctx, input) {
    if (!input.email) return undefined;
    const res = await ctx.client.http.get('/contacts', { searchParams: { email: input.email }, schema: z.array(ContactSchema), operation: 'find earlier contact', signal: ctx.signal });
    return res.body[0];
  },
});

export const UpdateContactActionInputSchema = z.object({ contactId: FreshdeskIdSchema, changes: UpdateContactInputSchema });

/**
 * Updates a contact (`PUT /contacts/[id]`).
 *
 * @example
 * await updateContact.run(ctx, { contactId: 434, changes: { mobile: '040 765 4321' } });
 */
export const updateContact = defineAction<FreshdeskConfigInput, FreshdeskClient, z.output<typeof UpdateContactActionInputSchema>, Contact>({
  name: 'updateContact',
  description: 'Update a contact.',
  input: UpdateContactActionInputSchema,
  async run(ctx, input) {
    const res = await ctx.client.http.put(`/contacts/${String(input.contactId)}`, { json: input.changes, schema: ContactSchema, operation: 'update contact', signal: ctx.signal });
    return res.body;
  },
});

/**
 * Merges secondary contacts into a primary one (`POST /contacts/merge`, 204). Merging twice is harmless
 * (the secondaries are gone), so it is declared safe to retry.
 *
 * @example
 * await mergeContacts.run(ctx, { primary_contact_id: 132, secondary_contact_ids: [133, 134] });
 */
export const mergeContacts = defineAction<FreshdeskConfigInput, FreshdeskClient, z.output<typeof MergeContactsInputSchema>, { merged: true }>({
  name: 'mergeContacts',
  description: 'Merge duplicate contacts.',
  input: MergeContactsInputSchema,
  async run(ctx, input) {
    await ctx.client.http.post('/contacts/merge', { json: input, retrySafe: true, operation: 'merge contacts', signal: ctx.signal });
    return { merged: true };
  },
});
