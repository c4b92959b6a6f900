/**
 * The service side of nudges: the demo site's seeded rules for a shopper's locale with ETag revalidation; an
 * admin replaces the rules (validated, every bad field named; the version moves); the report on a fixture of
 * 700 outcomes with a known lift, its 95 % interval and a sample-ratio mismatch; agent-only routes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NUDGE_EVENTS, nudgeRulesSchema, type NudgeRule } from '@nectar/core/schema';
import { DEMO_NUDGES } from '../src/store/nudges-seed.ts';
import { startServer, type RunningServer } from '../src/index.ts';

describe('nudge rules and report', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, memory: true });
  });
  after(() => server?.close());

  const agent = (method: string, path: string, body?: unknown) =>
    fetch(server.url + path, {
      method,
      headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('seeds the demo rules, valid under the shared schema', () => {
    assert.ok(nudgeRulesSchema.safeParse({ rules: DEMO_NUDGES }).success);
    assert.deepEqual(
      DEMO_NUDGES.map((r) => r.trigger.kind),
      ['order_late', 'dwell', 'search_no_results', 'event'],
    );
  });

  it("serves the site's rules in the shopper's locale, revalidated by ETag", async () => {
    const res = await fetch(`${server.url}/v1/nudges?locale=zh-Hant-TW`, { headers: { 'X-Nectar-Site': 'demo' } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { version: number; locale: string; rules: NudgeRule[] };
    assert.equal(body.locale, 'zh-TW');
    assert.equal(body.rules.length, 4);
    assert.deepEqual(Object.keys(body.rules[1]!.content), ['zh-TW']);
    assert.equal(body.rules[1]!.content['zh-TW']?.title, '需要幫忙退貨嗎？');
    const etag = res.headers.get('etag') ?? '';
    const again = await fetch(`${server.url}/v1/nudges?locale=zh-TW`, {
      headers: { 'X-Nectar-Site': 'demo', 'If-None-Match': etag },
    });
    assert.equal(again.status, 304);
    assert.equal((await fetch(`${server.url}/v1/nudges`)).status, 403, 'no site key: unknown_site');
  });

  it('lets an admin replace the rules, naming each bad field, and moves the version', async () => {
    const before = (await (await agent('GET', '/v1/agent/nudges')).json()) as { version: number };
    const bad = await agent('PUT', '/v1/agent/nudges', {
      rules: [
        { id: 'Bad Id', trigger: { kind: 'dwell', seconds: -1 }, content: { en: { title: 'Hi' } } },
        { id: 'ok', trigger: { kind: 'teleport' }, content: { 'zh-CN': { title: '你好' } } },
      ],
    });
    assert.equal(bad.status, 400);
    const fields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields;
    for (const field of ['rules.0.id', 'rules.0.trigger.seconds', 'rules.1.trigger.kind', 'rules.1.content.en']) {
      assert.ok(field in fields, `${field} in ${JSON.stringify(fields)}`);
    }
    const dup = await agent('PUT', '/v1/agent/nudges', { rules: [DEMO_NUDGES[0], DEMO_NUDGES[0]] });
    assert.deepEqual(((await dup.json()) as { error: { fields: object } }).error.fields, {
      'rules.1.id': 'duplicate_id',
    });

    const saved = await agent('PUT', '/v1/agent/nudges', {
      rules: [...DEMO_NUDGES, { ...DEMO_NUDGES[1], id: 'paused', enabled: false }],
    });
    assert.equal(saved.status, 200);
    assert.equal(((await saved.json()) as { version: number }).version, before.version + 1);
    const shopper = (await (
      await fetch(`${server.url}/v1/nudges?locale=en`, { headers: { 'X-Nectar-Site': 'demo' } })
    ).json()) as { rules: NudgeRule[] };
    assert.ok(!shopper.rules.some((r) => r.id === 'paused'), 'a disabled rule is not served');
    assert.equal((await fetch(`${server.url}/v1/agent/nudges`)).status, 401);
    assert.equal((await fetch(`${server.url}/v1/agent/nudges/report`)).status, 401);
    const asShopper = await fetch(`${server.url}/v1/agent/nudges`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo' },
      body: JSON.stringify({ rules: [] }),
    });
    assert.equal(asShopper.status, 401, 'a site key is no agent credential');
  });

  it('reports counts, lift with its interval, and a sample-ratio mismatch, against a hand-computed fixture', async () => {
    // returns-dwell (holdout 10 %): 400 eligible, 40 held out, 360 shown; converted 72 of 360 (20 %) and 4 of 40
    // (10 %): lift 0.10, SE √(0.2·0.8/360 + 0.1·0.9/40) = 0.05191 → 0.10 ± 0.10174 = [−0.0017, 0.2017].
    // checkout-error (holdout 10 %): 300 eligible, 100 held out: χ² = (100 − 30)²/30 + (200 − 270)²/270 = 181 → SRM.
    const events: { name: string; props: Record<string, string>; anonymousId: string; at: string }[] = [];
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const add = (name: string, ruleId: string, who: string, arm?: string) =>
      events.push({ name, props: { ruleId, ...(arm ? { arm } : {}) }, anonymousId: who, at });
    for (let i = 0; i < 400; i++) {
      const who = `s${i}`;
      const arm = i < 40 ? 'holdout' : 'shown';
      add(NUDGE_EVENTS.eligible, 'returns-dwell', who, arm);
      if (arm === 'shown') {
        add(NUDGE_EVENTS.shown, 'returns-dwell', who);
        if (i % 3 === 0) add(NUDGE_EVENTS.clicked, 'returns-dwell', who);
        if (i % 3 === 1) add(NUDGE_EVENTS.dismissed, 'returns-dwell', who);
      }
      if ((arm === 'holdout' && i < 4) || (arm === 'shown' && i >= 40 && i < 112)) {
        add(NUDGE_EVENTS.converted, 'returns-dwell', who, arm);
      }
    }
    // A shopper eligible twice counts once.
    add(NUDGE_EVENTS.eligible, 'returns-dwell', 's100', 'shown');
    for (let i = 0; i < 300; i++) add(NUDGE_EVENTS.eligible, 'checkout-error', `c${i}`, i < 100 ? 'holdout' : 'shown');
    for (let i = 0; i < events.length; i += 100) {
      const res = await fetch(`${server.url}/v1/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': `batch-${i}` },
        body: JSON.stringify({ events: events.slice(i, i + 100) }),
      });
      assert.equal(res.status, 202, await res.clone().text());
    }
    const today = new Date().toISOString().slice(0, 10);
    const report = (await (await agent('GET', `/v1/agent/nudges/report?from=${today}&to=${today}`)).json()) as {
      rules: Record<string, unknown>[];
    };
    const returns = report.rules.find((r) => r.ruleId === 'returns-dwell');
    assert.deepEqual(returns, {
      ruleId: 'returns-dwell',
      eligible: 400,
      shown: 360,
      heldOut: 40,
      clicked: 120,
      dismissed: 120,
      converted: { shown: 72, heldOut: 4 },
      conversionRate: { shown: 0.2, heldOut: 0.1 },
      lift: { absolute: 0.1, low: -0.0017, high: 0.2017 },
      enoughData: true,
      holdout: 10,
      srm: false,
    });
    const checkout = report.rules.find((r) => r.ruleId === 'checkout-error');
    assert.equal(checkout?.srm, true);
    assert.equal(checkout?.lift, null, 'nobody shown: not enough data');
    assert.equal(checkout?.enoughData, false);
  });
});
