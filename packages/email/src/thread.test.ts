import { describe, expect, it } from 'vitest';
import { parsedFixture } from '../test/fixture';
import { parseMessage } from './parse';
import { createThreadIndex, normaliseSubject, resolveThread, ticketToken } from './thread';

describe('resolveThread', () => {
  it('follows In-Reply-To first, then References from the newest back', async () => {
    const reply = await parsedFixture('reply-outlook-fi.eml');
    const seen: string[] = [];
    const thread = await resolveThread(reply, {
      byMessageId: (id) => { seen.push(id); return id === 'CAFx9k2m=4471.anssi@mail.example.fi' ? 'thread-a' : undefined; },
    });
    expect(thread).toEqual({ threadKey: 'thread-a', rule: 'references', matched: 'CAFx9k2m=4471.anssi@mail.example.fi' });
    expect(seen).toEqual(['silta.7f3a9c@yritys.example', 'CAFx9k2m=4471.anssi@mail.example.fi']);
  });

  it('uses the [#1234] ticket token when no referenced message is known', async () => {
    const mail = await parsedFixture('ticket-token-new-thread.eml');
    expect(await resolveThread(mail, { byMessageId: async () => undefined })).toEqual({ threadKey: 'ticket-1234', rule: 'ticket_token', matched: '[#1234]' });
  });

  it('falls back to the same normalised subject from the same sender within the window', async () => {
    const index = createThreadIndex();
    const first = await parseMessage(Buffer.from('From: Anssi <anssi@example.fi>\r\nSubject: Lasku 4471\r\nDate: Mon, 16 Nov 2026 09:00:00 +0200\r\nMessage-ID: <one@example.fi>\r\n\r\nHei\r\n'));
    const started = await resolveThread(first, index);
    expect(started).toEqual({ threadKey: 'one@example.fi', rule: 'new', matched: 'one@example.fi' });
    index.remember(first, started.threadKey);

    const again = await parseMessage(Buffer.from('From: ANSSI@example.fi\r\nSubject: VS: Re:  lasku 4471\r\nDate: Thu, 19 Nov 2026 09:00:00 +0200\r\nMessage-ID: <two@example.fi>\r\n\r\nJoko?\r\n'));
    expect(await resolveThread(again, index)).toMatchObject({ threadKey: 'one@example.fi', rule: 'subject_sender' });

    const late = await parseMessage(Buffer.from('From: anssi@example.fi\r\nSubject: Lasku 4471\r\nDate: Wed, 02 Dec 2026 09:00:00 +0200\r\nMessage-ID: <three@example.fi>\r\n\r\nUusi asia\r\n'));
    expect(await resolveThread(late, index)).toMatchObject({ threadKey: 'three@example.fi', rule: 'new' });
    expect(await resolveThread(late, index, { fallbackDays: 30 })).toMatchObject({ threadKey: 'one@example.fi', rule: 'subject_sender' });

    const otherSender = await parseMessage(Buffer.from('From: liisa@example.net\r\nSubject: Lasku 4471\r\nDate: Tue, 17 Nov 2026 09:00:00 +0200\r\nMessage-ID: <four@example.net>\r\n\r\nx\r\n'));
    expect((await resolveThread(otherSender, index)).rule).toBe('new');
  });

  it('keys a message without Message-ID by a stable hash', async () => {
    const source = Buffer.from('From: a@example.fi\r\nSubject: Ei tunnistetta\r\nDate: Mon, 16 Nov 2026 09:00:00 +0200\r\n\r\nx\r\n');
    const a = await resolveThread(await parseMessage(source), createThreadIndex());
    const b = await resolveThread(await parseMessage(source), createThreadIndex());
    expect(a.threadKey).toMatch(/^sha256-[0-9a-f]{32}$/);
    expect(a.threadKey).toBe(b.threadKey);
  });
});

describe('subject helpers', () => {
  it('strips reply and forward prefixes in several languages and tags', () => {
    expect(normaliseSubject('VS: Re: SV: AW: Fwd: [#12] Lasku  4471')).toBe('lasku 4471');
    expect(normaliseSubject('Vast: [EXTERNAL] Tilaus')).toBe('tilaus');
  });
  it('reads ticket tokens', () => {
    expect(ticketToken('Re: [#1234] Kysymys')).toBe('1234');
    expect(ticketToken('[Ticket #77] Hei')).toBe('77');
    expect(ticketToken('Tilaus #1234')).toBeNull();
  });
});
