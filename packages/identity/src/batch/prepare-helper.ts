import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { PartyRecord } from '@silta/model';
import type { ColumnsParts } from '../match/columns';
import type { PreparedRecord } from '../prepare';
import type { IdentitySettings } from '../settings';
import type { KeyLists } from './candidates';
import type { WireChunk } from './prepared-wire';

/** What the helper thread starts from. */
export interface HelperData {
  settings: IdentitySettings;
  hashKey: string | undefined;
  /** The calling thread's clock for birth-date checks, so both threads prepare alike. */
  now: number;
  port: MessagePort;
  signal: SharedArrayBuffer;
}

/**
 * One chunk answered by the helper: its prepared records, encoded in `wire` (decode every one, in the order
 * received: see WireReader) or as objects in `prepared`; neither when it met an error preparing them.
 */
export interface HelperAnswer {
  id: number;
  prepared?: PreparedRecord[] | undefined;
  wire?: WireChunk;
}

/** One chunk of candidate lists found by the helper (see {@link PrepareHelper.findCandidates}). */
export interface CandidateAnswer {
  chunk: number;
  list: Int32Array;
}

/** What the helper needs to find candidates: the records' columns and keys, and the shared chunk counter. */
export interface CandidateWork {
  columns: ColumnsParts;
  lists: KeyLists;
  blockLimit: number;
  /** `claimed[0]`: the next chunk not yet taken by either thread (taken with `Atomics.add`). */
  claimed: Int32Array;
}

/** Places in the shared signal: set once the worker is ready; messages it has posted so far. */
export const READY = 0;
export const ANSWERED = 1;

/**
 * A second thread that prepares chunks of party records while the calling thread prepares others (the bulk
 * path spends a third of a million-record batch preparing). Synchronous on the calling side: chunks go out
 * through a message port and answers are read with `receiveMessageOnPort`, so the caller's loop needs no
 * event-loop turns. A helper that has not signalled it is ready is simply not given work, so a thread that
 * cannot start (a bundler that left its file behind) costs nothing but its attempt.
 *
 * @example
 * const helper = PrepareHelper.start(settings, hashKey, now);
 * if (helper?.ready) helper.send(0, parties);
 * for (const answer of helper.receive(0)) use(answer);
 */
export class PrepareHelper {
  private sent = 0;
  private answered = 0;
  /** Messages read, of either kind: what the worker's count in the signal is compared with. */
  private messages = 0;
  private readonly candidateAnswers: CandidateAnswer[] = [];
  private failed = false;

  private constructor(private readonly worker: Worker, private readonly port: MessagePort, private readonly signal: Int32Array) {
    worker.on('error', () => {
      this.failed = true;
    });
    worker.unref();
  }

  /** Starts the helper thread, or returns undefined when it cannot be started here. */
  static start(settings: IdentitySettings, hashKey: string | undefined, now: Date): PrepareHelper | undefined {
    try {
      const channel = new MessageChannel();
      const signal = new Int32Array(new SharedArrayBuffer(8));
      // From the sources (tests, benchmarks) the worker is TypeScript and needs the loader the caller runs with.
      const fromSource = import.meta.url.endsWith('.ts');
      const file = new URL(fromSource ? './prepare-worker.ts' : './prepare-worker.js', import.meta.url);
      const data: HelperData = { settings, hashKey, now: now.getTime(), port: channel.port2, signal: signal.buffer as SharedArrayBuffer };
      const options = { workerData: data, transferList: [channel.port2] };
      // Loader flags do not reach a worker on Node 20, so from the sources the worker registers tsx itself.
      const worker = fromSource
        ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(file.href)}); });`, { ...options, eval: true })
        : new Worker(file, options);
      return new PrepareHelper(worker, channel.port1, signal);
    } catch {
      return undefined;
    }
  }

  /** True once the thread runs and has not failed. */
  get ready(): boolean {
    return !this.failed && Atomics.load(this.signal, READY) === 1;
  }

  /** Chunks sent and not yet answered. */
  get outstanding(): number {
    return this.sent - this.answered;
  }

  /** Sends a chunk; false when it could not be sent (the caller prepares it itself). */
  send(id: number, parties: readonly PartyRecord[]): boolean {
    try {
      this.port.postMessage({ id, parties });
    } catch {
      this.failed = true;
      return false;
    }
    this.sent++;
    return true;
  }

  /** The answers that have arrived; with `waitMs` > 0 and none there yet, waits up to that long for one. */
  receive(waitMs: number): HelperAnswer[] {
    const out: HelperAnswer[] = [];
    this.drain(out);
    if (out.length === 0 && waitMs > 0 && this.outstanding > 0) this.waitAndDrain(waitMs, out);
    return out;
  }

  /**
   * Sets the helper finding candidate lists ({@link CandidateFinder}) chunk after chunk, each chunk taken from
   * `work.claimed` so that the calling thread can take chunks too. False when the work could not be sent.
   */
  findCandidates(work: CandidateWork): boolean {
    try {
      this.port.postMessage({ candidates: work });
      return true;
    } catch {
      this.failed = true;
      return false;
    }
  }

  /** Candidate lists that have arrived; with `waitMs` > 0 and none there yet, waits up to that long for one. */
  receiveCandidates(waitMs: number): CandidateAnswer[] {
    this.drain(undefined);
    if (this.candidateAnswers.length === 0 && waitMs > 0) this.waitAndDrain(waitMs, undefined);
    return this.candidateAnswers.splice(0);
  }

  /** Waits up to `waitMs` for the worker to post another message, then reads what has arrived ({@link drain}). */
  private waitAndDrain(waitMs: number, prepared: HelperAnswer[] | undefined): void {
    Atomics.wait(this.signal, ANSWERED, this.messages, waitMs);
    this.drain(prepared);
  }

  /** Reads every message waiting: prepared chunks into `prepared` (dropped when undefined), candidate lists aside. */
  private drain(prepared: HelperAnswer[] | undefined): void {
    for (let m = receiveMessageOnPort(this.port); m !== undefined; m = receiveMessageOnPort(this.port)) {
      this.messages++;
      const message = m.message as HelperAnswer | CandidateAnswer;
      if ('chunk' in message) this.candidateAnswers.push(message);
      else {
        this.answered++;
        prepared?.push(message);
      }
    }
  }

  /** Hands a placed chunk's candidate list back for the worker to write a later chunk's into. */
  recycle(list: Int32Array): void {
    try {
      this.port.postMessage({ recycle: list }, [list.buffer as ArrayBuffer]);
    } catch {
      // A closed port: the list is simply left to the collector.
    }
  }

  /** Stops the thread. */
  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
