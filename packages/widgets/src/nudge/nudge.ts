import { define } from '../internal/define.ts';
import { NectarNudge } from './nudge.component.ts';

export { NectarNudge };
export * from '../events.ts';

define('nectar-nudge', NectarNudge);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-nudge': NectarNudge;
  }
}
