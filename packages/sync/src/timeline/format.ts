import type { Timeline } from './build';

/** Colours for the terminal; identity functions when output is not a terminal. */
export interface TimelineColors {
  dim(text: string): string;
  bold(text: string): string;
  cyan(text: string): string;
}

const PLAIN: TimelineColors = { dim: (t) => t, bold: (t) => t, cyan: (t) => t };

/**
 * A timeline as terminal lines: a header naming the person, then one line per entry with date (UTC),
 * channel, direction, system and subject or snippet, cut to `width` columns.
 *
 * @example
 * process.stdout.write(formatTimeline(await buildTimeline(store, { email }), { width: process.stdout.columns }));
 */
export function formatTimeline(timeline: Timeline, options: { width?: number; colors?: TimelineColors } = {}): string {
  const c = options.colors ?? PLAIN;
  const width = Math.max(60, options.width ?? 120);
  const name = timeline.person.name.full ?? ([timeline.person.name.given, timeline.person.name.family].filter(Boolean).join(' ') || '(no name)');
  const ids = timeline.person.identifiers.map((i) => i.raw || i.value);
  const lines = [
    `${c.bold(name)}  ${c.dim(timeline.person.id)}`,
    ids.length ? c.dim(ids.join(' · ')) : '',
    c.dim(`${timeline.entries.length} ${timeline.entries.length === 1 ? 'entry' : 'entries'} from ${timeline.parties.length} record${timeline.parties.length === 1 ? '' : 's'} in ${[...new Set(timeline.parties.map((p) => p.system))].join(', ')}, newest first`),
    '',
  ].filter((l, i) => l !== '' || i === 3);
  for (const e of timeline.entries) {
    const date = e.at.replace('T', ' ').slice(0, 16);
    const head = `${date}  ${e.channel.padEnd(7)} ${e.direction.padEnd(8)} ${e.system.padEnd(10)} `;
    const text = flat([e.subject, e.snippet].filter(Boolean).join(' — '));
    const room = Math.max(10, width - head.length);
    lines.push(`${c.dim(date)}  ${c.cyan(e.channel.padEnd(7))} ${e.direction.padEnd(8)} ${e.system.padEnd(10)} ${text.length > room ? `${text.slice(0, room - 1)}…` : text}`);
  }
  if (timeline.entries.length === 0) lines.push(c.dim('(no history yet)'));
  if (timeline.truncated) lines.push(c.dim('… older entries left out; raise --limit to see them'));
  return `${lines.join('\n')}\n`;
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
