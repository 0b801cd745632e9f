/**
 * The email channel without any account: a customer's mail and an out-of-office reply arrive at an
 * in-process SMTP server on loopback, Silta inspects them (the same JSON lines as
 * `silta email inspect --json`), maps them to canonical records, and sends a threaded answer through
 * the `sendEmail` action. With file arguments it inspects those .eml files instead.
 *
 *   node --conditions=@silta/source --import tsx examples/email-inspect.ts
 *   node --conditions=@silta/source --import tsx examples/email-inspect.ts packages/email/test/fixtures/*.eml
 */
import { readFile } from 'node:fs/promises';
import { silentLogger } from '@silta/kit';
import { formatSourceRef } from '@silta/model';
import {
  EmailConfigSchema, createEmailClient, createThreadIndex, inspectMessage, intakeMessage, mayOpenCase, replyHeaders, sendEmail,
} from '@silta/email';
import { startSmtpServer } from '@silta/email/testing';

const files = process.argv.slice(2);
if (files.length > 0) {
  for (const file of files) {
    const { record } = await inspectMessage(await readFile(file), file);
    console.log(JSON.stringify(record));
  }
  process.exit(0);
}

const smtp = await startSmtpServer();
try {
  // 1. Mail arrives: Anssi writes from his phone, and a colleague's Exchange answers out of office.
  await smtp.deliver([
    'From: =?UTF-8?Q?Anssi_M=C3=A4kel=C3=A4?= <Anssi.Makela@Example.fi>',
    'To: tuki@yritys.example',
    'Subject: Kysymys laskusta 4471',
    'Message-ID: <anssi-4471@example.fi>',
    'Date: Mon, 16 Nov 2026 09:12:44 +0200',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hei,', '', 'voisitteko siirtää laskun 4471 eräpäivää?', '', 'Terveisin', 'Anssi', '040 123 4567', '',
  ].join('\r\n'));
  await smtp.deliver([
    'From: Kari Nieminen <kari.nieminen@corp.example>',
    'To: tuki@yritys.example',
    'Subject: Automaattinen vastaus: Tarjous',
    'Message-ID: <ooo-1@corp.example>',
    'X-Auto-Response-Suppress: All',
    '',
    'Olen lomalla 30.11. asti.', '',
  ].join('\r\n'));
  const arrived = await smtp.waitFor(2);

  // 2. Inspect and take them in: only the customer's message opens a case; the OOO reply never does.
  const threads = createThreadIndex();
  for (const [i, mail] of arrived.entries()) {
    const { record } = await inspectMessage(mail.source, `smtp-message-${i + 1}`);
    console.log(JSON.stringify(record));
    const result = await intakeMessage(mail.source, { connection: 'yritys-oy', threads, ownAddresses: ['tuki@yritys.example'] });
    const { party, case: opened, interaction } = result.records;
    console.log(`  -> ${result.classification.kind}, may open a case: ${mayOpenCase(result.classification)}, thread ${result.thread.rule}`);
    console.log(`     interaction ${formatSourceRef(interaction.ref)}${opened ? `, opened case ${formatSourceRef(opened.ref)}` : ''}`);
    if (party) console.log(`     party identifiers: ${party.identifiers.map((id) => `${id.kind}=${id.value} (raw "${id.raw}")`).join(', ')}`);
  }

  // 3. Answer the customer through the action: a deterministic Message-ID and threading headers.
  const config = EmailConfigSchema.parse({ smtp: { host: smtp.host, port: smtp.port, from: 'Yritys Oy <tuki@yritys.example>' } });
  const first = await intakeMessage(arrived[0]!.source, { connection: 'yritys-oy', threads: createThreadIndex() });
  const sent = await sendEmail.run(
    { config, client: createEmailClient(config), connection: 'yritys-oy', logger: silentLogger, idempotencyKey: 'example:answer:4471' },
    { to: first.parsed.from!.address, text: 'Hei Anssi, siirsimme eräpäivän.', ...replyHeaders(first.parsed) },
  );
  console.log(`sent ${sent.messageId} in reply to ${sent.inReplyTo} (references: ${sent.references.join(' ')})`);
} finally {
  await smtp.close();
}
