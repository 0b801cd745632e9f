/**
 * Delivery status notifications: RFC 3464 reports (also when the status part arrives base64-encoded) and
 * the plain-text bounces Gmail, Exim, qmail and others send instead.
 */
import type { ParsedEmail } from './parse';
import { parseReportFields } from './mime-parts';

/** The failed or delayed recipient, the DSN action (`failed`, `delayed`, …) and the status code (`5.1.1`). */
export interface BounceInfo {
  recipient: string | null;
  action: string;
  status: string | null;
}

const DSN_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);

function addressOf(value: string | undefined): string | null {
  if (!value) return null;
  const typed = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  const cleaned = typed.trim().replace(/^<|>$/g, '').trim();
  return cleaned.length > 0 ? cleaned : null;
}

function statusOf(value: string | undefined): string | null {
  return value?.match(/\b[245]\.\d{1,3}\.\d{1,3}\b/)?.[0] ?? null;
}

/**
 * Reads the per-recipient groups of a message/delivery-status part. Several recipients: a failure wins over
 * a delay, which wins over a success, so a report is judged by its worst outcome.
 *
 * @example
 * dsnFromReport(parsed); // { recipient: 'a@b.fi', action: 'failed', status: '5.1.1' }
 */
export function dsnFromReport(parsed: ParsedEmail): BounceInfo | null {
  const part = parsed.reportParts.find((p) => DSN_TYPES.has(p.contentType));
  if (!part) return null;
  const groups = parseReportFields(part.body.toString('utf8'));
  const recipients = groups
    .filter((g) => g.has('action') || g.has('final-recipient'))
    .map((g) => ({
      recipient: addressOf(g.get('final-recipient') ?? g.get('original-recipient')),
      action: (g.get('action') ?? '').trim().toLowerCase().split(/\s/)[0] || 'failed',
      status: statusOf(g.get('status')) ?? statusOf(g.get('diagnostic-code')),
    }));
  const rank = (action: string) => (action === 'failed' ? 0 : action === 'delayed' ? 1 : 2);
  recipients.sort((a, b) => rank(a.action) - rank(b.action));
  return recipients[0] ?? null;
}

const DAEMON_SENDER = /^(mailer-daemon|postmaster|mail-daemon|maildaemon|mail\.delivery\.system|microsoftexchange[0-9a-f]{16,})@/i;
const BOUNCE_SUBJECT = [
  /^(undeliver(ed|able)|undelivered mail returned to sender|returned mail|mail delivery (failed|failure)|delivery (status notification )?\(?failure\)?|delivery failure|failure notice|mail system error|non[- ]?delivery|nondeliverable|delivery has failed|message not delivered|could not send message|rejected:)/i,
  /^(palautettu viesti|viestin toimitus epäonnistui|toimittamaton|ei voitu toimittaa|viestiä ei voitu toimittaa|olevererbart|ej levererbart|kunde inte levereras|går inte att leverera|unzustellbar|non remis|non recapitabile|no se puede entregar)/i,
  /\bdelivery status notification \(failure\)/i,
];
const DELAY_SUBJECT = /(delivery status notification \(delay\)|delayed mail|delivery delayed|warning: message .* delayed|message delayed|warning: could not send message for past|delivery (notification|status): delay|delivery has been delayed|viesti(n toimitus)? viivästyy|toimitus viivästynyt|fördröjd|leveransen är försenad)/i;

const BOUNCE_BODY = [
  /could not be delivered to one or more (of its )?recipients/i,
  /this is a permanent error/i,
  /i wasn'?t able to deliver your message/i,
  /your message (wasn'?t|was not|couldn'?t be|could not be) delivered/i,
  /delivery to the following recipients? (failed|has failed)/i,
  /the following address(es)? failed/i,
  /\*\* address not found \*\*/i,
  /message (was )?undeliverable/i,
  /unable to deliver (your|the) message/i,
  /delivery (to the following recipients? )?has failed|delivery has failed to these recipients/i,
  /permanent fatal errors?|permanent delivery failure|failed permanently/i,
  /viestiä ei voitu toimittaa|toimitus seuraaville vastaanottajille epäonnistui/i,
  /meddelandet kunde inte levereras/i,
];
const DELAY_BODY = [
  /this is a warning only/i,
  /has not yet been delivered|not (been )?delivered yet|message not delivered yet/i,
  /will (be retried|retry)( for| until)?/i,
  /temporary problem delivering/i,
  /delivery (has been|is) delayed/i,
  /could not send message for past/i,
  /no need to resend|you do not need to resend/i,
];

