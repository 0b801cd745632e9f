/** The latest of these ISO timestamps, as written (undefined ones are skipped). */
export function latest(...times: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const t of times) if (t !== undefined && (best === undefined || Date.parse(t) > Date.parse(best))) best = t;
  return best;
}

/** The earliest of these ISO timestamps, as written (undefined ones are skipped). */
export function earliest(...times: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  for (const t of times) if (t !== undefined && (best === undefined || Date.parse(t) < Date.parse(best))) best = t;
  return best;
}
