import { expect, waitUntil } from '@open-wc/testing';
import { memoryDesk, type MemoryDesk } from '@nectar/adapters/memory';
import {
  createClient,
  isValidationError,
  memoryPlatform,
  type ClientDeps,
  type NectarClient,
  type NectarConfig,
  type ValidationError,
} from './index.ts';

let clients: NectarClient[] = [];
let namespaces: string[] = [];
const ns = () => {
  const name = `ev${Math.random().toString(36).slice(2, 10)}`;
  namespaces.push(name);
  return name;
};
const open = (desk: MemoryDesk, namespace: string, config: Partial<NectarConfig> = {}, deps: ClientDeps = {}) => {
  const c = createClient({ desk, namespace, ...config }, deps);
  clients.push(c);
  return c;
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

describe('nectar.track', () => {
  it('without consent skips the event: nothing is kept or sent', async () => {
    const desk = memoryDesk();
    for (const consent of [undefined, { behavior: false }, {}]) {
      const client = open(desk, ns(), consent ? { consent } : {});
      expect(client.consent).to.deep.equal({ behavior: false });
      expect(await client.track('nudge.shown', { rule: 'late-order' })).to.deep.equal({ state: 'skipped' });
      await client.flush();
    }
    expect(desk.calls.sendEvents).to.equal(0);
    expect(desk.events()).to.deep.equal([]);
  });

  it('with consent sends the event with its time and the browser’s respondent id', async () => {
    const desk = memoryDesk();
    const now = Date.parse('2026-03-04T10:00:00.000Z');
    const client = open(desk, ns(), { consent: { behavior: true } }, { now: () => now });
    const r = await client.track('answer_viewed', { id: 'returns.en', rank: 1, helpful: true, note: null });
    expect(r).to.deep.equal({ state: 'sent' });
    expect(desk.events()).to.deep.equal([
      {
        name: 'answer_viewed',
        props: { id: 'returns.en', rank: 1, helpful: true, note: null },
        at: '2026-03-04T10:00:00.000Z',
        anonymousId: await client.feedback.respondent(),
      },
    ]);
    expect(await client.track('nudge.dismissed')).to.deep.equal({ state: 'sent' });
    expect(desk.events().map((e) => e.name)).to.deep.equal(['answer_viewed', 'nudge.dismissed']);
    expect(desk.events()[1]).to.not.have.property('props');
  });

  it('names the bad field and sends nothing, with or without consent', async () => {
    const desk = memoryDesk();
    for (const behavior of [true, false]) {
      const client = open(desk, ns(), { consent: { behavior } });
      const cases: [string, unknown, Record<string, string>][] = [
        ['Nudge Shown', undefined, { name: 'invalid' }],
        ['', undefined, { name: 'invalid' }],
        ['ok', { nested: { a: 1 } }, { 'props.nested': 'invalid' }],
        ['ok', { long: 'x'.repeat(501) }, { 'props.long': 'too_long' }],
      ];
      for (const [name, props, fields] of cases) {
        const e = (await rejection(client.track(name, props as never))) as ValidationError;
        expect(isValidationError(e), name).to.equal(true);
        expect(e.fields).to.deep.equal(fields);
      }
    }
    expect(desk.calls.sendEvents).to.equal(0);
  });

  it('a cookie banner grants consent later; withdrawing it drops events not yet sent', async () => {
    const desk = memoryDesk();
    const platform = memoryPlatform({ online: false });
    const client = open(desk, ns(), {}, { platform });
    expect(await client.track('search.failed')).to.deep.equal({ state: 'skipped' });
    client.setConsent({ behavior: true });
    expect(client.consent).to.deep.equal({ behavior: true });
    const queued = await client.track('search.failed', { q: 'refund' });
    expect(queued.state).to.equal('queued');
    client.setConsent({ behavior: false });
    platform.setOnline(true);
    await client.flush();
    expect(desk.calls.sendEvents).to.equal(0);
    expect(await client.track('search.failed')).to.deep.equal({ state: 'skipped' });
    expect(isValidationError(await rejection(Promise.resolve().then(() => client.setConsent({} as never))))).to.equal(
      true,
    );
  });

  it('offline: queued, then sent exactly once — across a reload too', async () => {
    const desk = memoryDesk();
    const namespace = ns();
    const platform = memoryPlatform({ online: false });
    const first = open(desk, namespace, { consent: { behavior: true } }, { platform });
    const r = await first.track('nudge.action', { rule: 'returns-dwell' });
    expect(r.state).to.equal('queued');
    expect(r).to.have.property('localId').that.is.a('string');
    expect(desk.calls.sendEvents).to.equal(0);
    first.destroy(); // the tab is closed while offline

    const second = open(desk, namespace, { consent: { behavior: true } });
    await waitUntil(() => desk.events().length === 1, 'the queued event goes out at start-up', { timeout: 5000 });
    await second.flush();
    const third = open(desk, namespace, { consent: { behavior: true } });
    await third.flush();
    expect(desk.events()).to.have.length(1);
    expect(desk.events()[0]).to.include({ name: 'nudge.action' });
    expect(desk.calls.sendEvents).to.equal(1);
  });

  it('a failed send is retried with the same key: stored once', async () => {
    const desk = memoryDesk({ status500: 1 });
    const client = open(desk, ns(), { consent: { behavior: true } }, { backoff: () => 10 });
    expect((await client.track('nudge.shown')).state).to.equal('queued');
    await waitUntil(() => desk.events().length === 1, 'sent on retry', { timeout: 5000 });
    await client.flush();
    expect(desk.calls.sendEvents).to.equal(2);
    expect(desk.events()).to.have.length(1);
  });

  it('skips events when the desk has no event endpoint', async () => {
    const desk = memoryDesk();
    const bare = { ...desk, sendEvents: undefined } as MemoryDesk;
    const client = open(bare, ns(), { consent: { behavior: true } });
    expect(await client.track('nudge.shown')).to.deep.equal({ state: 'skipped' });
    expect(desk.events()).to.deep.equal([]);
  });

  it('a sent ticket is tracked as ticket_created, with consent only (answer deflection, nudge conversions)', async () => {
    const desk = memoryDesk();
    const draft = { category: 'other' as const, message: 'Hello there', contact: { email: 'a@example.com' } };
    const consenting = open(desk, ns(), { consent: { behavior: true } });
    await consenting.tickets.submit(draft);
    await waitUntil(() => desk.events().some((e) => e.name === 'ticket_created'), 'ticket_created sent');
    const anonymous = open(desk, ns());
    await anonymous.tickets.submit(draft);
    await anonymous.flush();
    await consenting.flush();
    expect(desk.events().filter((e) => e.name === 'ticket_created')).to.have.length(1);
    expect(desk.tickets()).to.have.length(2);
  });
});
