import { expect } from '@open-wc/testing';
import { createNectar, isAuthError, isBackendError, isValidationError, type NectarClient } from '@nectar/core';
import { httpDesk } from './index.ts';

interface Logged {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
let n = 0;
const testId = () => `hd-${Date.now().toString(36)}-${n++}`;
const log = async (id: string) =>
  (await (await fetch(`/__test/log/${id}`)).json()) as { count: number; requests: Logged[] };
/** Sets how the test endpoint answers every request of `id`. */
const setup = (id: string, seq: string) => fetch(`/__test/setup/${id}?seq=${seq}`, { method: 'POST' });

describe('httpDesk', () => {
  const clients: NectarClient[] = [];
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));

  it('speaks HTTP API v1: site key, idempotency keys, multipart photo, then the ticket', async () => {
    const id = testId();
    await setup(id, '201');
    const desk = httpDesk({ endpoint: `${location.origin}/__test/seq/${id}`, siteKey: 'pk_demo' });
    const nectar = createNectar({ desk, storage: 'memory' });
    clients.push(nectar);
    const photo = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'crack.png', { type: 'image/png' });
    const result = await nectar.tickets.submit({
      category: 'damaged',
      message: 'Cracked',
      contact: { email: 'ann@example.com' },
      attachments: [photo],
    });
    expect(result).to.deep.include({ state: 'sent' });
    const { requests } = await log(id);
    expect(requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /v1/attachments', 'POST /v1/tickets']);
    const [upload, create] = requests as [Logged, Logged];
    expect(upload.headers['content-type']).to.match(/^multipart\/form-data; boundary=/);
    expect(upload.body).to.contain('name="file"; filename="crack.png"');
    expect(upload.body).to.contain('Content-Type: image/png');
    for (const r of requests) {
      expect(r.headers['x-nectar-site']).to.equal('pk_demo');
      expect(r.headers['idempotency-key']).to.match(/^[0-9a-f-]{36}$/);
    }
    expect(upload.headers['idempotency-key']).to.not.equal(create.headers['idempotency-key']);
    const sent = JSON.parse(create.body);
    expect(sent).to.deep.include({ category: 'damaged', message: 'Cracked', attachments: ['a_0'] });
    expect(sent.contact).to.deep.equal({ email: 'ann@example.com' });
  });

  it('reads a ticket with its Bearer access token', async () => {
    const id = testId();
    await setup(id, '200');
    const desk = httpDesk({ endpoint: `${location.origin}/__test/seq/${id}`, siteKey: 'pk_demo' });
    const ticket = await desk.getTicket('t_1', 'tok_secret');
    expect(ticket.timeline[0]!.kind).to.equal('created');
    const [req] = (await log(id)).requests;
    expect(req!.path).to.equal('/v1/tickets/t_1');
    expect(req!.headers.authorization).to.equal('Bearer tok_secret');

    const id2 = testId();
    await setup(id2, '401');
    const denied = httpDesk({ endpoint: `${location.origin}/__test/seq/${id2}`, siteKey: 'x' });
    expect(isAuthError(await denied.getTicket('t_1', 'bad').catch((e) => e))).to.equal(true);
  });

  it('searches answers with GET /v1/answers (query, locale, limit) and refuses a malformed list', async () => {
    const id = testId();
    await setup(id, '200');
    const urls: string[] = [];
    const desk = httpDesk({
      endpoint: `${location.origin}/__test/seq/${id}`,
      siteKey: 'pk_demo',
      // Passes every call on to the real fetch; keeps the URL (the test endpoint logs only the path).
      fetch: (input, init) => {
        urls.push(input instanceof Request ? input.url : String(input));
        return fetch(input, init);
      },
    });
    // The test endpoint answers `{ ok: true }`, which is not an answer list: a BackendError, never passed on.
    const malformed = await desk.searchAnswers!('où est mon colis? 退货', { locale: 'zh-TW', limit: 3 }).catch(
      (e) => e,
    );
    expect(isBackendError(malformed)).to.equal(true);
    const [req] = (await log(id)).requests;
    expect(req!.method).to.equal('GET');
    expect(req!.path).to.equal('/v1/answers');
    const url = new URL(urls[0]!);
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      q: 'où est mon colis? 退货',
      locale: 'zh-TW',
      limit: '3',
    });
    expect(req!.headers['x-nectar-site']).to.equal('pk_demo');

    const id2 = testId();
    await setup(id2, '400');
    const invalid = httpDesk({ endpoint: `${location.origin}/__test/seq/${id2}`, siteKey: 'pk_demo' });
    expect(isValidationError(await invalid.searchAnswers!('x', { locale: 'en' }).catch((e) => e))).to.equal(true);
    expect((await log(id2)).count).to.equal(1, 'a 4xx is not retried');
  });

  it('sends events with POST /v1/events under one key, the same on a retry', async () => {
    const id = testId();
    await setup(id, '503,200');
    const desk = httpDesk({
      endpoint: `${location.origin}/__test/seq/${id}`,
      siteKey: 'pk_demo',
      retry: { limit: 2, baseDelay: 10 },
    });
    const events = [{ name: 'nudge.shown', props: { rule: 'late' }, anonymousId: 'r_1' }];
    // `{ ok: true }` is not `{ accepted }`: malformed, after the retry.
    expect(isBackendError(await desk.sendEvents!(events, { idempotencyKey: 'ev-key-1' }).catch((e) => e))).to.equal(
      true,
    );
    const { requests } = await log(id);
    expect(requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal(['POST /v1/events', 'POST /v1/events']);
    expect(requests.map((r) => r.headers['idempotency-key'])).to.deep.equal(['ev-key-1', 'ev-key-1']);
    expect(JSON.parse(requests[1]!.body)).to.deep.equal({ events });
  });
});
