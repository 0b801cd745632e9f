// The helper thread of the bulk path (see prepare-helper.ts): prepares the chunks of party records it is sent
// with the same settings, hash key and clock as the calling thread, and answers each with the prepared records
// (encoded as a WireChunk when they fit it).
// Then, once sent the batch's columns, finds candidate lists for the chunks it takes, until none are left.
import { workerData, type MessagePort } from 'node:worker_threads';
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

function findCandidates(work: CandidateWork): void {
  const finder = new CandidateFinder(ComparisonColumns.fromParts(work.columns), work.lists, work.blockLimit);
  for (let c = Atomics.add(work.claimed, 0, 1); c < finder.chunks; c = Atomics.add(work.claimed, 0, 1)) {
    const list = finder.find(c);
    port.postMessage({ chunk: c, list }, [list.buffer as ArrayBuffer]);
    Atomics.add(signal, ANSWERED, 1);
    Atomics.notify(signal, ANSWERED);
  }
}

port.on('message', (chunk: { id: number; parties: PartyRecord[] } | { candidates: CandidateWork }) => {
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
