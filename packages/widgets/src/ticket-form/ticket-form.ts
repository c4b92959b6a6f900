import { define } from '../internal/define.ts';
import { NectarTicketForm } from './ticket-form.component.ts';

export { NectarTicketForm };
export * from '../events.ts';

define('nectar-ticket-form', NectarTicketForm);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-ticket-form': NectarTicketForm;
  }
}
