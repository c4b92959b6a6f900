import { define } from '../internal/define.ts';
import { NectarPanel } from './panel.component.ts';

export { NectarPanel };
export type { PanelView } from './panel.component.ts';
export * from '../events.ts';

define('nectar-panel', NectarPanel);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-panel': NectarPanel;
  }
}
