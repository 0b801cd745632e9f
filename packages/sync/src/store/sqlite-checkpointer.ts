/**
 * The SQLite checkpoint thread's entry. A WAL commit appends pages to the `-wal` file; a checkpoint copies
 * them into the database file and fsyncs both, which costs a committing writer more than its inserts and
 * stalls whatever event loop it runs on (a webhook's answer, a sync batch). This thread runs those
 * checkpoints (PASSIVE: never blocking a writer or a reader) on a connection of its own per file, every
 * `intervalMs`, so the stores' connections only checkpoint when it falls far behind. Only better-sqlite3
 * is loaded here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** A message to the thread: start or stop checkpointing a file. */
export type CheckpointerRequest = { type: 'watch'; file: string } | { type: 'forget'; file: string };

const port = parentPort;
if (!port) throw new Error('sqlite-checkpointer runs as a worker thread started by the SQLite store');
const intervalMs = (workerData as { intervalMs?: number } | undefined)?.intervalMs ?? 200;
const files = new Map<string, Database.Database>();

setInterval(() => {
  for (const db of files.values()) {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or gone: the next tick tries again, and the stores' own checkpoints are the backstop.
    }
  }
}, intervalMs);

port.on('message', (msg: CheckpointerRequest) => {
  if (msg.type === 'forget') {
    files.get(msg.file)?.close();
    files.delete(msg.file);
    return;
  }
  if (files.has(msg.file)) return;
  try {
    const db = new Database(msg.file, { fileMustExist: true });
    db.pragma('busy_timeout = 1000');
    files.set(msg.file, db);
  } catch {
    // The store's own connection checkpoints this file then.
  }
});
