import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmailError } from '../errors';

/** One .eml file: its path relative to the folder and its bytes. */
export interface EmlFile {
  name: string;
  source: Buffer;
}

/**
 * Reads the `.eml` files of a folder in name order (sub-folders too when `recursive`), one at a time.
 * `after` skips names up to and including it, for resuming.
 *
 * @example
 * for await (const f of readEmlFolder('./mail')) await take(f.source);
 */
export async function* readEmlFolder(dir: string, options: { recursive?: boolean; after?: string } = {}): AsyncGenerator<EmlFile> {
  let names: string[];
  try {
    const entries = await readdir(dir, { recursive: options.recursive ?? false, withFileTypes: true });
    names = entries
      .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.eml'))
      .map((e) => join(e.parentPath ?? dir, e.name).slice(dir.replace(/\/$/, '').length + 1))
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new EmailError('EMAIL_UNREADABLE', `cannot read folder ${dir}: ${code === 'ENOENT' ? 'no such folder' : code}`, { cause: error });
  }
  for (const name of names) {
    if (options.after !== undefined && name <= options.after) continue;
    yield { name, source: await readFile(join(dir, name)) };
  }
}
