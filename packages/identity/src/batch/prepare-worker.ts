// The helper thread of the bulk path (see prepare-helper.ts): prepares the chunks of party records it is sent
// with the same settings, hash key and clock as the calling thread, and answers each with the prepared records.
import { workerData, type MessagePort } from 'node:worker_threads';
import type { PartyRecord } from '@silta/model';
import { createPrepareContext, prepareRecord, type PreparedRecord } from '../prepare';
import { ANSWERED, READY, type HelperData } from './prepare-helper';

const data = workerData as HelperData;
const ctx = createPrepareContext(data.settings, data.hashKey, new Date(data.now));
const port: MessagePort = data.port;
const signal = new Int32Array(data.signal);

port.on('message', (chunk: { id: number; parties: PartyRecord[] }) => {
  let prepared: PreparedRecord[] | undefined;
  try {
    prepared = chunk.parties.map((party) => prepareRecord(party, ctx));
  } catch {
    prepared = undefined; // the calling thread prepares the chunk again and meets the error itself
  }
  port.postMessage({ id: chunk.id, prepared });
  Atomics.add(signal, ANSWERED, 1);
  Atomics.notify(signal, ANSWERED);
});
Atomics.store(signal, READY, 1);