function bodyAddress(text: string, exclude: Set<string>): string | null {
  const anchors = [
    /following address(?:es|\(es\))? failed:\s*\n\s*<?([^\s<>]+@[^\s<>]+?)>?\s*\n/i,
    /^<([^\s<>]+@[^\s<>]+)>:/m,
    /(?:wasn'?t|was not|couldn'?t be|could not be|not yet) delivered to:?\s+<?([^\s<>]+@[^\s<>]+)/i,
    /delivering your message to\s+<?([^\s<>]+@[^\s<>]+)/i,
    /your message to\s+<?([^\s<>]+@[^\s<>]+)>?\s+couldn'?t be delivered/i,
    /unable to deliver (?:your|the) message to the following address(?:es)?\.?\s*\n\s*<?([^\s<>]+@[^\s<>]+)/i,
    /failed permanently:\s*\n\s*<?([^\s<>]+@[^\s<>]+)/i,
    /permanent fatal errors? -*\s*\n\s*<?([^\s<>]+@[^\s<>]+)/i,
    /has not yet been delivered (?:is|are):\s*\n\s*<?([^\s<>]+@[^\s<>]+)/i,
    /delivery has failed to these recipients or groups:\s*\n\s*(?:[^\n(]*\()?<?([^\s<>()]+@[^\s<>()]+)/i,
  ];
  for (const anchor of anchors) {
    const hit = text.match(anchor)?.[1]?.replace(/[>.,;:]+$/, '');
    if (hit && !exclude.has(hit.toLowerCase())) return hit;
  }
  return null;
}

function textStatus(text: string): string | null {
  const enhanced = text.match(/\b([45])\.(\d{1,3})\.(\d{1,3})\b/);
  if (enhanced) return enhanced[0];
  const qmail = text.match(/\(#([45]\.\d\.\d{1,3})\)/);
  if (qmail?.[1]) return qmail[1];
  const smtp = text.match(/\b([45])\d\d[ :-]/);
  if (smtp?.[1]) return `${smtp[1]}.0.0`;
  return null;
}

/** True when the sender is a mail system (MAILER-DAEMON, postmaster, Exchange's system mailbox). */
export function isDaemonSender(parsed: ParsedEmail): boolean {
  return DAEMON_SENDER.test(parsed.from?.address ?? '');
}

/**
 * Recognises a bounce or delay that is not a multipart/report, from the sender, subject, body wording and
 * `X-Failed-Recipients`. Returns the reason it matched, or null.
 *
 * @example
 * textBounce(parsed)?.info.action; // 'failed'
 */
export function textBounce(parsed: ParsedEmail): { info: BounceInfo; reason: string } | null {
  const text = parsed.text;
  const daemon = isDaemonSender(parsed);
  const failedHeader = parsed.headers.get('x-failed-recipients');
  const subjectBounce = BOUNCE_SUBJECT.some((re) => re.test(parsed.subject));
  const subjectDelay = DELAY_SUBJECT.test(parsed.subject);
  const bodyBounce = BOUNCE_BODY.some((re) => re.test(text));
  const bodyDelay = DELAY_BODY.some((re) => re.test(text));
  const exclude = new Set([parsed.from?.address.toLowerCase() ?? '', ...parsed.to.map((t) => t.address.toLowerCase())]);
  const recipient = addressOf(failedHeader?.split(',')[0]) ?? bodyAddress(text, exclude);

  // A delay needs the daemon or the subject to say so: "will be retried" alone appears in ordinary mail.
  if (subjectDelay || (daemon && bodyDelay && !/permanent error|permanent failure/i.test(text))) {
    return {
      info: { recipient, action: 'delayed', status: textStatus(text) },
      reason: subjectDelay ? `subject "${parsed.subject}" announces a delivery delay` : 'mail system says delivery is delayed and retried',
    };
  }
  if (failedHeader || subjectBounce || (daemon && bodyBounce)) {
    const reason = failedHeader
      ? 'X-Failed-Recipients header'
      : subjectBounce
        ? `subject "${parsed.subject}" is a non-delivery notice${daemon ? ' from a mail system sender' : ''}`
        : 'mail system sender and non-delivery wording in the body';
    // A subject match from an ordinary person's address is not enough: people forward bounces to support.
    if (!failedHeader && !daemon && !bodyBounce) return null;
    return { info: { recipient, action: 'failed', status: textStatus(text) }, reason };
  }
  return null;
}
