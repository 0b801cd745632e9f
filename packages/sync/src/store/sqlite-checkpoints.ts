/**
 * The store's side of the checkpoint thread (`sqlite-checkpointer.ts`): one thread per process watches every
 * open SQLite file store's file. It starts with the first store, ends a few seconds after the last one
 * closed, and never holds the process open. If it fails, the stores' connections checkpoint themselves
 * (their `wal_autocheckpoint` backstop), so only speed is lost.
 */
import type { Worker } from 'node:worker_threads';
import type { CheckpointerRequest } from './sqlite-checkpointer';
import { startStoreThread } from './thread-entry';

const LINGER_MS = 5_000;

let thread: { worker: Worker; files: Map<string, number>; idle?: NodeJS.Timeout } | undefined;

function post(msg: CheckpointerRequest): void {
  thread?.worker.postMessage(msg);
}

/**
 * Has the checkpoint thread watch `file` until the returned function is called (once per store).
 *
 * @example
 * const release = watchCheckpoints('/abs/silta.db');
 * // … on close:
 * release();
 */
export function watchCheckpoints(file: string): () => void {
  if (!thread) {
    const worker = startStoreThread('sqlite-checkpointer');
    const t = { worker, files: new Map<string, number>() };
    thread = t;
    // A failed checkpointer costs speed, not data.
    worker.on('error', () => { if (thread === t) thread = undefined; });
    worker.on('exit', () => { if (thread === t) thread = undefined; });
  }
  const t = thread;
  clearTimeout(t.idle);
  const count = t.files.get(file) ?? 0;
  t.files.set(file, count + 1);
  if (count === 0) post({ type: 'watch', file });
  let released = false;
  return () => {
    if (released || thread !== t) return;
    released = true;
    const left = (t.files.get(file) ?? 1) - 1;
    if (left > 0) {
      t.files.set(file, left);
      return;
    }
    t.files.delete(file);
    post({ type: 'forget', file });
    if (t.files.size > 0) return;
    t.idle = setTimeout(() => {
      if (t.files.size > 0 || thread !== t) return;
      thread = undefined;
      void t.worker.terminate();
    }, LINGER_MS);
    t.idle.unref();
  };
}
