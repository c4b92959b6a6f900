/** httpDesk's searchAnswers/sendEvents and the client's track() against the REAL reference service (PGlite). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createClient, isValidationError, type NectarClient } from '@nectar/core';
import { httpDesk } from '@nectar/adapters/http';
import { startServer, type RunningServer } from '../src/index.ts';

describe('httpDesk on the reference service: answers and events', () => {
  let server: RunningServer;
  const clients: NectarClient[] = [];
  before(async () => {
    server = await startServer({ port: 0, memory: true, onInternalError: () => undefined });
  });
  after(async () => {
    clients.forEach((c) => c.destroy());
    await server?.close();
  });
  const desk = () => httpDesk({ endpoint: server.url, siteKey: 'demo', retry: 0 });

  it('searches the demo knowledge base in each locale', async () => {
    const d = desk();
    const cn = await d.searchAnswers!('怎么退货', { locale: 'zh-CN' });
    assert.deepEqual([cn[0]!.id, cn[0]!.title, cn[0]!.locale], ['demo:returns:zh-CN', '如何退货？', 'zh-CN']);
    const tw = await d.searchAnswers!('忘記密碼', { locale: 'zh-TW', limit: 1 });
    assert.deepEqual(
      tw.map((a) => a.id),
      ['demo:account-sign-in:zh-TW'],
    );
    const en = await d.searchAnswers!('my parcel arrived cracked', { locale: 'en' });
    assert.equal(en[0]!.id, 'demo:damaged-item:en');
    assert.ok(typeof en[0]!.score === 'number' && en[0]!.score > 0);
    const e = await d.searchAnswers!(' ', { locale: 'en' }).catch((x) => x);
    assert.ok(isValidationError(e));
    assert.deepEqual((e as { fields: unknown }).fields, { q: 'required' });
  });

  it('sends events idempotently, and track() with consent lands one row with the respondent id', async () => {
    const d = desk();
    const events = [{ name: 'answer_viewed', props: { id: 'demo:returns:en' } }];
    assert.deepEqual(await d.sendEvents!(events, { idempotencyKey: 'kb-test-1' }), { accepted: 1 });
    assert.deepEqual(await d.sendEvents!(events, { idempotencyKey: 'kb-test-1' }), { accepted: 1 });
    const count = async (name: string) =>
      Number(
        (await server.db.query<{ n: string }>('SELECT count(*) AS n FROM events WHERE name = $1', [name])).rows[0]!.n,
      );
    assert.equal(await count('answer_viewed'), 1);

    const client = createClient({ desk: desk(), storage: 'memory', consent: { behavior: true } });
    clients.push(client);
    assert.deepEqual(await client.track('nudge.shown', { rule: 'late-order' }), { state: 'sent' });
    const { rows } = await server.db.query<{ anonymous_id: string; props: unknown }>(
      `SELECT anonymous_id, props FROM events WHERE name = 'nudge.shown'`,
    );
    assert.deepEqual(rows, [{ anonymous_id: await client.feedback.respondent(), props: { rule: 'late-order' } }]);
  });
});
