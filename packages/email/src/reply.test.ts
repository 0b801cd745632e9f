import { describe, expect, it } from 'vitest';
import { parsedFixture } from '../test/fixture';
import { extractReplyText, splitReply } from './reply';

describe('extractReplyText', () => {
  it.each([
    ['reply-outlook-fi.eml', 'Kiitos nopeasta vastauksesta! Eräpäivän siirto sopii hyvin.\n\nAnssi'],
    ['reply-gmail-fi.eml', 'Paketti tuli tänään, kiitos avusta!\n\nTiina'],
    ['reply-apple-en.eml', 'Thanks - could you send it to my office address instead?\nUnit 4, 12 Harbour Street, Leith\n\nMark'],
    ['reply-swedish-outlook.eml', 'Tack, det går bra att leverera på tisdag.\n\n/Sofia'],
    ['reply-gmail-en-inline-sig.eml', 'Yes, the label printed fine now.'],
    ['reply-gmail-html-only-fi.eml', 'Kiitos, maksan laskun huomenna.\n\nMarko'],
    ['bounce-exim.eml', expect.not.stringContaining('Hei Pekka')],
    ['bounce-yahoo-nonreport.eml', expect.not.stringContaining('Kiitos tilauksesta')],
  ])('keeps only the new part of %s', async (name, expected) => {
    expect(extractReplyText((await parsedFixture(name)).text)).toEqual(expected);
  });

  it('cuts at "-----Original Message-----" but keeps a signature without the separator', async () => {
    const reply = extractReplyText((await parsedFixture('reply-outlook-en-original.eml')).text);
    expect(reply.startsWith('Hi,\n\nThe correct VAT number is FI12345678.')).toBe(true);
    expect(reply).toContain('Mobile +358 40 555 0101');
    expect(reply).not.toContain('could you confirm');
  });

  it('cuts at a forwarded header block that starts with Date:', () => {
    const text = 'Tässä alkuperäinen viesti.\n\nDate: Mon, 16 Nov 2026 09:12:44 +0200\nFrom: Tuki <tuki@yritys.example>\nTo: anssi@example.fi\nSubject: Lasku\n\nHei Anssi';
    expect(extractReplyText(text)).toBe('Tässä alkuperäinen viesti.');
    const prose = 'Aihe: lasku 4471\nPäivämäärä: eilen\nKiitos!';
    expect(extractReplyText(prose)).toBe(prose);
  });

  it('drops interleaved > quotes but keeps the answers between them', () => {
    const text = '> Mikä koko?\nM-koko.\n> Mikä väri?\nSininen.\n';
    expect(extractReplyText(text)).toBe('M-koko.\nSininen.');
  });

  it('recognises Finnish Apple Mail and Swedish Gmail attributions on one line', () => {
    expect(extractReplyText('Sopii.\n\n16.11.2026 kello 9.12 Tuki <tuki@yritys.example> kirjoitti:\n\n> Hei')).toBe('Sopii.');
    expect(extractReplyText('Okej.\n\nDen mån 16 nov. 2026 kl 09:12 skrev Tuki <tuki@yritys.example>:\n> Hej')).toBe('Okej.');
    expect(extractReplyText('Sure.\n\nOn Mon, Nov 16, 2026 at 9:12 AM Support <\nsupport@yritys.example> wrote:\n> Hi')).toBe('Sure.');
  });

  it('leaves a message without quotes as it is, and a sentence ending in "wrote:" alone', () => {
    expect(extractReplyText('Hei,\nmitä tilaukselleni kuuluu?\n')).toBe('Hei,\nmitä tilaukselleni kuuluu?');
    const text = 'My colleague wrote:\nplease call me back.';
    expect(extractReplyText(text)).toBe(text);
    const prose = 'Hei,\nkollegani kirjoitti teille jo aiemmin näin:\nlasku on maksettu.';
    expect(extractReplyText(prose)).toBe(prose);
  });

  it('returns the signature and quoted history separately', async () => {
    const parts = splitReply((await parsedFixture('reply-gmail-en-inline-sig.eml')).text);
    expect(parts.signature).toBe('Jussi Lehtonen\nLehtonen Consulting\ntel. +358 9 4567 8900');
    expect(parts.quoted).toMatch(/^On Thu, Nov 19, 2026 at 3:02 PM/);
  });
});
