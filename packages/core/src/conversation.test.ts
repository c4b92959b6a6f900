import { expect } from '@open-wc/testing';
import { memoryDesk } from '@nectar/adapters/memory';
import {
  createClient,
  isNotFoundError,
  isValidationError,
  memoryPlatform,
  type NectarClient,
  type ValidationError,
} from './index.ts';

const clients: NectarClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (name = 'lid.png') => new File([new Uint8Array(PNG), new Uint8Array(64)], name, { type: 'image/png' });

async function withTicket(options: Parameters<typeof memoryDesk>[0] = {}) {
  const desk = memoryDesk(options);
  const platform = memoryPlatform();
  const nectar = createClient({ desk, storage: 'memory', user: { email: 'ann@example.com' } }, { platform });
  clients.push(nectar);
  const r = await nectar.tickets.submit({ category: 'damaged', message: 'The lid arrived cracked.' });
  if (r.state !== 'sent') throw new Error('expected the ticket to be sent');
  return { desk, nectar, platform, ticket: r.ticket };
}

describe('tickets.reply: the shopper answers on their ticket', () => {
  it('sends the message with a photo; the agent’s question is answered and the ticket is open again', async () => {
    const { desk, nectar, ticket } = await withTicket();
    desk.reply(ticket.id, 'Could you send a photo of the lid?');
    const sent: unknown[] = [];
    nectar.on('reply-sent', (d) => sent.push(d));
    const r = await nectar.tickets.reply(ticket.id, { message: '  Here it is.  ', attachments: [png()] });
    expect(r.state).to.equal('sent');
    if (r.state !== 'sent') return;
    expect(r.ticket.status).to.equal('open');
    const last = r.ticket.timeline.at(-1)!;
    expect([last.kind, last.by, last.body]).to.deep.equal(['customer_message', 'customer', 'Here it is.']);
    expect(r.ticket.attachments).to.have.length(1);
    expect(sent).to.have.length(1);
    expect(desk.calls.addMessage).to.equal(1);
  });

  it('reopens a resolved ticket', async () => {
    const { desk, nectar, ticket } = await withTicket();
    desk.resolve(ticket.id);
    const r = await nectar.tickets.reply(ticket.id, { message: 'It broke again.' });
    if (r.state !== 'sent') throw new Error('expected sent');
    expect(r.ticket.status).to.equal('open');
    expect(r.ticket.timeline.map((e) => e.kind).slice(-2)).to.deep.equal(['reopened', 'customer_message']);
  });

  it('offline: kept in the outbox and sent exactly once when the service is back', async () => {
    const { desk, nectar, ticket } = await withTicket();
    desk.simulate({ offline: true });
    const queued: unknown[] = [];
    nectar.on('reply-queued', (d) => queued.push(d));
    const r = await nectar.tickets.reply(ticket.id, { message: 'Any news?', attachments: [png()] });
    expect(r.state).to.equal('queued');
    expect(queued).to.have.length(1);
    desk.simulate({ offline: false });
    await nectar.flush();
    await nectar.flush();
    const stored = desk.tickets().find((t) => t.id === ticket.id)!;
    expect(stored.timeline.filter((e) => e.kind === 'customer_message').map((e) => e.body)).to.deep.equal([
      'Any news?',
    ]);
    expect(stored.attachments).to.have.length(1);
  });

  it('names every bad field and queues nothing', async () => {
    const { desk, nectar, ticket } = await withTicket();
    const error = await nectar.tickets
      .reply(ticket.id, {
        message: 'Hello\u0000there',
        attachments: [png(), new File(['MZ'], 'run.exe', { type: 'application/x-msdownload' })],
      })
      .catch((e: unknown) => e);
    expect(isValidationError(error)).to.equal(true);
    expect((error as ValidationError).fields).to.deep.equal({
      message: 'control_character',
      'attachments.1': 'file_type',
    });
    const blank = await nectar.tickets.reply(ticket.id, { message: '   ' }).catch((e: unknown) => e);
    expect((blank as ValidationError).fields).to.deep.equal({ message: 'required' });
    const long = await nectar.tickets.reply(ticket.id, { message: 'x'.repeat(5001) }).catch((e: unknown) => e);
    expect((long as ValidationError).fields).to.deep.equal({ message: 'too_long' });
    await nectar.flush();
    expect(desk.calls.addMessage).to.equal(0);
  });

  it('refuses a ticket this browser has no access to', async () => {
    const { nectar } = await withTicket();
    const error = await nectar.tickets.reply('t_someone_else', { message: 'Hi' }).catch((e: unknown) => e);
    expect(isNotFoundError(error)).to.equal(true);
  });

  it('answers with a given access token (a mailed link’s) from a browser that did not create the ticket, queued too', async () => {
    const { desk, ticket } = await withTicket();
    const other = createClient({ desk, storage: 'memory' }, { platform: memoryPlatform() });
    clients.push(other);
    const refused = await other.tickets.reply(ticket.id, { message: 'Hi' }).catch((e: unknown) => e);
    expect(isNotFoundError(refused), 'no token kept, none given').to.equal(true);

    const r = await other.tickets.reply(ticket.id, { message: 'From the mail.' }, { accessToken: ticket.accessToken });
    expect(r.state).to.equal('sent');

    desk.simulate({ offline: true });
    const queued = await other.tickets.reply(
      ticket.id,
      { message: 'Offline, from the mail.', attachments: [png()] },
      { accessToken: ticket.accessToken },
    );
    expect(queued.state).to.equal('queued');
    desk.simulate({ offline: false });
    await other.flush();
    const stored = desk.tickets().find((t) => t.id === ticket.id)!;
    expect(stored.timeline.filter((e) => e.kind === 'customer_message').map((e) => e.body)).to.deep.equal([
      'From the mail.',
      'Offline, from the mail.',
    ]);
    expect(stored.attachments).to.have.length(1);

    const wrong = await other.tickets
      .reply(ticket.id, { message: 'Guessing.' }, { accessToken: 'tok_wrong' })
      .catch((e: unknown) => e);
    expect(isNotFoundError(wrong), 'a wrong token is refused by the desk').to.equal(true);
  });
});
