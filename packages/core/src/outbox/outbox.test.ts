import { expect, waitUntil } from '@open-wc/testing';
import { memoryDesk, type MemoryDesk } from '@nectar/adapters/memory';
import {
  createClient,
  createNectar,
  isBackendError,
  memoryPlatform,
  memoryStore,
  type NectarClient,
  type NectarConfig,
  type NectarEventMap,
  type BackendError,
} from '../index.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const png = (name = 'photo.png') => new File([PNG], name, { type: 'image/png' });
const draft = {
  category: 'damaged' as const,
  message: 'The vase arrived in pieces',
  contact: { email: 'ann@example.com' },
};

let clients: NectarClient[] = [];
let namespaces: string[] = [];
const ns = () => {
  const name = `t${Math.random().toString(36).slice(2, 10)}`;
  namespaces.push(name);
  return name;
};
const open = (desk: MemoryDesk, namespace: string, extra: Partial<NectarConfig> = {}) => {
  const c = createNectar({ desk, namespace, ...extra });
  clients.push(c);
  return c;
};
/** Collects one event of a client. */
const collect = <K extends keyof NectarEventMap>(c: NectarClient, name: K) => {
  const seen: NectarEventMap[K][] = [];
  c.on(name, (d) => seen.push(d));
  return seen;
};
afterEach(() => {
  clients.forEach((c) => c.destroy());
  clients = [];
  for (const n of namespaces) indexedDB.deleteDatabase(`nectar:${n}`);
  namespaces = [];
});

