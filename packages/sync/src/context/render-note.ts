import type { ContextPacket } from '@silta/model';
import { interactionSummary, money, personLabel, shortDate } from './format';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML: customer-written subjects must never become markup in an agent's note.
 *
 * @example
 * escapeHtml('<b>Lasku</b> & hyvitys'); // '&lt;b&gt;Lasku&lt;/b&gt; &amp; hyvitys'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Renders a context packet as the HTML body of a Freshdesk private note: who the customer is, why the case
 * reached this team, their recent history across channels, open cases, orders and invoices.
 *
 * @example
 * const body = renderContextNoteHtml(packet); // '<h3>Silta: Invoice question</h3>…'
 */
export function renderContextNoteHtml(packet: ContextPacket): string {
  const e = escapeHtml;
  const out: string[] = [];
  out.push(`<h3>Silta: ${e(packet.reason)}</h3>`);
  const ids = packet.person.identifiers.map((i) => `${e(i.kind)}: ${e(i.raw || i.value)}`);
  out.push(`<p><b>Customer:</b> ${e(personLabel(packet))}${ids.length ? ` (${ids.join(', ')})` : ''}</p>`);
  if (packet.handoff) {
    out.push(`<p><b>Handoff:</b> ${e(packet.handoff.fromTeam ?? 'unassigned')} → ${e(packet.handoff.toTeam)}</p>`);
  }
  if (packet.timeline.length) {
    out.push(`<p><b>Recent contacts (${packet.timeline.length}, newest first)</b></p><ul>`);
    for (const i of packet.timeline) {
      out.push(`<li>${e(shortDate(i.at))} · ${e(i.channel)} · ${e(i.direction)} · ${e(i.ref.system)} · ${e(interactionSummary(i))}</li>`);
    }
    out.push('</ul>');
  }
  if (packet.openCases.length) {
    out.push('<p><b>Other open cases</b></p><ul>');
    for (const c of packet.openCases) out.push(`<li>${e(c.ref.system)} #${e(c.ref.id)} · ${e(c.status)} · ${e(c.subject)}</li>`);
    out.push('</ul>');
  }
  if (packet.orders.length) {
    out.push('<p><b>Orders</b></p><ul>');
    for (const o of packet.orders) out.push(`<li>${e(o.number)} · ${e(shortDate(o.placedAt))} · ${e(o.status)} · ${e(money(o.total))}</li>`);
    out.push('</ul>');
  }
  if (packet.invoices.length) {
    out.push('<p><b>Invoices</b></p><ul>');
    for (const i of packet.invoices) {
      out.push(`<li>${e(i.number)} · ${e(i.status)} · due ${e(shortDate(i.dueAt))} · ${e(money(i.amountDue))} due</li>`);
    }
    out.push('</ul>');
  }
  if (packet.links.length) {
    const links = packet.links.map((l) => (l.url ? `<a href="${e(l.url)}">${e(l.label)}</a>` : e(l.label)));
    out.push(`<p><small>Sources: ${links.join(' · ')}</small></p>`);
  }
  return out.join('\n');
}
