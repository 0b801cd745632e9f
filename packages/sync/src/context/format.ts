import type { ContextPacket, Interaction, Money } from '@silta/model';

/** `2026-11-01 10:00` in UTC: the same in every agent's note, whatever the server's zone. */
export function shortDate(iso: string): string {
  return iso.replace('T', ' ').slice(0, 16);
}

/** One line of text at most `max` characters, whitespace collapsed. */
export function snippet(text: string | undefined, max = 120): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function money(m: Money): string {
  return `${m.amount} ${m.currency}`;
}

/** The person's display name, or their first identifier, or their id. */
export function personLabel(packet: ContextPacket): string {
  const n = packet.person.name;
  return n.full ?? ([n.given, n.family].filter(Boolean).join(' ') || packet.person.identifiers[0]?.raw || packet.person.id);
}

/** What one interaction says in a line: its subject, else the start of its text. */
export function interactionSummary(i: Interaction): string {
  return snippet(i.subject && i.text ? `${i.subject}: ${i.text}` : (i.subject ?? i.text), 140);
}
