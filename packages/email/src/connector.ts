import { defineConnector } from '@silta/kit';
import { createEmailClient } from './client';
import { EmailConfigSchema } from './config';
import { fileStream } from './intake/file-stream';
import { imapStream } from './imap/stream';
import { sendEmail } from './smtp/send';

/**
 * The email connector: `imap` and `files` (.eml folder or mbox) streams, and the `sendEmail` action.
 *
 * @example
 * const client = emailConnector.createClient(EmailConfigSchema.parse(raw), { logger });
 */
export const emailConnector = defineConnector({
  system: 'email',
  config: EmailConfigSchema,
  createClient: function createClient(config, options) {
    return createEmailClient(config, { logger: options.logger });
  },
  streams: { imap: imapStream, files: fileStream },
  actions: { sendEmail },
  webhooks: {},
});
