import type { Features, PreparedRecord, Rejected } from '../prepare';
import type { StoredIdentifier } from '../store/types';

/**
 * Prepared records of one chunk as the helper thread sends them back: numbers in one array and the texts that
 * are the record's own (keys, identifier values, blocking keys) in a list. The texts many records share (names,
 * places, dates, kinds, systems, timestamps, reasons) go over once, as entries of a table both threads build in
 * the same order, and are numbers after that. A structured clone of the objects themselves copies every one of
 * those texts for every record, and the calling thread then has to look each up again to share it: that was
 * about four microseconds a record of the thread everything else waits for.
 */
export interface WireChunk {
  ints: Int32Array;
  texts: string[];
  /** Texts added to the shared table by this chunk, in the order of their numbers. */
  added: string[];
}

/** A missing value; a text sent in `texts` rather than by its table number. */
const NONE = -1;
const OWN = -2;
/** Most distinct shared texts the table holds; later ones are sent as the record's own. */
const TABLE_LIMIT = 2_000_000;

/** The feature texts sent by table number, in the order prepareRecord writes them (`gn` and `ga` between). */
const NAME_FIELDS = ['g', 'gr', 'gv'] as const;
const REST_FIELDS = ['f', 'fr', 'fv', 'dob', 'pc', 'st', 'no', 'city'] as const;
const REF_FIELDS = ['system', 'connection', 'type', 'id'] as const;

/**
 * The helper thread's side: encodes chunks of prepared records ({@link WireChunk}).
 *
 * @example
 * const wire = new WireWriter();
 * port.postMessage({ id, wire: wire.encode(prepared) });
 */
export class WireWriter {
  private readonly table = new Map<string, number>();
  private ints = new Int32Array(1024);
  private length = 0;
  private texts: string[] = [];
  private added: string[] = [];

  /** The chunk's records as a {@link WireChunk}, or undefined when one carries something the format does not. */
  encode(records: readonly PreparedRecord[]): WireChunk | undefined {
    for (const p of records) if (!plain(p)) return undefined;
    this.length = 0;
    this.texts = [];
    this.added = [];
    this.int(records.length);
    for (const p of records) this.record(p);
    return { ints: this.ints.slice(0, this.length), texts: this.texts, added: this.added };
  }

  private record(p: PreparedRecord): void {
    this.own(p.key);
    const ref = p.ref;
    this.shared(ref.system);
    this.shared(ref.connection);
    this.shared(ref.type);
    this.own(ref.id);
    this.int(p.identifiers.length);
    for (const id of p.identifiers) {
      this.shared(id.kind);
      this.own(id.value);
      this.shared(id.label);
    }
    this.int(p.blockingKeys.length);
    for (const key of p.blockingKeys) this.own(key);
    const f = p.features;
    for (const field of NAME_FIELDS) this.shared(f[field]);
    this.list(f.ga);
    for (const field of REST_FIELDS) this.shared(f[field]);
    if (f.el === undefined) this.int(NONE);
    else {
      this.int(f.el.length);
      for (const local of f.el) this.own(local);
    }
    this.shared(p.updatedAt);
    this.int(p.rejected.length);
    for (const r of p.rejected) {
      this.own(r.field);
      this.shared(r.reason);
    }
  }

  private list(values: readonly string[] | undefined): void {
    if (values === undefined) this.int(NONE);
    else {
      this.int(values.length);
      for (const v of values) this.shared(v);
    }
  }

  private shared(text: string | undefined): void {
    if (text === undefined) return this.int(NONE);
    let n = this.table.get(text);
    if (n === undefined) {
      if (this.table.size >= TABLE_LIMIT) return this.own(text);
      n = this.table.size;
      this.table.set(text, n);
      this.added.push(text);
    }
    this.int(n);
  }

  private own(text: string): void {
    this.int(OWN);
    this.texts.push(text);
  }

  private int(n: number): void {
    if (this.length === this.ints.length) {
      const bigger = new Int32Array(2 * this.ints.length);
      bigger.set(this.ints);
      this.ints = bigger;
    }
    this.ints[this.length++] = n;
  }
}

