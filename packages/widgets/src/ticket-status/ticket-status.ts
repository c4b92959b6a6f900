import { define } from '../internal/define.ts';
import { NectarTicketStatus } from './ticket-status.component.ts';

export { NectarTicketStatus };
export * from '../events.ts';

define('nectar-ticket-status', NectarTicketStatus);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-ticket-status': NectarTicketStatus;
  }
}
