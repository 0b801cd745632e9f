import { dsnFromReport, isDaemonSender, textBounce, type BounceInfo } from './bounce';
import type { ParsedEmail } from './parse';

/** What a message is, for loop protection: only `message` may open a case or get an automatic answer. */
export type EmailKind = 'message' | 'auto_reply' | 'bounce' | 'delivery_delay' | 'report';

/** The verdict with the reasons behind it, so integrators can see why a message was or was not a case. */
export interface EmailClassification {
  kind: EmailKind;
  /** Mailing-list or bulk mail (List-Id, List-Unsubscribe, Precedence: bulk/list/junk). */
  mailingList: boolean;
  reasons: string[];
  /** For `bounce` and `delivery_delay`. */
  bounce?: BounceInfo;
}

// Subjects of out-of-office replies, after any "Re:"/"VS:" prefixes: a known phrase that ends the subject or
// is followed by a colon or dash ("Automatic reply: …", "Out of Office AutoReply: …"), and Lotus Notes'
// "… is out of the office". Single words a customer might start a subject with ("Lomalla…") count only
// with a colon after them.
const REPLY_PREFIX = '^(?:(?:re|vs|sv|aw|vast|fw|fwd)\\s*:\\s*)*';
const AUTO_SUBJECT_PHRASE = new RegExp(
  REPLY_PREFIX + '(?:' + [
    'automatic reply', 'auto(?:matic)?[- ]?(?:reply|response)', 'out of (?:the )?office', 'away from (?:the )?office',
    'vacation reply', 'holiday reply', 'automaattinen vastaus', 'automaattivastaus', 'poissaoloilmoitus', 'lomavastaus',
    'autosvar', 'automatiskt svar', 'frånvaromeddelande', 'abwesenheitsnotiz', 'automatische antwort', 'réponse automatique',
  ].join('|') + ')(?:\\s*(?:auto-?reply|reply|alert|notice|notification))?\\s*(?:[:\\-–(]|$)|\\bis out of (?:the )?office\\.?$',
  'i',
);
const AUTO_SUBJECT_WORD = new RegExp(REPLY_PREFIX + '(?:ooo|oof|vacation|on vacation|poissa|poissaolo|lomalla|frånvaro|semester|absence|abwesend)\\s*:', 'i');
const ACK_SUBJECT = /(olemme vastaanottaneet viestisi|vastaanottokuittaus|viestisi on vastaanotettu|we (?:have )?received your (?:message|request|e-?mail|enquiry|inquiry)|your (?:request|message|ticket) has been (?:received|created)|request received:|ticket (?:created|received)|vi har tagit emot ditt meddelande|ditt ärende har registrerats)/i;
const MDN_SUBJECT = /^(read|luettu|läst|gelesen|lu|not read|ei luettu|deleted|poistettu)\s*:/i;

function header(parsed: ParsedEmail, name: string): string | undefined {
  const value = parsed.headers.get(name);
  return value === undefined ? undefined : value.trim();
}

function mailingListReasons(parsed: ParsedEmail, automated: boolean): string[] {
  const reasons: string[] = [];
  for (const name of ['list-id', 'list-unsubscribe', 'list-post', 'list-help', 'list-subscribe', 'list-archive', 'list-owner', 'mailing-list', 'x-mailing-list']) {
    if (header(parsed, name) !== undefined) reasons.push(`${titleCase(name)} header`);
  }
  const precedence = (header(parsed, 'precedence') ?? header(parsed, 'x-precedence'))?.toLowerCase();
  // Autoresponders (Gmail's vacation reply among them) also send "Precedence: bulk"; that alone does not
  // make an auto-reply or a bounce list mail.
  if (precedence === 'list' || ((precedence === 'bulk' || precedence === 'junk') && !automated)) reasons.push(`Precedence: ${precedence}`);
  if (header(parsed, 'feedback-id') !== undefined && !automated) reasons.push('Feedback-ID header (bulk sender)');
  return reasons;
}

