import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerEmailCommands } from './email';

const FIXTURES = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../email/test/fixtures');

async function inspect(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => { out.push(String(chunk)); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => { err.push(String(chunk)); return true; });
  const program = new Command('silta').exitOverride();
  registerEmailCommands(program);
  process.exitCode = undefined;
  await program.parseAsync(['node', 'silta', 'email', 'inspect', ...args]);
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  vi.restoreAllMocks();
  return { stdout: out.join(''), stderr: err.join(''), exitCode };
}

describe('silta email inspect', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints one JSON object per message and line with exactly the documented fields', async () => {
    const files = ['reply-outlook-fi.eml', 'bounce-dsn-base64-exchange.eml', 'attachment-rfc2231.eml'].map((f) => join(FIXTURES, f));
    const { stdout, exitCode } = await inspect([...files, '--json']);
    expect(exitCode).toBeUndefined();
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['attachments', 'bounce', 'file', 'from', 'in_reply_to', 'kind', 'mailing_list', 'message_id', 'references', 'reply_text', 'reply_to', 'subject', 'text'].sort());
    }
    expect(lines[0]).toMatchObject({
      file: files[0], kind: 'message', mailing_list: false, bounce: null, reply_to: null,
      from: { address: 'anssi.makela@example.fi', name: 'Anssi Makela' },
      message_id: 'HE1PR07MB4425.anssi.reply@eurprd07.prod.outlook.example', in_reply_to: 'silta.7f3a9c@yritys.example',
      references: ['CAFx9k2m=4471.anssi@mail.example.fi', 'silta.7f3a9c@yritys.example'],
      reply_text: 'Kiitos nopeasta vastauksesta! Eräpäivän siirto sopii hyvin.\n\nAnssi',
    });
    expect(lines[0]!.text).toContain('Lähettäjä: Yritys Oy laskutus');
    expect(lines[1]).toMatchObject({ kind: 'bounce', bounce: { recipient: 'kari.nieminen@old-corp.example', action: 'failed', status: '5.4.1' } });
    expect(lines[2]!.attachments).toEqual([
      { filename: 'kuitti käteinen.pdf', content_type: 'application/pdf', size: 82 },
      { filename: 'paita.png', content_type: 'image/png', size: 70 },
    ]);
  });

  it('keeps going past an unreadable file, says which, and exits 1 at the end', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'silta-inspect-'));
    const { stdout, stderr, exitCode } = await inspect([join(dir, 'missing.eml'), dir, join(FIXTURES, 'delay-rfc3464.eml'), '--json']);
    expect(stderr).toContain(`cannot read ${join(dir, 'missing.eml')}: no such file [EMAIL_UNREADABLE]`);
    expect(stderr).toContain(`cannot read ${dir}: is a directory`);
    expect(stderr).toContain('2 of 3 file(s) could not be inspected');
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'delivery_delay', bounce: { action: 'delayed', status: '4.4.1' } });
    expect(exitCode).toBe(1);
  });

  it('prints a readable summary with the reasons without --json', async () => {
    const { stdout } = await inspect([join(FIXTURES, 'ooo-exchange-en.eml')]);
    expect(stdout).toContain('kind:        auto_reply');
    expect(stdout).toMatch(/why: +X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent;.*X-Auto-Response-Suppress: All/);
    expect(stdout).toContain('I am out of the office until 23 November');
  });
});
