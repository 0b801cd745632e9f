import type { ComparisonColumns } from '../match/columns';
import { CANDIDATE_CHUNK, CandidateFinder, type KeyLists } from './candidates';
import type { PrepareHelper } from './prepare-helper';

/**
 * Candidate lists for placing ({@link CandidateFinder}) found on two threads: the helper takes chunk after
 * chunk from a shared counter, and the calling thread, whenever the chunk it is about to place is not there
 * yet, takes the next untaken one itself if that is the chunk or the one after it. So the helper runs ahead
 * while placing is slower than finding, and the two take turns when it is not. A helper that leaves a taken chunk unanswered for `waitMs` is
 * given up: from there on every chunk is found here.
 *
 * `columns` and `lists` must be in shared memory (`ComparisonColumns(n, true)`, `keyListsOf(records, true)`);
 * returns undefined when the helper cannot be given the work.
 *
 * @example
 * const shared = candidatesWithHelper(helper, columns, lists, settings.blockLimit);
 * placeBatch(records, { ...ctx, columns, candidates: shared.candidates });
 * shared.byHelper(); // records whose candidates the helper found
 */
export function candidatesWithHelper(
  helper: Pick<PrepareHelper, 'ready' | 'findCandidates' | 'receiveCandidates'> & Partial<Pick<PrepareHelper, 'recycle'>>,
  columns: ComparisonColumns,
  lists: KeyLists,
  blockLimit: number,
  waitMs = 10_000,
): { candidates: (c: number) => Int32Array; byHelper: () => number } | undefined {
  const claimed = new Int32Array(new SharedArrayBuffer(4));
  if (!helper.ready || !helper.findCandidates({ columns: columns.parts(), lists, blockLimit, claimed })) return undefined;
  let finder = new CandidateFinder(columns, lists, blockLimit);
  const chunks = finder.chunks;
  const found = new Map<number, Int32Array>();
  const fromHelper = new Set<number>();
  let byHelper = 0;
  let alone = false;
  let next = 0; // the chunk asked for next: answers for earlier ones are stale
  const keep = (answers: ReturnType<PrepareHelper['receiveCandidates']>) => {
    for (const a of answers) {
      if (a.chunk < next) continue;
      found.set(a.chunk, a.list);
      fromHelper.add(a.chunk);
    }
  };
  const findHere = (c: number) => {
    if (finder.position > c * CANDIDATE_CHUNK) finder = new CandidateFinder(columns, lists, blockLimit);
    found.set(c, finder.find(c));
    fromHelper.delete(c);
  };
  let lastGiven: Int32Array | undefined;
  function candidates(c: number): Int32Array {
    // The list given before is placed by now: its array goes back to the helper for a later chunk.
    if (lastGiven !== undefined && !alone && helper.recycle !== undefined) helper.recycle(lastGiven);
    lastGiven = undefined;
    next = c;
    for (;;) {
      if (!alone) keep(helper.receiveCandidates(0));
      const list = found.get(c);
      if (list !== undefined) {
        found.delete(c);
        if (fromHelper.delete(c)) byHelper += Math.min(CANDIDATE_CHUNK, finder.size - c * CANDIDATE_CHUNK);
        lastGiven = list;
        return list;
      }
      if (alone) {
        findHere(c);
        continue;
      }
      // The chunk needed, or when the helper holds that one the chunk after it, is found here rather than
      // waited for: while placing is quicker than finding, the two threads take turns.
      if (Atomics.load(claimed, 0) <= c + 1) {
        const mine = Atomics.add(claimed, 0, 1);
        if (mine < chunks) findHere(mine);
        continue;
      }
      // The helper holds chunk c and the next: wait for it.
      const deadline = performance.now() + waitMs;
      let answers = helper.receiveCandidates(waitMs);
      while (answers.length === 0 && performance.now() < deadline) answers = helper.receiveCandidates(deadline - performance.now());
      keep(answers);
      if (answers.length === 0) {
        alone = true;
        Atomics.store(claimed, 0, chunks); // the helper takes no more
      }
    }
  }
  return { candidates, byHelper: () => byHelper };
}
