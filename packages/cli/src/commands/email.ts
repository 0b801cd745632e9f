import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatInspectSummary, inspectMessage } from '@silta/email';

/**
 * `silta email inspect <file.eml>... [--json]`: how Silta reads each message (kind, mailing-list flag,
 * addresses, threading headers, reply text, attachments, bounce). One JSON object per line with --json.
 * An unreadable or unparsable file is reported on stderr; the others are still inspected and the exit
 * code is 1 at the end.
 *
 * @example
 * registerEmailCommands(program); // silta email inspect mail/*.eml --json
 */
export function registerEmailCommands(program: Command): void {
  const email = program.command('email').description('Email channel tools');
  email
    .command('inspect')
    .description('Show how Silta classifies and threads .eml files (one JSON object per line with --json)')
    .argument('<files...>', '.eml files to inspect')
    .option('--json', 'print one JSON object per message and line')
    .action(async function inspectAction(files: string[], options: { json?: boolean }) {
      let failed = 0;
      for (const file of files) {
        let source: Buffer;
        try {
          source = await readFile(file);
        } catch (error) {
          failed++;
          const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
          process.stderr.write(`silta: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code} [EMAIL_UNREADABLE]\n`);
          continue;
        }
        try {
          const { record, reasons } = await inspectMessage(source, file);
          process.stdout.write(options.json ? `${JSON.stringify(record)}\n` : formatInspectSummary(record, reasons));
        } catch (error) {
          failed++;
          process.stderr.write(`silta: cannot parse ${file}: ${(error as Error).message} [EMAIL_PARSE_FAILED]\n`);
        }
      }
      if (failed > 0) {
        process.stderr.write(`silta: ${failed} of ${files.length} file(s) could not be inspected\n`);
        process.exitCode = 1;
      }
    });
}
