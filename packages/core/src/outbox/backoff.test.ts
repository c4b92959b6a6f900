/**
 * The outbox under a flaky service, in virtual time (`memoryPlatform({ virtualTime: true })`): per-entry
 * backoff, no head-of-line blocking, a bounded attempt rate, and refusals that leave the queue.
 */
import { expect } from '@open-wc/testing';
import {
  BackendError,
  NetworkError,
  ValidationError,
  createClient,
  isValidationError,
  memoryPlatform,
  type DeskAdapter,
  type MemoryPlatform,
  type NectarClient,
  type NectarEventMap,
  type TicketCreateInput,
  type TicketReceipt,
} from '../index.ts';

/** Retries of the HTTP transport of one send against an unreachable service (ky: 3 retries, jittered ~300/600/1200 ms). */
const TRANSPORT_RETRY_MS = [165, 330, 660];

interface FlakyDesk extends DeskAdapter {
  /** POST /v1/tickets requests that reached the network (each send is 4 of them while unreachable). */
  posts: number;
  /** The service cannot be reached. */
  unreachable: boolean;
  created: TicketCreateInput[];
}

/**
 * A desk over a simulated network: while `unreachable`, one send makes the transport's 4 POSTs over
 * ~1.2 s of (virtual) time, then fails with `NetworkError`. A message containing `poison` answers 500;
 * one containing `refuse` answers 400 `validation_failed`.
 */
function flakyDesk(platform: MemoryPlatform): FlakyDesk {
  const wait = (ms: number) => new Promise<void>((resolve) => platform.setTimer(resolve, ms));
  let n = 0;
  const desk: FlakyDesk = {
    name: 'flaky',
    capabilities: { attachments: true, ticketStatus: true, messages: false, feedback: false },
    posts: 0,
    unreachable: false,
    created: [],
    async createTicket(input) {
      desk.posts += 1;
      if (desk.unreachable) {
        for (const ms of TRANSPORT_RETRY_MS) {
          await wait(ms);
          desk.posts += 1;
        }
        throw new NetworkError('Failed to fetch');
      }
      if (input.message.includes('poison')) throw new BackendError('Internal error', 500, 'internal');
      if (input.message.includes('refuse'))
        throw new ValidationError('Invalid ticket', { message: 'control_character' });
      desk.created.push(input);
      const at = new Date(platform.now()).toISOString();
      n += 1;
      return {
        id: `t${n}`,
        number: `NC-00000${n}`,
        status: 'new',
        createdAt: at,
        accessToken: `token${n}`,
        promise: { firstResponseBy: at, resolveBy: at },
      } satisfies TicketReceipt;
    },
    uploadAttachment: async () => ({ id: 'a1' }),
    getTicket: async () => {
      throw new Error('not used');
    },
  };
  return desk;
}

const clients: NectarClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));

function setup() {
  const platform = memoryPlatform({ online: false, virtualTime: true });
  const desk = flakyDesk(platform);
  const client = createClient({ desk, storage: 'memory', namespace: 'backoff' }, { platform });
  clients.push(client);
  return { platform, desk, client };
}
const collect = <K extends keyof NectarEventMap>(c: NectarClient, name: K) => {
  const seen: NectarEventMap[K][] = [];
  c.on(name, (d) => seen.push(d));
  return seen;
};
const ticket = (message: string) => ({ category: 'delivery' as const, message, contact: { email: 'ann@example.com' } });

/** Queues `count` tickets offline, then the browser goes online with the service unreachable for 60 s. */
async function outage(count: number) {
  const { platform, desk, client } = setup();
  const sent = collect(client, 'ticket-sent');
  await platform.advance(0);
  for (let i = 0; i < count; i++)
    expect((await client.tickets.submit(ticket(`Where is order ${i}?`))).state).to.equal('queued');
  desk.unreachable = true;
  platform.setOnline(true);
  await platform.advance(60_000);
  const posts = desk.posts;
  desk.unreachable = false;
  // Back: every entry goes out within its next backoff step (≤ 5 min), exactly once.
  await platform.advance(5 * 60_000);
  expect(sent.length, 'all sent after the outage').to.equal(count);
  expect(desk.created.length).to.equal(count);
  return posts;
}

describe('outbox backoff', () => {
  it('keeps the attempt rate bounded during a 60 s outage, however many entries wait', async () => {
    const one = await outage(1);
    const three = await outage(3);
    console.log(`[outbox] POSTs during a 60 s outage: 1 entry ${one}, 3 entries ${three}`);
    // Per-entry backoff ~2 s, 4 s, 8 s … and one probe at a time while the service is unreachable.
    expect(one).to.be.at.most(32);
    expect(three).to.be.at.most(40);
  });

  it('sends a good ticket promptly while one ahead of it keeps failing', async () => {
    const { platform, desk, client } = setup();
    const sent = collect(client, 'ticket-sent');
    await platform.advance(0);
    await client.tickets.submit(ticket('poison: the service fails on this one'));
    await platform.advance(1000);
    await client.tickets.submit(ticket('A good ticket'));
    platform.setOnline(true);
    await platform.advance(1000);
    expect(sent.map((s) => s.ticket.number)).to.have.length(1);
    expect(desk.created.map((t) => t.message)).to.deep.equal(['A good ticket']);
    // The failing one keeps its own backoff: a few attempts a minute, not a tight loop.
    const before = desk.posts;
    await platform.advance(60_000);
    expect(desk.posts - before).to.be.at.most(8);
    expect(await client.tickets.list()).to.have.length(1);
  });

  it('removes an entry the service refuses and reports it with its kind and the typed error', async () => {
    const { platform, desk, client } = setup();
    const errors = collect(client, 'outbox-error');
    await platform.advance(0);
    const result = await client.tickets.submit(ticket('refuse me'));
    expect(result.state).to.equal('queued');
    platform.setOnline(true);
    await platform.advance(1000);
    expect(errors).to.have.length(1);
    expect(errors[0]!.kind).to.equal('ticket');
    expect(errors[0]!.localId).to.equal((result as { localId: string }).localId);
    expect(isValidationError(errors[0]!.error)).to.equal(true);
    expect((errors[0]!.error as ValidationError).fields).to.deep.equal({ message: 'control_character' });
    const posts = desk.posts;
    await client.flush();
    await platform.advance(60_000);
    expect(desk.posts, 'never sent again').to.equal(posts);
  });
});
