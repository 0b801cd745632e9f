import type { Command } from 'commander';

/** Every command module registers itself here; one line per module. */
const registrars: Array<(program: Command) => void> = [
];

export function registerCommands(program: Command): void {
  for (const register of registrars) register(program);
}
