import { expect, waitUntil } from '@open-wc/testing';
import { memoryDesk, type MemoryDesk } from '@nectar/adapters/memory';
import {
  createClient,
  csatSurveyId,
  isNotFoundError,
  isValidationError,
  memoryPlatform,
  type ClientDeps,
  type NectarClient,
  type NectarEventMap,
  type SessionStore,
  type ValidationError,
} from './index.ts';

const DAY = 86_400_000;
let clients: NectarClient[] = [];
let namespaces: string[] = [];
const ns = () => {
  const name = `fb${Math.random().toString(36).slice(2, 10)}`;
  namespaces.push(name);
  return name;
};
const session = (): SessionStore => {
  const m = new Map<string, string>();
  return { get: (k) => m.get(k) ?? null, set: (k, v) => void m.set(k, v) };
};
const open = (desk: MemoryDesk, namespace: string, deps: ClientDeps = {}) => {
  const c = createClient({ desk, namespace }, { session: session(), ...deps });
  clients.push(c);
  return c;
};
const collect = <K extends keyof NectarEventMap>(c: NectarClient, name: K) => {
  const seen: NectarEventMap[K][] = [];
  c.on(name, (d) => seen.push(d));
  return seen;
};
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
afterEach(() => {
  clients.forEach((c) => c.destroy());
  clients = [];
  for (const n of namespaces) indexedDB.deleteDatabase(`nectar:${n}`);
  namespaces = [];
});

async function ticketFor(client: NectarClient) {
  const r = await client.tickets.submit({
    category: 'delivery',
    message: 'Where is my parcel?',
    contact: { email: 'lee@example.com' },
  });
  if (r.state !== 'sent') throw new Error('expected sent');
  return r.ticket;
}

describe('feedback.nps / feedback.csat', () => {
  it('refuses a bad score or rating, naming the field, and sends nothing', async () => {
    const desk = memoryDesk();
    const client = open(desk, ns());
    for (const score of [11, -1, 7.5, '8' as unknown as number, undefined as unknown as number]) {
      const e = (await rejection(client.feedback.nps({ score }))) as ValidationError;
      expect(isValidationError(e), String(score)).to.equal(true);
      expect(Object.keys(e.fields)).to.deep.equal(['score']);
    }
    const long = (await rejection(client.feedback.nps({ score: 5, comment: 'x'.repeat(2001) }))) as ValidationError;
    expect(long.fields).to.deep.equal({ comment: 'too_long' });
    for (const rating of [0, 6, 2.5]) {
      const e = (await rejection(client.feedback.csat({ ticketId: 't_1', rating }))) as ValidationError;
      expect(e.fields).to.have.keys(['rating']);
    }
    const noTicket = (await rejection(client.feedback.csat({ ticketId: '', rating: 3 }))) as ValidationError;
    expect(noTicket.fields).to.have.keys(['ticketId']);
    // A ticket this browser did not create (and no token given) cannot be rated from here.
    expect(isNotFoundError(await rejection(client.feedback.csat({ ticketId: 't_other', rating: 3 })))).to.equal(true);
    await client.flush();
    expect(desk.calls.sendFeedback).to.equal(0);
    expect(desk.feedback()).to.have.length(0);
    // Nothing was remembered as answered either.
    expect(await client.feedback.shouldAsk('nps')).to.equal(true);
  });

  it('sends an NPS answer with a respondent id that this browser keeps', async () => {
    const desk = memoryDesk();
    const namespace = ns();
    const client = open(desk, namespace);
    const sent = collect(client, 'feedback-sent');
    const r = await client.feedback.nps({ score: 9, comment: '  Fast delivery  ' });
    expect(r.state).to.equal('sent');
    if (r.state !== 'sent') return;
    expect(r.response).to.include({ kind: 'nps', score: 9, comment: 'Fast delivery', surveyId: 'nps' });
    expect(sent.map((s) => s.response.id)).to.deep.equal([r.response.id]);
    const respondent = await client.feedback.respondent();
    expect(desk.feedback()[0]!.respondent).to.equal(respondent);
    client.destroy();
    const again = open(desk, namespace);
    expect(await again.feedback.respondent()).to.equal(respondent);
    expect(await again.feedback.state('nps')).to.include({ score: 9 });
  });

  it('keeps an offline answer through a reload and stores it exactly once', async () => {
    const desk = memoryDesk();
    const namespace = ns();
    const platform = memoryPlatform({ online: false });
    const first = open(desk, namespace, { platform });
    const queued = collect(first, 'feedback-queued');
    const r = await first.feedback.nps({ score: 4, surveyId: 'checkout' });
    expect(r.state).to.equal('queued');
    expect(queued).to.have.length(1);
    expect(desk.calls.sendFeedback).to.equal(0);
    first.destroy(); // the tab is closed while offline

    const second = open(desk, namespace); // the page is loaded again, online
    const sent = collect(second, 'feedback-sent');
    await waitUntil(() => sent.length === 1, 'the queued answer goes out at start-up', { timeout: 5000 });
    await second.flush();
    const third = open(desk, namespace);
    await third.flush();
    expect(desk.feedback()).to.have.length(1);
    expect(desk.feedback()[0]).to.include({ score: 4, surveyId: 'checkout' });
    expect(desk.calls.sendFeedback).to.equal(1);
  });

  it('retries a failed send with the same key: counted once', async () => {
    const desk = memoryDesk({ status500: 1 });
    const client = open(desk, ns(), { backoff: () => 10 });
    const sent = collect(client, 'feedback-sent');
    const r = await client.feedback.nps({ score: 10 });
    expect(r.state).to.equal('queued');
    await waitUntil(() => sent.length === 1, 'sent on retry', { timeout: 5000 });
    await client.flush();
    expect(desk.calls.sendFeedback).to.equal(2);
    expect(desk.feedback()).to.have.length(1);
  });

  it('updates the same response when the comment follows the score', async () => {
    const desk = memoryDesk();
    const client = open(desk, ns());
    const first = await client.feedback.nps({ score: 6 });
    const second = await client.feedback.nps({ score: 6, comment: 'Delivery took two weeks' });
    if (first.state !== 'sent' || second.state !== 'sent') throw new Error('expected sent');
    expect(second.response.id).to.equal(first.response.id);
    expect(desk.feedback()).to.have.length(1);
    expect(desk.feedback()[0]).to.include({ score: 6, comment: 'Delivery took two weeks' });
  });

  it('offline, the comment replaces the pending score: one send with both', async () => {
    const desk = memoryDesk();
    const platform = memoryPlatform({ online: false });
    const client = open(desk, ns(), { platform });
    await client.feedback.nps({ score: 8 });
    await client.feedback.nps({ score: 8, comment: 'More sizes, please' });
    const sent = collect(client, 'feedback-sent');
    platform.setOnline(true);
    await waitUntil(() => sent.length === 1, 'sent when online', { timeout: 5000 });
    await client.flush();
    expect(desk.calls.sendFeedback).to.equal(1);
    expect(desk.feedback()).to.have.length(1);
    expect(desk.feedback()[0]).to.include({ score: 8, comment: 'More sizes, please' });
  });

  it('rates a ticket; a low rating with follow-up reopens the same ticket with the comment', async () => {
    const desk = memoryDesk();
    const client = open(desk, ns());
    const receipt = await ticketFor(client);
    desk.resolve(receipt.id);
    const r = await client.feedback.csat({ ticketId: receipt.id, rating: 2 });
    expect(r.state).to.equal('sent');
    const follow = await client.feedback.csat({
      ticketId: receipt.id,
      rating: 2,
      comment: 'Still no parcel',
      followUp: true,
    });
    if (follow.state !== 'sent') throw new Error('expected sent');
    expect(follow.response).to.include({ kind: 'csat', score: 2, comment: 'Still no parcel', ticketId: receipt.id });
    expect(desk.feedback()).to.have.length(1);
    expect(desk.tickets()).to.have.length(1);
    const ticket = await client.tickets.get(receipt.id);
    expect(ticket.status).to.equal('open');
    expect(ticket.timeline.map((e) => e.kind)).to.deep.equal(['created', 'resolved', 'customer_message', 'reopened']);
    expect(ticket.timeline[2]!.body).to.equal('Still no parcel');
    expect(await client.feedback.shouldAsk(csatSurveyId(receipt.id), { recontactDays: Infinity })).to.equal(false);
  });
});

