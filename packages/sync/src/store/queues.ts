/** Runs, the webhook inbox, the outbox and the dead-letter queue, written once for both backends. */
import type { StoreContext } from './context';
import { invalid, StoreError } from './errors';
import { all, allT, param, run, template, type Step } from './executor';
import { toJson } from './hash';
import { cleanError, keyOf, limitOf, nowIso, num, toDlqEntry, toInboxItem, toIso, toOutboxJob, toRun } from './rows';
import type {
  DlqAddInput, DlqEntry, DlqKind, DlqListOptions, DlqStatus, FinishRunInput, InboxAppendInput, InboxClaimOptions,
  InboxItem, InboxStatus, ListRunsOptions, OutboxClaimOptions, OutboxEnqueueInput, OutboxEnqueueResult, OutboxJob,
  OutboxStatus, RunRecord, StartRunInput, TimeInput,
} from './types';

const DROPPED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const RUN_STATUSES = new Set(['succeeded', 'failed', 'aborted']);
const DLQ_KINDS = new Set<DlqKind>(['record', 'webhook', 'action']);

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) invalid(field, `must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

function id(value: unknown, field = 'id'): number {
  if (!Number.isSafeInteger(value) || (value as number) <= 0) invalid(field, `must be a positive integer, got ${String(value)}`);
  return value as number;
}

function notFound(what: string, key: string | number): never {
  throw new StoreError('STORE_NOT_FOUND', `${what} ${JSON.stringify(key)} does not exist`);
}

function addMs(t: TimeInput | undefined, ms: number, field: string): { now: string; until: string } {
  const base = t === undefined ? Date.now() : Date.parse(toIso(t, field));
  return { now: new Date(base).toISOString(), until: new Date(base + ms).toISOString() };
}

function countMap<S extends string>(statuses: readonly S[], rows: { status: string; n: number | string | bigint }[]): Record<S, number> {
  const out = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<S, number>;
  for (const r of rows) if (r.status in out) out[r.status as S] = num(r.n as number);
  return out;
}

/** Builds the queue half of a store. */
export function queuesApi(ctx: StoreContext) {
  const { db, ex, kind } = ctx;
  const skipLocked = kind === 'postgres';
  const xAll = <R>(q: Parameters<typeof all<R>>[0]) => ex.exec(all<R>(q));
  const xRun = (q: Parameters<typeof run>[0]) => ex.exec(run(q));

  // -------------------------------------------------------------------------------------------- runs

  async function startRun(input: StartRunInput): Promise<RunRecord> {
    const mode = input?.mode ?? 'incremental';
    if (!['incremental', 'full', 'webhook'].includes(mode)) invalid('mode', `must be incremental, full or webhook, got ${JSON.stringify(mode)}`);
    const [row] = await xAll(db.insertInto('silta_runs').values({
      stream: text(input.stream, 'stream'), connection: text(input.connection, 'connection'), mode, status: 'running',
      started_at: nowIso(), finished_at: null, fetched: 0, created: 0, updated: 0, unchanged: 0, failed: 0, error: null,
    }).returningAll());
    return toRun(row!);
  }

  async function finishRun(runId: number, input: FinishRunInput): Promise<RunRecord> {
    id(runId);
    if (!RUN_STATUSES.has(input?.status)) invalid('status', `must be succeeded, failed or aborted, got ${JSON.stringify(input?.status)}`);
    const c = input.counts ?? {};
    for (const k of ['fetched', 'created', 'updated', 'unchanged', 'failed'] as const) {
      if (!Number.isInteger(c[k]) || c[k] < 0) invalid(`counts.${k}`, `must be a non-negative integer, got ${String(c[k])}`);
    }
    const [row] = await xAll(db.updateTable('silta_runs').set({
      status: input.status, finished_at: nowIso(), fetched: c.fetched, created: c.created, updated: c.updated,
      unchanged: c.unchanged, failed: c.failed, error: input.error === undefined ? null : cleanError(input.error),
    }).where('id', '=', runId as never).returningAll());
    return row ? toRun(row) : notFound('run', runId);
  }

  async function listRuns(options: ListRunsOptions = {}): Promise<RunRecord[]> {
    const rows = await xAll(db.selectFrom('silta_runs').selectAll()
      .$if(options.stream !== undefined, (q) => q.where('stream', '=', options.stream!))
      .$if(options.connection !== undefined, (q) => q.where('connection', '=', options.connection!))
      .$if(options.status !== undefined, (q) => q.where('status', '=', options.status!))
      .orderBy('id', 'desc').limit(limitOf(options.limit, 50, 10_000)));
    return rows.map(toRun);
  }

  async function getRun(runId: number): Promise<RunRecord | undefined> {
    const [row] = await xAll(db.selectFrom('silta_runs').selectAll().where('id', '=', id(runId) as never));
    return row ? toRun(row) : undefined;
  }

  // ------------------------------------------------------------------------------------------- inbox

  const INBOX_COLS = ['connector', 'webhook', 'connection', 'headers', 'body', 'received_at'] as const;
  const inboxInsert = template(db.insertInto('silta_inbox').values({
    connector: param('connector'), webhook: param('webhook'), connection: param('connection'), headers: param('headers'),
    body: param('body'), received_at: param('received_at'), status: 'pending', attempts: 0,
  }).returning('id'), INBOX_COLS);

  async function inboxAppend(input: InboxAppendInput): Promise<{ id: number }> {
    if (typeof input?.body !== 'string') invalid('body', 'must be the raw request body as a string');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(input.headers ?? {})) {
      if (!DROPPED_HEADERS.has(k.toLowerCase())) headers[k.toLowerCase()] = String(v);
    }
    const values = {
      connector: text(input.connector, 'connector'), webhook: text(input.webhook, 'webhook'),
      connection: text(input.connection, 'connection'), headers: JSON.stringify(headers), body: input.body,
      received_at: input.receivedAt === undefined ? nowIso() : toIso(input.receivedAt, 'receivedAt'),
    };
    if (kind === 'sqlite') return groupAppend(values);
    const [row] = await ex.exec(allT<{ id: number | string }, InboxCol>(inboxInsert, values));
    return { id: num(row!.id) };
  }

  // SQLite group commit: appends arriving in one turn of the event loop (concurrent webhook requests) share
  // one transaction, so a burst costs one WAL commit instead of one each. Each caller's promise still
  // resolves only after the commit that holds its row.
  type InboxCol = (typeof INBOX_COLS)[number];
  let group: Array<{ values: Record<InboxCol, unknown>; resolve: (v: { id: number }) => void; reject: (e: unknown) => void }> = [];
  let flushing: Promise<void> | undefined;
  function groupAppend(values: Record<InboxCol, unknown>): Promise<{ id: number }> {
    return new Promise((resolve, reject) => {
      group.push({ values, resolve, reject });
      if (group.length === 1) flushing = new Promise<void>((done) => setImmediate(() => { void flushGroup().then(done); }));
    });
  }
  function flushGroup(): Promise<void> {
    const batch = group;
    group = [];
    return ex.tx(function* inboxGroupTx(): Step<number[]> {
      const ids: number[] = [];
      for (const item of batch) {
        const [row] = yield* allT<{ id: number | string }, InboxCol>(inboxInsert, item.values);
        ids.push(num(row!.id));
      }
      return ids;
    }).then(
      (ids) => batch.forEach((item, i) => item.resolve({ id: ids[i]! })),
      (err: unknown) => batch.forEach((item) => item.reject(err)),
    );
  }

  /** Waits for appends still waiting for their group commit (called by `close()`). */
  async function drainInbox(): Promise<void> {
    while (flushing) {
      const current = flushing;
      await current;
      if (flushing === current) flushing = undefined;
    }
  }

  async function inboxClaim(limit: number, options: InboxClaimOptions = {}): Promise<InboxItem[]> {
    const n = limitOf(limit, 1, 10_000);
    if (n === 0) return [];
    const { now, until } = addMs(options.now, options.leaseMs ?? 30_000, 'now');
    const rows = await xAll(db.updateTable('silta_inbox')
      .set((eb) => ({ status: 'claimed', leased_until: until, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', (eb) => eb.selectFrom('silta_inbox').select('id')
        .where((w) => w.or([w('status', '=', 'pending'), w.and([w('status', '=', 'claimed'), w('leased_until', '<', now)])]))
        .orderBy('id').limit(n)
        .$if(skipLocked, (q) => q.forUpdate().skipLocked()))
      .returningAll());
    return rows.map(toInboxItem).sort((a, b) => a.id - b.id);
  }

  async function inboxComplete(itemId: number): Promise<void> {
    const n = await xRun(db.updateTable('silta_inbox').set({ status: 'done', leased_until: null, processed_at: nowIso() }).where('id', '=', id(itemId) as never));
    if (n === 0) notFound('inbox item', itemId);
  }

  async function inboxFail(itemId: number, reason: string): Promise<void> {
    const n = await xRun(db.updateTable('silta_inbox').set({ status: 'failed', leased_until: null, processed_at: nowIso(), error: cleanError(text(reason, 'reason')) }).where('id', '=', id(itemId) as never));
    if (n === 0) notFound('inbox item', itemId);
  }

  async function inboxGet(itemId: number): Promise<InboxItem | undefined> {
    const [row] = await xAll(db.selectFrom('silta_inbox').selectAll().where('id', '=', id(itemId) as never));
    return row ? toInboxItem(row) : undefined;
  }

  async function inboxCounts(): Promise<Record<InboxStatus, number>> {
    const rows = await xAll(db.selectFrom('silta_inbox').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status'));
    return countMap(['pending', 'claimed', 'done', 'failed'], rows);
  }

  // ------------------------------------------------------------------------------------------ outbox

  async function outboxGet(keyOrId: string | number): Promise<OutboxJob | undefined> {
    const q = db.selectFrom('silta_outbox').selectAll();
    const [row] = await xAll(typeof keyOrId === 'number' ? q.where('id', '=', id(keyOrId) as never) : q.where('key', '=', text(keyOrId, 'key')));
    return row ? toOutboxJob(row) : undefined;
  }

  async function outboxEnqueue(input: OutboxEnqueueInput): Promise<OutboxEnqueueResult> {
    const now = nowIso();
    const key = text(input?.key, 'key');
    const values = {
      key, rule: text(input.rule, 'rule'), action: text(input.action, 'action'), connection: text(input.connection, 'connection'),
      input: toJson(input.input ?? null), source_key: input.sourceRef === undefined ? null : keyOf(input.sourceRef, 'sourceRef'),
      version: input.version ?? null, status: 'pending', attempts: 0,
      next_attempt_at: input.notBefore === undefined ? now : toIso(input.notBefore, 'notBefore'),
      created_at: now, updated_at: now,
    };
    const [row] = await xAll(db.insertInto('silta_outbox').values(values).onConflict((oc) => oc.column('key').doNothing()).returningAll());
    if (row) return { job: toOutboxJob(row), created: true };
    const job = await outboxGet(key);
    return job ? { job, created: false } : notFound('outbox job', key);
  }

  async function outboxClaim(limit: number, now?: TimeInput, options: OutboxClaimOptions = {}): Promise<OutboxJob[]> {
    const n = limitOf(limit, 1, 10_000);
    if (n === 0) return [];
    const t = addMs(now, options.leaseMs ?? 60_000, 'now');
    const rows = await xAll(db.updateTable('silta_outbox')
      .set((eb) => ({ status: 'leased', leased_until: t.until, attempts: eb('attempts', '+', 1), updated_at: nowIso() }))
      .where('id', 'in', (eb) => eb.selectFrom('silta_outbox').select('id')
        .where((w) => w.or([
          w.and([w('status', '=', 'pending'), w('next_attempt_at', '<=', t.now)]),
          w.and([w('status', '=', 'leased'), w('leased_until', '<', t.now)]),
        ]))
        .orderBy('next_attempt_at').orderBy('id').limit(n)
        .$if(skipLocked, (q) => q.forUpdate().skipLocked()))
      .returningAll());
    return rows.map(toOutboxJob).sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : a.id - b.id));
  }

  async function outboxComplete(jobId: number, output?: unknown): Promise<void> {
    const now = nowIso();
    const n = await xRun(db.updateTable('silta_outbox')
      .set({ status: 'done', output: toJson(output ?? null), leased_until: null, completed_at: now, updated_at: now })
      .where('id', '=', id(jobId) as never));
    if (n === 0) notFound('outbox job', jobId);
  }

  async function outboxRetry(jobId: number, error: string, nextAttemptAt: TimeInput): Promise<void> {
    const n = await xRun(db.updateTable('silta_outbox')
      .set({ status: 'pending', last_error: cleanError(text(error, 'error')), next_attempt_at: toIso(nextAttemptAt, 'nextAttemptAt'), leased_until: null, updated_at: nowIso() })
      .where('id', '=', id(jobId) as never));
    if (n === 0) notFound('outbox job', jobId);
  }

  async function outboxDeadLetter(jobId: number, reason: string): Promise<DlqEntry> {
    id(jobId);
    const why = cleanError(text(reason, 'reason'));
    return ex.tx(function* deadLetterTx(): Step<DlqEntry> {
      const now = nowIso();
      const [row] = yield* all(db.updateTable('silta_outbox')
        .set({ status: 'dead', last_error: why, leased_until: null, updated_at: now })
        .where('id', '=', jobId as never).returningAll());
      if (!row) notFound('outbox job', jobId);
      const [dlq] = yield* all(db.insertInto('silta_dlq').values({
        kind: 'action', reason: why, payload: toJson(toOutboxJob(row)), source: `outbox:${jobId}`, status: 'open', created_at: now, replays: 0,
      }).returningAll());
      return toDlqEntry(dlq!);
    });
  }

  async function outboxRequeue(jobId: number): Promise<void> {
    const now = nowIso();
    const n = await xRun(db.updateTable('silta_outbox')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, leased_until: null, updated_at: now })
      .where('id', '=', id(jobId) as never));
    if (n === 0) notFound('outbox job', jobId);
  }

  async function outboxCounts(): Promise<Record<OutboxStatus, number>> {
    const rows = await xAll(db.selectFrom('silta_outbox').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status'));
    return countMap(['pending', 'leased', 'done', 'dead'], rows);
  }

  // --------------------------------------------------------------------------------- dead-letter queue

  async function dlqAdd(input: DlqAddInput): Promise<DlqEntry> {
    if (!DLQ_KINDS.has(input?.kind)) invalid('kind', `must be record, webhook or action, got ${JSON.stringify(input?.kind)}`);
    const [row] = await xAll(db.insertInto('silta_dlq').values({
      kind: input.kind, reason: cleanError(text(input.reason, 'reason')), payload: toJson(input.payload ?? null),
      source: text(input.source, 'source'), status: 'open', created_at: nowIso(), replays: 0,
    }).returningAll());
    return toDlqEntry(row!);
  }

  async function dlqList(options: DlqListOptions = {}): Promise<DlqEntry[]> {
    const status = options.status ?? 'open';
    const rows = await xAll(db.selectFrom('silta_dlq').selectAll()
      .$if(status !== 'all', (q) => q.where('status', '=', status))
      .$if(options.kind !== undefined, (q) => q.where('kind', '=', options.kind!))
      .orderBy('id').limit(limitOf(options.limit, 100, 10_000)));
    return rows.map(toDlqEntry);
  }

  async function dlqGet(entryId: number): Promise<DlqEntry | undefined> {
    const [row] = await xAll(db.selectFrom('silta_dlq').selectAll().where('id', '=', id(entryId) as never));
    return row ? toDlqEntry(row) : undefined;
  }

  async function dlqDiscard(idOrAll: number | 'all'): Promise<number> {
    const q = db.updateTable('silta_dlq').set({ status: 'discarded', resolved_at: nowIso() }).where('status', '=', 'open');
    if (idOrAll === 'all') return xRun(q);
    const n = await xRun(q.where('id', '=', id(idOrAll) as never));
    if (n === 0 && !(await dlqGet(idOrAll))) notFound('dead-letter entry', idOrAll);
    return n;
  }

  async function dlqMarkReplayed(entryId: number): Promise<void> {
    const n = await xRun(db.updateTable('silta_dlq')
      .set((eb) => ({ status: 'replayed', resolved_at: nowIso(), replays: eb('replays', '+', 1) }))
      .where('id', '=', id(entryId) as never));
    if (n === 0) notFound('dead-letter entry', entryId);
  }

  async function dlqCount(options: { kind?: DlqKind; status?: DlqStatus } = {}): Promise<number> {
    const [row] = await xAll(db.selectFrom('silta_dlq').select((eb) => eb.fn.countAll<number>().as('n'))
      .$if(options.kind !== undefined, (q) => q.where('kind', '=', options.kind!))
      .$if(options.status !== undefined, (q) => q.where('status', '=', options.status!)));
    return num(row?.n);
  }

  return {
    drainInbox,
    startRun, finishRun, listRuns, getRun,
    inboxAppend, inboxClaim, inboxComplete, inboxFail, inboxGet, inboxCounts,
    outboxEnqueue, outboxClaim, outboxComplete, outboxRetry, outboxDeadLetter, outboxRequeue, outboxGet, outboxCounts,
    dlqAdd, dlqList, dlqGet, dlqDiscard, dlqMarkReplayed, dlqCount,
  };
}

