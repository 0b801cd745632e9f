import { renderContextEmail, type RenderedEmail } from '../context/render-email';
import { renderContextNoteHtml } from '../context/render-note';
import { RuleDeliveryError } from './errors';
import type { DeliveryContext, DeliveryStep, InputOf } from './types';

/**
 * One action to deliver: run `action` of the connection named `connection` with `input` (a value, or a
 * function of the firing rule's context).
 *
 * @example
 * act('helpdesk', 'addNote', (ctx) => ({ ticketId: ctx.case!.ref.id, body: renderContextNoteHtml(ctx.packet), private: true }))
 */
export function act<TInput>(connection: string, action: string, input: InputOf<TInput>): DeliveryStep {
  return Object.freeze({ connection, action, input, label: `${connection}.${action}` });
}

/** Any action definition, whatever its config, client and input types. */
type AnyAction = { name: string; run(ctx: never, input: never): Promise<unknown> };
type InputOfAction<A> = A extends { run(ctx: never, input: infer I): unknown } ? I : never;

/** Typed step builders for every action of a connector, bound to one connection name. */
export type ConnectionSteps<TActions extends Record<string, AnyAction>> = {
  [K in keyof TActions & string]: (input: InputOf<InputOfAction<TActions[K]>>) => DeliveryStep;
};

/**
 * Step builders for one configured connection, typed from its connector's actions.
 *
 * @example
 * const helpdesk = actionsOf<typeof freshdeskConnector.actions>('helpdesk');
 * route('vip').when(caseOpened({ tags: ['vip'] })).deliver(helpdesk.updateTicket((ctx) => ({ ticketId: ctx.case!.ref.id, priority: 4 })));
 */
export function actionsOf<TActions extends Record<string, AnyAction>>(connection: string): ConnectionSteps<TActions> {
  return new Proxy({} as ConnectionSteps<TActions>, {
    get(_target, action) {
      if (typeof action !== 'string') return undefined;
      return function step(input: InputOf<unknown>) {
        return act(connection, action, input);
      };
    },
  });
}

/**
 * The context packet as a Freshdesk private note body (HTML), for a note action's `body`.
 *
 * @example
 * helpdesk.privateNote(contextNote())
 */
export function contextNote(): (ctx: DeliveryContext) => string {
  return function contextNoteBody(ctx) {
    return renderContextNoteHtml(ctx.packet);
  };
}

/**
 * The context packet as a plain-text email (subject and text), for an email action's input.
 *
 * @example
 * act('mail', 'send', (ctx) => ({ to: 'laskutus@yritys.fi', ...contextEmail()(ctx) }))
 */
export function contextEmail(): (ctx: DeliveryContext) => RenderedEmail {
  return function contextEmailBody(ctx) {
    return renderContextEmail(ctx.packet);
  };
}

/**
 * Resolves a step's input for one firing: calls it when it is a function.
 *
 * @example
 * resolveInput(act('helpdesk', 'addNote', (ctx) => ({ ticketId: caseIdOf(ctx) })), ctx); // { ticketId: '123' }
 */
export function resolveInput(step: DeliveryStep, ctx: DeliveryContext): unknown {
  return typeof step.input === 'function' ? (step.input as (c: DeliveryContext) => unknown)(ctx) : step.input;
}

/**
 * The vendor id of the case a rule fired on, for ticket actions; throws `RULE_INPUT_INVALID` when the
 * change concerns no case.
 *
 * @example
 * helpdesk.updateTicket((ctx) => ({ ticketId: caseIdOf(ctx), changes: { priority: 3 } }))
 */
export function caseIdOf(ctx: DeliveryContext): string {
  if (!ctx.case) {
    throw new RuleDeliveryError('RULE_INPUT_INVALID', `rule "${ctx.rule}" fired on ${ctx.record.entity} ${ctx.record.ref.id}, which belongs to no case, but its action needs one`);
  }
  return ctx.case.ref.id;
}
