import { expect } from '@open-wc/testing';
import { memoryDesk } from '@nectar/adapters/memory';
import { createNectar, isNotFoundError, isValidationError, type NectarClient, type ValidationError } from './index.ts';

const clients: NectarClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (bytes = 64) => new File([new Uint8Array(PNG), new Uint8Array(bytes)], 'box.png', { type: 'image/png' });

describe('tickets', () => {
  it('submits a ticket with a photo and returns the receipt', async () => {
    const desk = memoryDesk();
    const nectar = createNectar({
      desk,
      storage: 'memory',
      user: { email: 'ann@example.com', name: 'Ann' },
      locale: 'zh-CN',
    });
    clients.push(nectar);
    const sent: unknown[] = [];
    nectar.on('ticket-sent', (d) => sent.push(d));
    const result = await nectar.tickets.submit({
      category: 'damaged',
      message: 'Mug arrived broken',
      attachments: [png()],
    });
    expect(result.state).to.equal('sent');
    if (result.state !== 'sent') return;
    expect(result.ticket.number).to.match(/^NC-[A-Z0-9]{6}$/);
    // High severity: first response within 2 h.
    const hours = (Date.parse(result.ticket.promise.firstResponseBy) - Date.parse(result.ticket.createdAt)) / 3600_000;
    expect(hours).to.equal(2);
    expect(sent.length).to.equal(1);
    const [stored] = desk.tickets();
    expect(stored!.attachments.length).to.equal(1);
    expect(stored!.attachments[0]!.contentType).to.equal('image/png');

    const list = await nectar.tickets.list();
    expect(list.map((t) => t.number)).to.deep.equal([result.ticket.number]);
    expect(list[0]!.accessToken).to.equal(result.ticket.accessToken);
    const ticket = await nectar.tickets.get(result.ticket.id);
    expect(ticket.timeline[0]!.kind).to.equal('created');
    desk.reply(ticket.id, 'Sorry! A new one is on its way.');
    expect((await nectar.tickets.get(result.ticket.id)).status).to.equal('waiting_on_customer');
  });

  it('fills contact, locale and page context', async () => {
    const desk = memoryDesk();
    const createTicket = desk.createTicket;
    let body: unknown;
    desk.createTicket = (input, options) => ((body = input), createTicket(input, options));
    const nectar = createNectar({ desk, storage: 'memory', user: { email: 'ann@example.com' }, locale: 'zh-TW' });
    clients.push(nectar);
    await nectar.tickets.submit({ category: 'delivery', message: 'Where is it?' });
    expect(body).to.deep.include({ contact: { email: 'ann@example.com' }, locale: 'zh-TW' });
    expect((body as { context: { url: string } }).context.url).to.equal(location.href);
    expect((body as { context: { userAgent: string } }).context.userAgent).to.equal(navigator.userAgent);
  });

  it("keeps the answers' hand-off (search text, article) in the context, with the page's, and names a bad one", async () => {
    const desk = memoryDesk();
    const createTicket = desk.createTicket;
    let body: { context?: Record<string, string> } | undefined;
    desk.createTicket = (input, options) => ((body = input as typeof body), createTicket(input, options));
    const nectar = createNectar({ desk, storage: 'memory', user: { email: 'ann@example.com' } });
    clients.push(nectar);
    await nectar.tickets.submit({
      category: 'return_refund',
      message: 'Still no refund',
      context: { searchQuery: ' refund ', answerId: 'a_refunds' },
    });
    expect(body?.context).to.deep.equal({
      searchQuery: 'refund',
      answerId: 'a_refunds',
      url: location.href,
      userAgent: navigator.userAgent,
    });
    const error = await nectar.tickets
      .submit({ category: 'other', message: 'Hi', context: { searchQuery: 'x'.repeat(201), answerId: '' } })
      .catch((e: unknown) => e);
    expect(isValidationError(error)).to.equal(true);
    expect((error as ValidationError).fields).to.deep.equal({
      'context.searchQuery': 'too_long',
      'context.answerId': 'required',
    });
  });

  it('rejects bad input with every field named, and queues nothing', async () => {
    const desk = memoryDesk();
    const nectar = createNectar({ desk, storage: 'memory' });
    clients.push(nectar);
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.jpg', { type: 'image/jpeg' });
    const exe = new File(['MZ'], 'x.exe', { type: 'application/x-msdownload' });
    let error: unknown;
    try {
      await nectar.tickets.submit({
        category: 'nope' as never,
        message: ' ',
        subject: 'x'.repeat(201),
        attachments: [png(), big, exe, png(), png(), png()],
        phone: '123',
      } as never);
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error)).to.equal(true);
    expect((error as ValidationError).fields).to.deep.equal({
      'contact.email': 'required',
      category: 'invalid_choice',
      message: 'required',
      subject: 'too_long',
      phone: 'unknown_field',
      attachments: 'too_many_files',
      'attachments.1': 'file_too_big',
      'attachments.2': 'file_type',
    });
    await nectar.flush();
    expect(desk.calls.createTicket + desk.calls.uploadAttachment).to.equal(0);
  });

  it('refuses a NUL in the message before anything is stored, so it is never retried', async () => {
    // Offline: anything that got past the check would be queued (and, before, retried forever).
    const desk = memoryDesk({ offline: true });
    const nectar = createNectar({ desk, storage: 'memory' });
    clients.push(nectar);
    const queued: unknown[] = [];
    nectar.on('ticket-queued', (d) => queued.push(d));
    const error = await nectar.tickets
      .submit({ category: 'other', message: 'Hello\u0000world', contact: { email: 'ann@example.com' } })
      .catch((e: unknown) => e);
    expect(isValidationError(error)).to.equal(true);
    expect((error as ValidationError).fields).to.deep.equal({ message: 'control_character' });
    expect(queued).to.deep.equal([]);
    desk.simulate({ offline: false });
    await nectar.flush();
    expect(desk.calls.createTicket).to.equal(0);
    expect(await nectar.tickets.list()).to.deep.equal([]);
  });

  it('reads only tickets this browser created', async () => {
    const nectar = createNectar({ desk: memoryDesk(), storage: 'memory' });
    clients.push(nectar);
    const error = await nectar.tickets.get('t_unknown').catch((e) => e);
    expect(isNotFoundError(error)).to.equal(true);
  });
});