/**
 * The calling thread's side: decodes {@link WireChunk}s in the order they were encoded. Table texts pass
 * through `intern` once, so they are the same strings as the records prepared on this thread hold; nickname
 * groups are this thread's own, as {@link shareStrings} would give them.
 *
 * @example
 * const wire = new WireReader(ctx.intern, (given) => ctx.nicknames.get(given));
 * const prepared = wire.decode(answer.wire);
 */
export class WireReader {
  private readonly table: string[] = [];
  private ints: Int32Array = new Int32Array(0);
  private at = 0;
  private texts: readonly string[] = [];
  private textAt = 0;

  constructor(
    private readonly intern: (text: string) => string,
    private readonly nicknameGroups: (given: string) => number[] | undefined,
  ) {}

  decode(chunk: WireChunk): PreparedRecord[] {
    for (const text of chunk.added) this.table.push(this.intern(text));
    this.ints = chunk.ints;
    this.at = 0;
    this.texts = chunk.texts;
    this.textAt = 0;
    const count = this.int();
    const out: PreparedRecord[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = this.record();
    return out;
  }

  private record(): PreparedRecord {
    const key = this.text()!;
    const ref = { system: this.text()!, connection: this.text()!, type: this.text()!, id: this.text()! };
    const identifiers: StoredIdentifier[] = new Array(this.int());
    for (let k = 0; k < identifiers.length; k++) {
      const kind = this.text() as StoredIdentifier['kind'];
      const value = this.text()!;
      const label = this.text();
      identifiers[k] = label === undefined ? { kind, value } : { kind, value, label };
    }
    const blockingKeys: string[] = new Array(this.int());
    for (let k = 0; k < blockingKeys.length; k++) blockingKeys[k] = this.text()!;
    // Written in prepareRecord's order: the features of a record prepared here and one decoded are alike.
    const features: Features = {};
    const g = this.text();
    if (g !== undefined) features.g = g;
    const gr = this.text();
    if (gr !== undefined) features.gr = gr;
    const gv = this.text();
    if (gv !== undefined) features.gv = gv;
    if (g !== undefined) {
      const groups = this.nicknameGroups(g);
      if (groups !== undefined) features.gn = groups;
    }
    const ga = this.list();
    if (ga !== undefined) features.ga = ga;
    for (const field of REST_FIELDS) {
      const v = this.text();
      if (v !== undefined) features[field] = v;
    }
    const locals = this.int();
    if (locals !== NONE) {
      const el: string[] = new Array(locals);
      for (let k = 0; k < locals; k++) el[k] = this.text()!;
      features.el = el;
    }
    const updatedAt = this.text()!;
    const rejected: Rejected[] = new Array(this.int());
    for (let k = 0; k < rejected.length; k++) rejected[k] = { field: this.text()!, reason: this.text()! };
    return { key, ref, identifiers, blockingKeys, features, updatedAt, rejected };
  }

  private list(): string[] | undefined {
    const n = this.int();
    if (n === NONE) return undefined;
    const out: string[] = new Array(n);
    for (let k = 0; k < n; k++) out[k] = this.text()!;
    return out;
  }

  private text(): string | undefined {
    const n = this.int();
    if (n === NONE) return undefined;
    if (n === OWN) return this.texts[this.textAt++];
    return this.table[n];
  }

  private int(): number {
    return this.ints[this.at++]!;
  }
}

const FEATURE_KEYS = new Set<string>([...NAME_FIELDS, 'gn', 'ga', ...REST_FIELDS, 'el']);

/** True when a prepared record has only what {@link WireWriter} carries: a plain reference and known features. */
function plain(p: PreparedRecord): boolean {
  let fields = 0;
  for (const k in p.ref) {
    if (!(REF_FIELDS as readonly string[]).includes(k)) return false;
    fields++;
  }
  if (fields !== REF_FIELDS.length) return false;
  for (const k in p.features) if (!FEATURE_KEYS.has(k)) return false;
  return true;
}
