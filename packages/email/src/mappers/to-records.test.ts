import { CaseSchema, InteractionSchema, PartyRecordSchema } from '@silta/model';
import { describe, expect, it } from 'vitest';
import { parsedFixture } from '../../test/fixture';
import { classifyMessage } from '../classify';
import { createThreadIndex, resolveThread } from '../thread';
import { toRecords } from './to-records';

async function records(name: string, index = createThreadIndex(), ownAddresses: string[] = []) {
  const parsed = await parsedFixture(name);
  const thread = await resolveThread(parsed, index);
  index.remember(parsed, thread.threadKey);
  return toRecords(parsed, classifyMessage(parsed), thread, { connection: 'yritys-oy', ownAddresses });
}

describe('toRecords', () => {
  it('opens a case for a new customer message, with a valid interaction and party', async () => {
    const r = await records('plain-utf8-qp.eml');
    expect(InteractionSchema.parse(r.interaction)).toBeTruthy();
    expect(PartyRecordSchema.parse(r.party)).toBeTruthy();
    expect(CaseSchema.parse(r.case)).toMatchObject({
      ref: { system: 'email', connection: 'yritys-oy', type: 'thread', id: 'CAFx9k2m=4471.anssi@mail.example.fi' },
      status: 'open', channel: 'email', subject: 'Kysymys laskusta 4471 – eräpäivä',
    });
    expect(r.interaction).toMatchObject({ direction: 'inbound', automated: false, caseRef: r.case?.ref, partyRef: r.party?.ref });
  });

  it('takes identity from From and Reply-To and phones from the signature with the raw value kept', async () => {
    const r = await records('reply-gmail-en-inline-sig.eml');
    expect(r.party?.identifiers.map(({ kind, value, raw, label }) => ({ kind, value, raw, label }))).toEqual([
      { kind: 'email', value: 'jussi.lehtonen@example.com', raw: 'jussi.lehtonen@example.com', label: 'from' },
      { kind: 'email', value: 'jussi@lehtonen-consulting.example', raw: 'jussi@lehtonen-consulting.example', label: 'reply-to' },
      { kind: 'phone', value: '+358945678900', raw: '+358 9 4567 8900', label: 'signature' },
    ]);
    const anssi = await records('plain-utf8-qp.eml');
    expect(anssi.party?.identifiers).toContainEqual(expect.objectContaining({ kind: 'phone', value: '+358401234567', raw: '040 123 4567' }));
    expect(anssi.party?.identifiers[0]).toMatchObject({ value: 'anssi.makela@example.fi', raw: 'Anssi.Makela@Example.fi' });
  });

  it('does not take phone numbers from quoted history', async () => {
    const r = await records('reply-outlook-fi.eml');
    expect(r.party?.identifiers.filter((i) => i.kind === 'phone')).toEqual([]);
  });

  it('files a reply on the existing thread instead of opening a second case', async () => {
    const index = createThreadIndex();
    const first = await records('plain-utf8-qp.eml', index);
    const reply = await records('reply-outlook-fi.eml', index);
    expect(reply.case).toBeNull();
    expect(reply.interaction.caseRef).toEqual(first.case?.ref);
    expect(reply.interaction.text).toBe('Kiitos nopeasta vastauksesta! Eräpäivän siirto sopii hyvin.\n\nAnssi');
  });

  it('never opens a case for auto-replies, bounces or bulk mail, and marks them automated', async () => {
    for (const name of ['ooo-swedish-subject-only.eml', 'bounce-qmail.eml', 'mailing-list.eml', 'helpdesk-autoack.eml']) {
      const r = await records(name);
      expect(r.case, name).toBeNull();
      expect(r.interaction.automated, name).toBe(true);
    }
    const bounce = await records('bounce-qmail.eml');
    expect(bounce.party).toBeNull();
    expect(bounce.interaction.raw).toMatchObject({ kind: 'bounce', bounce: { recipient: 'myynti@pienyritys.example' } });
  });

  it('marks mail from the mailbox\'s own addresses outbound', async () => {
    const r = await records('plain-utf8-qp.eml', createThreadIndex(), ['ANSSI.makela@example.fi']);
    expect(r.interaction.direction).toBe('outbound');
    expect(r.case).toBeNull();
  });

  it('keeps attachment metadata on the interaction', async () => {
    const r = await records('attachment-rfc2231.eml');
    expect(r.interaction.attachments).toEqual([
      { filename: 'kuitti käteinen.pdf', contentType: 'application/pdf', size: 82 },
      { filename: 'paita.png', contentType: 'image/png', size: 70 },
    ]);
  });
});
