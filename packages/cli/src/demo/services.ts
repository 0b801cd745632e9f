import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPartnerApi, demoPartnerConfig } from '@silta/chat';
import { createFreshdeskSimulator, type FreshdeskSimulator } from '@silta/freshdesk/testing';
import { startSmtpServer, type TestSmtpServer } from '@silta/email/testing';
import type { SiltaStore } from '@silta/sync';

/** The loopback services the story talks to; a test passes its own to assert on them afterwards. */
export interface StoryServices {
  simulator: FreshdeskSimulator;
  smtp: TestSmtpServer;
}

/** A little helpdesk for the story: a few seeded tickets, so Anssi's ticket is not alone. */
export const STORY_SEEDED_TICKETS = 12;
export const STORY_API_KEY = 'demo-api-key';

/**
 * Starts the Freshdesk simulator and the in-process SMTP server on loopback.
 *
 * @example
 * const services = await startStoryServices();
 * await runStory({ db, services });
 * await stopStoryServices(services);
 */
export async function startStoryServices(seed = 'silta-story'): Promise<StoryServices> {
  const simulator = createFreshdeskSimulator({ tickets: STORY_SEEDED_TICKETS, seed, apiKey: STORY_API_KEY, requestsPerMinute: 6000 });
  await simulator.start();
  try {
    return { simulator, smtp: await startSmtpServer() };
  } catch (error) {
    await simulator.stop();
    throw error;
  }
}

/**
 * Stops what {@link startStoryServices} started.
 *
 * @example
 * await stopStoryServices(services);
 */
export async function stopStoryServices(services: StoryServices): Promise<void> {
  await services.smtp.close();
  await services.simulator.stop();
}

/** The partner API mounted in its own loopback `node:http` server, as `silta serve --demo` mounts it. */
export interface PartnerServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the partner API (demo configuration: partner `asiakaspalvelu-ab`, company `yritys-oy`) on
 * 127.0.0.1 and a free port, storing pushes in `store`.
 *
 * @example
 * const partner = await startPartnerServer(store);
 */
export async function startPartnerServer(store: SiltaStore): Promise<PartnerServer> {
  const handler = createPartnerApi({ store, ...demoPartnerConfig() });
  const server: Server = createServer(function servePartnerApi(req, res) {
    handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    }, (error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
