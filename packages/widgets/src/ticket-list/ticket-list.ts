import { define } from '../internal/define.ts';
import { NectarTicketList } from './ticket-list.component.ts';

export { NectarTicketList };
export * from '../events.ts';

define('nectar-ticket-list', NectarTicketList);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-ticket-list': NectarTicketList;
  }
}
