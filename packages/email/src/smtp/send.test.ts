import { silentLogger } from '@silta/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsedFixture } from '../../test/fixture';
import { classifyMessage } from '../classify';
import { createEmailClient } from '../client';
import { EmailConfigSchema, type EmailConfig } from '../config';
import { parseMessage } from '../parse';
import { startSmtpServer, type TestSmtpServer } from '../testing/smtp-server';
import { createThreadIndex, resolveThread } from '../thread';
import { replyHeaders, sendEmail } from './send';

let smtp: TestSmtpServer;
let config: EmailConfig;

beforeAll(async () => {
  smtp = await startSmtpServer({ auth: { user: 'tuki@yritys.example', pass: 'app-password-123' }, rejectRecipients: ['poistunut@example.fi'] });
  config = EmailConfigSchema.parse({
    smtp: { host: smtp.host, port: smtp.port, user: 'tuki@yritys.example', password: 'app-password-123', from: 'Yritys Oy <tuki@yritys.example>' },
  });
});
afterAll(() => smtp.close());

function ctx(idempotencyKey: string, cfg = config) {
  return { config: cfg, client: createEmailClient(cfg), connection: 'yritys-oy', logger: silentLogger, idempotencyKey };
}

describe('sendEmail over SMTP', () => {
  it('sends a reply whose Message-ID, In-Reply-To and References thread with the customer\'s message', async () => {
    const customer = await parsedFixture('reply-outlook-fi.eml');
    const out = await sendEmail.run(ctx('route:billing:1234:v1'), { to: 'anssi.makela@example.fi', text: 'Hei Anssi, hoidamme asian.', ...replyHeaders(customer) });
    const [received] = await smtp.waitFor(1);
    expect(received!.user).toBe('tuki@yritys.example');
    expect(received!.to).toEqual(['anssi.makela@example.fi']);
    const mail = await parseMessage(received!.source);
    expect(mail.messageId).toBe(out.messageId);
    expect(mail.messageId).toMatch(/^silta\.[0-9a-f]{32}@yritys\.example$/);
    expect(mail.subject).toBe('VS: [#1234] Kysymys laskusta 4471');
    expect(mail.inReplyTo).toBe('HE1PR07MB4425.anssi.reply@eurprd07.prod.outlook.example');
    expect(mail.references).toEqual(['CAFx9k2m=4471.anssi@mail.example.fi', 'silta.7f3a9c@yritys.example', 'HE1PR07MB4425.anssi.reply@eurprd07.prod.outlook.example']);
    expect(mail.text.trim()).toBe('Hei Anssi, hoidamme asian.');

    // The customer's next reply, quoting ours, finds the same thread through its References.
    const index = createThreadIndex();
    index.remember(customer, 'thread-1234');
    index.remember(mail, 'thread-1234');
    const next = await parseMessage(Buffer.from(`From: anssi.makela@example.fi\r\nSubject: Re: ${mail.subject}\r\nMessage-ID: <next@example.fi>\r\nIn-Reply-To: <${mail.messageId}>\r\nReferences: ${mail.references.map((r) => `<${r}>`).join(' ')} <${mail.messageId}>\r\n\r\nKiitos!\r\n`));
    expect(await resolveThread(next, index)).toMatchObject({ threadKey: 'thread-1234', rule: 'references' });
  });

  it('derives the same Message-ID for the same idempotency key and a different one for another key', async () => {
    const a = await sendEmail.run(ctx('route:billing:42:v1'), { to: 'laskutus@yritys.example', subject: 'Yhteenveto', text: 'x' });
    const b = await sendEmail.run(ctx('route:billing:42:v1'), { to: 'laskutus@yritys.example', subject: 'Yhteenveto', text: 'x' });
    const c = await sendEmail.run(ctx('route:billing:42:v2'), { to: 'laskutus@yritys.example', subject: 'Yhteenveto', text: 'x' });
    expect(a.messageId).toBe(b.messageId);
    expect(c.messageId).not.toBe(a.messageId);
  });

  it('marks automated mail so other systems\' loop protection recognises it', async () => {
    const before = smtp.messages.length;
    await sendEmail.run(ctx('summary:1'), { to: 'laskutus@yritys.example', subject: '[#1234] Tiivistelmä', text: 'Asiakas kysyy laskusta.', automated: true });
    const [, ...rest] = await smtp.waitFor(before + 1);
    const mail = await parseMessage(rest.at(-1)!.source);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(classifyMessage(mail).kind).toBe('auto_reply');
  });

  it('reports a rejected recipient as a typed error without the password', async () => {
    const error = await sendEmail.run(ctx('fail:1'), { to: 'poistunut@example.fi', subject: 'x', text: 'y' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EMAIL_SMTP_FAILED' });
    expect((error as Error).message).toMatch(/550 5\.1\.1 <poistunut@example\.fi>/);
    expect((error as Error).message).not.toContain('app-password-123');
  });

  it('reports a wrong password as a typed error without the password', async () => {
    const wrong = EmailConfigSchema.parse({ ...config, smtp: { ...config.smtp!, password: 'not-the-password' } });
    const error = await sendEmail.run(ctx('fail:2', wrong), { to: 'a@example.fi', subject: 'x', text: 'y' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EMAIL_SMTP_FAILED' });
    expect((error as Error).message).not.toContain('not-the-password');
  });

  it('rejects an invalid message id naming the field', async () => {
    await expect(sendEmail.run(ctx('bad:1'), { to: 'a@example.fi', subject: 'x', text: 'y', inReplyTo: 'no at sign' })).rejects.toThrow(/inReplyTo/);
  });
});
