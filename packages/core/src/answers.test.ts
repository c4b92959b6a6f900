import { expect } from '@open-wc/testing';
import { memoryDesk } from '@nectar/adapters/memory';
import {
  createClient,
  isUnsupportedError,
  type Answer,
  type DeskAdapter,
  type Locale,
  type NectarClient,
} from './index.ts';

const KB: Answer[] = [
  { id: 'a1', title: 'How do refunds work?', body: 'Refunds reach your card in 5 days.', locale: 'en', score: 3 },
  { id: 'a2', title: 'Where is my parcel?', body: 'Use the tracking link.', locale: 'en', score: 2 },
  { id: 'a3', title: '如何退款？', body: '退款将在 5 天内退回。', locale: 'zh-CN', score: 1 },
];

/** memoryDesk plus a fixed knowledge base that records what it was asked. */
function withKb() {
  const calls: { query: string; locale: Locale; limit?: number | undefined }[] = [];
  const desk: DeskAdapter = Object.assign(Object.create(memoryDesk()) as DeskAdapter, {
    async searchAnswers(query: string, o: { locale: Locale; limit?: number }) {
      calls.push({ query, locale: o.locale, limit: o.limit });
      const words = query.toLowerCase().split(/\s+/);
      return KB.filter((a) => a.locale === o.locale && words.some((w) => a.title.toLowerCase().includes(w)));
    },
  });
  return { desk, calls };
}

const clients: NectarClient[] = [];
const client = (desk: DeskAdapter, locale = 'en') => {
  const c = createClient({ desk, locale, storage: 'memory', namespace: `ans${Math.random().toString(36).slice(2)}` });
  clients.push(c);
  return c;
};
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

describe('answers.search', () => {
  it('asks the desk in the client’s locale with the default limit, and follows locale changes', async () => {
    const { desk, calls } = withKb();
    const c = client(desk);
    const found = await c.answers.search('  refunds ');
    expect(found.map((a) => a.id)).to.deep.equal(['a1']);
    expect(calls[0]).to.deep.equal({ query: 'refunds', locale: 'en', limit: 5 });
    c.setLocale('zh-CN');
    expect((await c.answers.search('退款')).map((a) => a.id)).to.deep.equal(['a3']);
    expect(calls[1]!.locale).to.equal('zh-CN');
  });

  it('clamps the limit to 1–20, cuts long queries, and answers [] for a blank query without asking', async () => {
    const { desk, calls } = withKb();
    const c = client(desk);
    await c.answers.search('parcel', { limit: 100 });
    await c.answers.search('parcel', { limit: 0 });
    await c.answers.search('x'.repeat(500));
    expect(calls.map((x) => x.limit)).to.deep.equal([20, 1, 5]);
    expect(calls[2]!.query).to.have.length(200);
    expect(await c.answers.search('   ')).to.deep.equal([]);
    expect(calls).to.have.length(3);
  });

  it('throws UnsupportedError when the desk has no knowledge base', async () => {
    const desk = memoryDesk() as DeskAdapter;
    const bare: DeskAdapter = { ...desk, createTicket: desk.createTicket.bind(desk), searchAnswers: undefined };
    let error: unknown;
    try {
      await client(bare).answers.search('refund');
    } catch (e) {
      error = e;
    }
    expect(isUnsupportedError(error)).to.equal(true);
  });
});
