import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { enCategories, enErrors, enTicket } from '@nectar/core/i18n';
import { live } from 'lit/directives/live.js';
import { CATEGORIES, LIMITS, type Category, type TicketReceipt } from '@nectar/core/schema';
import { NetworkError, isValidationError } from '@nectar/core/errors';
import type { NectarClient, TicketDraft, Unsubscribe } from '@nectar/core';
import { NectarElement } from '../internal/nectar-element.ts';
import { form } from '../i18n/en/form.ts';
import { baseStyles, largeText } from '../internal/styles.ts';
import { DraftController } from '../internal/controllers/draft.ts';
import { errorMessage, type Catalog } from '../i18n/index.ts';
import { NectarErrorEvent, NectarOpenEvent, NectarQueuedEvent, NectarSubmitEvent } from '../events.ts';
import { fieldStyles } from '../internal/field.styles.ts';
import { ticketFormStyles } from './ticket-form.styles.ts';
import type { OrderPickEvent, PickedItem } from '../order-picker/order-picker.component.ts';
import type { Field, FieldErrors, Localized } from './field-errors.ts';
import { renderFieldError } from './field-error.ts';
import type { PhotosController, StoredPhoto } from './photos.controller.ts';
import { renderPhotoField } from './photo-field.ts';
import { photoFiles, toTicketDraft, type StoredDraft } from './draft.ts';
import type { CallState } from './callback-fields.ts';

type Status = 'editing' | 'sending' | 'queued' | 'sent';

/**
 * The call-back fields, loaded when the shopper asks for a call (module level: the published build rewrites the
 * `.ts` specifier here, not inside a class field).
 */
const loadCallFields = () => import('./callback-fields.ts');
const loadPlain = () => import('../i18n/plain.ts');

/**
 * A help-request form: category, order number, message, photos and contact. The draft
 * autosaves on this device and comes back after a reload until it is sent; without a
 * connection the request is queued and sent later, and the form says so.
 *
 * @summary A help-request form: category, order, message, photos and contact; autosaved, offline-aware.
 *
 * @event nectar-submit - The ticket reached the service; `detail.ticket` is its receipt (also fired when a queued ticket goes through later).
 * @event nectar-queued - No connection: the ticket waits in the outbox; `detail.localId` identifies it.
 * @event nectar-error - Submitting failed, or the service refused a queued ticket later; `detail.error` is the typed error, `detail.code` its code (`origin_not_allowed`, `unknown_site`, `validation_failed`…). The fields keep (or get back) their values. Also bubbles from the status view when loading it fails.
 * @event nectar-open - The shopper opened the status view of the new ticket; `detail.view` is `'ticket-status'`.
 *
 * @slot header - Replaces the form's heading and intro.
 *
 * @csspart base - The wrapper of everything.
 * @csspart form - The form element.
 * @csspart categories - The category fieldset.
 * @csspart category - One category card.
 * @csspart field - A labelled field.
 * @csspart input - A text input or the message textarea.
 * @csspart counter - The message's character counter.
 * @csspart field-error - A field's error message.
 * @csspart photos - The photo list.
 * @csspart photo - One photo preview with its remove button.
 * @csspart remove-button - A photo's remove button.
 * @csspart submit - The submit button.
 * @csspart alert - The error message after a failed submit.
 * @csspart result - The queued or sent confirmation.
 * @csspart ticket-number - The ticket number (sent) or the local reference (queued).
 * @csspart promise - The promised first-response time.
 * @csspart draft-status - "Draft saved" notice.
 * @csspart order-picker - The shopper's orders and the affected items (when the client has a commerce adapter).
 *
 * @cssprop --nectar-color-accent - Buttons, selection and focus rings.
 * @cssprop --nectar-color-on-accent - Text on accent-coloured buttons.
 * @cssprop --nectar-color-text - Text.
 * @cssprop --nectar-color-muted - Hints and secondary text.
 * @cssprop --nectar-color-background - Background.
 * @cssprop --nectar-color-surface - Selected cards, alerts.
 * @cssprop --nectar-color-border - Field borders.
 * @cssprop --nectar-color-danger - Errors.
 * @cssprop --nectar-radius - Corner radius.
 * @cssprop --nectar-spacing - Base spacing.
 * @cssprop --nectar-font-family - Font.
 * @cssprop --nectar-font-size - Base font size (everything scales with it).
 * @cssprop --nectar-large-text - Large text's body size (set by `text-size="large"`, default `max(20px, 1.25rem)`); set, it also lifts hints and targets (≥ 48 px).
 */
