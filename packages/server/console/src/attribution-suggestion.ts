import { css, html, LitElement, nothing } from 'lit';
import { api } from './api.ts';
import { define } from './define.ts';
import { LocalizeController } from './i18n/index.ts';
import { base } from './styles.ts';
import { ATTRIBUTION_FIELDS, type Attribution } from './types.ts';

/** What `GET /v1/agent/tickets/:id/attribution/suggestion` answers. */
export interface AttributionSuggestion extends Attribution {
  from: Partial<Record<keyof Attribution, 'mapping' | 'item' | 'category'>>;
  sku?: string;
}

/** The agent accepted the suggestion: the values to save (the ones that differ from what is saved). */
export class AcceptAttributionEvent extends Event {
  readonly attribution: Attribution;
  constructor(attribution: Attribution) {
    super('console-accept-attribution', { bubbles: true, composed: true });
    this.attribution = attribution;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'console-accept-attribution': AcceptAttributionEvent;
  }
}

/**
 * A ticket's suggested attribution — product and supplier from its items and the merchant's SKU mapping,
 * department and issue type from its category — each value with where it came from, and "Accept suggestion",
 * which saves the values that differ from what is saved (the fields stay editable). Shows nothing when there is
 * nothing new to suggest.
 */
export class ConsoleAttributionSuggestion extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: block;
      }
      .box {
        border: 1px dashed var(--_border);
        border-radius: var(--_radius);
        padding: 0.6rem 0.8rem;
        margin-bottom: var(--_space);
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.2rem 0.8rem;
        margin: 0.3rem 0 0.6rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  static override properties = {
    ticketId: { attribute: false },
    attribution: { attribute: false },
    disabled: { type: Boolean },
    _suggestion: { state: true },
  };
  declare ticketId: string | null;
  declare attribution: Attribution;
  declare disabled: boolean;
  declare _suggestion: AttributionSuggestion | null;

  private l = new LocalizeController(this);
  private asked: string | null = null;

  constructor() {
    super();
    this.ticketId = null;
    this.attribution = {};
    this.disabled = false;
    this._suggestion = null;
  }

  override willUpdate() {
    const id = this.ticketId;
    if (!id || id === this.asked) return;
    this.asked = id;
    this._suggestion = null;
    api.attributionSuggestion(id).then(
      (s) => {
        if (this.asked === id) this._suggestion = s;
      },
      // A suggestion is a help, not the ticket: without it the fields still work.
      () => {},
    );
  }

  /** The suggested values not saved yet. */
  private get changes(): Attribution {
    const s = this._suggestion;
    const out: Attribution = {};
    if (!s) return out;
    for (const field of ATTRIBUTION_FIELDS) {
      const value = s[field];
      if (value && value !== this.attribution[field]) out[field] = value;
    }
    return out;
  }

  override render() {
    const s = this._suggestion;
    const changes = this.changes;
    if (!s || Object.keys(changes).length === 0) return nothing;
    const t = this.l.t.suggestion;
    const names = this.l.t.ticket.attributionFields;
    return html`<div class="box" role="group" aria-labelledby="suggestion-heading">
      <strong id="suggestion-heading">${t.heading}</strong>
      <dl>
        ${ATTRIBUTION_FIELDS.filter((f) => s[f]).map(
          (f) =>
            html`<dt>${names[f] ?? f}</dt>
              <dd>
                ${s[f]}
                <span class="muted"
                  >(${s.from[f] ? t.from[s.from[f]!] : ''}${f === 'product' && s.sku ? `, ${t.sku(s.sku)}` : ''})</span
                >
              </dd>`,
        )}
      </dl>
      <button
        type="button"
        ?disabled=${this.disabled}
        @click=${() => this.dispatchEvent(new AcceptAttributionEvent(changes))}
      >
        ${t.accept}
      </button>
    </div>`;
  }
}

define('nectar-console-attribution-suggestion', ConsoleAttributionSuggestion);

declare global {
  interface HTMLElementTagNameMap {
    'nectar-console-attribution-suggestion': ConsoleAttributionSuggestion;
  }
}
