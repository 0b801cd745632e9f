import { classifyMessage, type EmailKind } from './classify';
import { parseMessage, type EmailAddressRef } from './parse';
import { extractReplyText } from './reply';

/**
 * One line of `silta email inspect --json`: exactly the fields integrators check to see why a message was
 * or was not turned into a case. Field names are snake_case and stable.
 */
export interface InspectRecord {
  file: string;
  kind: EmailKind;
  mailing_list: boolean;
  from: EmailAddressRef | null;
  reply_to: EmailAddressRef | null;
  subject: string;
  message_id: string | null;
  in_reply_to: string | null;
  references: string[];
  text: string;
  reply_text: string;
  attachments: Array<{ filename: string; content_type: string; size: number }>;
  bounce: { recipient: string | null; action: string; status: string | null } | null;
}

/**
 * Parses and classifies one raw message into its inspect record, with the classification's reasons
 * (which the readable summary prints and the JSON line leaves out).
 *
 * @example
 * const { record } = await inspectMessage(await readFile(f), f);
 * console.log(JSON.stringify(record));
 */
export async function inspectMessage(source: Buffer, file: string): Promise<{ record: InspectRecord; reasons: string[] }> {
  const parsed = await parseMessage(source);
  const classification = classifyMessage(parsed);
  const record: InspectRecord = {
    file,
    kind: classification.kind,
    mailing_list: classification.mailingList,
    from: parsed.from,
    reply_to: parsed.replyTo,
    subject: parsed.subject,
    message_id: parsed.messageId,
    in_reply_to: parsed.inReplyTo,
    references: parsed.references,
    text: parsed.text,
    reply_text: extractReplyText(parsed.text),
    attachments: parsed.attachments.map((a) => ({ filename: a.filename, content_type: a.contentType, size: a.size })),
    bounce: classification.bounce && (classification.kind === 'bounce' || classification.kind === 'delivery_delay')
      ? { recipient: classification.bounce.recipient, action: classification.bounce.action, status: classification.bounce.status }
      : null,
  };
  return { record, reasons: classification.reasons };
}

/**
 * A readable summary of an inspect record, for the terminal.
 *
 * @example
 * process.stdout.write(formatInspectSummary(record));
 */
export function formatInspectSummary(record: InspectRecord, reasons: string[] = []): string {
  const who = (a: EmailAddressRef | null) => (a ? (a.name ? `${a.name} <${a.address}>` : a.address) : '(none)');
  const lines = [
    `${record.file}`,
    `  kind:        ${record.kind}${record.mailing_list ? ' (mailing list / bulk)' : ''}`,
    ...(reasons.length > 0 ? [`  why:         ${reasons.join('; ')}`] : []),
    `  from:        ${who(record.from)}`,
    ...(record.reply_to ? [`  reply-to:    ${who(record.reply_to)}`] : []),
    `  subject:     ${record.subject}`,
    `  message-id:  ${record.message_id ?? '(none)'}`,
    ...(record.in_reply_to ? [`  in-reply-to: ${record.in_reply_to}`] : []),
    ...(record.references.length > 0 ? [`  references:  ${record.references.join(' ')}`] : []),
    ...(record.bounce ? [`  bounce:      ${record.bounce.action} ${record.bounce.recipient ?? '(recipient unknown)'} ${record.bounce.status ?? ''}`.trimEnd()] : []),
    ...record.attachments.map((a) => `  attachment:  ${a.filename || '(unnamed)'} ${a.content_type} ${a.size} bytes`),
    `  reply text:`,
    ...(record.reply_text ? record.reply_text.split('\n').map((l) => `    ${l}`) : ['    (empty)']),
  ];
  return `${lines.join('\n')}\n`;
}
