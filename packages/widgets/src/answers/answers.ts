import { define } from '../internal/define.ts';
import { NectarAnswers } from './answers.component.ts';

export { NectarAnswers };
export * from '../events.ts';

define('nectar-answers', NectarAnswers);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-answers': NectarAnswers;
  }
}