describe('outbox', () => {
  it('queues while the desk is unreachable and sends exactly once after a reload', async () => {
    const desk = memoryDesk({ offline: true });
    const namespace = ns();
    const first = open(desk, namespace);
    const queued = collect(first, 'ticket-queued');
    const result = await first.tickets.submit({ ...draft, attachments: [png()] });
    expect(result.state).to.equal('queued');
    if (result.state !== 'queued') return;
    expect(queued).to.deep.equal([{ localId: result.localId }]);
    expect(desk.tickets()).to.have.length(0);
    first.destroy(); // the tab is closed

    desk.simulate({ offline: false });
    const second = open(desk, namespace); // the page is loaded again
    const sent = collect(second, 'ticket-sent');
    await waitUntil(() => sent.length === 1, 'the queued ticket is sent at start-up', { timeout: 5000 });
    expect(sent[0]!.localId).to.equal(result.localId);
    expect(desk.tickets()).to.have.length(1);
    expect(desk.tickets()[0]!.attachments).to.have.length(1);
    expect((await second.tickets.list()).map((t) => t.number)).to.deep.equal([sent[0]!.ticket.number]);

    await second.flush();
    const third = open(desk, namespace);
    await third.flush();
    expect(desk.tickets()).to.have.length(1);
  });

  it('lets only one of two tabs send a queued ticket; both hear it went through', async () => {
    const desk = memoryDesk({ offline: true });
    const namespace = ns();
    const first = open(desk, namespace);
    const result = await first.tickets.submit(draft);
    expect(result.state).to.equal('queued');
    first.destroy();
    const attemptsBefore = desk.calls.createTicket;

    desk.simulate({ offline: false, latencyMs: 50 });
    const a = open(desk, namespace);
    const b = open(desk, namespace);
    const sentA = collect(a, 'ticket-sent');
    const sentB = collect(b, 'ticket-sent');
    await Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);
    await waitUntil(() => sentA.length === 1 && sentB.length === 1, 'both tabs emit ticket-sent', { timeout: 5000 });
    expect(desk.calls.createTicket - attemptsBefore).to.equal(1);
    expect(desk.tickets()).to.have.length(1);
    expect(sentA[0]!.ticket.number).to.equal(sentB[0]!.ticket.number);
  });

  it('uploads each photo once across retries and reloads', async () => {
    const desk = memoryDesk();
    const createTicket = desk.createTicket.bind(desk);
    let failCreate = true;
    // The photos go up, then the connection drops before the ticket is created.
    desk.createTicket = (input, options) => {
      if (failCreate) desk.simulate({ offline: true });
      return createTicket(input, options);
    };
    const namespace = ns();
    const first = open(desk, namespace);
    const result = await first.tickets.submit({ ...draft, attachments: [png('a.png'), png('b.png')] });
    expect(result.state).to.equal('queued');
    expect(desk.calls.uploadAttachment).to.equal(2);
    await first.flush(); // still offline: nothing new goes up
    expect(desk.calls.uploadAttachment).to.equal(2);
    first.destroy();

    failCreate = false;
    desk.simulate({ offline: false });
    const second = open(desk, namespace);
    const sent = collect(second, 'ticket-sent');
    await waitUntil(() => sent.length === 1, 'sent after reload', { timeout: 5000 });
    expect(desk.calls.uploadAttachment).to.equal(2);
    expect(desk.tickets()[0]!.attachments).to.have.length(2);
  });

  it('drops a write the service refuses for good and says so', async () => {
    const desk = memoryDesk({ offline: true });
    const namespace = ns();
    const client = open(desk, namespace);
    const errors = collect(client, 'outbox-error');
    // Named .jpg and typed image/jpeg, but the bytes are a Windows program.
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])], 'photo.jpg', { type: 'image/jpeg' });
    const result = await client.tickets.submit({ ...draft, attachments: [exe] });
    expect(result.state).to.equal('queued');
    desk.simulate({ offline: false });
    await client.flush();
    expect(errors).to.have.length(1);
    expect(errors[0]!.localId).to.equal((result as { localId: string }).localId);
    expect(isBackendError(errors[0]!.error)).to.equal(true);
    expect((errors[0]!.error as BackendError).status).to.equal(415);
    const calls = desk.calls.uploadAttachment;
    await client.flush();
    expect(desk.calls.uploadAttachment).to.equal(calls); // removed: not retried
  });

  it('rejects a direct submit the service refuses, without an outbox-error', async () => {
    const desk = memoryDesk();
    const client = open(desk, ns());
    const errors = collect(client, 'outbox-error');
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0])], 'photo.png', { type: 'image/png' });
    const error = await client.tickets.submit({ ...draft, attachments: [exe] }).catch((e) => e);
    expect(isBackendError(error)).to.equal(true);
    await client.flush();
    expect(errors).to.have.length(0);
    expect(desk.calls.uploadAttachment).to.equal(1);
  });

  it('falls back to memory when IndexedDB is unavailable, and says so', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB')!;
    expect(descriptor, 'indexedDB is an own property of the window').to.not.equal(undefined);
    Object.defineProperty(globalThis, 'indexedDB', { value: undefined, configurable: true });
    try {
      const desk = memoryDesk({ offline: true });
      const client = open(desk, ns());
      const fallback = collect(client, 'storage-fallback');
      const sent = collect(client, 'ticket-sent');
      const result = await client.tickets.submit(draft);
      expect(result.state).to.equal('queued');
      await waitUntil(() => fallback.length === 1, 'storage-fallback emitted');
      expect(fallback[0]!.reason).to.match(/IndexedDB/);
      desk.simulate({ offline: false });
      await client.flush();
      expect(sent).to.have.length(1);
      expect(await client.tickets.list()).to.have.length(1);
    } finally {
      Object.defineProperty(globalThis, 'indexedDB', descriptor);
    }
  });

  it('reports a full disk and still sends the ticket directly', async () => {
    const desk = memoryDesk();
    const client = createClient(
      { desk, namespace: ns() },
      {
        openStore: async () => {
          const store = memoryStore();
          return {
            ...store,
            kind: 'indexeddb',
            putEntry: async () => {
              throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
            },
          };
        },
      },
    );
    clients.push(client);
    const storageErrors = collect(client, 'storage-error');
    const result = await client.tickets.submit(draft);
    expect(result.state).to.equal('sent');
    expect(storageErrors.length).to.be.at.least(1);
    expect((storageErrors[0]!.error as DOMException).name).to.equal('QuotaExceededError');
    expect(desk.tickets()).to.have.length(1);
  });

  it('answers at once when the browser is offline, and sends when it is back online', async () => {
    const desk = memoryDesk();
    const platform = memoryPlatform({ online: false });
    const client = createClient({ desk, namespace: ns() }, { platform });
    clients.push(client);
    const sent = collect(client, 'ticket-sent');
    const result = await client.tickets.submit(draft);
    expect(result.state).to.equal('queued');
    expect(desk.calls.createTicket).to.equal(0);
    platform.setOnline(true);
    await waitUntil(() => sent.length === 1, 'sent on online', { timeout: 5000 });
    expect(desk.tickets()).to.have.length(1);
  });

  it('retries on a backoff timer after a server error', async () => {
    const desk = memoryDesk({ status500: 1 });
    const client = createClient({ desk, namespace: ns() }, { backoff: () => 100 });
    clients.push(client);
    const sent = collect(client, 'ticket-sent');
    const result = await client.tickets.submit(draft);
    expect(result.state).to.equal('queued');
    await waitUntil(() => sent.length === 1, 'sent by the backoff timer', { timeout: 5000 });
    expect(desk.calls.createTicket).to.equal(2);
  });

  it('waits for Retry-After before sending a rate-limited write again', async () => {
    const desk = memoryDesk({ rateLimit: { count: 1, retryAfter: 1 } });
    const client = createClient({ desk, namespace: ns() }, { backoff: () => 10 });
    clients.push(client);
    const sent = collect(client, 'ticket-sent');
    const started = Date.now();
    expect((await client.tickets.submit(draft)).state).to.equal('queued');
    await client.flush();
    expect(desk.calls.createTicket).to.equal(1);
    await waitUntil(() => sent.length === 1, 'sent after Retry-After', { timeout: 5000 });
    expect(Date.now() - started).to.be.at.least(900);
  });

  it('keeps local tickets until reset', async () => {
    const desk = memoryDesk();
    const client = open(desk, ns(), { user: { email: 'ann@example.com' } });
    await client.tickets.submit({ category: 'delivery', message: 'Late' });
    await client.tickets.submit({ category: 'other', message: 'Hello' });
    const list = await client.tickets.list();
    expect(list.map((t) => t.category)).to.deep.equal(['other', 'delivery']);
    client.reset();
    expect(client.user).to.equal(undefined);
    expect(await client.tickets.list()).to.deep.equal([]);
  });
});
