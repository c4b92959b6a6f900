import { define } from '../internal/define.ts';
import { NectarCsat } from './csat.component.ts';

export { NectarCsat };
export * from '../events.ts';

define('nectar-csat', NectarCsat);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-csat': NectarCsat;
  }
}
