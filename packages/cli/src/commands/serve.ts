import type { Command } from 'commander';
import { createPartnerApi, demoPartnerConfig, PARTNER_API_PREFIX } from '@silta/chat';
import { createResolver } from '@silta/identity';
import { createLogger } from '@silta/kit';
import { EngineError, loadConfig, startServe, type SiltaConfig } from '@silta/sync';
import { openStoreAt, resolveDb, withDbOption } from './store-option';

interface ServeFlags {
  config?: string;
  port: string;
  host: string;
  db?: string;
  maxBody: string;
  fromNow?: boolean;
  demo?: boolean;
}

/**
 * `silta serve [--config <file>] [--port <p>] [--host <h>] [--db <path|url>] [--max-body <bytes>] [--from-now]`: the
 * webhook server, the rules router and the outbox worker in one process, until SIGINT or SIGTERM.
 *
 * @example
 * silta serve --port 8787 --db .silta/silta.db
 */
export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .description('Receive webhooks, run routing rules and deliver actions (POST /webhooks/<connection>/<webhook>, GET /health)')
    .option('--config <file>', 'the config file (default ./silta.config.ts)')
    .option('--port <port>', 'port to listen on', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--max-body <bytes>', 'largest webhook body accepted; larger ones get 413', String(1024 * 1024))
    .option('--from-now', 'on the first run, start the rules at the end of the change feed instead of acting on synced history')
    .option('--demo', 'also serve the partner chat API with the demo partners: asiakaspalvelu-ab (secret $SILTA_PARTNER_SECRET, default demo-partner-secret) may serve yritys-oy, not toinen-oy');
  withDbOption(command)
    .action(async function serveAction(flags: ServeFlags) {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw usage(`--port must be a port number, got "${flags.port}"`);
      const maxBodyBytes = Number(flags.maxBody);
      if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw usage(`--max-body must be a whole number of bytes, got "${flags.maxBody}"`);
      const { config, file } = await configFor(flags);
      const logger = createLogger({ name: 'silta-serve' });
      const store = await openStoreAt(resolveDb(flags.db, config.store));
      const partnerApi = flags.demo ? createPartnerApi({ store, ...demoPartnerConfig(), maxBodyBytes, logger }) : undefined;
      const running = await startServe({
        ...(partnerApi ? { handlers: [partnerApi] } : {}),
        store, connections: config.connections, rules: config.rules ?? [], port, host: flags.host, limits: { maxBodyBytes }, logger,
        ...(flags.fromNow ? { rulesFrom: 'now' as const } : {}),
        // People are linked as their records change, so context packets and timelines span systems.
        resolver: createResolver({ store: store.identity, ...(process.env.SILTA_HASH_KEY ? { hashKey: process.env.SILTA_HASH_KEY } : {}) }),
      });
      const routes = running.app.routes;
      process.stderr.write(
        `silta serve: listening on ${running.url} (config ${file}, store ${store.kind} ${store.location}, ${config.rules?.length ?? 0} rules)\n`
        + (routes.length ? routes.map((r) => `  POST ${running.url}${r}\n`).join('') : '  no connection declares webhooks\n')
        + `  GET  ${running.url}/health\n`
        + (partnerApi ? `  POST ${running.url}${PARTNER_API_PREFIX}/conversations\n  GET  ${running.url}${PARTNER_API_PREFIX}/openapi.json\n` : ''),
      );
      await new Promise<void>((resolve) => {
        function shutdown(signal: string): void {
          process.stderr.write(`silta serve: ${signal}, finishing current work…\n`);
          void running.close().then(() => store.close()).finally(resolve);
        }
        process.once('SIGINT', () => shutdown('SIGINT'));
        process.once('SIGTERM', () => shutdown('SIGTERM'));
      });
    });
}

/** The config file; with `--demo` and no config file, an empty one (the demo needs only the partner API). */
async function configFor(flags: ServeFlags): Promise<{ config: SiltaConfig; file: string }> {
  try {
    return await loadConfig(flags.config);
  } catch (error) {
    if (flags.demo && !flags.config && error instanceof EngineError && error.code === 'CONFIG_NOT_FOUND') {
      return { config: { store: resolveDb(flags.db), connections: {} }, file: '(none: demo defaults)' };
    }
    throw error;
  }
}

function usage(message: string): Error & { code: string; exitCode: number } {
  return Object.assign(new Error(message), { code: 'USAGE', exitCode: 2 });
}
