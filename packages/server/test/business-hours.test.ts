/**
 * Business-hours arithmetic: a Friday-evening ticket is due on Monday, lunch breaks and holidays are skipped,
 * daylight-saving changes move the opening hours with the clocks; a site's promises count open time only.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { TicketReceipt } from '@nectar/core/schema';
import { addBusinessHours, businessMsBetween, type BusinessHours } from '../src/domain/business-hours.ts';
import { parseSites, startServer } from '../src/index.ts';

const OFFICE = [['09:00', '17:00']] as [string, string][];
const berlinWeekdays: BusinessHours = {
  timeZone: 'Europe/Berlin',
  week: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
};
const berlinEveryDay: BusinessHours = { ...berlinWeekdays, week: { ...berlinWeekdays.week, sat: OFFICE, sun: OFFICE } };
const at = (iso: string) => new Date(iso);

describe('business hours', () => {
  it('a ticket filed on Friday evening is due on Monday morning', () => {
    // Friday 27 November 2026, 18:30 in Berlin (CET, UTC+1); 2 open hours → Monday 11:00.
    const due = addBusinessHours(at('2026-11-27T17:30:00Z'), 2, berlinWeekdays);
    assert.equal(due.toISOString(), '2026-11-30T10:00:00.000Z');
  });

  it('counts what is left of today first, then opens the next day', () => {
    // Thursday 16:00 local: one hour today, one tomorrow from 09:00.
    assert.equal(
      addBusinessHours(at('2026-11-26T15:00:00Z'), 2, berlinWeekdays).toISOString(),
      '2026-11-27T09:00:00.000Z',
    );
    // Before opening: from 09:00.
    assert.equal(
      addBusinessHours(at('2026-11-26T05:00:00Z'), 2, berlinWeekdays).toISOString(),
      '2026-11-26T10:00:00.000Z',
    );
  });

  it('follows daylight-saving changes (spring forward and fall back)', () => {
    // Saturday 28 March 2026, 16:00 CET; the clocks go forward that night: Sunday opens 09:00 CEST = 07:00Z.
    assert.equal(
      addBusinessHours(at('2026-03-28T15:00:00Z'), 2, berlinEveryDay).toISOString(),
      '2026-03-29T08:00:00.000Z',
    );
    // Saturday 24 October 2026, 16:00 CEST; back that night: Sunday opens 09:00 CET = 08:00Z.
    assert.equal(
      addBusinessHours(at('2026-10-24T14:00:00Z'), 2, berlinEveryDay).toISOString(),
      '2026-10-25T09:00:00.000Z',
    );
  });

  it('skips holidays and lunch breaks in the site’s own zone', () => {
    const shanghai: BusinessHours = {
      timeZone: 'Asia/Shanghai',
      week: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
          d,
          [
            ['09:00', '12:00'],
            ['13:00', '18:00'],
          ],
        ]),
      ) as BusinessHours['week'],
      holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
    };
    // Wednesday 30 September 17:00 (UTC+8): one hour, then the National Day week; Thursday 8 October 10:00.
    assert.equal(addBusinessHours(at('2026-09-30T09:00:00Z'), 2, shanghai).toISOString(), '2026-10-08T02:00:00.000Z');
    // Monday 11:30 + 1 h: half an hour before lunch, half after → 13:30.
    assert.equal(addBusinessHours(at('2026-11-30T03:30:00Z'), 1, shanghai).toISOString(), '2026-11-30T05:30:00.000Z');
  });

  it('measures open time between two instants the same way', () => {
    const from = at('2026-11-27T15:00:00Z');
    const due = addBusinessHours(from, 24, berlinWeekdays);
    assert.equal(businessMsBetween(from, due, berlinWeekdays), 24 * 3_600_000);
    assert.equal(
      businessMsBetween(at('2026-11-28T10:00:00Z'), at('2026-11-29T10:00:00Z'), berlinWeekdays),
      0,
      'weekend',
    );
  });

  it('is wall-clock time without business hours', () => {
    assert.equal(addBusinessHours(at('2026-11-27T17:30:00Z'), 2, undefined).toISOString(), '2026-11-27T19:30:00.000Z');
  });

  it('NECTAR_SITES refuses bad business hours, naming the field', () => {
    const site = (businessHours: unknown) => JSON.stringify([{ key: 'shop', origins: ['*'], businessHours }]);
    assert.throws(() => parseSites(site({ timeZone: 'Mars/Olympus', week: {} })), /businessHours\.timeZone/);
    assert.throws(
      () => parseSites(site({ timeZone: 'UTC', week: { mon: [['18:00', '09:00']] } })),
      /businessHours\.week\.mon\.0/,
    );
    assert.throws(() => parseSites(site({ timeZone: 'UTC', week: { monday: [] } })), /businessHours\.week/);
    assert.equal(parseSites(site({ timeZone: 'UTC', week: { mon: OFFICE } }))[0]?.businessHours?.timeZone, 'UTC');
  });

  it("a site's ticket promises count its open time", async () => {
    const server = await startServer({
      port: 0,
      memory: true,
      sites: [{ key: 'demo', origins: ['*'], businessHours: berlinWeekdays }],
    });
    try {
      const response = await fetch(`${server.url}/v1/tickets`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
        body: JSON.stringify({ category: 'damaged', message: 'Cracked', contact: { email: 'a@b.co' } }),
      });
      const receipt = (await response.json()) as TicketReceipt;
      const created = new Date(receipt.createdAt);
      assert.equal(receipt.promise.firstResponseBy, addBusinessHours(created, 2, berlinWeekdays).toISOString());
      assert.equal(receipt.promise.resolveBy, addBusinessHours(created, 24, berlinWeekdays).toISOString());
      assert.equal(
        businessMsBetween(created, new Date(receipt.promise.firstResponseBy), berlinWeekdays),
        2 * 3_600_000,
      );
    } finally {
      await server.close();
    }
  });
});
