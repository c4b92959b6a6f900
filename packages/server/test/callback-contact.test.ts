/**
 * A verified shopper files without an email (the service fills the contact from what it knows of them; an
 * anonymous shopper, or one whose identity does not verify, still has to give one), and a call-back request is
 * validated (bad numbers and windows named), stored with its own promise, and shown to agents.
 */
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { TicketReceipt } from '@nectar/core/schema';
import { nextOpenWindow, type BusinessHours } from '../src/domain/business-hours.ts';
import { startServer, type RunningServer } from '../src/index.ts';

const SECRET = 'a-test-identity-secret-0123';
const OPEN_DAILY: BusinessHours = {
  timeZone: 'Europe/Berlin',
  week: Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['09:00', '17:00']]])),
  holidays: ['2030-12-25'],
};
const berlinDay = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' });

describe('contact from a verified identity, and call-back requests', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({
      port: 0,
      memory: true,
      sites: [{ key: 'demo', origins: ['*'], identitySecret: SECRET, businessHours: OPEN_DAILY }],
    });
  });
  after(() => server?.close());

  const file = (body: object, user?: { id: string; hash?: string }) =>
    fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Nectar-Site': 'demo',
        'Idempotency-Key': randomUUID(),
        ...(user
          ? {
              'X-Nectar-User': user.id,
              'X-Nectar-User-Hash': user.hash ?? createHmac('sha256', SECRET).update(user.id).digest('hex'),
            }
          : {}),
      },
      body: JSON.stringify({ category: 'delivery', message: 'Where is my parcel?', ...body }),
    });
  const agentTicket = async (id: string) =>
    (await (
      await fetch(`${server.url}/v1/agent/tickets/${id}`, { headers: { Authorization: `Bearer ${server.agentKey}` } })
    ).json()) as {
      contact: { email?: string; name?: string; userId?: string };
      callback?: { phone: string; window?: object; from?: string; by: string };
      promise: TicketReceipt['promise'];
    };
  const refusal = async (res: Response) => {
    assert.equal(res.status, 400, await res.clone().text());
    return ((await res.json()) as { error: { code: string; fields: Record<string, string> } }).error;
  };

  it('an anonymous shopper still has to give an email', async () => {
    const error = await refusal(await file({}));
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(error.fields, { 'contact.email': 'required' });
  });

  it('a wrong identity hash is refused, not taken as a verified shopper without contact', async () => {
    const res = await file(
      {},
      { id: 'u-1', hash: createHmac('sha256', 'another-secret-0000').update('u-1').digest('hex') },
    );
    assert.equal(res.status, 401);
    const headerless = await file({}, { id: 'u-1', hash: '' });
    assert.equal(headerless.status, 401);
  });

  it('a verified shopper files without an email: the agent sees their user id, then the contact they gave', async () => {
    const res = await file({}, { id: 'u-new' });
    assert.equal(res.status, 201, await res.clone().text());
    const first = await agentTicket(((await res.json()) as TicketReceipt).id);
    assert.deepEqual(first.contact, { userId: 'u-new' });

    const withContact = await file({ contact: { email: 'mei@example.com', name: 'Mei' } }, { id: 'u-new' });
    assert.equal(withContact.status, 201);
    const later = await file({}, { id: 'u-new' });
    assert.equal(later.status, 201);
    const filled = await agentTicket(((await later.json()) as TicketReceipt).id);
    assert.deepEqual(filled.contact, { email: 'mei@example.com', name: 'Mei', userId: 'u-new' });
    // Another verified shopper does not inherit it.
    const other = await agentTicket(((await (await file({}, { id: 'u-other' })).json()) as TicketReceipt).id);
    assert.deepEqual(other.contact, { userId: 'u-other' });
  });

  it('names a bad phone number', async () => {
    for (const phone of ['030 1234567', '+49 30', '+49 30 1234 5678 9012 34', 'call me', '', '+0 301234567']) {
      const error = await refusal(await file({ contact: { email: 'a@b.co' }, callback: { phone } }));
      assert.deepEqual(Object.keys(error.fields), ['callback.phone'], phone);
    }
    const noPhone = await refusal(await file({ contact: { email: 'a@b.co' }, callback: {} }));
    assert.deepEqual(noPhone.fields, { 'callback.phone': 'required' });
  });

  it('names a bad window: malformed, backwards, outside business hours, over, on a holiday', async () => {
    const cases: [object, Record<string, string>][] = [
      [{ from: '9am', to: '11:00' }, { 'callback.window.from': 'invalid' }],
      [{ from: '12:00', to: '10:00' }, { 'callback.window.to': 'invalid_window' }],
      [{ from: '19:00', to: '21:00' }, { 'callback.window': 'outside_business_hours' }],
      [{ from: '10:00', to: '12:00', date: berlinDay(-2) }, { 'callback.window.date': 'past' }],
      [{ from: '10:00', to: '12:00', date: '2030-12-25' }, { 'callback.window': 'outside_business_hours' }],
      [{ from: '10:00', to: '12:00', date: '2030-02-30' }, { 'callback.window.date': 'invalid' }],
    ];
    for (const [window, fields] of cases) {
      const error = await refusal(
        await file({ contact: { email: 'a@b.co' }, callback: { phone: '+4930123456', window } }),
      );
      assert.deepEqual(error.fields, fields, JSON.stringify(window));
    }
  });

  it('stores the call-back with its own promise and shows it to agents', async () => {
    const date = berlinDay(2);
    const res = await file(
      {
        contact: { email: 'a@b.co' },
        callback: { phone: '+49 (30) 123-456-78', window: { date, from: '08:00', to: '10:30' } },
      },
      { id: 'u-call' },
    );
    assert.equal(res.status, 201, await res.clone().text());
    const receipt = (await res.json()) as TicketReceipt;
    const ticket = await agentTicket(receipt.id);
    // Normalised number; the window clipped to opening time (09:00 Berlin), due when it closes.
    const expected = nextOpenWindow(OPEN_DAILY, { date, from: '08:00', to: '10:30' }, new Date());
    assert.ok(typeof expected === 'object');
    assert.deepEqual(ticket.callback, {
      phone: '+493012345678',
      window: { date, from: '08:00', to: '10:30' },
      from: expected.start.toISOString(),
      by: expected.end.toISOString(),
      attempts: 0,
    });
    const list = (await (
      await fetch(`${server.url}/v1/agent/tickets`, { headers: { Authorization: `Bearer ${server.agentKey}` } })
    ).json()) as { tickets: { id: string; callback?: { by: string } }[] };
    assert.equal(list.tickets.find((t) => t.id === receipt.id)?.callback?.by, expected.end.toISOString());

    // Without a window the call is due within the first-response promise.
    const any = (await (
      await file({ contact: { email: 'a@b.co' }, callback: { phone: '+8613800138000' } })
    ).json()) as TicketReceipt;
    assert.deepEqual((await agentTicket(any.id)).callback, {
      phone: '+8613800138000',
      by: any.promise.firstResponseBy,
      attempts: 0,
    });
  });

  it('a window meets the open hours of its day, in the shop’s zone', () => {
    const now = new Date('2030-03-04T12:00:00Z'); // Monday 13:00 in Berlin
    const weekdays: BusinessHours = {
      timeZone: 'Europe/Berlin',
      week: {
        mon: [
          ['09:00', '12:00'],
          ['13:00', '18:00'],
        ],
        fri: [['09:00', '12:00']],
      },
    };
    // Later today, clipped to now and to closing time.
    assert.deepEqual(nextOpenWindow(weekdays, { from: '11:00', to: '20:00' }, now), {
      start: new Date('2030-03-04T12:00:00Z'),
      end: new Date('2030-03-04T17:00:00Z'),
    });
    // A morning window: today's is over, the next open morning is Friday.
    assert.deepEqual(nextOpenWindow(weekdays, { from: '09:30', to: '10:00' }, now), {
      start: new Date('2030-03-08T08:30:00Z'),
      end: new Date('2030-03-08T09:00:00Z'),
    });
    assert.equal(nextOpenWindow(weekdays, { from: '12:00', to: '13:00' }, now), 'closed');
    assert.equal(nextOpenWindow(weekdays, { from: '09:00', to: '10:00', date: '2030-03-05' }, now), 'closed');
    assert.equal(nextOpenWindow(weekdays, { from: '09:00', to: '10:00', date: '2030-03-04' }, now), 'past');
    // Without business hours: UTC wall clock, any day.
    assert.deepEqual(nextOpenWindow(undefined, { from: '20:00', to: '21:00' }, now), {
      start: new Date('2030-03-04T20:00:00Z'),
      end: new Date('2030-03-04T21:00:00Z'),
    });
  });
});
