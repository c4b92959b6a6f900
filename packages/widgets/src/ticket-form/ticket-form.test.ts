import { chooseFiles, imageFile, unique } from '../internal/test-utils.ts';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import {
  createNectar,
  getMessages,
  hasMessages,
  loadMessages,
  BackendError,
  ValidationError,
  type NectarClient,
} from '@nectar/core';
import { memoryDesk, type MemoryDesk } from '@nectar/adapters/memory';
import './ticket-form.ts';
import type { NectarTicketForm } from './ticket-form.ts';
import { en } from '../i18n/en.ts';
import { zhCN } from '../i18n/zh-CN.ts';
import { zhTW } from '../i18n/zh-TW.ts';
import { CALLBACK } from '../i18n/callback.ts';

const core = getMessages('en');
const XSS = '<img src=x onerror="window.__xss=1">';

const clients: NectarClient[] = [];
function setup(options: { locale?: string; email?: string; desk?: MemoryDesk } = {}) {
  const desk = options.desk ?? memoryDesk();
  const client = createNectar({
    desk,
    storage: 'memory',
    namespace: unique('form'),
    locale: options.locale ?? 'en',
    ...(options.email ? { user: { email: options.email } } : {}),
  });
  clients.push(client);
  return { desk, client };
}
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

const root = (el: HTMLElement) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => root(el).querySelector<T>(sel);
const text = (el: HTMLElement, sel: string) => $(el, sel)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const active = (el: HTMLElement) => root(el).activeElement as HTMLElement | null;

async function mount(client: NectarClient, draftKey = unique('draft')) {
  return fixture<NectarTicketForm>(
    html`<nectar-ticket-form draft-key=${draftKey} .client=${client}></nectar-ticket-form>`,
  );
}

/** Types into a field the way a browser reports it (value + input event). */
function typeInto(el: HTMLElement, id: string, value: string) {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, `#${id}`)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
function chooseCategory(el: HTMLElement, category: string) {
  $<HTMLInputElement>(el, `input[value="${category}"]`)!.click();
}
async function fillValid(el: NectarTicketForm, extra: { message?: string } = {}) {
  chooseCategory(el, 'damaged');
  typeInto(el, 'message', extra.message ?? 'The vase arrived in pieces.');
  typeInto(el, 'email', 'shopper@example.com');
  await el.updateComplete;
}
function submit(el: HTMLElement) {
  $<HTMLButtonElement>(el, '[part~="submit"]')!.click();
}

