import { z } from 'zod';

/**
 * Per folder: the UIDVALIDITY the UIDs belong to (a decimal string; it is a 32-bit unsigned number) and the
 * highest UID taken in. A different UIDVALIDITY means the UIDs were reassigned: the folder is read again.
 *
 * @example
 * ImapCheckpointSchema.parse({ folders: { INBOX: { uidValidity: '1795342481', lastUid: 42 } } });
 */
export const ImapCheckpointSchema = z.object({
  folders: z.record(
    z.string(),
    z.object({
      uidValidity: z.string().regex(/^\d+$/, 'must be the decimal UIDVALIDITY'),
      lastUid: z.number().int().nonnegative(),
    }),
  ),
});
export type ImapCheckpoint = z.infer<typeof ImapCheckpointSchema>;
