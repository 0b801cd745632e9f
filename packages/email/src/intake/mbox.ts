/**
 * mbox splitting. Messages start at a `From ` line at the top of the file or after an empty line (the
 * "From_" separator, with a sender and a date). Body lines matching `>+From ` are un-quoted by one `>`
 * (mboxrd; in mboxo files this also restores the lines mboxo quoted). Bytes are kept as they are, so 8-bit
 * messages survive.
 */
import { createReadStream } from 'node:fs';
import { EmailError } from '../errors';

/** One message cut from an mbox: its bytes, its index, and the byte offset of its `From ` line. */
export interface MboxMessage {
  source: Buffer;
  index: number;
  offset: number;
}

const NEWLINE = Buffer.from('\n');
const FROM_LINE = /^From \S+ +\S.*\d{1,2}:\d{2}/;

function isSeparator(line: Buffer): boolean {
  if (line.length < 5 || line[0] !== 0x46 || line.subarray(0, 5).toString('latin1') !== 'From ') return false;
  return FROM_LINE.test(line.toString('latin1'));
}

function unquote(line: Buffer): Buffer {
  // >From, >>From … lose one '>'.
  let i = 0;
  while (i < line.length && line[i] === 0x3e) i++;
  if (i > 0 && line.subarray(i, i + 5).toString('latin1') === 'From ') return line.subarray(1);
  return line;
}

/**
 * Splits an mbox from a stream of chunks, yielding each message as soon as the next separator is read.
 *
 * @example
 * for await (const m of splitMbox(createReadStream('export.mbox'))) await take(m.source);
 */
export async function* splitMbox(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<MboxMessage> {
  let pending = Buffer.alloc(0);
  let offset = 0;
  let current: Buffer[] | undefined;
  let currentOffset = 0;
  let index = 0;
  let previousBlank = true;

  function* take(line: Buffer, lineOffset: number): Generator<MboxMessage> {
    const bare = line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, -1) : line;
    if (previousBlank && isSeparator(bare)) {
      if (current) yield finish(current, index++, currentOffset);
      current = [];
      currentOffset = lineOffset;
      previousBlank = false;
      return;
    }
    if (!current) {
      if (bare.length === 0) return;
      throw new EmailError('EMAIL_MBOX_INVALID', `mbox: expected a "From " separator line at byte ${lineOffset}, found "${bare.subarray(0, 40).toString('latin1')}"`);
    }
    current.push(unquote(line));
    previousBlank = bare.length === 0;
  }

  for await (const chunk of chunks) {
    pending = Buffer.concat([pending, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk]);
    let start = 0;
    for (let nl = pending.indexOf(0x0a, start); nl >= 0; nl = pending.indexOf(0x0a, start)) {
      yield* take(pending.subarray(start, nl), offset + start);
      start = nl + 1;
    }
    offset += start;
    pending = pending.subarray(start);
  }
  if (pending.length > 0) yield* take(pending, offset);
  if (current) yield finish(current, index, currentOffset);
}

function finish(lines: Buffer[], index: number, offset: number): MboxMessage {
  // The empty line before the next separator belongs to the mbox format, not to the message.
  let end = lines.length;
  while (end > 0 && lines[end - 1]!.toString('latin1').trim() === '') end--;
  const parts: Buffer[] = [];
  for (let i = 0; i < end; i++) parts.push(lines[i]!, NEWLINE);
  const source = Buffer.concat(parts);
  return { source, index, offset };
}

/**
 * Reads an mbox file message by message without loading it whole.
 *
 * @example
 * for await (const m of readMbox('export.mbox')) console.log(m.index, m.source.length);
 */
export async function* readMbox(path: string): AsyncGenerator<MboxMessage> {
  let stream: AsyncIterable<Buffer>;
  try {
    stream = createReadStream(path, { highWaterMark: 256 * 1024 });
    yield* splitMbox(stream);
  } catch (error) {
    if (error instanceof EmailError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new EmailError('EMAIL_UNREADABLE', `cannot read mbox ${path}: ${code}`, { cause: error });
  }
}

/**
 * Writes messages as an mboxrd file body (for exports and tests): a `From ` separator each, body
 * `>*From ` lines quoted with one more `>`.
 *
 * @example
 * await writeFile('out.mbox', toMbox([{ source, sender: 'a@b.fi', date: new Date() }]));
 */
export function toMbox(messages: Array<{ source: Buffer; sender?: string; date?: Date }>): Buffer {
  const parts: Buffer[] = [];
  for (const m of messages) {
    parts.push(Buffer.from(`From ${m.sender ?? 'MAILER-DAEMON'} ${(m.date ?? new Date(0)).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, '$1 $3 $2 $5 $4')}\n`));
    const text = m.source.toString('latin1').replace(/\r\n/g, '\n').replace(/\n$/, '');
    parts.push(Buffer.from(text.split('\n').map((l) => (/^>*From /.test(l) ? `>${l}` : l)).join('\n'), 'latin1'));
    parts.push(Buffer.from('\n\n'));
  }
  return Buffer.concat(parts);
}
