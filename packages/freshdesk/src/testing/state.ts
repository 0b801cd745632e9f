import type { FixedWindowLimiter } from './rate-limit';
import type {
  SimAgent, SimCompany, SimContact, SimConversation, SimGroup, SimSatisfactionRating, SimTicket, SimTimeEntry,
} from './records';
import type { SeedData } from './seed-data';

/** A scripted fault for the next request that matches, e.g. a note that is saved but whose 201 is lost. */
export interface ScriptedFault {
  method?: string;
  /** A substring or pattern of the request path (`/notes`). */
  path?: string | RegExp;
  /** `drop` destroys the socket, `error` answers 500, `truncate` cuts the JSON body, `status` answers `status`. */
  mode: 'drop' | 'error' | 'truncate' | 'status';
  status?: number;
  /** Handle the request first (the write happens), then fail the response: the "lost 201". */
  afterCommit?: boolean;
  /** How many matching requests to fail (default 1). */
  times?: number;
}

/** Counters the simulator keeps about what clients did to it. */
export interface SimulatorCounters {
  requests: number;
  http429: number;
  unauthorised: number;
  byStatus: Record<number, number>;
  faults: { latency: number; error: number; drop: number; truncate: number; scripted: number };
  creditsUsed: number;
  firstRequestAt: number | null;
  lastRequestAt: number | null;
}

/**
 * The marker actions embed in note bodies; counted so tests can prove exactly-once delivery.
 *
 * @example
 * [...'silta:key=k1'.matchAll(MARKER_PATTERN)][0]?.[1]; // 'k1'
 */
export const MARKER_PATTERN = /silta:key=([A-Za-z0-9._:~-]+)/g;

/**
 * The simulator's mutable state: its records, counters and scripted faults. Tests read and steer it.
 *
 * @example
 * sim.state.failNext({ method: 'POST', path: '/notes', mode: 'drop', afterCommit: true });
 * sim.state.notesByMarker().get('rule-1:ticket-5:v1'); // 1
 */
export class SimulatorState {
  readonly tickets = new Map<number, SimTicket>();
  readonly contacts = new Map<number, SimContact>();
  readonly companies = new Map<number, SimCompany>();
  readonly agents = new Map<number, SimAgent>();
  readonly groups = new Map<number, SimGroup>();
  readonly conversations: SimConversation[] = [];
  readonly conversationsByTicket = new Map<number, SimConversation[]>();
  readonly satisfactionRatings: SimSatisfactionRating[] = [];
  readonly timeEntries: SimTimeEntry[] = [];
  readonly counters: SimulatorCounters = {
    requests: 0, http429: 0, unauthorised: 0, byStatus: {},
    faults: { latency: 0, error: 0, drop: 0, truncate: 0, scripted: 0 }, creditsUsed: 0, firstRequestAt: null, lastRequestAt: null,
  };
  /** Ids of tickets returned by list and search responses, with how often each was served. */
  readonly ticketServeCount = new Map<number, number>();
  readonly scripted: ScriptedFault[] = [];
  private sortedCache = new Map<string, SimTicket[]>();
  private nextIds = { ticket: 1, contact: 1, company: 1, conversation: 1 };

  constructor(seed: SeedData, readonly limiter: FixedWindowLimiter) {
    for (const t of seed.tickets) this.tickets.set(t.id, t);
    for (const c of seed.contacts) this.contacts.set(c.id, c);
    for (const c of seed.companies) this.companies.set(c.id, c);
    for (const a of seed.agents) this.agents.set(a.id, a);
    for (const g of seed.groups) this.groups.set(g.id, g);
    for (const c of seed.conversations) this.addConversation(c);
    this.satisfactionRatings.push(...seed.satisfactionRatings);
    this.timeEntries.push(...seed.timeEntries);
    this.nextIds.ticket = Math.max(0, ...seed.tickets.map((t) => t.id)) + 1;
    this.nextIds.contact = Math.max(43_000_000_000, ...seed.contacts.map((c) => c.id)) + 1;
    this.nextIds.company = Math.max(43_001_000_000, ...seed.companies.map((c) => c.id)) + 1;
    this.nextIds.conversation = Math.max(43_100_000_000, ...seed.conversations.map((c) => c.id)) + 1;
  }

  nextId(kind: 'ticket' | 'contact' | 'company' | 'conversation'): number {
    return this.nextIds[kind]++;
  }

  addConversation(c: SimConversation): void {
    this.conversations.push(c);
    const list = this.conversationsByTicket.get(c.ticket_id) ?? [];
    list.push(c);
    this.conversationsByTicket.set(c.ticket_id, list);
  }

  /** Call after any ticket write so the sorted views are rebuilt. */
  ticketsChanged(): void {
    this.sortedCache.clear();
  }

  /** Non-deleted, non-spam tickets sorted by `orderBy` (ties by id, ascending) in `orderType`. */
  sortedTickets(orderBy: 'created_at' | 'updated_at' | 'due_by' | 'status', orderType: 'asc' | 'desc'): SimTicket[] {
    const key = `${orderBy}:${orderType}`;
    let list = this.sortedCache.get(key);
    if (!list) {
      const dir = orderType === 'asc' ? 1 : -1;
      list = [...this.tickets.values()].filter((t) => !t.deleted && !t.spam)
        .sort((a, b) => (a[orderBy] - b[orderBy]) * dir || a.id - b.id);
      this.sortedCache.set(key, list);
    }
    return list;
  }

  /** Private notes by idempotency marker: `notesByMarker().get(key)` is how many notes carry `silta:key=<key>`. */
  notesByMarker(): Map<string, number> {
    const out = new Map<string, number>();
    for (const c of this.conversations) {
      if (!c.private || c.source !== 2) continue;
      const seen = new Set<string>();
      for (const m of c.body.matchAll(MARKER_PATTERN)) seen.add(m[1] as string);
      for (const key of seen) out.set(key, (out.get(key) ?? 0) + 1);
    }
    return out;
  }

  /** Fails the next matching request(s) as scripted. */
  failNext(fault: ScriptedFault): void {
    this.scripted.push({ times: 1, ...fault });
  }

  takeScripted(method: string, path: string, phase: 'before' | 'after'): ScriptedFault | undefined {
    const index = this.scripted.findIndex((f) => (phase === 'after') === Boolean(f.afterCommit)
      && (!f.method || f.method.toUpperCase() === method)
      && (!f.path || (typeof f.path === 'string' ? path.includes(f.path) : f.path.test(path))));
    if (index < 0) return undefined;
    const fault = this.scripted[index] as ScriptedFault;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) this.scripted.splice(index, 1);
    return fault;
  }

  /**
   * Achieved ÷ allowed rate, from the simulator's own counters: credits spent ÷ (limit × windows) over the
   * windows a client used. With three or more windows the first and the last are left out: the client
   * arrives part-way into the first and runs out of work part-way into the last, neither being a limiter's
   * choice; the windows between show the sustained rate. Idle windows in between count as zero.
   */
  utilisation(): number {
    const windows = this.limiter.windows().filter((w) => w.used > 0 || w.rejected > 0);
    if (windows.length === 0) return 0;
    let first = windows[0]!.index;
    let last = windows[windows.length - 1]!.index;
    if (last - first >= 2) { first++; last--; }
    let used = 0;
    for (const w of windows) if (w.index >= first && w.index <= last) used += w.used;
    return used / (this.limiter.limit * (last - first + 1));
  }

  /** How many distinct rate-limit windows saw requests. */
  windowsUsed(): number {
    return this.limiter.windows().filter((w) => w.used > 0 || w.rejected > 0).length;
  }
}
