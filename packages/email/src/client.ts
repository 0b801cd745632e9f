import { ImapFlow } from 'imapflow';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from '@silta/kit';
import type { EmailConfig } from './config';
import { EmailError } from './errors';
import { createThreadIndex, type ThreadIndex, type ThreadLookup } from './thread';

/** What the email streams and actions use: IMAP connections, the SMTP transport and thread lookups. */
export interface EmailClient {
  /** A new, not yet connected IMAP connection. */
  openImap(): ImapFlow;
  /** The SMTP transport (created once). */
  smtp(): Transporter;
  /** Thread lookups; an in-memory index unless the engine supplies a store-backed one. */
  threads: ThreadLookup | ThreadIndex;
}

/**
 * Creates the email client for a config. Passwords stay inside the transports; errors name host, port and
 * user only.
 *
 * @example
 * const client = createEmailClient(EmailConfigSchema.parse(raw), { logger });
 */
export function createEmailClient(config: EmailConfig, options: { logger?: Logger; threads?: ThreadLookup | ThreadIndex } = {}): EmailClient {
  let transport: Transporter | undefined;
  return {
    threads: options.threads ?? createThreadIndex(),
    openImap: function openImap() {
      const imap = config.imap;
      if (!imap) throw new EmailError('EMAIL_INPUT_INVALID', 'imap: the connection has no IMAP settings');
      return new ImapFlow({
        host: imap.host,
        port: imap.port,
        secure: imap.secure,
        auth: { user: imap.user, pass: imap.password },
        logger: false,
        // Loopback test servers have no TLS; real servers get implicit TLS or must offer STARTTLS.
        doSTARTTLS: imap.secure ? undefined : imap.host === '127.0.0.1' || imap.host === 'localhost' ? false : true,
      });
    },
    smtp: function smtp() {
      const cfg = config.smtp;
      if (!cfg) throw new EmailError('EMAIL_INPUT_INVALID', 'smtp: the connection has no SMTP settings');
      transport ??= nodemailer.createTransport({
        host: cfg.host,
        port: cfg.port,
        secure: cfg.secure,
        ...(cfg.user && cfg.password ? { auth: { user: cfg.user, pass: cfg.password } } : {}),
        ignoreTLS: cfg.host === '127.0.0.1' || cfg.host === 'localhost',
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 60_000,
      });
      return transport;
    },
  };
}
