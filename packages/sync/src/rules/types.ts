import type { Case, CanonicalRecord, ContextPacket, Interaction, PartyRecord, SourceRef } from '@silta/model';

/**
 * One change the router hands to rules: what the store's change feed recorded for one record. `after` is
 * absent for a delete, `before` for a create.
 */
export interface RuleChange {
  seq: number;
  kind: 'created' | 'updated' | 'deleted';
  ref: SourceRef;
  before?: CanonicalRecord | null;
  after?: CanonicalRecord | null;
  /** The payload hash of `after`, when the store recorded one; part of the idempotency key. */
  hash?: string | null;
}

/** The reads predicates and context parts may make, satisfied by the store (and identity, where present). */
export interface RuleReader {
  getRecord(ref: SourceRef): Promise<CanonicalRecord | undefined>;
  /** Every record filed under one of these party refs (interactions, cases, orders, invoices, …). */
  listRecordsByParty(refs: SourceRef[]): Promise<CanonicalRecord[]>;
  /** The person a party record belongs to and all their party records, across systems. */
  resolvePerson(partyRef: SourceRef): Promise<ResolvedPerson | undefined>;
  now(): Date;
}

/** One person as far as Silta knows them: a stable id and the party records that make them up. */
export interface ResolvedPerson {
  id: string;
  parties: PartyRecord[];
}

/**
 * A `when` predicate: decides whether a change concerns a rule. `describe` reads as the rule's trigger in
 * logs and in `silta rules` listings.
 */
export interface RulePredicate {
  readonly describe: string;
  test(change: RuleChange, reader: RuleReader): boolean | Promise<boolean>;
}

/** The packet under construction, plus the person's party records the parts share. */
export interface PacketDraft {
  packet: ContextPacket;
  person: ResolvedPerson | undefined;
  /** The record that triggered the rule (after the change). */
  subject: CanonicalRecord;
  /** Records filed under the person's party refs, fetched once and shared by the parts. */
  related: CanonicalRecord[];
}

/** One piece of a context packet (`person()`, `timeline()`, `openCases()`, …). */
export interface ContextPart {
  readonly name: string;
  apply(draft: PacketDraft, reader: RuleReader): void | Promise<void>;
}

/** What an action's input is computed from when a rule fires. */
export interface DeliveryContext {
  rule: string;
  change: RuleChange;
  /** The record after the change. */
  record: CanonicalRecord;
  /** The case the change concerns: the record itself, or an interaction's case when it was found. */
  case: Case | undefined;
  interaction: Interaction | undefined;
  packet: ContextPacket;
  /** The key this delivery is enqueued under; actions embed it (a note marker) for `findPrevious`. */
  idempotencyKey: string;
}

/** An action input given as a value or computed from the firing rule's context. */
export type InputOf<T> = T | ((ctx: DeliveryContext) => T);

/** One action a rule delivers: which connection, which of its actions, and the input. */
export interface DeliveryStep {
  readonly connection: string;
  readonly action: string;
  readonly input: InputOf<unknown>;
  /** A short label for logs (`helpdesk.addNote`). */
  readonly label: string;
}

/** A finished rule, as `silta.config.ts` lists it and `runRules` runs it. */
export interface Rule {
  readonly name: string;
  readonly when: readonly RulePredicate[];
  readonly context: readonly ContextPart[];
  readonly deliver: readonly DeliveryStep[];
  /** A sentence for handoffs and the packet's `reason`; defaults to the rule name. */
  readonly reason: string;
  /** The team a handoff goes to, recorded in the packet's `handoff`. */
  readonly toTeam?: string;
}
