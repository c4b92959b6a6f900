import { define } from '../internal/define.ts';
import { NectarLauncher } from './launcher.component.ts';

export { NectarLauncher };

define('nectar-launcher', NectarLauncher);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-launcher': NectarLauncher;
  }
}