describe('a ticket whose check could not be loaded (offline on a page that never loaded it)', () => {
  const defaults = { user: undefined, locale: 'en' as const, context: { url: 'https://shop.example/help' } };

  it('is still stored as written when it has the essentials, and refused by field when it has not', async () => {
    const { prepareTicket } = await import('./tickets.ts');
    const photo = new File([new Uint8Array(8)], 'lid.png', { type: 'image/png' });
    const payload = prepareTicket(
      {
        category: 'damaged',
        message: 'The lid cracked',
        contact: { email: ' ada@example.com ' },
        attachments: [photo],
      },
      defaults,
    );
    expect(payload.input).to.deep.equal({
      category: 'damaged',
      message: 'The lid cracked',
      contact: { email: ' ada@example.com ' },
      locale: 'en',
      context: { url: 'https://shop.example/help' },
    });
    expect(payload.attachments.map((a) => a.filename)).to.deep.equal(['lid.png']);
    let error: ValidationError | undefined;
    try {
      prepareTicket(
        { category: 'lost' as never, message: ' ', contact: { email: '' }, attachments: ['x' as never] },
        defaults,
      );
    } catch (e) {
      error = e as ValidationError;
    }
    expect(isValidationError(error)).to.equal(true);
    expect(error?.fields).to.deep.equal({
      'contact.email': 'required',
      message: 'required',
      category: 'invalid_choice',
      'attachments.0': 'invalid_type',
    });
  });
});
