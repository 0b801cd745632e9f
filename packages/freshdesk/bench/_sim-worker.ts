/**
 * Runs a Freshdesk simulator in a worker thread for the backfill benchmark, so the vendor's JSON work does
 * not share an event loop with the client being measured (a real Freshdesk is on another machine).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createFreshdeskSimulator, type FreshdeskSimulatorOptions } from '../src/testing';

const sim = createFreshdeskSimulator(workerData as FreshdeskSimulatorOptions);
const url = await sim.start();
parentPort!.postMessage({ type: 'started', url, apiKey: sim.apiKey });
parentPort!.on('message', (msg: { type: string }) => {
  if (msg.type !== 'report') return;
  void sim.stop().then(() => {
    parentPort!.postMessage({
      type: 'report',
      counters: sim.state.counters,
      utilisation: sim.state.utilisation(),
      windows: sim.state.windowsUsed(),
    });
  });
});
