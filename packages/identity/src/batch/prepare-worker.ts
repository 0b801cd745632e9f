// The helper thread of the bulk path (see prepare-helper.ts): prepares the chunks of party records it is sent
// with the same settings, hash key and clock as the calling thread, and answers each with the prepared records
// (encoded as a WireChunk when they fit it).
// Then, once sent the batch's columns, finds candidate lists for the chunks it takes, until none are left.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { PartyRecord } from '@silta/model';
import { ComparisonColumns } from '../match/columns';
import { createPrepareContext, prepareRecord, type PreparedRecord } from '../prepare';
import { CandidateFinder } from './candidates';
import { WireWriter } from './prepared-wire';
import { ANSWERED, READY, type CandidateWork, type HelperData } from './prepare-helper';

const data = workerData as HelperData;
const ctx = createPrepareContext(data.settings, data.hashKey, new Date(data.now));
const port: MessagePort = data.port;
const signal = new Int32Array(data.signal);
const wire = new WireWriter();

// Arrays of candidate lists the calling thread has sent back once placed: reused rather than a new one per chunk
// (a million records make a thousand lists of about 200 KB each, and allocations outside the heap that size
// set the collector going on both threads).
const recycled: Int32Array[] = [];
function listOf(length: number): Int32Array {
  for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
    const message = m.message as { recycle?: Int32Array };
    if (message.recycle !== undefined) recycled.push(message.recycle);
  }
  const reuse = recycled.pop();
  if (reuse !== undefined && reuse.buffer.byteLength >= 4 * length) return new Int32Array(reuse.buffer, 0, length);
  return new Int32Array(Math.max(length, 1 << 16)).subarray(0, length);
}

function findCandidates(work: CandidateWork): void {
  const finder = new CandidateFinder(ComparisonColumns.fromParts(work.columns), work.lists, work.blockLimit);
  for (let c = Atomics.add(work.claimed, 0, 1); c < finder.chunks; c = Atomics.add(work.claimed, 0, 1)) {
    const list = finder.find(c, listOf);
    port.postMessage({ chunk: c, list }, [list.buffer as ArrayBuffer]);
    Atomics.add(signal, ANSWERED, 1);
    Atomics.notify(signal, ANSWERED);
  }
}

port.on('message', (chunk: { id: number; parties: PartyRecord[] } | { candidates: CandidateWork } | { recycle: Int32Array }) => {
  if ('recycle' in chunk) {
    recycled.push(chunk.recycle);
    return;
  }
  if ('candidates' in chunk) {
    findCandidates(chunk.candidates);
    return;
  }
  let prepared: PreparedRecord[] | undefined;
  try {
    prepared = chunk.parties.map((party) => prepareRecord(party, ctx));
  } catch {
    prepared = undefined; // the calling thread prepares the chunk again and meets the error itself
  }
  const encoded = prepared === undefined ? undefined : wire.encode(prepared);
  if (encoded === undefined) port.postMessage({ id: chunk.id, prepared });
  else port.postMessage({ id: chunk.id, wire: encoded }, [encoded.ints.buffer as ArrayBuffer]);
  Atomics.add(signal, ANSWERED, 1);
  Atomics.notify(signal, ANSWERED);
});
Atomics.store(signal, READY, 1);
