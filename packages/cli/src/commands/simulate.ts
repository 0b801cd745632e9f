import { InvalidArgumentError, type Command } from 'commander';
import { createFreshdeskSimulator } from '@silta/freshdesk/testing';

function positiveInt(name: string, min = 1) {
  return function parse(value: string): number {
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number of at least ${min}, got "${value}"`);
    return n;
  };
}

function probability(name: string) {
  return function parse(value: string): number {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`${name} must be a number from 0 to 1, got "${value}"`);
    return n;
  };
}

interface SimulateFreshdeskOptions {
  port: number;
  tickets: number;
  seed: string;
  requestsPerMinute?: number;
  windowSeconds?: number;
  apiKey?: string;
  errorRate?: number;
  latencyMs?: number;
}

/**
 * `silta simulate freshdesk --port <p> --tickets <n> [--seed <s>] [--requests-per-minute <r>] [--window-seconds <w>]`:
 * runs the Freshdesk API v2 simulator on 127.0.0.1, prints its URL and API key, and serves until Ctrl-C.
 *
 * @example
 * registerSimulate(program); // silta simulate freshdesk --port 4010 --tickets 5000 --requests-per-minute 100 --window-seconds 5
 */
export function registerSimulate(program: Command): void {
  const simulate = program.command('simulate').description('Run a vendor API simulator on loopback');
  simulate
    .command('freshdesk')
    .description('Serve a seeded Freshdesk API v2 look-alike (auth, pagination, rate limits, search, faults)')
    .option('--port <p>', 'port on 127.0.0.1 (0 picks a free one)', positiveInt('--port', 0), 0)
    .option('--tickets <n>', 'tickets to seed', positiveInt('--tickets', 0), 200)
    .option('--seed <s>', 'seed: the same seed gives the same data', '1')
    .option('--requests-per-minute <r>', 'budget per rate-limit window (default 700, the Enterprise plan)', positiveInt('--requests-per-minute'))
    .option('--window-seconds <w>', 'rate-limit window length in seconds (default 60)', positiveInt('--window-seconds'))
    .option('--api-key <k>', 'API key clients must send (default sim-api-key)')
    .option('--error-rate <p>', 'share of requests answered with a 5xx', probability('--error-rate'))
    .option('--latency-ms <ms>', 'delay added to every response', positiveInt('--latency-ms', 0))
    .action(async function simulateFreshdesk(options: SimulateFreshdeskOptions) {
      const sim = createFreshdeskSimulator({
        tickets: options.tickets, seed: options.seed, apiKey: options.apiKey, requestsPerMinute: options.requestsPerMinute,
        windowSeconds: options.windowSeconds, faults: { errorRate: options.errorRate, latencyMs: options.latencyMs },
      });
      const url = await sim.start(options.port);
      const windowSeconds = options.windowSeconds ?? 60;
      process.stdout.write([
        `Freshdesk simulator listening on ${url}`,
        `  API base URL: ${url}/api/v2`,
        `  API key:      ${sim.apiKey}   (Basic auth "${sim.apiKey}:X")`,
        `  data:         ${sim.state.tickets.size} tickets, ${sim.state.contacts.size} contacts, seed ${options.seed}`,
        `  rate limit:   ${options.requestsPerMinute ?? 700} credits per ${windowSeconds} s window`,
        '  try:          curl -u ' + `${sim.apiKey}:X '${url}/api/v2/tickets?updated_since=2000-01-01T00:00:00Z&per_page=2'`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'));
      await new Promise<void>((resolve) => {
        const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await sim.stop();
      const c = sim.state.counters;
      process.stdout.write(`\nstopped after ${c.requests} requests (${c.http429} answered 429)\n`);
    });
}
