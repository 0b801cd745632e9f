import { STORY } from './fixtures';
import type { StoryContext } from './types';

/** The helpdesk streams the story syncs, in order. */
export const STORY_STREAMS = ['tickets', 'conversations', 'contacts'] as const;

/**
 * Syncs the helpdesk's tickets, conversations and contacts (incrementally after the first time); throws
 * naming the stream when a run does not succeed.
 *
 * @example
 * const changed = await syncHelpdesk(ctx);
 */
export async function syncHelpdesk(ctx: StoryContext): Promise<number> {
  let changed = 0;
  for (const stream of STORY_STREAMS) {
    for (const s of await ctx.engine.runOnce({ select: [`${STORY.helpdeskConnection}/${stream}`], full: false })) {
      if (s.status !== 'succeeded') throw new Error(`syncing ${s.connection}/${s.stream} ${s.status}: ${s.error ?? 'see the run log'}`);
      changed += s.counts.created + s.counts.updated;
    }
  }
  return changed;
}
