import { z } from 'zod';

/**
 * IMAP intake: server, login (an app password for Gmail/Microsoft 365), folders and IDLE.
 *
 * @example
 * ImapConfigSchema.parse({ host: 'imap.gmail.com', user: 'tuki@yritys.fi', password: appPassword, folders: ['INBOX'] });
 */
export const ImapConfigSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(993),
  /** Implicit TLS (port 993). `false` only for loopback test servers. */
  secure: z.boolean().default(true),
  user: z.string().min(1),
  password: z.string().min(1),
  /** Folders to read, e.g. `['INBOX', 'Tuki']`. */
  folders: z.array(z.string().min(1)).min(1).default(['INBOX']),
  /** After catching up, wait for new mail with IDLE (first folder) and re-check every `pollSeconds`. */
  idle: z.boolean().default(false),
  pollSeconds: z.number().int().positive().default(60),
  batchSize: z.number().int().min(1).max(1000).default(50),
});
export type ImapConfig = z.infer<typeof ImapConfigSchema>;

/**
 * SMTP sending: server, login and the support mailbox's From address.
 *
 * @example
 * SmtpConfigSchema.parse({ host: 'smtp.gmail.com', port: 587, user: 'tuki@yritys.fi', password: appPassword, from: 'Tuki <tuki@yritys.fi>' });
 */
export const SmtpConfigSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(587),
  /** Implicit TLS (port 465); with `false` STARTTLS is used when the server offers it. */
  secure: z.boolean().default(false),
  user: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
  from: z.string().min(3),
});
export type SmtpConfig = z.infer<typeof SmtpConfigSchema>;

/**
 * Intake from files: a folder of .eml files or an mbox export.
 *
 * @example
 * FilesConfigSchema.parse({ path: './export.mbox', format: 'mbox' });
 */
export const FilesConfigSchema = z.object({
  path: z.string().min(1),
  format: z.enum(['eml-folder', 'mbox']),
});

/**
 * The email connection's configuration.
 *
 * @example
 * EmailConfigSchema.parse({
 *   imap: { host: 'outlook.office365.com', user: 'tuki@yritys.fi', password: process.env.IMAP_APP_PASSWORD, folders: ['INBOX'] },
 *   smtp: { host: 'smtp.office365.com', user: 'tuki@yritys.fi', password: process.env.SMTP_APP_PASSWORD, from: 'Yritys Oy <tuki@yritys.fi>' },
 *   ownAddresses: ['tuki@yritys.fi'],
 * });
 */
export const EmailConfigSchema = z.object({
  imap: ImapConfigSchema.optional(),
  smtp: SmtpConfigSchema.optional(),
  files: FilesConfigSchema.optional(),
  /** The mailbox's own addresses: mail from them is outbound and never opens a case. */
  ownAddresses: z.array(z.string()).default([]),
  /** The domain of generated Message-IDs; defaults to the SMTP From address's domain. */
  messageIdDomain: z.string().regex(/^[A-Za-z0-9.-]+$/, 'must be a domain name like "yritys.fi"').optional(),
  /** Days the subject-and-sender threading fallback looks back. */
  fallbackDays: z.number().int().positive().default(7),
});
export type EmailConfig = z.infer<typeof EmailConfigSchema>;
