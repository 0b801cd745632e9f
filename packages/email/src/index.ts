export { EmailError, type EmailErrorCode } from './errors';
export { repairC1, normaliseRawHeaders } from './charset';
export { parseMessage, splitMessageIds, type ParsedEmail, type EmailAddressRef, type AttachmentMeta } from './parse';
export { classifyMessage, shouldAutoAnswer, mayOpenCase, type EmailClassification, type EmailKind } from './classify';
export { type BounceInfo } from './bounce';
export { extractReplyText, splitReply, type ReplyParts } from './reply';
export {
  resolveThread, createThreadIndex, normaliseSubject, ticketToken, newThreadKey,
  type ThreadLookup, type ThreadIndex, type ThreadResolution, type ThreadRule, type ResolveThreadOptions,
} from './thread';
export { toRecords, type EmailRecords, type ToRecordsOptions } from './mappers/to-records';
export { toParty, normaliseAddress } from './mappers/to-party';
export { signaturePhones, type FoundPhone } from './mappers/phones';
export { inspectMessage, formatInspectSummary, type InspectRecord } from './inspect';
export { EmailConfigSchema, ImapConfigSchema, SmtpConfigSchema, FilesConfigSchema, type EmailConfig, type ImapConfig, type SmtpConfig } from './config';
export { createEmailClient, type EmailClient } from './client';
export { intakeMessage, recordsOf, type IntakeOptions, type IntakeResult } from './intake/process';
export { readEmlFolder, type EmlFile } from './intake/folder';
export { readMbox, splitMbox, toMbox, type MboxMessage } from './intake/mbox';
export { fileStream, FileCheckpointSchema, type FileCheckpoint } from './intake/file-stream';
export { imapStream } from './imap/stream';
export { ImapCheckpointSchema, type ImapCheckpoint } from './imap/checkpoint';
export { sendEmail, replyHeaders, SendEmailInputSchema, type SendEmailInput, type SendEmailOutput } from './smtp/send';
export { deterministicMessageId } from './smtp/message-id';
export { emailConnector } from './connector';
