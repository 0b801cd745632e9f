import type { PushConversationRequest } from '@silta/partner-client';

/**
 * Who the story is about and the addresses it uses; one place so the narration, the test and the docs agree.
 *
 * @example
 * buildTimeline(store, { email: ANSSI.chatEmail });
 */
export const ANSSI = {
  name: 'Anssi Mäkelä',
  /** What he typed into the partner's chat. */
  chatEmail: 'anssi.makela@example.fi',
  chatPhone: '040 123 4567',
  /** The same mailbox, written differently in his mail client. */
  mailFrom: 'Anssi.Makela@Example.fi',
  /** The same number in his email signature, international format. */
  signaturePhone: '+358 40 1234567',
  /** How the call-centre agent typed the number into Freshdesk. */
  ticketPhone: '+358401234567',
} as const;

/**
 * The support mailbox, billing's mailbox and the ids of the demo's systems.
 *
 * @example
 * smtp.messages.filter((m) => m.to.includes(STORY.billingAddress));
 */
export const STORY = {
  supportAddress: 'tuki@yritys.fi',
  supportFrom: 'Yritys Oy asiakaspalvelu <tuki@yritys.fi>',
  billingAddress: 'laskutus@yritys.fi',
  billingGroup: 'Laskutus',
  emailConnection: 'tuki',
  helpdeskConnection: 'helpdesk',
  mailConnection: 'mail',
  invoiceNumber: '2026-1187',
  conversationId: 'conv-anssi-paita',
} as const;

const DAY = 86_400_000;

function iso(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Step 1's chat: Anssi asks the partner's agent about a shirt size, a week before the rest of the story.
 *
 * @example
 * await client.pushConversation(shirtChat(Date.now()));
 */
export function shirtChat(now: number): PushConversationRequest {
  const start = now - 7 * DAY;
  const at = (minutes: number) => iso(start + minutes * 60_000);
  return {
    company: 'yritys-oy',
    conversation: {
      id: STORY.conversationId,
      startedAt: at(0),
      endedAt: at(6),
      status: 'closed',
      subject: 'Pellavapaidan koko',
      tags: ['koko'],
      channel: { type: 'web_chat', pageUrl: 'https://www.yritys.fi/tuotteet/pellavapaita', widget: 'yritys-verkkokauppa', locale: 'fi-FI' },
    },
    visitor: { id: 'vis-anssi', name: ANSSI.name, email: ANSSI.chatEmail, phone: ANSSI.chatPhone, language: 'fi' },
    messages: [
      { id: 'msg-1', at: at(0), from: 'visitor', text: 'Hei! Onko pellavapaita normaalia kokoa vai pitäisikö ottaa yksi koko isompi?' },
      { id: 'msg-2', at: at(2), from: 'agent', agent: { name: 'Liisa Virtanen', id: 'agent-17' }, text: 'Hei Anssi! Pellavapaita on mitoitukseltaan normaali, M sopii jos käytät yleensä M-kokoa.' },
      { id: 'msg-3', at: at(5), from: 'visitor', text: 'Kiitos, tilaan M-koon.' },
    ],
  };
}

/** RFC 2047 encoded-word for a UTF-8 header value with non-ASCII characters. */
function encodeWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function message(headers: Array<[string, string]>, body: string): string {
  const lines = headers.map(([k, v]) => `${k}: ${v}`);
  lines.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit');
  return `${lines.join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}\r\n`;
}

/** The customer's invoice email of step 2: its Message-ID and subject, and the raw .eml text. */
export interface InvoiceEmail {
  messageId: string;
  subject: string;
  raw: string;
}

/**
 * Step 2's email, as the raw message his mail client would send: a differently written address and the
 * phone number in the signature in international format.
 *
 * @example
 * await smtp.deliver(invoiceEmail(Date.now()).raw);
 */
export function invoiceEmail(now: number): InvoiceEmail {
  const messageId = `CAF-anssi-${Math.floor(now / 1000)}@mail.example.fi`;
  const subject = `Kysymys laskusta ${STORY.invoiceNumber}`;
  const raw = message([
    ['From', `${encodeWord(ANSSI.name)} <${ANSSI.mailFrom}>`],
    ['To', STORY.supportAddress],
    ['Subject', encodeWord(subject)],
    ['Date', new Date(now - 60 * 60_000).toUTCString()],
    ['Message-ID', `<${messageId}>`],
  ], [
    'Hei,',
    '',
    `sain laskun ${STORY.invoiceNumber}, jossa pellavapaita on veloitettu kahdesti. Voisitteko tarkistaa asian?`,
    'Soittakaa tarvittaessa.',
    '',
    'Terveisin',
    ANSSI.name,
    ANSSI.signaturePhone,
  ].join('\n'));
  return { messageId, subject, raw };
}

/**
 * Step 6's answer from billing: a reply to Silta's summary (In-Reply-To the summary, References the whole
 * chain), quoting it the way mail clients do.
 *
 * @example
 * await smtp.deliver(billingAnswer({ messageId, subject, references }, Date.now()).raw);
 */
export function billingAnswer(summary: { messageId: string; subject: string; references: string[] }, now: number): InvoiceEmail {
  const messageId = `laskutus-${Math.floor(now / 1000)}@yritys.fi`;
  const subject = /^re:/i.test(summary.subject) ? summary.subject : `Re: ${summary.subject}`;
  const references = [...summary.references.filter((r) => r !== summary.messageId), summary.messageId];
  const raw = message([
    ['From', `Laskutus <${STORY.billingAddress}>`],
    ['To', STORY.supportAddress],
    ['Subject', encodeWord(subject)],
    ['Date', new Date(now).toUTCString()],
    ['Message-ID', `<${messageId}>`],
    ['In-Reply-To', `<${summary.messageId}>`],
    ['References', references.map((r) => `<${r}>`).join(' ')],
  ], [
    `Tuplaveloitus on hyvitetty: lasku ${STORY.invoiceNumber} korjattu, hyvityslasku lähtee Anssille tänään.`,
    '',
    `On ${new Date(now - 10 * 60_000).toUTCString()}, Silta <${STORY.supportAddress}> wrote:`,
    '> Invoice question',
    `> Customer: ${ANSSI.name}`,
  ].join('\n'));
  return { messageId, subject, raw };
}
