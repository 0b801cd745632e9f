import { describe, expect, it } from 'vitest';
import { parsedFixture } from '../test/fixture';
import { classifyMessage, mayOpenCase, shouldAutoAnswer } from './classify';
import { parseMessage } from './parse';

async function classify(name: string) {
  return classifyMessage(await parsedFixture(name));
}

describe('classifyMessage', () => {
  it.each([
    ['plain-utf8-qp.eml'], ['reply-outlook-fi.eml'], ['reply-gmail-fi.eml'], ['html-only-base64.eml'],
    ['latin1-declared-cp1252-bytes.eml'], ['ticket-token-new-thread.eml'], ['attachment-rfc2231.eml'],
    ['reply-gmail-html-only-fi.eml'], ['utf8-declared-latin1-body.eml'], ['raw-8bit-headers-utf8.eml'],
  ])('treats a customer\'s own mail (%s) as a message that may open a case', async (name) => {
    const c = await classify(name);
    expect(c.kind).toBe('message');
    expect(c.mailingList).toBe(false);
    expect(mayOpenCase(c)).toBe(true);
    expect(shouldAutoAnswer(c)).toBe(true);
  });

  it.each([
    ['ooo-exchange-en.eml', /X-Auto-Response-Suppress/],
    ['ooo-exchange-fi.eml', /Automaattinen vastaus/],
    ['ooo-icloud.eml', /X-Apple-Action: VACATION/],
    ['ooo-swedish-subject-only.eml', /Autosvar/],
    ['ooo-outlook-en-html.eml', /Out of Office/],
    ['helpdesk-autoack.eml', /Auto-Submitted: auto-replied/],
    ['helpdesk-autoack-xautoreply.eml', /X-Autoreply/],
  ])('recognises the auto-reply %s without relying on Auto-Submitted', async (name, reason) => {
    const c = await classify(name);
    expect(c.kind).toBe('auto_reply');
    expect(c.reasons.join(' | ')).toMatch(reason);
    expect(mayOpenCase(c)).toBe(false);
    expect(shouldAutoAnswer(c)).toBe(false);
  });

  it.each([
    ['bounce-rfc3464-postfix.eml', { recipient: 'anssi.makela@vanha-osoite.example', action: 'failed', status: '5.1.1' }],
    ['bounce-dsn-base64-exchange.eml', { recipient: 'kari.nieminen@old-corp.example', action: 'failed', status: '5.4.1' }],
    ['bounce-gmail-nonreport.eml', { recipient: 'tiina.korhonen.vanha@gmail.example', action: 'failed', status: '5.1.1' }],
    ['bounce-exim.eml', { recipient: 'pekka.hakkinen@poistunut.example', action: 'failed', status: '5.0.0' }],
    ['bounce-qmail.eml', { recipient: 'myynti@pienyritys.example', action: 'failed', status: '5.1.1' }],
    ['bounce-yahoo-nonreport.eml', { recipient: 'mikko.vanha@yahoo.example', action: 'failed', status: '5.0.0' }],
  ])('reads the failed recipient and status from the bounce %s', async (name, bounce) => {
    const c = await classify(name);
    expect(c.kind).toBe('bounce');
    expect(c.bounce).toEqual(bounce);
    expect(mayOpenCase(c)).toBe(false);
  });

  it.each([
    ['delay-rfc3464.eml', { recipient: 'liisa.virtanen@example.net', action: 'delayed', status: '4.4.1' }],
    ['delay-gmail-nonreport.eml', { recipient: 'ville.salo@hidas.example', action: 'delayed', status: '4.4.0' }],
  ])('tells a delivery delay (%s) from a hard bounce', async (name, bounce) => {
    const c = await classify(name);
    expect(c.kind).toBe('delivery_delay');
    expect(c.bounce).toEqual(bounce);
  });

  it('files read receipts and ARF abuse reports as reports', async () => {
    expect((await classify('mdn-read-receipt.eml')).kind).toBe('report');
    const arf = await classify('arf-abuse-report.eml');
    expect(arf.kind).toBe('report');
    expect(arf.reasons[0]).toMatch(/feedback-report/);
  });

  it('does not call a vacation reply with "Precedence: bulk" list mail', async () => {
    const c = await classify('ooo-gmail-vacation.eml');
    expect(c).toMatchObject({ kind: 'auto_reply', mailingList: false });
  });

  it('keeps a newsletter that asks Exchange not to auto-reply (X-Auto-Response-Suppress) a list message', async () => {
    const mail = await parseMessage(Buffer.from(
      'From: uutiset@kauppa.example\r\nSubject: Viikon tarjoukset\r\nList-Unsubscribe: <mailto:u@kauppa.example>\r\nX-Auto-Response-Suppress: OOF, DR, RN, NRN\r\nMessage-ID: <n1@kauppa.example>\r\n\r\nTarjouksia\r\n',
    ));
    expect(classifyMessage(mail)).toMatchObject({ kind: 'message', mailingList: true });
  });

  it('flags mailing-list mail, which never opens a case', async () => {
    const c = await classify('mailing-list.eml');
    expect(c).toMatchObject({ kind: 'message', mailingList: true });
    expect(c.reasons).toEqual(expect.arrayContaining(['List-Id header', 'List-Unsubscribe header', 'Precedence: bulk']));
    expect(mayOpenCase(c)).toBe(false);
    expect(shouldAutoAnswer(c)).toBe(false);
  });

  it('does not take a customer subject that merely starts with a holiday word for an out-of-office reply', async () => {
    const mail = await parseMessage(Buffer.from(
      'From: a@example.fi\r\nTo: tuki@yritys.example\r\nSubject: Lomalla ostettu takki on rikki\r\nMessage-ID: <x1@example.fi>\r\n\r\nHei, takin vetoketju hajosi.\r\n',
    ));
    expect(classifyMessage(mail).kind).toBe('message');
  });

  it.each([
    ['Out of Office AutoReply: Tilaus 88001', 'auto_reply'],
    ['Automatic reply', 'auto_reply'],
    ['Kari Nieminen is out of the office.', 'auto_reply'],
    ['RE: Automaattinen vastaus: Lasku', 'auto_reply'],
    ['Auto reply ei toimi sovelluksessanne', 'message'],
    ['Out of office hours: can I call tomorrow?', 'message'],
  ])('reads the subject "%s" as %s', async (subject, kind) => {
    const mail = await parseMessage(Buffer.from(`From: a@example.fi\r\nSubject: ${subject}\r\nMessage-ID: <s@example.fi>\r\n\r\nx\r\n`));
    expect(classifyMessage(mail).kind).toBe(kind);
  });

  it('does not take a forwarded bounce from a person for a bounce', async () => {
    const mail = await parseMessage(Buffer.from(
      'From: Anssi <anssi@example.fi>\r\nTo: tuki@yritys.example\r\nSubject: Undeliverable: miksi viestini ei mene perille?\r\nMessage-ID: <x2@example.fi>\r\n\r\nSain tällaisen ilmoituksen, mitä teen?\r\n',
    ));
    expect(classifyMessage(mail).kind).toBe('message');
  });

  it('treats Auto-Submitted: no as an ordinary message', async () => {
    const mail = await parseMessage(Buffer.from('From: a@example.fi\r\nSubject: Hei\r\nAuto-Submitted: no\r\n\r\nKysymys\r\n'));
    expect(classifyMessage(mail).kind).toBe('message');
  });
});

