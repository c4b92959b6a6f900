import { expect } from '@open-wc/testing';
import { createNectar, isAuthError, type NectarClient } from '@nectar/core';
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
});
