import { defineAction, parseWithSchema } from '@silta/kit';
import { z } from 'zod';
import type { EmailClient } from '../client';
import type { EmailConfig } from '../config';
import { EmailError } from '../errors';
import type { ParsedEmail } from '../parse';
import { deterministicMessageId, domainOf } from './message-id';

const messageIdSchema = z.string().min(3).regex(/^<?[^<>\s]+@[^<>\s]+>?$/, 'must be a message id like "abc@example.fi"');
const bare = (id: string) => id.replace(/^<|>$/g, '');

/**
 * What `sendEmail` takes. `inReplyTo` and `references` are message ids, with or without angle brackets.
 *
 * @example
 * SendEmailInputSchema.parse({ to: 'anssi@example.fi', subject: 'Re: Lasku', text: 'Hei!', inReplyTo: '<abc@example.fi>' });
 */
export const SendEmailInputSchema = z.object({
  to: z.union([z.string().min(3), z.array(z.string().min(3)).min(1)]),
  cc: z.array(z.string().min(3)).optional(),
  /** Defaults to the connection's `smtp.from`. */
  from: z.string().min(3).optional(),
  replyTo: z.string().min(3).optional(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  inReplyTo: messageIdSchema.optional(),
  references: z.array(messageIdSchema).optional(),
  /** Mail Silta sends on its own (summaries, acknowledgements): marked `Auto-Submitted: auto-generated`. */
  automated: z.boolean().default(false),
});
export type SendEmailInput = z.input<typeof SendEmailInputSchema>;

/** The sent message's id (no angle brackets), its threading headers and the server's verdict per recipient. */
export interface SendEmailOutput {
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  accepted: string[];
  rejected: string[];
  response: string;
}

/**
 * The headers that make a reply thread in the customer's client: In-Reply-To the message answered, and
 * References its References plus its own id; the subject gets one `Re: `.
 *
 * @example
 * await sendEmail.run(ctx, { to: parsed.from!.address, text: 'Hei!', ...replyHeaders(parsed) });
 */
export function replyHeaders(parsed: ParsedEmail): { subject: string; inReplyTo?: string; references: string[] } {
  const subject = /^(re|vs|sv|aw)\s*:/i.test(parsed.subject) ? parsed.subject : `Re: ${parsed.subject}`;
  if (!parsed.messageId) return { subject, references: parsed.references };
  return { subject, inReplyTo: parsed.messageId, references: [...parsed.references.filter((r) => r !== parsed.messageId), parsed.messageId] };
}

/**
 * Sends one email over SMTP with a Message-ID derived from the idempotency key (retries reuse it), and
 * In-Reply-To/References set so replies thread.
 *
 * @example
 * await sendEmail.run({ ...ctx, idempotencyKey: 'route:billing:1234:v1' }, {
 *   to: 'laskutus@yritys.fi', subject: '[#1234] Laskukysymys', text: summary, inReplyTo: 'abc@example.fi', automated: true,
 * });
 */
export const sendEmail = defineAction<EmailConfig, EmailClient, SendEmailInput, SendEmailOutput>({
  name: 'sendEmail',
  description: 'Send an email over SMTP with threading headers and an idempotent Message-ID',
  input: SendEmailInputSchema,
  run: async function runSendEmail(ctx, rawInput) {
    const input = parseWithSchema(SendEmailInputSchema, rawInput, { operation: 'sendEmail' });
    const smtp = ctx.config.smtp;
    if (!smtp) throw new EmailError('EMAIL_INPUT_INVALID', 'smtp: the connection has no SMTP settings');
    const from = input.from ?? smtp.from;
    const domain = ctx.config.messageIdDomain ?? domainOf(from);
    if (!domain) throw new EmailError('EMAIL_INPUT_INVALID', `from: "${from}" has no domain to build a Message-ID from; set messageIdDomain`);
    const messageId = deterministicMessageId(ctx.idempotencyKey, domain);
    const inReplyTo = input.inReplyTo ? bare(input.inReplyTo) : null;
    const references = [...new Set([...(input.references ?? []).map(bare), ...(inReplyTo ? [inReplyTo] : [])])];
    try {
      const info = await ctx.client.smtp().sendMail({
        from,
        to: input.to,
        ...(input.cc ? { cc: input.cc } : {}),
        ...(input.replyTo ? { replyTo: input.replyTo } : {}),
        subject: input.subject,
        text: input.text,
        ...(input.html ? { html: input.html } : {}),
        messageId: `<${messageId}>`,
        ...(inReplyTo ? { inReplyTo: `<${inReplyTo}>` } : {}),
        ...(references.length > 0 ? { references: references.map((r) => `<${r}>`) } : {}),
        headers: input.automated ? { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' } : {},
      });
      const list = (xs: unknown[] | undefined) => (xs ?? []).map((x) => (typeof x === 'string' ? x : (x as { address: string }).address));
      return { messageId, inReplyTo, references, accepted: list(info.accepted), rejected: list(info.rejected), response: String(info.response ?? '') };
    } catch (error) {
      const e = error as { responseCode?: number; response?: string; code?: string; message?: string };
      const detail = e.response ?? e.message ?? e.code ?? 'unknown error';
      throw new EmailError('EMAIL_SMTP_FAILED', `SMTP ${smtp.user ? `${smtp.user}@` : ''}${smtp.host}:${smtp.port}: sending "${input.subject}" failed: ${detail}`, { cause: error });
    }
  },
});
