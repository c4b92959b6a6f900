import { expect } from '@open-wc/testing';
import { isBackendError, isNetworkError, isNotFoundError, isRateLimitedError, isValidationError } from '@nectar/core';
import type { BackendError, RateLimitedError } from '@nectar/core';
import { memoryDesk } from './index.ts';

const input = { category: 'delivery' as const, message: 'Where is my parcel?', contact: { email: 'ann@example.com' } };

describe('memoryDesk', () => {
  it('replays a key with the original receipt and refuses the key with another body', async () => {
    const desk = memoryDesk();
    const a = await desk.createTicket(input, { idempotencyKey: 'k1' });
    const b = await desk.createTicket(input, { idempotencyKey: 'k1' });
    expect(b).to.deep.equal(a);
    expect(desk.tickets()).to.have.length(1);
    const conflict = await desk.createTicket({ ...input, message: 'Other' }, { idempotencyKey: 'k1' }).catch((e) => e);
    expect(isBackendError(conflict)).to.equal(true);
    expect((conflict as BackendError).status).to.equal(422);
  });

  it('hashes a body as the service does: the same fields in another order replay', async () => {
    const desk = memoryDesk();
    const a = await desk.createTicket(input, { idempotencyKey: 'k1' });
    const reordered = { contact: { email: 'ann@example.com' }, message: input.message, category: input.category };
    expect(await desk.createTicket(reordered, { idempotencyKey: 'k1' })).to.deep.equal(a);
    expect(desk.tickets()).to.have.length(1);
  });

  it('promises by severity: medium is 4 h / 48 h', async () => {
    const now = new Date('2025-03-04T10:00:00Z');
    const desk = memoryDesk({ now: () => now });
    const r = await desk.createTicket(input, { idempotencyKey: 'k' });
    expect(r.promise).to.deep.equal({
      firstResponseBy: '2025-03-04T14:00:00.000Z',
      resolveBy: '2025-03-06T10:00:00.000Z',
    });
  });

  it('validates like the service', async () => {
    const desk = memoryDesk();
    const error = await desk.createTicket({ ...input, message: '' }, { idempotencyKey: 'k' }).catch((e) => e);
    expect(isValidationError(error)).to.equal(true);
    expect(error.fields).to.deep.equal({ message: 'required' });
  });

  it('simulates offline, 500s, 429 with Retry-After and latency', async () => {
    const desk = memoryDesk();
    desk.simulate({ offline: true });
    expect(isNetworkError(await desk.createTicket(input, { idempotencyKey: 'a' }).catch((e) => e))).to.equal(true);
    desk.simulate({ offline: false, status500: 2 });
    for (let i = 0; i < 2; i++) {
      const e = await desk.createTicket(input, { idempotencyKey: 'a' }).catch((e) => e);
      expect((e as BackendError).status).to.equal(500);
    }
    desk.simulate({ rateLimit: { count: 1, retryAfter: 30 } });
    const limited = await desk.createTicket(input, { idempotencyKey: 'a' }).catch((e) => e);
    expect(isRateLimitedError(limited)).to.equal(true);
    expect((limited as RateLimitedError).retryAfter).to.equal(30);
    desk.simulate({ latencyMs: 150 });
    const started = performance.now();
    await desk.createTicket(input, { idempotencyKey: 'a' });
    expect(performance.now() - started).to.be.at.least(140);
    expect(desk.tickets()).to.have.length(1);
    expect(desk.calls.createTicket).to.equal(5);
  });

  it('keeps a timeline the shopper can read with the access token', async () => {
    const desk = memoryDesk({ agentName: 'Lin' });
    const r = await desk.createTicket(input, { idempotencyKey: 'k' });
    desk.reply(r.id, 'It ships tomorrow.');
    desk.resolve(r.id);
    const t = await desk.getTicket(r.id, r.accessToken);
    expect(t.status).to.equal('resolved');
    expect(t.timeline.map((e) => e.kind)).to.deep.equal(['created', 'assigned', 'replied', 'resolved']);
    expect(t.timeline[2]).to.deep.include({ by: 'agent', authorName: 'Lin', body: 'It ships tomorrow.' });
    expect(isNotFoundError(await desk.getTicket(r.id, 'wrong').catch((e) => e))).to.equal(true);
  });

  it('searches its small knowledge base: best first, Chinese by substring, English fallback', async () => {
    const desk = memoryDesk();
    const en = await desk.searchAnswers!('return policy', { locale: 'en' });
    expect(en[0]).to.include({ id: 'returns.en', locale: 'en', title: 'How do I return an item?' });
    expect(en.map((a) => a.score)).to.deep.equal([...en.map((a) => a.score)].sort((a, b) => b - a));
    const cn = await desk.searchAnswers!('怎么退货', { locale: 'zh-CN' });
    expect(cn.map((a) => a.id)).to.deep.equal(['returns.zh-CN']);
    const tw = await desk.searchAnswers!('tracking', { locale: 'zh-TW', limit: 1 });
    expect(tw.map((a) => [a.id, a.locale])).to.deep.equal([['track-order.en', 'en']]);
    expect(await desk.searchAnswers!('xylophone', { locale: 'en' })).to.deep.equal([]);
    const blank = await desk.searchAnswers!('  ', { locale: 'en' }).catch((e) => e);
    expect(isValidationError(blank)).to.equal(true);
    expect(blank.fields).to.deep.equal({ q: 'required' });
    const own = memoryDesk({ answers: [{ id: 'gift', locale: 'en', title: 'Gift wrap', body: 'At checkout.' }] });
    expect((await own.searchAnswers!('gift', { locale: 'en' })).map((a) => a.id)).to.deep.equal(['gift']);
    expect(own.calls.searchAnswers).to.equal(1);
  });

  it('stores event batches once per key and validates them', async () => {
    const desk = memoryDesk({ now: () => new Date('2026-03-04T10:00:00Z') });
    const events = [{ name: 'nudge.shown', props: { rule: 'late' } }, { name: 'answer_viewed' }];
    expect(await desk.sendEvents!(events, { idempotencyKey: 'e1' })).to.deep.equal({ accepted: 2 });
    expect(await desk.sendEvents!(events, { idempotencyKey: 'e1' })).to.deep.equal({ accepted: 2 });
    expect(desk.events()).to.deep.equal([
      { name: 'nudge.shown', props: { rule: 'late' }, at: '2026-03-04T10:00:00.000Z' },
      { name: 'answer_viewed', at: '2026-03-04T10:00:00.000Z' },
    ]);
    const bad = await desk.sendEvents!([{ name: 'Bad name' }], { idempotencyKey: 'e2' }).catch((e) => e);
    expect(isValidationError(bad)).to.equal(true);
    expect(bad.fields).to.deep.equal({ 'events.0.name': 'invalid' });
    desk.simulate({ offline: true });
    expect(isNetworkError(await desk.sendEvents!(events, { idempotencyKey: 'e3' }).catch((e) => e))).to.equal(true);
    expect(desk.events()).to.have.length(2);
    expect(desk.calls.sendEvents).to.equal(4);
  });
});
