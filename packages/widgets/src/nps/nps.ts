import { define } from '../internal/define.ts';
import { NectarNps } from './nps.component.ts';

export { NectarNps };
export * from '../events.ts';

define('nectar-nps', NectarNps);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-nps': NectarNps;
  }
}
