import { RuleDefinitionError } from './errors';
import type { ContextPart, DeliveryStep, Rule, RulePredicate } from './types';

/** A rule with its trigger set: add context parts, a reason or a team, then `deliver` to finish it. */
export interface TriggeredRoute {
  /** Context parts to build for the receiving team (`person()`, `timeline({ days: 90 })`, `openCases()`). */
  context(...parts: ContextPart[]): TriggeredRoute;
  /** The sentence the packet and handoff carry as `reason` (defaults to the rule name). */
  because(reason: string): TriggeredRoute;
  /** The team the case is handed to, recorded as the packet's handoff. */
  handoffTo(team: string): TriggeredRoute;
  /** The actions to enqueue when the rule fires; returns the finished rule. */
  deliver(...steps: DeliveryStep[]): Rule;
}

/** A rule that has a name and nothing else yet. */
export interface NamedRoute {
  /** The predicates that fire the rule; all of them must hold (use `anyOf` for either-or). */
  when(...predicates: RulePredicate[]): TriggeredRoute;
}

interface Draft {
  name: string;
  when: RulePredicate[];
  context: ContextPart[];
  reason?: string;
  toTeam?: string;
}

/**
 * Starts a routing rule. Rules are data: the builder only collects the trigger, the context parts and the
 * actions, and `runRules` interprets them against the store's change feed.
 *
 * @example
 * route('invoice questions to billing')
 *   .when(caseOpened({ tags: ['lasku'], words: ['lasku', 'invoice', 'hyvitys'] }))
 *   .context(person(), timeline({ days: 90 }), openCases())
 *   .deliver(helpdesk.assignGroup('Laskutus'), helpdesk.privateNote(contextNote()));
 */
export function route(name: string): NamedRoute {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new RuleDefinitionError('route(name): name must be a non-empty string; it is part of every idempotency key');
  }
  return {
    when: function when(...predicates) {
      if (predicates.length === 0) throw new RuleDefinitionError(`rule "${name}": when() needs at least one predicate`);
      return triggered({ name, when: predicates, context: [] });
    },
  };
}

function triggered(draft: Draft): TriggeredRoute {
  return {
    context: function context(...parts) {
      return triggered({ ...draft, context: [...draft.context, ...parts] });
    },
    because: function because(reason) {
      return triggered({ ...draft, reason });
    },
    handoffTo: function handoffTo(team) {
      return triggered({ ...draft, toTeam: team });
    },
    deliver: function deliver(...steps) {
      if (steps.length === 0) throw new RuleDefinitionError(`rule "${draft.name}": deliver() needs at least one action`);
      for (const [i, step] of steps.entries()) {
        if (!step || typeof step.connection !== 'string' || typeof step.action !== 'string') {
          throw new RuleDefinitionError(`rule "${draft.name}": deliver() argument ${i + 1} is not an action step (use act() or a connection's action helpers)`);
        }
      }
      return Object.freeze({
        name: draft.name,
        when: Object.freeze([...draft.when]),
        context: Object.freeze([...draft.context]),
        deliver: Object.freeze([...steps]),
        reason: draft.reason ?? draft.name,
        ...(draft.toTeam !== undefined ? { toTeam: draft.toTeam } : {}),
      });
    },
  };
}

/**
 * Checks a list of rules for duplicate names, which would make two rules share idempotency keys.
 *
 * @example
 * assertRules([ruleA, ruleB]); // throws RuleDefinitionError on a duplicate name
 */
export function assertRules(rules: readonly Rule[]): void {
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.name)) throw new RuleDefinitionError(`two rules are named "${rule.name}"; rule names must be unique`);
    seen.add(rule.name);
  }
}