function titleCase(name: string): string {
  return name.replace(/(^|-)\w/g, (c) => c.toUpperCase());
}

function reportKind(parsed: ParsedEmail): { kind: EmailKind; reason: string; bounce?: BounceInfo } | null {
  const { type, params } = parsed.contentType;
  const reportType = params['report-type']?.toLowerCase();
  const partTypes = new Set(parsed.reportParts.map((p) => p.contentType));
  const hasDsn = partTypes.has('message/delivery-status') || partTypes.has('message/global-delivery-status');
  if ((type === 'multipart/report' && reportType?.includes('delivery-status')) || hasDsn) {
    // A report whose status part is missing or unreadable: the notification text may still name the recipient.
    const dsn = dsnFromReport(parsed) ?? textBounce(parsed)?.info ?? null;
    const action = dsn?.action ?? 'failed';
    const base = `multipart/report delivery-status, Action: ${action}`;
    if (action === 'delayed') return { kind: 'delivery_delay', reason: base, bounce: dsn ?? { recipient: null, action, status: null } };
    if (action === 'failed') return { kind: 'bounce', reason: base, bounce: dsn ?? { recipient: null, action, status: null } };
    // delivered / relayed / expanded: a success notice, not a bounce.
    return { kind: 'report', reason: `${base} (a delivery success notice)` };
  }
  if (reportType?.includes('disposition-notification') || partTypes.has('message/disposition-notification') || partTypes.has('message/global-disposition-notification')) {
    return { kind: 'report', reason: 'disposition-notification (read receipt)' };
  }
  if (reportType?.includes('feedback-report') || partTypes.has('message/feedback-report')) {
    return { kind: 'report', reason: 'feedback-report (ARF abuse report)' };
  }
  return null;
}

// Strong signals make an auto-reply on their own; weak ones (headers newsletters and ticket systems also
// set) only on mail that is not list mail.
function autoReplyReasons(parsed: ParsedEmail): { strong: string[]; weak: string[] } {
  const strong: string[] = [];
  const weak: string[] = [];
  const autoSubmitted = header(parsed, 'auto-submitted')?.toLowerCase();
  if (autoSubmitted && !autoSubmitted.startsWith('no')) strong.push(`Auto-Submitted: ${autoSubmitted}`);
  for (const name of ['precedence', 'x-precedence', 'preference']) {
    const value = header(parsed, name)?.toLowerCase();
    if (value === 'auto_reply' || value === 'auto-reply') strong.push(`${titleCase(name)}: ${value}`);
  }
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-autogenerated', 'x-auto-reply', 'x-autoreply-from', 'x-mail-autoreply']) {
    const value = header(parsed, name);
    if (value !== undefined && !/^(no|false|0)$/i.test(value)) strong.push(`${titleCase(name)}: ${value || '(empty)'}`);
  }
  if (/^true$/i.test(header(parsed, 'x-fc-machinegenerated') ?? '')) strong.push('X-FC-MachineGenerated: true');
  if (/autoresponder/i.test(header(parsed, 'x-post-messageclass') ?? '') || /^autoresponder$/i.test(header(parsed, 'delivered-to') ?? '')) strong.push('autoresponder marker header');
  // iCloud's vacation replies carry no standard header and keep the original subject.
  const apple = header(parsed, 'x-apple-action') ?? header(parsed, 'x-apple-criteria');
  if (apple !== undefined && /vacation/i.test(apple)) strong.push(`X-Apple-Action: ${apple}`);
  else if (/-vac@icloud\./i.test(parsed.messageId ?? '')) strong.push('iCloud vacation Message-ID');
  const generated = header(parsed, 'x-ms-exchange-generated-message-source');
  if (generated !== undefined) strong.push(`X-MS-Exchange-Generated-Message-Source: ${generated}`);
  if (header(parsed, 'x-ms-exchange-inbox-rules-loop') !== undefined) strong.push('X-MS-Exchange-Inbox-Rules-Loop header');
  if (AUTO_SUBJECT_PHRASE.test(parsed.subject) || AUTO_SUBJECT_WORD.test(parsed.subject)) strong.push(`subject "${parsed.subject}" is an automatic reply`);
  if (ACK_SUBJECT.test(parsed.subject)) strong.push(`subject "${parsed.subject}" is an automatic acknowledgement`);
  const suppress = header(parsed, 'x-auto-response-suppress');
  // Exchange sets this on the auto-replies and rule-generated mail it sends so they are not answered again.
  if (suppress !== undefined && /\b(all|oof|autoreply|dr)\b/i.test(suppress)) weak.push(`X-Auto-Response-Suppress: ${suppress}`);
  const returnPath = header(parsed, 'return-path');
  if (returnPath === '<>' || /^<?mailer-daemon>?$/i.test(returnPath ?? '')) weak.push(`null Return-Path ${returnPath}`);
  return { strong, weak };
}