export class NectarTicketForm extends NectarElement {
  static override english = { form, core: { ...enCategories, ...enTicket, ...enErrors } };
  static override styles = [baseStyles, fieldStyles, ticketFormStyles];

  static override properties: PropertyDeclarations = {
    ...NectarElement.properties,
    category: {},
    orderRef: { attribute: 'order-ref' },
    email: {},
    draftKey: { attribute: 'draft-key' },
    textSize: { attribute: 'text-size' },
    prefill: { attribute: false },
    _subject: { state: true },
    _message: { state: true },
    _email: { state: true },
    _name: { state: true },
    _errors: { state: true },
    _status: { state: true },
    _failure: { state: true },
    _receipt: { state: true },
    _localId: { state: true },
    _showStatus: { state: true },
    _items: { state: true },
    _pickerReady: { state: true },
    _call: { state: true },
  };

  /**
   * Chosen category (also a prefill): `damaged`, `missing_or_wrong`, `delivery`, `return_refund`, `order_change`,
   * `product_question`, `account_payment` or `other`; empty for none.
   */
  declare category: Category | '';
  /** Order number (also a prefill). */
  declare orderRef: string;
  /** Prefills the contact email. */
  declare email: string;
  /** Key of the autosaved draft; forms with different keys keep separate drafts. */
  declare draftKey: string;
  /** `large`: body text ≥ 20 px, targets ≥ 48 px, one column and the hints in plain wording; `normal` undoes a page-wide `large`. */
  declare textSize: 'large' | 'normal' | undefined;
  /**
   * A prefill (`<nectar-panel>`'s, e.g. the answers' hand-off): its `message` fills an empty message once the
   * draft is back (never what the shopper typed), its `context` (`searchQuery`, `answerId`) goes with the ticket.
   */
  declare prefill: Partial<TicketDraft> | undefined;

  declare private _subject: string;
  declare private _message: string;
  declare private _email: string;
  declare private _name: string;
  declare private _errors: FieldErrors;
  declare private _status: Status;
  declare private _failure: unknown;
  declare private _receipt: TicketReceipt | undefined;
  declare private _localId: string | undefined;
  declare private _showStatus: boolean;
  declare private _items: PickedItem[];
  declare private _pickerReady: boolean;
  /** "Call me back" chosen: the number and window (its fields are their own chunk, `callback-fields.ts`). */
  declare private _call: CallState | undefined;
  private callFields: typeof import('./callback-fields.ts') | undefined;
  private pickerLoading = false;

  private touched = false;
  /** Large text is on: the hints in plain wording (`i18n/plain.ts`, imported then). */
  private large = false;
  private plain: typeof import('../i18n/plain.ts') | undefined;
  /** The form's check (`validate.ts`), imported once the shopper starts on the form or a draft comes back. */
  private check: Promise<typeof import('./validate.ts')> | undefined;
  /** The check once loaded: what follows a submit (errors at the fields, the confirmation) comes with it. */
  private checked: typeof import('./validate.ts') | undefined;
  /** A submit is waiting for the check: a second click does nothing. */
  private checking = false;
  /** What the shopper sent while the ticket waits in the outbox: back in the fields if it is refused later. */
  private queuedDraft: StoredDraft | undefined;
  /**
   * The chosen photos' checks and previews (`photos.controller.ts`, a chunk of its own): imported once the shopper
   * starts on the form, chooses a file or a draft brings photos back.
   */
  private photos: PhotosController | undefined;
  private photosLoad: Promise<PhotosController> | undefined;
  /** The draft's photos until the controller holds them (kept, not lost, if it cannot be imported). */
  private keptPhotos: StoredPhoto[] = [];

