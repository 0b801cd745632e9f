import { describe, expect, it } from 'vitest';
import { fixture, parsedFixture } from '../test/fixture';
import { EmailError } from './errors';
import { parseMessage } from './parse';

describe('parseMessage', () => {
  it('decodes UTF-8 quoted-printable text and encoded-word headers', async () => {
    const mail = await parsedFixture('plain-utf8-qp.eml');
    expect(mail.from).toEqual({ address: 'Anssi.Makela@Example.fi', name: 'Anssi Mäkelä' });
    expect(mail.subject).toBe('Kysymys laskusta 4471 – eräpäivä');
    expect(mail.messageId).toBe('CAFx9k2m=4471.anssi@mail.example.fi');
    expect(mail.text).toContain('Voisitteko siirtää eräpäivää kahdella viikolla?');
    expect(mail.date?.toISOString()).toBe('2026-11-16T07:12:44.000Z');
  });

  it('reads Windows-1252 bytes in mail declared ISO-8859-1 as €, curly quotes and dashes', async () => {
    const mail = await parsedFixture('latin1-declared-cp1252-bytes.eml');
    expect(mail.text).toContain('Hinta oli 39,90 €.');
    expect(mail.text).toContain('sen “oikeaan” kokoon – voinko');
    expect(mail.subject).toBe('Palautus: tilaus 88213 – väärä koko');
    expect(mail.text).not.toMatch(/[\u0080-\u009f]/);
  });

  it('decodes ISO-8859-15 (€ at 0xA4) and base64 Windows-1252', async () => {
    expect((await parsedFixture('iso-8859-15-qp.eml')).subject).toBe('Toimitusmaksu veloitettu kahdesti (4,90 €)');
    const cp = await parsedFixture('windows-1252-base64.eml');
    expect(cp.text).toContain('rivi ”Käsittelymaksu 2,50 €”');
    expect(cp.from?.name).toBe('Marja Östman');
  });

  it('reads raw 8-bit header bytes as UTF-8 when valid, else as Windows-1252', async () => {
    const latin = await parsedFixture('raw-8bit-headers-latin1.eml');
    expect(latin.subject).toBe('Tilaus 77120 – pyyntö peruutuksesta');
    expect(latin.from?.name).toBe('Jyrki Järvelä');
    const utf8 = await parsedFixture('raw-8bit-headers-utf8.eml');
    expect(utf8.subject).toBe('Fråga om leverans – order 66012');
    expect(utf8.from?.name).toBe('Sofia Åström');
  });

  it('re-decodes an 8-bit body that is not the UTF-8 it claims to be', async () => {
    const mail = await parsedFixture('utf8-declared-latin1-body.eml');
    expect(mail.text).toContain('tilauksesta 70455 puuttui työkalupakki (29,90 €). Lähetättekö sen perään?');
    expect(mail.text).not.toContain('\uFFFD');
  });

  it('converts HTML-only mail to text and keeps the HTML', async () => {
    const mail = await parsedFixture('html-only-base64.eml');
    expect(mail.html).toContain('<b>villasukat</b>');
    expect(mail.text).toContain('tilasin villasukat (tilaus 90311)');
    expect(mail.text).not.toContain('<p>');
  });

  it('lists attachments as metadata with RFC 2231 file names', async () => {
    const mail = await parsedFixture('attachment-rfc2231.eml');
    expect(mail.attachments).toEqual([
      { filename: 'kuitti käteinen.pdf', contentType: 'application/pdf', size: 82 },
      { filename: 'paita.png', contentType: 'image/png', size: 70 },
    ]);
  });

  it('splits In-Reply-To and References into bare message ids', async () => {
    const mail = await parsedFixture('reply-outlook-fi.eml');
    expect(mail.inReplyTo).toBe('silta.7f3a9c@yritys.example');
    expect(mail.references).toEqual(['CAFx9k2m=4471.anssi@mail.example.fi', 'silta.7f3a9c@yritys.example']);
    expect(mail.replyTo).toBeNull();
    expect((await parsedFixture('reply-gmail-en-inline-sig.eml')).replyTo?.address).toBe('jussi@lehtonen-consulting.example');
  });

  it('decodes a base64 delivery-status part for classification', async () => {
    const mail = await parsedFixture('bounce-dsn-base64-exchange.eml');
    const dsn = mail.reportParts.find((p) => p.contentType === 'message/delivery-status');
    expect(dsn?.body.toString()).toContain('Final-Recipient: rfc822;kari.nieminen@old-corp.example');
    expect(mail.attachments).toEqual([]);
  });

  it('rejects a source that is not a Buffer with a typed error', async () => {
    await expect(parseMessage('From: x' as unknown as Buffer)).rejects.toBeInstanceOf(EmailError);
    expect(fixture('bounce-qmail.eml').length).toBeGreaterThan(0);
  });
});
