export { startSmtpServer, type TestSmtpServer, type TestSmtpServerOptions, type ReceivedMail } from './smtp-server';
export { startDovecot, findDovecot, type TestDovecot } from './dovecot';
