import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DEMO_PARTNER_ID, DEMO_PARTNER_SECRET } from '@silta/chat';
import { EmailConfigSchema, createThreadIndex, emailConnector } from '@silta/email';
import { freshdesk, type FreshdeskConfigInput } from '@silta/freshdesk';
import { silentLogger } from '@silta/kit';
import { createPartnerClient } from '@silta/partner-client';
import { connection, createSyncEngine, openStore, type SiltaStore } from '@silta/sync';
import { syncHelpdesk } from './helpdesk';
import { createNarrator, type Narrator } from './narrator';
import { STORY_API_KEY, startPartnerServer, startStoryServices, stopStoryServices, type StoryServices } from './services';
import { STORY } from './fixtures';
import { stepCallback, stepChat, stepEmail } from './steps-intake';
import { stepAnswer, stepLink, stepRoute, stepTimeline } from './steps-handoff';
import type { StoryContext, StoryResult } from './types';

export type { StoryResult } from './types';
export { STORY_STREAMS } from './helpdesk';

/** Options of {@link runStory}. */
export interface StoryOptions {
  /** The SQLite file the story writes (default `.silta/demo-story.db`). */
  db: string;
  /** Start from an empty database (default true). */
  fresh?: boolean;
  out?: NodeJS.WritableStream;
  color?: boolean;
  /** Services to use instead of starting its own (a test asserts on them afterwards; they are left running). */
  services?: StoryServices;
  /** The story's "now" (default: the clock). */
  now?: Date;
}

/**
 * Tells the cross-channel story of `silta demo`: Anssi's chat through the partner API, his invoice email
 * over SMTP, his call-back request as a Freshdesk phone ticket; identity links the three; a routing rule
 * hands the ticket to billing with the context packet and a threaded summary email; billing's answer
 * comes back as a note; and his timeline shows it all. Narrated on `out`; nothing leaves loopback.
 *
 * @example
 * const result = await runStory({ db: '.silta/demo-story.db' });
 * console.log(result.personId, result.timeline.entries.length);
 */
export async function runStory(options: StoryOptions): Promise<StoryResult> {
  const started = Date.now();
  const now = options.now?.getTime() ?? Date.now();
  const say = createNarrator({ ...(options.out ? { out: options.out } : {}), ...(options.color === undefined ? {} : { color: options.color }) });
  if (options.fresh ?? true) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${options.db}${suffix}`, { force: true });
  }
  await mkdir(dirname(options.db), { recursive: true });
  const services = options.services ?? (await startStoryServices());
  let store: SiltaStore | undefined;
  let partner: Awaited<ReturnType<typeof startPartnerServer>> | undefined;
  try {
    store = await openStore(options.db);
    partner = await startPartnerServer(store);
    const ctx = createContext(store, services, say, now);
    say.say(`Silta's story: one customer, three channels, no account anywhere. Store: ${options.db}`);
    say.detail(`Freshdesk simulator ${services.simulator.url} · SMTP server 127.0.0.1:${services.smtp.port} · partner API ${partner.url}/partner/v1/`);
    await syncHelpdesk(ctx);
    // The rules act on what happens from now on, as `silta serve --from-now` does; history is not re-routed.
    await store.setOffset('rules', await store.latestSeq());

    const client = createPartnerClient({
      baseUrl: partner.url, partnerId: DEMO_PARTNER_ID, secret: process.env.SILTA_PARTNER_SECRET || DEMO_PARTNER_SECRET,
    });
    const chat = await stepChat(ctx, client);
    const email = await stepEmail(ctx);
    const callback = await stepCallback(ctx);
    const link = await stepLink(ctx, { chat: chat.partyKey, email: email.partyKey, phone: callback.partyKey });
    const routed = await stepRoute(ctx, callback.ticketId);
    const answer = await stepAnswer(ctx, { ticketId: callback.ticketId, summary: routed.summary, customerThread: email.threadKey });
    const timeline = await stepTimeline(ctx);
    const wallSeconds = (Date.now() - started) / 1000;
    say.done(`The whole story took ${wallSeconds.toFixed(1)} s. Try: pnpm silta timeline ${STORY_PERSON_EMAIL} --db ${options.db}`);
    return {
      ...link, chat, email, callback, routed, answer, timeline, wallSeconds, laskutusGroupId: ctx.laskutusGroupId,
    };
  } finally {
    await partner?.close();
    await store?.close();
    if (!options.services) await stopStoryServices(services);
  }
}

const STORY_PERSON_EMAIL = 'anssi.makela@example.fi';

function createContext(store: SiltaStore, services: StoryServices, say: Narrator, now: number): StoryContext {
  const helpdeskConfig: FreshdeskConfigInput = {
    domain: 'yritys', baseUrl: services.simulator.url, apiKey: STORY_API_KEY, requestsPerMinute: 6000,
  };
  const mailConfig = EmailConfigSchema.parse({
    smtp: { host: services.smtp.host, port: services.smtp.port, secure: false, from: STORY.supportFrom },
    ownAddresses: [STORY.supportAddress, STORY.billingAddress],
    messageIdDomain: 'yritys.fi',
  });
  const helpdesk = freshdesk(helpdeskConfig);
  const connections = { [STORY.helpdeskConnection]: helpdesk, [STORY.mailConnection]: connection(emailConnector, mailConfig) };
  const laskutus = [...services.simulator.state.groups.values()].find((g) => g.name === STORY.billingGroup);
  if (!laskutus) throw new Error(`the Freshdesk simulator has no "${STORY.billingGroup}" group`);
  return {
    store, services, say, now,
    helpdeskConfig,
    helpdeskClient: freshdesk.createClient(helpdeskConfig, { logger: silentLogger }),
    connections,
    engine: createSyncEngine({ store, connections: { [STORY.helpdeskConnection]: helpdesk } }),
    threads: createThreadIndex(),
    laskutusGroupId: laskutus.id,
  };
}