describe('feedback.shouldAsk', () => {
  it('asks once per session across surveys, and not again after an answer', async () => {
    const desk = memoryDesk();
    const client = open(desk, ns());
    expect(await client.feedback.shouldAsk('nps')).to.equal(true);
    // The same survey may still show (e.g. after a re-render); another one waits for a new session.
    expect(await client.feedback.shouldAsk('nps')).to.equal(true);
    expect(await client.feedback.shouldAsk('post-purchase')).to.equal(false);
    expect(await client.feedback.shouldAsk('post-purchase', { oncePerSession: false })).to.equal(true);
    await client.feedback.nps({ score: 7 });
    expect(await client.feedback.shouldAsk('nps')).to.equal(false);
  });

  it('remembers answers and dismissals across reloads for recontactDays; "don\u2019t ask again" is for good', async () => {
    const desk = memoryDesk();
    const namespace = ns();
    let now = Date.UTC(2026, 0, 1);
    const clock = () => now;
    const first = open(desk, namespace, { now: clock });
    await first.feedback.nps({ score: 3 });
    await first.feedback.dismiss('returns');
    await first.feedback.dismiss('delivery', { forever: true });
    first.destroy();

    // A reload in a new tab session: each survey is checked on its own.
    const fresh = () => open(desk, namespace, { now: clock, session: session() });
    now += 89 * DAY;
    expect(await fresh().feedback.shouldAsk('nps')).to.equal(false);
    expect(await fresh().feedback.shouldAsk('returns')).to.equal(false);
    expect(await fresh().feedback.shouldAsk('returns', { recontactDays: 30 })).to.equal(true);
    now += 2 * DAY;
    expect(await fresh().feedback.shouldAsk('nps')).to.equal(true);
    expect(await fresh().feedback.shouldAsk('returns')).to.equal(true);
    now += 1000 * DAY;
    expect(await fresh().feedback.shouldAsk('delivery')).to.equal(false);
    expect(await fresh().feedback.state('delivery')).to.include({ never: true });
  });

  it('uses the tab’s sessionStorage by default: a reload in the same tab is the same session', async () => {
    const desk = memoryDesk();
    const namespace = ns();
    const a = createClient({ desk, namespace });
    clients.push(a);
    expect(await a.feedback.shouldAsk('nps')).to.equal(true);
    a.destroy();
    const b = createClient({ desk, namespace });
    clients.push(b);
    expect(await b.feedback.shouldAsk('exit-survey')).to.equal(false);
    expect(await b.feedback.shouldAsk('nps')).to.equal(true);
    sessionStorage.removeItem(`nectar:${namespace}:survey-session`);
  });
});