  private readonly draft = new DraftController<StoredDraft>(this, {
    key: () => `ticket-form:${this.draftKey || 'default'}`,
    read: () => this.snapshot(),
    restore: (d) => this.restoreDraft(d),
  });

  constructor() {
    super();
    this.category = '';
    this.orderRef = '';
    this.email = '';
    this.draftKey = 'default';
    this._subject = '';
    this._message = '';
    this._email = '';
    this._name = '';
    this._errors = {};
    this._status = 'editing';
    this._failure = undefined;
    this._showStatus = false;
    this._items = [];
    this._pickerReady = false;
  }

  protected override subscribeClient(client: NectarClient): Unsubscribe[] {
    return [
      client.on('ticket-sent', ({ localId, ticket }) => {
        if (this._status === 'queued' && localId === this._localId) void this.onSent(ticket);
      }),
      client.on('outbox-error', ({ kind, localId, error }) => {
        if (kind === 'ticket' && this._status === 'queued' && localId === this._localId) void this.onRefused(error);
      }),
      client.on('open', ({ prefill }) => {
        if (prefill) this.applyPrefill(prefill);
      }),
    ];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.draft.ready.then(() => (this._message ||= this.prefill?.message ?? ''));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('draftKey') && this.hasUpdated) this.draft.load();
    if (!this._email && !this.touched) this._email = this.startEmail;
    // The size is read when it can change (first, and at `text-size`: the panel hands it), not at every keystroke.
    if (!this.hasUpdated || changed.has('textSize')) this.large = largeText(this);
    if (this.large && !this.plain) {
      void loadPlain().then(
        (plain) => ((this.plain = plain), this.requestUpdate()),
        () => undefined,
      );
    }
  }

  /** "Call me back" as the client takes it. */
  private get callback() {
    return this._call && this.callFields?.toCallback(this._call);
  }

  /** The email the form starts with: the `email` prefill, else the signed-in shopper's. */
  private get startEmail(): string {
    return this.email || this.activeClient?.user?.email || '';
  }

  /** The shop knows how to answer: the shopper's email, or a verified shopper on a desk that fills it in. */
  private get contactKnown(): boolean {
    const c = this.activeClient;
    const u = c?.user;
    return !!(u?.email || (u?.id && u.hash && c?.desk.capabilities.verifiedContact));
  }

  /** The order picker is its own chunk, loaded only once the client has a commerce adapter. */
  private loadPicker(): void {
    if (this.pickerLoading) return;
    this.pickerLoading = true;
    void import('../order-picker/order-picker.ts').then(
      () => (this._pickerReady = true),
      () => (this.pickerLoading = false),
    );
  }

  /** Resolves once the autosaved draft (if any) is back in the fields. */
  get draftRestored(): Promise<void> {
    return this.draft.ready.then(() => this.updateComplete).then(() => undefined);
  }

  override render(): TemplateResult {
    const m =
      this.large && this.plain
        ? this.plain.plainCatalog(this.localize.messages, this.localize.locale)
        : this.localize.messages;
    return html`<div part="base" lang=${this.localize.locale} @focusin=${this.warm} @pointerdown=${this.warm}>
      ${this._status === 'sent' || this._status === 'queued' ? this.renderResult(m) : this.renderForm(m)}
    </div>`;
  }

  private renderForm(m: Catalog): TemplateResult {
    const f = m.form;
    const sending = this._status === 'sending';
    return html`
      <slot name="header">
        <h2>${f.heading}</h2>
        <p class="intro">${f.intro}</p>
      </slot>
      ${
        this._failure !== undefined
          ? html`<div class="alert danger" part="alert" role="alert" tabindex="-1" id="alert">
              <h3>${f.errorHeading}</h3>
              <p>${errorMessage(m, this._failure)}</p>
              <p>${f.draftKept}</p>
              <button type="button" class="primary" @click=${this.submit} ?disabled=${sending}>${f.retry}</button>
            </div>`
          : nothing
      }
      <form part="form" novalidate aria-busy=${sending ? 'true' : 'false'} @submit=${this.onSubmit}>
        ${this.renderCategories(m)} ${this.renderOrderPicker()}
        ${this.renderInput(m, 'orderRef', f.orderRef, this.orderRef)}
        ${this.renderInput(m, 'subject', f.subject, this._subject)} ${this.renderMessage(m)}
        ${this.renderInput(m, 'email', f.email, this._email, {
          type: 'email',
          autocomplete: 'email',
          required: !this.contactKnown,
          hint: f.emailHint,
        })}
        ${this.renderInput(m, 'name', f.name, this._name, { autocomplete: 'name' })}
        <button type="button" aria-pressed=${!!this._call} @click=${this.toggleCall}>${f.callMe}</button>
        ${
          this._call &&
          this.callFields?.renderCallback(m, this.localize.locale, this._call, this._errors, (f, v) =>
            this.setField(f, v),
          )
        }
        ${renderPhotoField(m, {
          error: this.renderError(m, 'photos'),
          invalid: !!this._errors.photos,
          damaged: this.category === 'damaged',
          full: this.photos?.full,
          list: this.photos?.renderList(m),
          onFiles: this.onFiles,
        })}
        <div class="actions">
          <button type="submit" class="primary" part="submit" ?disabled=${sending}>
            ${sending ? m.core.ticket.sending : f.submit}
          </button>
        </div>
        ${Object.keys(this._errors).length > 0 ? html`<p class="error">${f.fixErrors}</p>` : nothing}
        ${
          this.draft.state !== 'idle'
            ? html`<p class="draft-status" part="draft-status">
                ${this.draft.state === 'restored' ? f.draftRestored : f.draftSaved}
              </p>`
            : nothing
        }
      </form>
    `;
  }

  /** The shopper's orders (with a commerce adapter): picking one fills the order number and the affected items. */
  private renderOrderPicker(): TemplateResult | typeof nothing {
    const client = this.activeClient;
    if (!client?.commerce) return nothing;
    // Here rather than in willUpdate: the client (set as a property later) is only known at render.
    if (!this._pickerReady) {
      this.loadPicker();
      return nothing;
    }
    return html`<nectar-order-picker
      part="order-picker"
      .client=${client}
      .value=${this.orderRef}
      .selectedLines=${this._items.map((i) => i.lineId)}
      lang=${this.lang || nothing}
      theme=${this.theme}
      @order-pick=${this.onOrderPick}
    ></nectar-order-picker>`;
  }

  private onOrderPick(e: OrderPickEvent): void {
    this.setField('orderRef', e.detail.orderRef);
    this._items = e.detail.items;
  }

  private renderCategories(m: Catalog): TemplateResult {
    const error = this._errors.category;
    return html`<fieldset part="categories" aria-describedby=${error ? 'category-error' : nothing}>
      <legend>${m.form.categoryLegend} <span class="marker">${m.form.required}</span></legend>
      <div class="cards">
        ${CATEGORIES.map(
          (c) =>
            html`<label class="card" part="category">
              <input
                type="radio"
                name="category"
                value=${c}
                .checked=${live(this.category === c)}
                aria-describedby="hint-${c}"
                aria-invalid=${error ? 'true' : nothing}
                @change=${() => this.setField('category', c)}
              />
              <span class="card-label">${m.core.categories[c].label}</span>
              <span class="card-hint" id="hint-${c}">${m.core.categories[c].hint}</span>
            </label>`,
        )}
      </div>
      ${this.renderError(m, 'category')}
    </fieldset>`;
  }

  private renderInput(
    m: Catalog,
    field: 'orderRef' | 'subject' | 'email' | 'name',
    label: string,
    value: string,
    opts: { type?: string; autocomplete?: string; required?: boolean; hint?: string } = {},
  ): TemplateResult {
    const error = this._errors[field];
    const describedBy = [opts.hint ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field" part="field">
      <label for=${field}>
        ${label} <span class="marker">${opts.required ? m.form.required : m.form.optional}</span>
      </label>
      <input
        id=${field}
        part="input"
        type=${opts.type ?? 'text'}
        autocomplete=${opts.autocomplete ?? 'off'}
        .value=${live(value)}
        aria-required=${opts.required ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        @input=${(e: Event) => this.setField(field, (e.target as HTMLInputElement).value)}
      />
      ${opts.hint ? html`<p class="hint" id="${field}-hint">${opts.hint}</p>` : nothing} ${this.renderError(m, field)}
    </div>`;
  }

  private renderMessage(m: Catalog): TemplateResult {
    const error = this._errors.message;
    const length = this._message.length;
    const over = length > LIMITS.messageMax;
    return html`<div class="field" part="field">
      <label for="message">${m.form.message} <span class="marker">${m.form.required}</span></label>
      <textarea
        id="message"
        part="input"
        rows="6"
        .value=${live(this._message)}
        aria-required="true"
        aria-invalid=${error || over ? 'true' : 'false'}
        aria-describedby="message-hint message-counter${error ? ' message-error' : ''}"
        @input=${(e: Event) => this.setField('message', (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p class="hint" id="message-hint">${m.form.messageHint}</p>
      <p class="counter ${over ? 'over' : ''}" id="message-counter" part="counter">
        ${m.form.counter(this.localize.number(length), this.localize.number(LIMITS.messageMax))}
      </p>
      ${this.renderError(m, 'message')}
    </div>`;
  }

  private renderError(m: Catalog, field: Field): TemplateResult | typeof nothing {
    return renderFieldError(m, field, this._errors);
  }

  /** The confirmation, from the form's check (loaded before any submit). */
  private renderResult(m: Catalog): TemplateResult | typeof nothing {
    const sent = this._status === 'sent';
    return (
      this.checked?.renderResult(m, {
        receipt: sent ? this._receipt : undefined,
        localId: this._localId,
        showStatus: this._showStatus,
        lang: this.lang,
        theme: this.theme,
        client: this.activeClient,
        dateTime: (iso) => this.localize.dateTime(iso),
        onShowStatus: () => void this.showStatus(),
        onNewRequest: () => void this.newRequest(),
        root: this.shadowRoot!,
      }) ?? nothing
    );
  }

  private setField(field: Exclude<Field, 'photos'>, value: string): void {
    this.touched = true;
    if (field === 'category') this.category = value as Category;
    else if (field === 'orderRef') {
      // Typing another number drops the items marked for the picked order.
      if (value.trim() !== this.orderRef.trim()) this._items = [];
      this.orderRef = value;
    } else if (field === 'phone' || field === 'window') this._call = { ...this._call!, [field]: value };
    // `_subject`, `_message`, `_email`, `_name`.
    else (this as unknown as Record<string, string>)[`_${field}`] = value;
    if (this._errors[field]) {
      const { [field]: _, ...rest } = this._errors;
      this._errors = rest;
    }
    this.draft.changed();
  }

  private readonly toggleCall = async (): Promise<void> => {
    this.callFields ??= await loadCallFields();
    this._call = this._call ? undefined : { phone: '', window: '' };
  };

  private applyPrefill(prefill: Partial<TicketDraft>): void {
    if (this._status !== 'editing') return;
    if (prefill.category) this.category = prefill.category;
    if (prefill.orderRef) this.orderRef = prefill.orderRef;
    if (prefill.subject) this._subject = prefill.subject;
    if (prefill.message && !this._message) this._message = prefill.message;
    if (prefill.contact?.email && !this._email) this._email = prefill.contact.email;
    if (prefill.contact?.name && !this._name) this._name = prefill.contact.name;
    this.draft.changed();
  }

  private snapshot(): StoredDraft {
    return {
      category: this.category,
      orderRef: this.orderRef,
      subject: this._subject,
      message: this._message,
      email: this._email,
      name: this._name,
      photos: this.photos?.stored() ?? this.keptPhotos,
      items: this._items,
    };
  }

  private restoreDraft(d: StoredDraft): void {
    if (this.touched || this._status !== 'editing') return;
    this.fill(d);
    this.warm();
  }

  /** The shopper is on the form: what a submit and a chosen photo need is imported now. */
  private readonly warm = (): void => {
    void this.loadPhotos().then(
      (p) => p.preload(),
      () => undefined,
    );
    void this.loadCheck().catch(() => undefined);
  };

  private loadPhotos(): Promise<PhotosController> {
    return (this.photosLoad ??= import('./photos.controller.ts').then(
      ({ PhotosController }) =>
        (this.photos = new PhotosController(this, {
          onProblems: (problem) => this.photoProblem(problem),
          onTouched: () => (this.touched = true),
          onChange: () => this.draft.changed(),
        })),
      (cause: unknown) => {
        this.photosLoad = undefined;
        throw cause;
      },
    ));
  }

  private photoProblem(problem: Localized | undefined): void {
    const { photos: _, ...rest } = this._errors;
    this._errors = problem ? { ...rest, photos: problem } : rest;
  }

  /** Files chosen: they wait for the photos' code (offline before it came, the shopper is told why). */
  private readonly onFiles = (input: HTMLInputElement): void => {
    void this.loadPhotos().then(
      (p) => p.onFiles(input),
      () => this.photoProblem((m) => m.core.errors.network),
    );
  };

  /**
   * Imports the form's check, which brings the schema modules the client checks a ticket with: by the time
   * the shopper submits they are there, even if the connection has gone. A failed import is tried again.
   */
  private loadCheck(): Promise<typeof import('./validate.ts')> {
    return (this.check ??= import('./validate.ts').then(
      (module) => (this.checked = module),
      (cause: unknown) => {
        this.check = undefined;
        throw new NetworkError('Form check not loaded', { cause });
      },
    ));
  }

  private fill(d: StoredDraft): void {
    this.category = d.category || this.category;
    this.orderRef = d.orderRef || this.orderRef;
    this._subject = d.subject ?? '';
    this._message = d.message ?? '';
    this._email = d.email || this._email;
    this._name = d.name ?? '';
    const photos = (this.keptPhotos = d.photos ?? []);
    if (photos.length)
      void this.loadPhotos().then(
        (p) => p.restore(photos),
        () => undefined,
      );
    else this.photos?.clear();
    this._items = d.orderRef && Array.isArray(d.items) ? d.items : [];
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    void this.submit();
  }

  /** Validates and submits; also used by the retry button. */
  async submit(): Promise<void> {
    if (this._status === 'sending' || this.checking) return;
    await (
      await this.photosLoad?.catch(() => undefined)
    )?.settled;
    const client = this.activeClient;
    let errors: FieldErrors;
    this.checking = true;
    try {
      errors = await this.validate();
    } catch (error) {
      this._failure = error;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#alert')?.focus();
      this.dispatchEvent(new NectarErrorEvent({ error }));
      return;
    } finally {
      this.checking = false;
    }
    if (Object.keys(errors).length > 0) {
      this._errors = errors;
      await this.updateComplete;
      this.focusFirstError();
      return;
    }
    if (!client) {
      this._failure = new Error('No Nectar client');
      return;
    }
    this._errors = {};
    this._failure = undefined;
    this._status = 'sending';
    await this.draft.flush();
    const snapshot = this.snapshot();
    try {
      const result = await client.tickets.submit({
        ...toTicketDraft(snapshot, {
          userEmail: client.user?.email,
          known: this.contactKnown,
          locale: this.localize.locale,
          attachments: photoFiles(snapshot.photos),
        }),
        context: this.prefill?.context,
        callback: this.callback,
      });
      if (result.state === 'sent') {
        await this.onSent(result.ticket);
      } else {
        this.queuedDraft = snapshot;
        this._localId = result.localId;
        this._receipt = undefined;
        await this.finish('queued');
        this.dispatchEvent(new NectarQueuedEvent({ localId: result.localId }));
      }
    } catch (error) {
      this._status = 'editing';
      if (isValidationError(error) && this.mapFields(error.fields)) {
        await this.updateComplete;
        this.focusFirstError();
      } else {
        this._failure = error;
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#alert')?.focus();
      }
      this.dispatchEvent(new NectarErrorEvent({ error }));
    }
  }

  /** The queued ticket was refused for good (e.g. by the service's validation): back to the form, text kept. */
  private async onRefused(error: unknown): Promise<void> {
    const kept = this.queuedDraft;
    this.queuedDraft = undefined;
    this._localId = undefined;
    this._status = 'editing';
    if (kept) this.fill(kept);
    this.touched = true;
    if (isValidationError(error)) this.mapFields(error.fields);
    this._failure = error;
    this.draft.changed();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#alert')?.focus();
    this.dispatchEvent(new NectarErrorEvent({ error }));
  }

  private async onSent(ticket: TicketReceipt): Promise<void> {
    this.queuedDraft = undefined;
    this._receipt = ticket;
    this._localId = undefined;
    await this.finish('sent');
    this.dispatchEvent(new NectarSubmitEvent({ ticket }));
  }

  /** Clears the form (the ticket is with the service or in the durable outbox) and shows the result. */
  private async finish(status: 'sent' | 'queued'): Promise<void> {
    await this.draft.clear();
    this.resetFields();
    this._status = status;
    this._showStatus = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#result-heading')?.focus();
  }

  private resetFields(): void {
    this.photos?.clear();
    this.keptPhotos = [];
    this.category = '';
    this.orderRef = '';
    this._items = [];
    this._subject = '';
    this._message = '';
    this._name = '';
    this._call = undefined;
    this._email = this.startEmail;
    this._errors = {};
    this._failure = undefined;
    this.touched = false;
    // The hand-off was this ticket's; a new request starts without it.
    this.prefill = undefined;
  }

  private async showStatus(): Promise<void> {
    await import('../ticket-status/ticket-status.ts');
    this._showStatus = true;
    this.dispatchEvent(new NectarOpenEvent({ view: 'ticket-status' }));
  }

  private async newRequest(): Promise<void> {
    this._status = 'editing';
    this._receipt = undefined;
    this._localId = undefined;
    this._showStatus = false;
    this.draft.state = 'idle';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('input[name="category"]')?.focus();
  }

  private async validate(): Promise<FieldErrors> {
    const { validateForm } = await this.loadCheck();
    const errors = validateForm({
      category: this.category,
      message: this._message,
      subject: this._subject,
      orderRef: this.orderRef,
      email: this._email.trim() || this.activeClient?.user?.email || '',
      typedEmail: this._email,
      known: this.contactKnown,
      name: this._name,
      callback: this.callback,
    });
    if (this._errors.photos) errors.photos = this._errors.photos;
    return errors;
  }

  /** Puts service or client `ValidationError.fields` at the fields; false if none matched. */
  private mapFields(fields: Record<string, string>): boolean {
    // A submit (or the queued ticket refused here) came after the check loaded.
    if (!this.checked) return false;
    this._errors = this.checked.mapFieldErrors(fields, !this._email.trim());
    return Object.keys(this._errors).length > 0;
  }

  private focusFirstError(): void {
    const first = this.checked?.firstErrorField(this._errors);
    if (!first) return;
    const target =
      first === 'category'
        ? (this.renderRoot.querySelector<HTMLInputElement>('input[name="category"]:checked') ??
          this.renderRoot.querySelector<HTMLInputElement>('input[name="category"]'))
        : this.renderRoot.querySelector<HTMLElement>(`#${first}`);
    target?.focus();
  }
}
