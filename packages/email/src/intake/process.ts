import type { CanonicalRecord } from '@silta/model';
import { classifyMessage, type EmailClassification } from '../classify';
import { toRecords, type EmailRecords } from '../mappers/to-records';
import { parseMessage, type ParsedEmail } from '../parse';
import { resolveThread, type ThreadIndex, type ThreadLookup, type ThreadResolution } from '../thread';

/** What intake needs besides the message: where records are filed and how threads are looked up. */
export interface IntakeOptions {
  connection: string;
  /** Looks up earlier threads; a {@link ThreadIndex} is also told about each message it sees. */
  threads: ThreadLookup | ThreadIndex;
  ownAddresses?: string[];
  fallbackDays?: number;
  now?: Date;
}

/** One message taken in: the parse, the verdict, the thread and the canonical records. */
export interface IntakeResult {
  parsed: ParsedEmail;
  classification: EmailClassification;
  thread: ThreadResolution;
  records: EmailRecords;
}

/**
 * Parses, classifies, threads and maps one raw message.
 *
 * @example
 * const { records } = await intakeMessage(source, { connection: 'yritys-oy', threads: createThreadIndex() });
 */
export async function intakeMessage(source: Buffer, options: IntakeOptions): Promise<IntakeResult> {
  const parsed = await parseMessage(source);
  const classification = classifyMessage(parsed);
  const thread = await resolveThread(parsed, options.threads, {
    ...(options.fallbackDays !== undefined ? { fallbackDays: options.fallbackDays } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  if ('remember' in options.threads) options.threads.remember(parsed, thread.threadKey);
  const records = toRecords(parsed, classification, thread, {
    connection: options.connection,
    ...(options.ownAddresses ? { ownAddresses: options.ownAddresses } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return { parsed, classification, thread, records };
}

/**
 * The records of an intake result as one flat list: party, case (when opened), interaction.
 *
 * @example
 * batch.records.push(...recordsOf(await intakeMessage(source, options)));
 */
export function recordsOf(result: IntakeResult): CanonicalRecord[] {
  const { party, case: opened, interaction } = result.records;
  return [...(party ? [party] : []), ...(opened ? [opened] : []), interaction];
}
