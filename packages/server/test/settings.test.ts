/**
 * Merchant settings per site (`GET`/`PUT /v1/agent/settings`): every agent reads them, only admins change them
 * (a shopper's credentials are no agent's); every bad field is named; a replaced taxonomy is what
 * `POST /v1/tickets` accepts, with its own promises; business hours stored in the database move the promises;
 * two instances on one PostgreSQL see one admin's change.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { TicketReceipt } from '@nectar/core/schema';
import { startPostgres, type RunningPostgres } from '../../../test/support/postgres.ts';
import { startServer, type RunningServer } from '../src/index.ts';

const ADMIN = { email: 'admin@shop.example', password: 'admin-password-long' };
const HOUR = 3_600_000;

interface SettingsView {
  site: string;
  settings: Record<string, unknown>;
  effective: {
    categories: {
      id: string;
      severity: string;
      promise: { firstResponse: number; resolve: number };
      labels: Record<string, string>;
    }[];
    businessHours: unknown;
    remedyPresets: { category: string; kind: string; label: string }[];
    statusUrl: string | null;
  };
  sources: Record<string, string>;
  updatedAt: string | null;
  updatedBy: string | null;
}
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const TAXONOMY = [
  {
    id: 'allergy',
    severity: 'high',
    promise: { firstResponse: 1, resolve: 8 },
    labels: { en: 'Allergic reaction', 'zh-CN': '过敏反应', 'zh-TW': '過敏反應' },
  },
  { id: 'late_parcel', severity: 'medium', promise: { firstResponse: 6, resolve: 30 }, labels: { en: 'Late parcel' } },
  { id: 'other', severity: 'low', promise: { firstResponse: 24, resolve: 96 }, labels: { en: 'Something else' } },
];

function clients(url: string, agentKey: string) {
  const asKey = (method: string, path: string, body?: unknown) =>
    fetch(url + path, {
      method,
      headers: { Authorization: `Bearer ${agentKey}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const file = (body: Record<string, unknown>) =>
    fetch(`${url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ message: 'Help, please', contact: { email: 'a@b.co' }, ...body }),
    });
  return { asKey, file };
}

describe('merchant settings per site', () => {
  let server: RunningServer;
  let asKey: ReturnType<typeof clients>['asKey'];
  let file: ReturnType<typeof clients>['file'];
  before(async () => {
    server = await startServer({ port: 0, memory: true, admin: ADMIN });
    ({ asKey, file } = clients(server.url, server.agentKey));
  });
  after(() => server?.close());

  const origin = () => ({ Origin: server.url });
  const signIn = async (email: string, password: string) =>
    (
      await fetch(`${server.url}/v1/console/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...origin() },
        body: JSON.stringify({ email, password }),
      })
    ).headers
      .get('set-cookie')
      ?.split(';')[0] ?? '';
  const asSession = (cookie: string, method: string, path: string, body?: unknown, headers = origin()) =>
    fetch(server.url + path, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('gives every site the default taxonomy, its promises and labels, until an admin changes them', async () => {
    const res = await asKey('GET', '/v1/agent/settings?site=demo');
    assert.equal(res.status, 200);
    const view = (await res.json()) as SettingsView;
    assert.deepEqual(view.settings, {});
    assert.equal(view.updatedAt, null);
    assert.deepEqual(
      view.effective.categories.map((c) => [c.id, c.severity, c.promise.firstResponse, c.promise.resolve]),
      [
        ['damaged', 'high', 2, 24],
        ['missing_or_wrong', 'high', 2, 24],
        ['delivery', 'medium', 4, 48],
        ['return_refund', 'medium', 4, 48],
        ['order_change', 'medium', 4, 48],
        ['product_question', 'low', 24, 72],
        ['account_payment', 'medium', 4, 48],
        ['other', 'low', 24, 72],
      ],
    );
    assert.equal(view.effective.categories[0]!.labels['zh-CN'], '商品破损');
    assert.equal(view.effective.categories[0]!.labels['zh-TW'], '商品破損');
    // The demo site's status link comes from its configuration: the demo store's status view.
    assert.match(view.effective.statusUrl ?? '', /^http:\/\/localhost:\d+\/demo\/$/);
    assert.deepEqual(view.sources, {
      categories: 'default',
      businessHours: 'default',
      remedyPresets: 'default',
      statusUrl: 'config',
    });
    assert.ok(view.effective.remedyPresets.some((p) => p.category === 'damaged' && p.kind === 'reship'));
  });

  it('is read by every agent, changed only by admins; shoppers and strangers are refused', async () => {
    const ticket = (await (await file({ category: 'damaged' })).json()) as TicketReceipt;
    // No credentials, or a shopper's (site key and the ticket's access token), are no agent's.
    for (const method of ['GET', 'PUT']) {
      const bare = await fetch(`${server.url}/v1/agent/settings`, { method });
      assert.equal(bare.status, 401, method);
      const shopper = await fetch(`${server.url}/v1/agent/settings`, {
        method,
        headers: {
          'X-Nectar-Site': 'demo',
          Authorization: `Bearer ${ticket.accessToken}`,
          'Content-Type': 'application/json',
          Origin: 'http://localhost:3000',
        },
        ...(method === 'PUT' ? { body: JSON.stringify({ statusUrl: 'https://evil.example/' }) } : {}),
      });
      assert.equal(shopper.status, 401, `shopper ${method}`);
      assert.equal(((await shopper.json()) as ErrorBody).error.code, 'unauthorized');
    }

    const admin = await signIn(ADMIN.email, ADMIN.password);
    const invited = await asSession(admin, 'POST', '/v1/agent/agents', {
      email: 'bo@shop.example',
      name: 'Bo',
      password: 'bo-password-long',
    });
    assert.equal(invited.status, 201);
    const bo = await signIn('bo@shop.example', 'bo-password-long');
    assert.equal((await asSession(bo, 'GET', '/v1/agent/settings')).status, 200, 'an agent reads them');
    const refused = await asSession(bo, 'PUT', '/v1/agent/settings', { statusUrl: 'https://shop.example/help' });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as ErrorBody).error.code, 'forbidden');

    // An admin's session writes only from the console's origin.
    const foreign = await asSession(
      admin,
      'PUT',
      '/v1/agent/settings',
      { statusUrl: 'https://shop.example/help' },
      { Origin: 'https://evil.example' },
    );
    assert.equal(foreign.status, 403);
    const untouched = (await (await asKey('GET', '/v1/agent/settings')).json()) as SettingsView;
    assert.equal(untouched.sources.statusUrl, 'config', 'nothing refused was stored');

    const saved = await asSession(admin, 'PUT', '/v1/agent/settings', {
      statusUrl: 'https://shop.example/help?ticket={ticket}&t={token}',
    });
    assert.equal(saved.status, 200);
    const view = (await saved.json()) as SettingsView;
    assert.equal(view.effective.statusUrl, 'https://shop.example/help?ticket={ticket}&t={token}');
    assert.equal(view.sources.statusUrl, 'site');
    assert.equal(typeof view.updatedBy, 'string', 'who changed them is kept');
    assert.ok(view.updatedAt);
    const readByAgent = (await (await asSession(bo, 'GET', '/v1/agent/settings?site=demo')).json()) as SettingsView;
    assert.equal(readByAgent.effective.statusUrl, 'https://shop.example/help?ticket={ticket}&t={token}');

    const unknownSite = await asKey('GET', '/v1/agent/settings?site=elsewhere');
    assert.equal(unknownSite.status, 400);
    assert.deepEqual(((await unknownSite.json()) as ErrorBody).error.fields, { site: 'invalid_choice' });
  });

  it('names every bad field and stores nothing', async () => {
    const before = (await (await asKey('GET', '/v1/agent/settings')).json()) as SettingsView;
    const cases: [unknown, Record<string, string>][] = [
      [
        { categories: [TAXONOMY[0], TAXONOMY[1], { ...TAXONOMY[2], severity: 'urgent' }] },
        { 'categories.2.severity': 'invalid_choice' },
      ],
      [{ categories: [TAXONOMY[0], { ...TAXONOMY[1], id: 'allergy' }] }, { 'categories.1.id': 'duplicate' }],
      [{ categories: [{ ...TAXONOMY[0], id: 'Bad Id' }] }, { 'categories.0.id': 'invalid' }],
      [
        { categories: [{ ...TAXONOMY[0], promise: { firstResponse: 10, resolve: 2 } }] },
        { 'categories.0.promise.resolve': 'before_first_response' },
      ],
      [
        { categories: [{ ...TAXONOMY[0], promise: { firstResponse: -1, resolve: 2 } }] },
        { 'categories.0.promise.firstResponse': 'too_small' },
      ],
      [{ categories: [{ ...TAXONOMY[0], labels: { 'zh-CN': '过敏' } }] }, { 'categories.0.labels.en': 'required' }],
      [{ categories: [] }, { categories: 'too_small' }],
      [{ categories: 'all of them' }, { categories: 'invalid_type' }],
      [{ businessHours: { timeZone: 'Mars/Olympus', week: {} } }, { 'businessHours.timeZone': 'invalid' }],
      [
        { businessHours: { timeZone: 'UTC', week: { mon: [['18:00', '09:00']] } } },
        { 'businessHours.week.mon.0': 'invalid' },
      ],
      [
        { businessHours: { timeZone: 'UTC', week: {}, holidays: ['25/12/2026'] } },
        { 'businessHours.holidays.0': 'invalid' },
      ],
      [
        { remedyPresets: [{ category: 'no_such', kind: 'reship', label: 'Again' }] },
        { 'remedyPresets.0.category': 'invalid_choice' },
      ],
      [
        {
          categories: TAXONOMY,
          remedyPresets: [{ category: 'damaged', kind: 'reship', label: 'Again' }],
        },
        { 'remedyPresets.0.category': 'invalid_choice' },
      ],
      [
        { remedyPresets: [{ category: 'damaged', kind: 'refund', amount: 10, label: 'Ten back' }] },
        { 'remedyPresets.0.currency': 'required' },
      ],
      [
        { remedyPresets: [{ category: 'damaged', kind: 'reship', amount: 10, currency: 'EUR', label: 'x' }] },
        { 'remedyPresets.0.amount': 'not_allowed' },
      ],
      [
        { remedyPresets: [{ category: 'damaged', kind: 'gift', label: 'x' }] },
        { 'remedyPresets.0.kind': 'invalid_choice' },
      ],
      [{ statusUrl: 'javascript:alert(1)' }, { statusUrl: 'invalid_url' }],
      [{ statusUrl: 'https://shop.example/\u0000' }, { statusUrl: 'control_character' }],
      [{ statusUrl: 'x'.repeat(3000) }, { statusUrl: 'too_long' }],
      [{ sla: 4 }, { sla: 'unknown_field' }],
      [{ site: 'elsewhere' }, { site: 'invalid_choice' }],
    ];
    for (const [body, fields] of cases) {
      const res = await asKey('PUT', '/v1/agent/settings', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const error = ((await res.json()) as ErrorBody).error;
      assert.equal(error.code, 'validation_failed');
      for (const [field, reason] of Object.entries(fields)) {
        assert.equal(
          error.fields?.[field],
          reason,
          `${field} of ${JSON.stringify(body)}: ${JSON.stringify(error.fields)}`,
        );
      }
    }
    for (const raw of ['{"categories": [', '[]', 'null', '"x"', '{"categories":[{"id":{"__proto__":1}}]}']) {
      const res = await fetch(`${server.url}/v1/agent/settings`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' },
        body: raw,
      });
      assert.equal(res.status, 400, raw);
    }
    const after = (await (await asKey('GET', '/v1/agent/settings')).json()) as SettingsView;
    assert.deepEqual(after, before);
  });

  it('files tickets in a replaced taxonomy with its promises, and refuses the old categories', async () => {
    const saved = await asKey('PUT', '/v1/agent/settings', {
      categories: TAXONOMY,
      remedyPresets: [{ category: 'allergy', kind: 'refund', amount: 25, currency: 'EUR', label: 'Refund the jar' }],
    });
    assert.equal(saved.status, 200);

    const filed = await file({ category: 'allergy', message: 'My son reacted to the honey' });
    assert.equal(filed.status, 201);
    const receipt = (await filed.json()) as TicketReceipt;
    const created = Date.parse(receipt.createdAt);
    assert.equal(Date.parse(receipt.promise.firstResponseBy) - created, 1 * HOUR);
    assert.equal(Date.parse(receipt.promise.resolveBy) - created, 8 * HOUR);
    const ticket = (await (await asKey('GET', `/v1/agent/tickets/${receipt.id}`)).json()) as {
      category: string;
      severity: string;
    };
    assert.equal(ticket.category, 'allergy');
    assert.equal(ticket.severity, 'high');
    const late = (await (await file({ category: 'late_parcel' })).json()) as TicketReceipt;
    assert.equal(Date.parse(late.promise.resolveBy) - Date.parse(late.createdAt), 30 * HOUR);

    for (const category of ['damaged', 'Not-An-Id', 'x'.repeat(100)]) {
      const refused = await file({ category });
      assert.equal(refused.status, 400, category);
      assert.deepEqual(((await refused.json()) as ErrorBody).error.fields, { category: 'invalid_choice' });
    }
    const missing = await file({ category: undefined });
    assert.deepEqual(((await missing.json()) as ErrorBody).error.fields?.['category'], 'required');

    // Canned replies follow the site's categories too.
    const canned = await asKey('PUT', '/v1/agent/canned-replies', {
      replies: [{ title: 'Allergy', locale: 'en', category: 'allergy', body: 'We are so sorry, {{shopper.name}}.' }],
    });
    assert.equal(canned.status, 200);
    const oldCategory = await asKey('PUT', '/v1/agent/canned-replies', {
      replies: [{ title: 'Broken', locale: 'en', category: 'damaged', body: 'Sorry.' }],
    });
    assert.equal(oldCategory.status, 400);
    assert.deepEqual(((await oldCategory.json()) as ErrorBody).error.fields, {
      'replies.0.category': 'invalid_choice',
    });
    const listed = (await (await asKey('GET', '/v1/agent/canned-replies?category=allergy')).json()) as {
      replies: { title: string }[];
    };
    assert.deepEqual(
      listed.replies.map((r) => r.title),
      ['Allergy'],
    );
  });

  it('counts promises in the business hours an admin stored (holidays included)', async () => {
    // Open around the clock in UTC, but today and tomorrow are holidays: a ticket filed now is due two hours
    // into the day after tomorrow.
    const now = new Date();
    const day = (offset: number) =>
      new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString().slice(0, 10);
    const allDay = [['00:00', '24:00']];
    const businessHours = {
      timeZone: 'UTC',
      week: { sun: allDay, mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay },
      holidays: [day(0), day(1)],
    };
    assert.equal((await asKey('PUT', '/v1/agent/settings', { categories: TAXONOMY, businessHours })).status, 200);
    const receipt = (await (await file({ category: 'allergy' })).json()) as TicketReceipt;
    assert.equal(receipt.createdAt.slice(0, 10), day(0), 'the test ran across midnight; run it again');
    const opens = Date.parse(`${day(2)}T00:00:00Z`);
    assert.equal(receipt.promise.firstResponseBy, new Date(opens + 1 * HOUR).toISOString());
    assert.equal(receipt.promise.resolveBy, new Date(opens + 8 * HOUR).toISOString());

    // Settings without business hours: back to wall-clock hours.
    assert.equal((await asKey('PUT', '/v1/agent/settings', { categories: TAXONOMY })).status, 200);
    const plain = (await (await file({ category: 'allergy' })).json()) as TicketReceipt;
    assert.equal(Date.parse(plain.promise.firstResponseBy) - Date.parse(plain.createdAt), 1 * HOUR);

    // An empty document: the defaults again, as for a site nobody configured.
    assert.equal((await asKey('PUT', '/v1/agent/settings', {})).status, 200);
    const back = await file({ category: 'damaged' });
    assert.equal(back.status, 201);
    const backReceipt = (await back.json()) as TicketReceipt;
    assert.equal(Date.parse(backReceipt.promise.firstResponseBy) - Date.parse(backReceipt.createdAt), 2 * HOUR);
    assert.equal((await file({ category: 'allergy' })).status, 400);
  });
});

describe('merchant settings on two instances of one PostgreSQL', () => {
  let postgres: RunningPostgres;
  let a: RunningServer;
  let b: RunningServer;
  before(async () => {
    postgres = await startPostgres();
    a = await startServer({ port: 0, memory: true, databaseUrl: postgres.url, settingsTtlMs: 500 });
    b = await startServer({ port: 0, memory: true, databaseUrl: postgres.url, settingsTtlMs: 500 });
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await postgres?.stop();
  });

  it("sees one admin's change on the other instance within its few seconds", async () => {
    const onA = clients(a.url, a.agentKey);
    const onB = clients(b.url, b.agentKey);
    // A holds the defaults (it just used them).
    assert.equal((await onA.file({ category: 'allergy' })).status, 400);
    assert.equal((await onA.file({ category: 'damaged' })).status, 201);

    assert.equal((await onB.asKey('PUT', '/v1/agent/settings', { categories: TAXONOMY })).status, 200);
    // B uses its own change at once; A reads it again after its short hold.
    assert.equal((await onB.file({ category: 'allergy' })).status, 201);
    const read = (await (await onA.asKey('GET', '/v1/agent/settings')).json()) as SettingsView;
    assert.deepEqual(
      read.effective.categories.map((c) => c.id),
      ['allergy', 'late_parcel', 'other'],
    );
    await new Promise((resolve) => setTimeout(resolve, 600));
    const filed = await onA.file({ category: 'allergy' });
    assert.equal(filed.status, 201);
    const receipt = (await filed.json()) as TicketReceipt;
    assert.equal(Date.parse(receipt.promise.firstResponseBy) - Date.parse(receipt.createdAt), HOUR);
    assert.equal((await onA.file({ category: 'damaged' })).status, 400);
  });
});
