import { Command } from 'commander';
import { registerCommands } from './commands/index';

/**
 * Builds the `silta` command line. Each command lives in `commands/<name>.ts` and registers itself.
 *
 * @example
 * await createProgram().parseAsync(['node', 'silta', 'demo']);
 */
export function createProgram(): Command {
  const program = new Command('silta')
    .description('Silta links one customer across your systems and routes the full context between teams.')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ outputError: (str, write) => write(str) });
  registerCommands(program);
  return program;
}
