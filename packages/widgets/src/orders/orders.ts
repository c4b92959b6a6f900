import { define } from '../internal/define.ts';
import { NectarOrders } from './orders.component.ts';

export { NectarOrders };

/** Internal view of `<nectar-panel>` ("My orders"; loaded by it when the client has a commerce adapter). */
define('nectar-orders', NectarOrders);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-orders': NectarOrders;
  }
}