describe('plain-text bounces from other mail systems', () => {
  const cases: Array<[string, string, string, { kind: string; recipient: string; status: string | null }]> = [
    ['old Gmail', 'Delivery Status Notification (Failure)',
      'Delivery to the following recipient failed permanently:\n\n     liisa@vanha.example\n\nTechnical details of permanent failure:\nThe email account that you tried to reach does not exist. 550 5.1.1\n',
      { kind: 'bounce', recipient: 'liisa@vanha.example', status: '5.1.1' }],
    ['sendmail', 'Returned mail: see transcript for details',
      '   ----- The following addresses had permanent fatal errors -----\n<pekka@poistunut.example>\n    (reason: 550 User unknown)\n',
      { kind: 'bounce', recipient: 'pekka@poistunut.example', status: '5.0.0' }],
    ['Exim delay', 'Warning: message 1vXyZ1-0004aB-Qm delayed 24 hours',
      'This message was created automatically by mail delivery software.\nA message that you sent has not yet been delivered to one or more of its\nrecipients after more than 24 hours on the queue on mail.hosting.example.\n\nThe address to which the message has not yet been delivered is:\n\n  ville@hidas.example\n    Delay reason: SMTP error from remote mail server after RCPT TO: 451 4.7.1 Greylisted\n\nNo action is required on your part.\n',
      { kind: 'delivery_delay', recipient: 'ville@hidas.example', status: '4.7.1' }],
  ];
  it.each(cases)('reads a %s notice', async (_name, subject, body, expected) => {
    const mail = await parseMessage(Buffer.from(`From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example>\r\nTo: tuki@yritys.example\r\nSubject: ${subject}\r\nMessage-ID: <b@mx.example>\r\n\r\n${body.replace(/\n/g, '\r\n')}`));
    const c = classifyMessage(mail);
    expect({ kind: c.kind, recipient: c.bounce?.recipient, status: c.bounce?.status }).toEqual(expected);
  });
});
