import type { Command } from 'commander';
import { registerServe } from './serve';
import { registerTimeline } from './timeline';
import { registerSync } from './sync';
import { registerRecords } from './records';
import { registerDlq } from './dlq';
import { registerEmailCommands } from './email';
import { registerIdentity } from './identity';
import { registerSimulate } from './simulate';
import { registerDemo } from './demo';

/** Every command module registers itself here; one line per module. */
const registrars: Array<(program: Command) => void> = [
  registerDemo,
  registerServe,
  registerTimeline,
  registerSync,
  registerRecords,
  registerDlq,
  registerEmailCommands,
  registerIdentity,
  registerSimulate,
];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
