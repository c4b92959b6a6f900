/**
 * The ticket form's own check before it submits: the shared schema (zod and the contract's ticket schema,
 * as the service checks), imported by the form once the shopper starts on it (a rendered form loads no
 * validator). The same schema modules are what the client checks a ticket with, so they are loaded when
 * the submit comes, online or not.
 *
 * What only a submit leads to comes with it (a submit waits for this module): the errors at the fields
 * (`field-errors.ts`) and the confirmation once the request is sent or queued (`renderResult`).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { issuesToFields, ticketCreateSchema, type TicketReceipt } from '@nectar/core/schema';
import { enValidation } from '@nectar/core/i18n';
import type { TicketDraft } from '@nectar/core';
import { addEnglish, type Catalog } from '../i18n/index.ts';
import { formResult } from '../i18n/en/form.ts';
import { mapFieldErrors, type FieldErrors } from './field-errors.ts';

export { firstErrorField, mapFieldErrors } from './field-errors.ts';

addEnglish({ form: formResult, core: enValidation });

export interface FormValues {
  category: string;
  message: string;
  subject: string;
  orderRef: string;
  /** What was typed, or else the signed-in shopper's email. */
  email: string;
  /** What was typed in the email field. */
  typedEmail: string;
  /** The contact may be left out (`contactKnown`): a verified shopper. */
  known: boolean;
  name: string;
  /** "Call me back" (`callback-fields.ts`). */
  callback?: TicketDraft['callback'];
}

/** The form's check before it submits: the shared schema's verdict at the form's fields. */
export function validateForm(v: FormValues): FieldErrors {
  const result = ticketCreateSchema.safeParse({
    category: v.category || undefined,
    message: v.message,
    subject: v.subject.trim() || undefined,
    orderRef: v.orderRef.trim() || undefined,
    callback: v.callback,
    contact: v.email || !v.known ? { email: v.email, name: v.name.trim() || undefined } : undefined,
  });
  return result.success ? {} : mapFieldErrors(issuesToFields(result.error.issues), !v.typedEmail.trim());
}

/** The confirmation's styles: adopted by the form's shadow root when it first shows one (not on the way to the form). */
const resultStyles = css`
  .result dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 0.75rem;
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  .result dt {
    color: var(--_muted);
  }
  .result dd {
    margin: 0;
    font-weight: 700;
    overflow-wrap: anywhere;
  }
  .status-view {
    margin-top: var(--_space);
  }
`;

export interface ResultView {
  /** The form's shadow root (adopts `resultStyles`). */
  root: ShadowRoot;
  /** The request reached the service (else it waits in the outbox under `localId`). */
  receipt: TicketReceipt | undefined;
  localId: string | undefined;
  showStatus: boolean;
  lang: string;
  theme: string;
  client: unknown;
  dateTime(iso: string): string;
  onShowStatus(): void;
  onNewRequest(): void;
}

/** The confirmation once the request is sent (its number and promise) or queued (its local reference). */
export function renderResult(m: Catalog, v: ResultView): TemplateResult {
  const f = m.form;
  const receipt = v.receipt;
  const sheet = resultStyles.styleSheet;
  const sheets = v.root.adoptedStyleSheets;
  if (sheet && !sheets.includes(sheet)) v.root.adoptedStyleSheets = [...sheets, sheet];
  return html`<section class="result" part="result" aria-labelledby="result-heading">
    <h2 id="result-heading" tabindex="-1">${receipt ? f.sentHeading : f.queuedHeading}</h2>
    ${
      receipt
        ? html`<dl>
              <dt>${f.ticketNumber}</dt>
              <dd part="ticket-number">${receipt.number}</dd>
            </dl>
            <p part="promise">${m.core.ticket.firstResponseBy(v.dateTime(receipt.promise.firstResponseBy))}</p>`
        : html`<p class="alert" role="status">${m.core.ticket.queued}</p>
            <dl>
              <dt>${f.localReference}</dt>
              <dd part="ticket-number">${v.localId}</dd>
            </dl>`
    }
    <div class="actions">
      ${
        receipt && !v.showStatus
          ? html`<button type="button" class="primary" @click=${v.onShowStatus}>${f.viewStatus}</button>`
          : nothing
      }
      <button type="button" @click=${v.onNewRequest}>${f.newRequest}</button>
    </div>
    ${
      receipt && v.showStatus
        ? html`<div class="status-view">
            <nectar-ticket-status
              ticket-id=${receipt.id}
              access-token=${receipt.accessToken}
              .client=${v.client}
              lang=${v.lang || nothing}
              theme=${v.theme}
            ></nectar-ticket-status>
          </div>`
        : nothing
    }
  </section>`;
}
