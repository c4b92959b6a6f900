import { define } from '../internal/define.ts';
import { NectarOrderPicker } from './order-picker.component.ts';

export { NectarOrderPicker };
export { OrderPickEvent, type OrderPickDetail, type PickedItem } from './order-picker.component.ts';

/** Internal sub-component of `<nectar-ticket-form>` (loaded by it when the client has a commerce adapter). */
define('nectar-order-picker', NectarOrderPicker);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-order-picker': NectarOrderPicker;
  }
}
