/**
 * The ticket's order as the service looked it up through the shop's backend (`order` of
 * `GET /v1/agent/tickets/:id`): status, items, total and refunds, each shipment with its carrier's
 * tracking page (a new tab, `rel="noopener noreferrer"`), dates and a late flag — or, when the shop could not
 * answer, why. And how a remedy went in the shop (`execution`). Every value is rendered as text.
 */
import { css, html, nothing } from 'lit';
import type { LocalizeController } from './i18n/index.ts';
import type { OrderShipment, Remedy, Ticket } from './types.ts';

export const orderStyles = css`
  .order ul.lines,
  .order ul.shipments {
    margin: 0;
    padding-inline-start: 1.1em;
  }
  .order ul.shipments > li + li {
    margin-top: 0.35em;
  }
  .order .unavailable {
    margin: 0;
    color: var(--_muted);
  }
  .entry .execution {
    margin: 0.2em 0 0;
    color: var(--_muted);
  }
  .entry .execution.failed {
    color: var(--_warning);
    font-weight: 600;
  }
`;

/** Only a web page is linked (the service builds the link, but the console trusts no URL blindly). */
const safeHref = (url: string | null): string | null => {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
};

function renderShipment(l: LocalizeController, s: OrderShipment) {
  const t = l.t.commerce;
  const carrier = s.carrier ?? t.carrierUnknown;
  const href = safeHref(s.trackingUrl);
  const number = s.trackingNumber;
  const date = (label: string, iso: string | null) =>
    iso ? html`<br /><span>${label}: <time datetime=${iso}>${l.dateTime(iso)}</time></span>` : nothing;
  return html`<li>
    ${
      number && href
        ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${t.tracking(carrier, number)}</a>`
        : html`<span>${carrier}: ${number ?? t.noTracking}</span>`
    }
    ${date(t.shipped, s.shippedAt)} ${date(t.delivered, s.deliveredAt)} ${date(t.eta, s.estimatedDeliveryAt)}
  </li>`;
}

/** The "Order" card of a ticket that names one; nothing for a ticket without an order. */
export function renderOrder(l: LocalizeController, ticket: Ticket) {
  const order = ticket.order;
  if (!ticket.orderRef || !order) return nothing;
  const t = l.t.commerce;
  const body = order.unavailable
    ? html`<p class="unavailable" role="status">
        ${ticket.orderRef}: ${t.unavailable[order.unavailable] ?? t.unavailable.backend_error}
      </p>`
    : html`<dl>
        <dt>${t.number}</dt>
        <dd>${order.number ?? ticket.orderRef}</dd>
        <dt>${t.status}</dt>
        <dd>
          ${t.statuses[order.status ?? ''] ?? order.status}${
            order.fulfillment ? html`, ${t.fulfillments[order.fulfillment] ?? order.fulfillment}` : nothing
          }
          ${order.state ? html`<span>(${order.state})</span>` : nothing}
          ${order.late ? html`<br /><span class="badge danger" title=${t.lateHint}>${t.late}</span>` : nothing}
        </dd>
        ${
          order.placedAt
            ? html`<dt>${t.placed}</dt>
                <dd><time datetime=${order.placedAt}>${l.dateTime(order.placedAt)}</time></dd>`
            : nothing
        }
        ${
          order.total
            ? html`<dt>${t.total}</dt>
                <dd>${l.money(Number(order.total.amount), order.total.currency)}</dd>`
            : nothing
        }
        ${
          order.totals && Number(order.totals.refunded.amount) > 0
            ? html`<dt>${t.refunded}</dt>
                <dd>${l.money(Number(order.totals.refunded.amount), order.totals.refunded.currency)}</dd>`
            : nothing
        }
        ${
          order.customer?.email
            ? html`<dt>${t.customer}</dt>
                <dd>${order.customer.email}</dd>`
            : nothing
        }
        <dt>${t.lines}</dt>
        <dd>
          <ul class="lines">
            ${(order.lines ?? []).map((line) => html`<li>${t.line(String(line.quantity), line.title)}</li>`)}
          </ul>
        </dd>
        <dt>${t.shipments}</dt>
        <dd>
          ${
            order.shipments?.length
              ? html`<ul class="shipments">
                  ${order.shipments.map((s) => renderShipment(l, s))}
                </ul>`
              : t.noShipments
          }
        </dd>
      </dl>`;
  return html`<section class="card order" aria-labelledby="order-heading">
    <h2 id="order-heading">${t.heading}</h2>
    ${body}
  </section>`;
}

/** How a remedy went in the shop, under its terms on the timeline (nothing for one recorded before this existed). */
export function renderExecution(l: LocalizeController, remedy: Remedy) {
  const t = l.t.commerce.execution;
  if (!remedy.execution) return nothing;
  const text =
    remedy.execution === 'executed'
      ? t.executed(remedy.reference ?? '?')
      : remedy.execution === 'failed'
        ? t.failed(remedy.error ?? '')
        : t.manual;
  return html`<p class=${`execution ${remedy.execution}`}>${text}</p>`;
}