describe('<nectar-ticket-form>', () => {
  it('is filled and sent with the keyboard only, then shows the number and the promise', async () => {
    const { desk, client } = setup();
    const el = await mount(client);
    await expect(el).to.be.accessible();

    $<HTMLInputElement>(el, 'input[name="category"]')!.focus();
    await sendKeys({ press: 'Space' }); // damaged (first card)
    await sendKeys({ press: 'Tab' }); // order number
    await sendKeys({ type: 'A-1001' });
    await sendKeys({ press: 'Tab' }); // subject
    await sendKeys({ press: 'Tab' }); // message
    await sendKeys({ type: 'The lid is cracked.' });
    await sendKeys({ press: 'Tab' }); // email
    await sendKeys({ type: 'kim@example.com' });
    await sendKeys({ press: 'Tab' }); // name
    await sendKeys({ type: 'Kim' });
    await sendKeys({ press: 'Tab' }); // call me back
    await sendKeys({ press: 'Tab' }); // photos
    await sendKeys({ press: 'Tab' }); // submit
    expect(active(el)?.getAttribute('part')).to.equal('submit');

    const submitted = oneEvent(el, 'nectar-submit');
    await sendKeys({ press: 'Enter' });
    const event = await submitted;
    await el.updateComplete;

    const [stored] = desk.tickets();
    expect(stored).to.include({ category: 'damaged', orderRef: 'A-1001', message: 'The lid is cracked.' });
    expect(event.detail.ticket.number).to.equal(stored!.number);
    expect(text(el, '[part~="ticket-number"]')).to.equal(stored!.number);
    const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(stored!.promise.firstResponseBy),
    );
    expect(text(el, '[part~="promise"]')).to.equal(core.ticket.firstResponseBy(when));
    expect(active(el)?.id).to.equal('result-heading');
    await expect(el).to.be.accessible();
  });

  it('shows localized errors at the fields and focuses the first bad one', async () => {
    const { desk, client } = setup();
    const el = await mount(client);
    submit(el);
    await waitUntil(() => $(el, '#category-error'), 'category error shown');
    expect(text(el, '#category-error')).to.equal(core.validation.invalid_choice);
    expect(active(el)?.getAttribute('name')).to.equal('category');

    chooseCategory(el, 'delivery');
    typeInto(el, 'email', 'not-an-email');
    submit(el);
    await waitUntil(() => active(el)?.id === 'message', 'focus on the message');
    expect(text(el, '#message-error')).to.equal(core.validation.required);
    expect(text(el, '#email-error')).to.equal(core.validation.invalid_email);
    expect($(el, '#message')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#message')!.getAttribute('aria-describedby')).to.contain('message-error');
    expect($(el, '#email')!.getAttribute('aria-invalid')).to.equal('true');
    expect(active(el)?.id).to.equal('message');
    expect($<HTMLInputElement>(el, '#email')!.value).to.equal('not-an-email');
    expect(desk.tickets()).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('reports a message over the limit without cutting what was typed', async () => {
    const { client } = setup();
    const el = await mount(client);
    const long = 'x'.repeat(5001);
    await fillValid(el, { message: long });
    submit(el);
    await waitUntil(() => $(el, '#message-error'));
    expect($<HTMLTextAreaElement>(el, '#message')!.value).to.equal(long);
    expect($(el, '[part~="counter"]')!.classList.contains('over')).to.equal(true);
    expect(text(el, '#message-error')).to.equal(core.validation.too_long(5000));
  });

  it('queues the ticket offline, then switches to sent when the client sends it', async () => {
    const { desk, client } = setup();
    desk.simulate({ offline: true });
    const el = await mount(client);
    await fillValid(el);
    const queued = oneEvent(el, 'nectar-queued');
    submit(el);
    const { detail } = await queued;
    await el.updateComplete;
    expect(detail.localId).to.be.a('string');
    expect(text(el, '#result-heading')).to.equal(en.form.queuedHeading);
    expect(text(el, '[role="status"]')).to.equal(core.ticket.queued);
    expect(text(el, '[part~="ticket-number"]')).to.equal(detail.localId);
    await expect(el).to.be.accessible();

    desk.simulate({ offline: false });
    const sent = oneEvent(el, 'nectar-submit');
    await client.flush();
    const { ticket } = (await sent).detail;
    await el.updateComplete;
    expect(desk.tickets()).to.have.length(1);
    expect(text(el, '[part~="ticket-number"]')).to.equal(ticket.number);
    expect(text(el, '#result-heading')).to.equal(en.form.sentHeading);
  });

  it('shows its error state with the text kept when its queued ticket is refused later', async () => {
    const { desk, client } = setup();
    desk.simulate({ offline: true });
    const el = await mount(client);
    await fillValid(el, { message: 'The lid is cracked' });
    typeInto(el, 'subject', 'Cracked lid');
    const queued = oneEvent(el, 'nectar-queued');
    submit(el);
    await queued;
    await el.updateComplete;
    expect(text(el, '#result-heading')).to.equal(en.form.queuedHeading);

    // The service refuses it when it goes out from the outbox.
    desk.createTicket = async () => {
      throw new ValidationError('Invalid ticket', { message: 'control_character' });
    };
    desk.simulate({ offline: false });
    const failed = oneEvent(el, 'nectar-error');
    await client.flush();
    const { detail } = await failed;
    await el.updateComplete;
    expect((detail.error as ValidationError).fields).to.deep.equal({ message: 'control_character' });
    expect($(el, '#result-heading')).to.equal(null);
    expect(text(el, '[part~="alert"] h3')).to.equal(en.form.errorHeading);
    expect($<HTMLTextAreaElement>(el, '#message')!.value).to.equal('The lid is cracked');
    expect($<HTMLInputElement>(el, '#subject')!.value).to.equal('Cracked lid');
    expect($<HTMLInputElement>(el, '#email')!.value).to.equal('shopper@example.com');
    expect($<HTMLInputElement>(el, 'input[value="damaged"]')!.checked).to.equal(true);
    expect($(el, '#message-error')).to.not.equal(null);
    expect(active(el)?.id).to.equal('alert');
    await expect(el).to.be.accessible();
  });

  it('shows a localized error, keeps every field, and retries', async () => {
    const desk = memoryDesk();
    let failures = 1;
    const flaky = Object.assign(Object.create(desk) as MemoryDesk, {
      createTicket: (...args: Parameters<MemoryDesk['createTicket']>) => {
        if (failures-- > 0) return Promise.reject(new BackendError('Payload too large', 413, 'payload_too_large'));
        return desk.createTicket(...args);
      },
    });
    const { client } = setup({ desk: flaky });
    const el = await mount(client);
    await fillValid(el);
    typeInto(el, 'subject', 'Broken');
    const failed = oneEvent(el, 'nectar-error');
    submit(el);
    expect((await failed).detail.error).to.have.property('status', 413);
    await el.updateComplete;
    expect(text(el, '[part~="alert"] h3')).to.equal(en.form.errorHeading);
    expect(text(el, '[part~="alert"]')).to.contain(core.errors.server);
    expect($<HTMLInputElement>(el, '#subject')!.value).to.equal('Broken');
    expect($<HTMLTextAreaElement>(el, '#message')!.value).to.equal('The vase arrived in pieces.');
    expect(active(el)?.id).to.equal('alert');
    await expect(el).to.be.accessible();

    const sent = oneEvent(el, 'nectar-submit');
    $<HTMLButtonElement>(el, '[part~="alert"] button')!.click();
    await sent;
    expect(desk.tickets()).to.have.length(1);
  });

  it('puts the service’s field errors back at the fields', async () => {
    const desk = memoryDesk();
    const strict = Object.assign(Object.create(desk) as MemoryDesk, {
      createTicket: () => Promise.reject(new ValidationError('bad', { 'contact.email': 'invalid_email' })),
    });
    const { client } = setup({ desk: strict });
    const el = await mount(client);
    await fillValid(el);
    submit(el);
    await waitUntil(() => $(el, '#email-error'));
    expect(text(el, '#email-error')).to.equal(core.validation.invalid_email);
    expect(active(el)?.id).to.equal('email');
  });

  it('shows the sending state while the ticket is on its way', async () => {
    const { desk, client } = setup();
    desk.simulate({ latencyMs: 400 });
    const el = await mount(client);
    await fillValid(el);
    submit(el);
    await waitUntil(() => $(el, 'form')?.getAttribute('aria-busy') === 'true');
    expect($<HTMLButtonElement>(el, '[part~="submit"]')!.disabled).to.equal(true);
    expect(text(el, '[part~="submit"]')).to.equal(core.ticket.sending);
    await expect(el).to.be.accessible();
    await oneEvent(el, 'nectar-submit');
  });

  it('restores the draft, photos included, after the element is created again', async () => {
    const { client } = setup();
    const key = unique('draft');
    const el = await mount(client, key);
    chooseCategory(el, 'return_refund');
    typeInto(el, 'orderRef', 'B-77');
    typeInto(el, 'message', 'Wrong size, please exchange.');
    typeInto(el, 'email', 'lee@example.com');
    chooseFiles($<HTMLInputElement>(el, '#photos')!, [await imageFile(40, 30, 'tag.png')]);
    await waitUntil(() => $(el, '[part~="photo"] img'), 'preview shown');
    await waitUntil(() => text(el, '[part~="draft-status"]') === en.form.draftSaved, 'draft saved', { timeout: 3000 });
    el.remove();

    const again = await mount(client, key);
    await waitUntil(() => $<HTMLTextAreaElement>(again, '#message')?.value === 'Wrong size, please exchange.');
    expect($<HTMLInputElement>(again, 'input[value="return_refund"]')!.checked).to.equal(true);
    expect($<HTMLInputElement>(again, '#orderRef')!.value).to.equal('B-77');
    expect($<HTMLInputElement>(again, '#email')!.value).to.equal('lee@example.com');
    expect(text(again, '[part~="draft-status"]')).to.equal(en.form.draftRestored);
    await waitUntil(() => $(again, '[part~="photo"] img'), 'photo restored');
    const img = $<HTMLImageElement>(again, '[part~="photo"] img')!;
    await waitUntil(() => img.complete && img.naturalWidth === 40, 'restored preview decodes');
    await expect(again).to.be.accessible();

    // A different key has its own (empty) draft.
    const other = await mount(client, unique('draft'));
    await other.updateComplete;
    expect($<HTMLTextAreaElement>(other, '#message')!.value).to.equal('');
  });

  it('clears the draft once the ticket is sent', async () => {
    const { client } = setup();
    const key = unique('draft');
    const el = await mount(client, key);
    await fillValid(el);
    const sent = oneEvent(el, 'nectar-submit');
    submit(el);
    await sent;
    el.remove();
    const again = await mount(client, key);
    await new Promise((r) => setTimeout(r, 200));
    expect($<HTMLTextAreaElement>(again, '#message')!.value).to.equal('');
  });

  it('refuses a non-image renamed .jpg with a clear field error', async () => {
    const { client } = setup();
    const el = await mount(client);
    const exe = new File(
      [new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0, 0, 0, 0x04, 0, 0, 0, 0xff, 0xff])],
      'photo.jpg',
      {
        type: 'image/jpeg',
      },
    );
    chooseFiles($<HTMLInputElement>(el, '#photos')!, [exe]);
    await waitUntil(() => $(el, '#photos-error'));
    expect(text(el, '#photos-error')).to.equal(en.form.fileNotImage('photo.jpg'));
    expect($(el, '#photos')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '[part~="photos"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('refuses a photo over 10 MB', async () => {
    const { client } = setup();
    const el = await mount(client);
    const header = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    const big = new File([header, new Uint8Array(10 * 1024 * 1024)], 'huge.jpg', { type: 'image/jpeg' });
    chooseFiles($<HTMLInputElement>(el, '#photos')!, [big]);
    await waitUntil(() => $(el, '#photos-error'));
    expect(text(el, '#photos-error')).to.equal(en.form.fileTooLarge('huge.jpg'));
  });

  it('resizes photos to 2048 px before sending, and removes a photo with the keyboard', async () => {
    const { desk, client } = setup();
    const el = await mount(client);
    await fillValid(el);
    expect(text(el, '#photos-request')).to.equal(core.photoRequest);
    chooseFiles($<HTMLInputElement>(el, '#photos')!, [
      await imageFile(3000, 1500, 'wide.png'),
      await imageFile(20, 20, 'b.png'),
    ]);
    await waitUntil(() => root(el).querySelectorAll('[part~="photo"]').length === 2, 'two previews');
    const url = $<HTMLImageElement>(el, '[part~="photo"] img')!.src;

    const remove = root(el).querySelectorAll<HTMLButtonElement>('[part~="remove-button"]')[1]!;
    expect(remove.getAttribute('aria-label')).to.equal(en.form.removePhoto('b.png'));
    remove.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root(el).querySelectorAll('[part~="photo"]').length === 1, 'one preview left');
    expect(active(el)?.getAttribute('part')).to.equal('remove-button');

    const sent = oneEvent(el, 'nectar-submit');
    submit(el);
    await sent;
    const [ticket] = desk.tickets();
    expect(ticket!.attachments).to.have.length(1);
    const blob = desk.attachment(ticket!.attachments[0]!.id)!;
    const bitmap = await createImageBitmap(blob);
    expect([bitmap.width, bitmap.height]).to.deep.equal([2048, 1024]);
    // The preview's object URL was revoked once the form was cleared.
    const probe = await fetch(url).then(
      () => 'alive',
      () => 'revoked',
    );
    expect(probe).to.equal('revoked');
  });

  it('renders markup typed by the shopper as inert text', async () => {
    const { desk, client } = setup();
    (window as { __xss?: number }).__xss = undefined;
    const el = await mount(client);
    chooseCategory(el, 'other');
    for (const id of ['orderRef', 'subject', 'message', 'name']) typeInto(el, id, XSS);
    typeInto(el, 'email', XSS);
    submit(el);
    await waitUntil(() => $(el, '#email-error'));
    expect($<HTMLInputElement>(el, '#subject')!.value).to.equal(XSS);
    typeInto(el, 'email', 'safe@example.com');
    const sent = oneEvent(el, 'nectar-submit');
    submit(el);
    await sent;
    expect(desk.tickets()[0]!.subject).to.equal(XSS);

    await el.updateComplete;
    $<HTMLButtonElement>(el, '.result .primary')!.click();
    const status = await waitUntil(() => $(el, 'nectar-ticket-status')).then(() => $(el, 'nectar-ticket-status')!);
    await waitUntil(() => status.shadowRoot?.querySelector('[part~="timeline"]'), 'status loaded');
    expect(status.shadowRoot!.textContent).to.contain(XSS);
    expect(status.shadowRoot!.querySelector('img')).to.equal(null);
    expect(root(el).querySelector('img')).to.equal(null);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('prefills the email from the signed-in user and from the client’s open() call', async () => {
    const { desk, client } = setup({ email: 'member@example.com' });
    const el = await mount(client);
    expect($<HTMLInputElement>(el, '#email')!.value).to.equal('member@example.com');
    client.open('contact', { category: 'delivery', orderRef: 'C-9', message: 'Where is it?' });
    await el.updateComplete;
    expect($<HTMLInputElement>(el, 'input[value="delivery"]')!.checked).to.equal(true);
    expect($<HTMLInputElement>(el, '#orderRef')!.value).to.equal('C-9');
    typeInto(el, 'email', '');
    const sent = oneEvent(el, 'nectar-submit');
    submit(el);
    await sent;
    expect(desk.tickets()[0]).to.include({ orderRef: 'C-9', message: 'Where is it?' });
  });

  it('lets a verified shopper leave the email out when the desk fills it; an anonymous shopper still gives one', async () => {
    const memory = memoryDesk();
    const sentInputs: unknown[] = [];
    const desk = {
      ...memory,
      capabilities: { ...memory.capabilities, verifiedContact: true },
      createTicket: (
        input: Parameters<MemoryDesk['createTicket']>[0],
        options: Parameters<MemoryDesk['createTicket']>[1],
      ) => {
        sentInputs.push(input);
        return memory.createTicket(input, options);
      },
    };
    const verified = createNectar({
      desk,
      storage: 'memory',
      namespace: unique('v'),
      user: { id: 'u-7', hash: 'ab12' },
    });
    const anonymous = createNectar({ desk, storage: 'memory', namespace: unique('a') });
    clients.push(verified, anonymous);

    const el = await mount(verified);
    expect($(el, '#email')!.getAttribute('aria-required')).to.equal('false');
    expect(text(el, 'label[for="email"] .marker')).to.equal(en.form.optional);
    chooseCategory(el, 'delivery');
    typeInto(el, 'message', 'Where is my parcel?');
    const sent = oneEvent(el, 'nectar-submit');
    submit(el);
    await sent;
    expect(sentInputs).to.have.length(1);
    expect(sentInputs[0]).not.to.have.property('contact');

    const other = await mount(anonymous);
    expect($(other, '#email')!.getAttribute('aria-required')).to.equal('true');
    chooseCategory(other, 'delivery');
    typeInto(other, 'message', 'Where is my parcel?');
    submit(other);
    await waitUntil(() => $(other, '#email-error'));
    expect(active(other)?.id).to.equal('email');
    expect(sentInputs).to.have.length(1);
    await expect(other).to.be.accessible();
  });

  it('asks for a call back: the number checked and named, then sent with the chosen window', async () => {
    const memory = memoryDesk();
    const sentInputs: { callback?: unknown }[] = [];
    const desk = {
      ...memory,
      createTicket: (
        input: Parameters<MemoryDesk['createTicket']>[0],
        options: Parameters<MemoryDesk['createTicket']>[1],
      ) => {
        sentInputs.push(input);
        return memory.createTicket(input, options);
      },
    };
    const { client } = setup({ desk: desk as MemoryDesk });
    const el = await mount(client);
    await fillValid(el);
    const toggle = [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === en.form.callMe)!;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await waitUntil(() => $(el, '#phone'));
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
    for (const bad of ['030 1234567', '+49 30']) {
      typeInto(el, 'phone', bad);
      await el.updateComplete;
      submit(el);
      await waitUntil(() => $(el, '#phone-error'));
      expect(text(el, '#phone-error')).to.equal(CALLBACK.en.invalidPhone);
      expect(active(el)?.id).to.equal('phone');
    }
    expect(sentInputs).to.have.length(0);
    await expect(el).to.be.accessible();
    typeInto(el, 'phone', '+49 30 123-4567');
    $<HTMLInputElement>(el, '#window-morning')!.click();
    const sent = oneEvent(el, 'nectar-submit');
    submit(el);
    await sent;
    expect(sentInputs[0]?.callback).to.deep.equal({ phone: '+49301234567', window: { from: '09:00', to: '12:00' } });
  });

  it('names a bad call-back number in Chinese', async () => {
    const { client } = setup({ locale: 'zh-CN' });
    const el = await mount(client);
    await waitUntil(() => text(el, 'h2') === zhCN.form.heading);
    await fillValid(el);
    [...root(el).querySelectorAll('button')].find((b) => b.textContent?.trim() === zhCN.form.callMe)!.click();
    await waitUntil(() => $(el, '#phone'));
    expect(text(el, 'label[for="phone"]')).to.contain(CALLBACK['zh-CN'].phone);
    typeInto(el, 'phone', '12345');
    submit(el);
    await waitUntil(() => $(el, '#phone-error'));
    expect(text(el, '#phone-error')).to.equal(CALLBACK['zh-CN'].invalidPhone);
    expect(CALLBACK['zh-TW'].invalidPhone).to.not.equal(CALLBACK.en.invalidPhone);
  });

  it('uses the default client and the client’s locale', async () => {
    setup({ locale: 'zh-CN' });
    const el = await fixture<NectarTicketForm>(
      html`<nectar-ticket-form draft-key=${unique('d')}></nectar-ticket-form>`,
    );
    expect(text(el, 'h2')).to.equal(zhCN.form.heading);
    expect(text(el, 'input[value="damaged"] + .card-label')).to.equal(
      (await loadMessages('zh-CN')).categories.damaged.label,
    );
    expect(root(el).textContent).not.to.contain('Contact us');
    await expect(el).to.be.accessible();
  });

  it('loads another locale’s catalog on demand and never shows English before it', async () => {
    const { client } = setup({ locale: 'zh-TW' });
    expect(hasMessages('zh-TW'), 'zh-TW is not loaded yet (nothing else in this file uses it)').to.equal(false);
    const el = document.createElement('nectar-ticket-form');
    el.draftKey = unique('d');
    el.client = client;
    const seen: string[] = [];
    document.body.append(el);
    try {
      const observer = new MutationObserver(() => seen.push(root(el).textContent ?? ''));
      observer.observe(root(el), { childList: true, subtree: true, characterData: true });
      await el.updateComplete;
      observer.disconnect();
      expect(text(el, 'h2')).to.equal(zhTW.form.heading);
      expect(text(el, 'input[value="damaged"] + .card-label')).to.equal(
        (await loadMessages('zh-TW')).categories.damaged.label,
      );
      expect(seen.length, 'rendered once the catalog was there').to.be.greaterThan(0);
      for (const t of seen) expect(t).not.to.contain(en.form.heading);
    } finally {
      el.remove();
    }
  });

  it('is usable at 320 px: no sideways scrolling, touch targets of 44 px', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const { client } = setup();
      const el = await mount(client);
      chooseFiles($<HTMLInputElement>(el, '#photos')!, [await imageFile(20, 20, 'a.png')]);
      await waitUntil(() => $(el, '[part~="remove-button"]'));
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      const targets = root(el).querySelectorAll<HTMLElement>(
        'button, .card, input[type="text"], input[type="email"], textarea',
      );
      expect(targets.length).to.be.greaterThan(10);
      for (const t of targets) {
        const box = t.getBoundingClientRect();
        expect(box.height, `${t.outerHTML.slice(0, 60)} height`).to.be.at.least(44);
        expect(box.right, `${t.outerHTML.slice(0, 60)} right edge`).to.be.at.most(320);
      }
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('is accessible in the dark theme', async () => {
    const { client } = setup();
    const el = await fixture<NectarTicketForm>(
      html`<nectar-ticket-form theme="dark" draft-key=${unique('d')} .client=${client}></nectar-ticket-form>`,
    );
    submit(el);
    await waitUntil(() => $(el, '#message-error'));
    await expect(el).to.be.accessible();
  });
});
