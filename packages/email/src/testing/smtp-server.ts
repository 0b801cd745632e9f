import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** A message the test server accepted: envelope and raw bytes. */
export interface ReceivedMail {
  from: string | null;
  to: string[];
  source: Buffer;
  /** The AUTH user, when the client logged in. */
  user: string | undefined;
}

/** A running in-process SMTP server on loopback. */
export interface TestSmtpServer {
  host: string;
  port: number;
  /** Every message accepted so far, in order. */
  messages: ReceivedMail[];
  /** Resolves when at least `count` messages have arrived (rejects after `timeoutMs`, default 5000). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Submits a raw RFC 5322 message to this server over SMTP, as an outside sender would. */
  deliver(raw: Buffer | string, envelope?: { from: string; to: string[] }): Promise<void>;
  close(): Promise<void>;
}

/** Options for {@link startSmtpServer}. */
export interface TestSmtpServerOptions {
  /** When set, AUTH PLAIN/LOGIN is required and must match. */
  auth?: { user: string; pass: string };
  /** Rejects RCPT TO for these addresses with 550 5.1.1, to test failures. */
  rejectRecipients?: string[];
}

/**
 * Starts an SMTP server in this process on 127.0.0.1 and a free port, without TLS, recording what it
 * receives. Needs the `smtp-server` package (a dev dependency).
 *
 * @example
 * const smtp = await startSmtpServer();
 * await transport.sendMail({ ... });           // host smtp.host, port smtp.port, secure false
 * const [mail] = await smtp.waitFor(1);
 * await smtp.close();
 */
export async function startSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const rejected = new Set((options.rejectRecipients ?? []).map((a) => a.toLowerCase()));
  const serverOptions: SMTPServerOptions = {
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth: function onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onRcptTo: function onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase())) {
        const error = new Error(`5.1.1 <${address.address}>: Recipient address rejected`) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData: function onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          source: Buffer.concat(chunks),
          user: typeof session.user === 'string' ? session.user : undefined,
        });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    messages,
    waitFor: function waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`SMTP test server: ${messages.length} of ${count} messages after ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (messages.length >= count) {
            clearTimeout(timer);
            resolve(messages.slice(0, count));
          } else waiters.push(check);
        };
        check();
      });
    },
    deliver: async function deliver(raw, envelope) {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1', port, secure: false, ignoreTLS: true,
        ...(options.auth ? { auth: { user: options.auth.user, pass: options.auth.pass } } : {}),
      });
      try {
        await transport.sendMail({ raw, envelope: envelope ?? { from: 'sender@example.invalid', to: ['tuki@yritys.example'] } });
      } finally {
        transport.close();
      }
    },
    close: function close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