/**
 * Decides what a message is. Order: delivery-status reports (bounce, delay), other reports (read
 * receipts, abuse reports), plain-text bounces and delays, auto-replies (headers first, then Exchange,
 * iCloud and localised out-of-office subjects), else an ordinary message. `mailingList` is judged apart.
 *
 * @example
 * const c = classifyMessage(await parseMessage(source));
 * if (c.kind === 'bounce') markUndeliverable(c.bounce?.recipient);
 */
export function classifyMessage(parsed: ParsedEmail): EmailClassification {
  const report = reportKind(parsed);
  if (report) {
    const listReasons = mailingListReasons(parsed, true);
    return { kind: report.kind, mailingList: listReasons.length > 0, reasons: [report.reason, ...listReasons], ...(report.bounce ? { bounce: report.bounce } : {}) };
  }
  if (MDN_SUBJECT.test(parsed.subject) && /disposition-notification|was (read|displayed)|luettiin|lästes/i.test(parsed.text)) {
    const listReasons = mailingListReasons(parsed, true);
    return { kind: 'report', mailingList: listReasons.length > 0, reasons: [`subject "${parsed.subject}" is a read receipt`, ...listReasons] };
  }
  const bounce = textBounce(parsed);
  if (bounce) {
    const listReasons = mailingListReasons(parsed, true);
    return {
      kind: bounce.info.action === 'delayed' ? 'delivery_delay' : 'bounce',
      mailingList: listReasons.length > 0,
      reasons: [bounce.reason, ...listReasons],
      bounce: bounce.info,
    };
  }
  const auto = autoReplyReasons(parsed);
  const daemon = isDaemonSender(parsed) ? ['sent by a mail system address'] : [];
  const strong = [...auto.strong, ...daemon];
  if (strong.length > 0) {
    const listReasons = mailingListReasons(parsed, true);
    return { kind: 'auto_reply', mailingList: listReasons.length > 0, reasons: [...strong, ...auto.weak, ...listReasons] };
  }
  const listReasons = mailingListReasons(parsed, false);
  if (auto.weak.length > 0 && listReasons.length === 0) return { kind: 'auto_reply', mailingList: false, reasons: auto.weak };
  return {
    kind: 'message',
    mailingList: listReasons.length > 0,
    reasons: listReasons.length > 0 ? [...listReasons, ...auto.weak] : ['no automation signal found'],
  };
}

/**
 * Loop protection: true only for an ordinary, non-bulk message. Auto-replies, bounces, delays, reports
 * and mailing-list mail never trigger an automatic answer.
 *
 * @example
 * if (shouldAutoAnswer(classifyMessage(parsed))) await sendAcknowledgement(parsed);
 */
export function shouldAutoAnswer(classification: EmailClassification): boolean {
  return classification.kind === 'message' && !classification.mailingList;
}

/**
 * True when the message may open a new case: the same rule as {@link shouldAutoAnswer}. Automated mail
 * may still be filed on an existing case found through its threading headers.
 *
 * @example
 * if (mayOpenCase(classification) && thread.rule === 'new') openCase(parsed);
 */
export function mayOpenCase(classification: EmailClassification): boolean {
  return classification.kind === 'message' && !classification.mailingList;
}
