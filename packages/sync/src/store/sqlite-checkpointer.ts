/**
 * The SQLite checkpoint thread's entry. A WAL commit appends pages to the `-wal` file; a checkpoint copies
 * them into the database file and fsyncs both, which on a busy sync costs the writer more than the inserts
 * themselves. This thread runs those checkpoints (PASSIVE: never blocking a writer or a reader) on its own
 * connection per file, at most every `intervalMs` while a file is being written, so the writer thread's
 * connections only checkpoint when this one falls far behind. Only better-sqlite3 is loaded here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** A message to the thread. */
export type CheckpointerRequest = { type: 'dirty'; file: string } | { type: 'forget'; file: string };

const port = parentPort;
if (!port) throw new Error('sqlite-checkpointer runs as a worker thread started by the SQLite store');
const intervalMs = (workerData as { intervalMs?: number } | undefined)?.intervalMs ?? 100;
const files = new Map<string, { db: Database.Database; timer?: NodeJS.Timeout }>();

function checkpoint(file: string): void {
  const entry = files.get(file);
  if (!entry) return;
  entry.timer = undefined;
  try {
    entry.db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or gone: the next write schedules another attempt, and the writer's own checkpoint is the backstop.
  }
}

port.on('message', (msg: CheckpointerRequest) => {
  if (msg.type === 'forget') {
    const entry = files.get(msg.file);
    files.delete(msg.file);
    if (entry) {
      clearTimeout(entry.timer);
      entry.db.close();
    }
    return;
  }
  let entry = files.get(msg.file);
  if (!entry) {
    const db = new Database(msg.file);
    db.pragma('busy_timeout = 1000');
    entry = { db };
    files.set(msg.file, entry);
  }
  entry.timer ??= setTimeout(() => checkpoint(msg.file), intervalMs);
});
