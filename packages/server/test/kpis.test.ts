/**
 * KPIs on a fixture of 120 tickets over three weeks and two sites (one with business hours), with reopenings,
 * second replies, repeat contacts and unanswered tickets: the service's SQL figures (PGlite and PostgreSQL)
 * against the same figures computed here ticket by ticket; a few by hand; the CSV export; agent-only.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CATEGORIES } from '@nectar/core/schema';
import { startPostgres, type RunningPostgres } from '../../../test/support/postgres.ts';
import { businessMsBetween, type BusinessHours } from '../src/domain/business-hours.ts';
import { startServer, type RunningServer } from '../src/index.ts';
import { durations, type KpiFigures, type Kpis } from '../src/store/kpis.ts';

const OFFICE = [['09:00', '17:00']] as [string, string][];
const HOURS: BusinessHours = {
  timeZone: 'Europe/Berlin',
  week: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
};
const SITES = [
  { key: 'a', origins: ['*'], businessHours: HOURS },
  { key: 'b', origins: ['*'] },
];
const MIN = 60_000;
const BASE = Date.parse('2026-11-02T08:00:00Z'); // a Monday
const NOW = '2026-12-01T00:00:00Z';

interface Fixture {
  id: string;
  site: string;
  category: string;
  assignee: string | null;
  email: string;
  order: string | null;
  created: number;
  responded: number | null;
  replies: number;
  reopened: boolean;
  resolved: number | null;
  status: 'open' | 'resolved' | 'closed' | 'waiting_on_customer';
}

/** 120 tickets, every 3 hours from Monday 2 November 2026 08:00 UTC. */
function fixture(): Fixture[] {
  return Array.from({ length: 120 }, (_, i) => {
    const created = BASE + i * 180 * MIN;
    const responded = i % 7 === 0 ? null : created + ((i * 37) % 300) * MIN;
    const reopened = i % 11 === 0 && responded !== null;
    const resolvedOnce = i % 3 === 0 || reopened;
    // A reopened ticket is resolved again when i is even, else it stays open.
    const resolved = resolvedOnce && (!reopened || i % 2 === 0) ? created + (((i * 53) % 2000) + 30) * MIN : null;
    return {
      id: randomUUID(),
      site: i % 5 === 0 ? 'b' : 'a',
      category: CATEGORIES[i % CATEGORIES.length]!,
      assignee: responded === null ? null : (['Ana', 'Bo', null] as const)[i % 3]!,
      email: `s${i % 40}@x.co`,
      order: i % 4 === 0 ? null : `O-${i % 20}`,
      created,
      responded,
      replies: responded === null ? 0 : 1 + (i % 4 === 1 ? 1 : 0),
      reopened,
      resolved,
      status:
        resolved !== null ? (i % 9 === 0 ? 'closed' : 'resolved') : responded !== null ? 'waiting_on_customer' : 'open',
    };
  });
}

async function load(server: RunningServer, tickets: Fixture[]) {
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  for (const t of tickets) {
    await server.db.query(
      `INSERT INTO tickets (id, site, number, status, category, severity, message, order_ref, contact_email, locale,
         access_token_hash, created_at, updated_at, first_response_by, resolve_by, first_responded_at, resolved_at, assignee)
       VALUES ($1, $2, $3, $4, $5, 'high', 'fixture', $6, $7, 'en', $8, $9, $9, $10, $11, $12, $13, $14)`,
      [
        t.id,
        t.site,
        `NC-${t.id.slice(0, 8)}`,
        t.status,
        t.category,
        t.order,
        t.email,
        '0'.repeat(64),
        iso(t.created),
        iso(t.created + 120 * MIN),
        iso(t.created + 24 * 60 * MIN),
        iso(t.responded),
        iso(t.resolved),
        t.assignee,
      ],
    );
    const entry = (kind: string, at: number, by: string) =>
      server.db.query('INSERT INTO timeline (ticket_id, kind, at, by_role) VALUES ($1, $2, $3, $4)', [
        t.id,
        kind,
        new Date(at).toISOString(),
        by,
      ]);
    await entry('created', t.created, 'customer');
    for (let r = 0; r < t.replies; r++) await entry('replied', (t.responded ?? t.created) + r * MIN, 'agent');
    if (t.reopened) {
      await entry('resolved', (t.responded ?? t.created) + 10 * MIN, 'agent');
      await entry('reopened', (t.responded ?? t.created) + 20 * MIN, 'customer');
    }
  }
}

/** The same figures, computed ticket by ticket in plain code (a repeat is one of `all` the shopper's tickets). */
function expected(tickets: Fixture[], all: Fixture[] = fixtureTickets): KpiFigures {
  const now = Date.parse(NOW);
  const minutes = (from: number, to: number) => (to - from) / MIN;
  const done = tickets.filter((t) => t.status === 'resolved' || t.status === 'closed');
  const share = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : null);
  const frtMet = tickets.filter((t) => t.responded !== null && t.responded <= t.created + 120 * MIN).length;
  const frtBreached = tickets.filter((t) =>
    t.responded !== null ? t.responded > t.created + 120 * MIN : now > t.created + 120 * MIN,
  ).length;
  const resMet = done.filter((t) => t.resolved! <= t.created + 1440 * MIN).length;
  const resBreached =
    done.filter((t) => t.resolved! > t.created + 1440 * MIN).length +
    tickets.filter((t) => !done.includes(t) && now > t.created + 1440 * MIN).length;
  const repeats = tickets.filter((t) =>
    all.some(
      (o) =>
        o !== t &&
        o.site === t.site &&
        o.email === t.email &&
        o.order === t.order &&
        o.created < t.created &&
        o.created >= t.created - 7 * 1440 * MIN,
    ),
  ).length;
  const {
    count: frtCount,
    medianMinutes: frtMedian,
    p90Minutes: frtP90,
  } = durations(tickets.flatMap((t) => (t.responded === null ? [] : [minutes(t.created, t.responded)])));
  return {
    created: tickets.length,
    resolved: done.length,
    firstResponse: { count: frtCount, medianMinutes: frtMedian, p90Minutes: frtP90 },
    resolution: durations(done.map((t) => minutes(t.created, t.resolved!))),
    sla: {
      firstResponse: { met: frtMet, breached: frtBreached, metPercent: share(frtMet, frtMet + frtBreached) },
      resolution: { met: resMet, breached: resBreached, metPercent: share(resMet, resMet + resBreached) },
    },
    reopenRate: share(
      tickets.filter((t) => t.reopened).length,
      tickets.filter((t) => t.reopened || t.resolved !== null).length,
    ),
    oneTouchRate: share(done.filter((t) => t.replies === 1 && !t.reopened).length, done.length),
    repeatContactRate: share(repeats, tickets.length),
  };
}

const strip = ({
  created,
  resolved,
  firstResponse,
  resolution,
  sla,
  reopenRate,
  oneTouchRate,
  repeatContactRate,
}: KpiFigures) => ({
  created,
  resolved,
  firstResponse,
  resolution,
  sla,
  reopenRate,
  oneTouchRate,
  repeatContactRate,
});

const fixtureTickets = fixture();

function kpiSuite(name: string, start: () => Promise<RunningServer>) {
  describe(`KPIs (${name})`, () => {
    let server: RunningServer;
    const tickets = fixtureTickets;
    before(async () => {
      server = await start();
      await load(server, tickets);
      await server.db.query(
        `INSERT INTO agents (id, email, name, role, password_hash, created_at) VALUES ('Ana', 'ana@example.com', 'Ana Lima', 'agent', 'x', now())`,
      );
    });
    after(() => server?.close());

    const get = async (query: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/v1/agent/metrics?${query}`, {
        headers: { Authorization: `Bearer ${server.agentKey}`, ...headers },
      });
    const kpis = async (query: string) => ((await (await get(query)).json()) as { kpis: Kpis }).kpis;

    it('match the figures computed ticket by ticket, whole range and per group', async () => {
      const k = await kpis('from=2026-11-01&to=2026-11-30');
      assert.deepEqual(strip(k), expected(tickets));
      assert.deepEqual(
        k.byAgent.map((g) => g.name),
        ['Ana Lima', null, null],
        'the name of an agent who has an account; none for an id without one or the unassigned',
      );
      for (const agent of ['Ana', 'Bo', null]) {
        assert.deepEqual(
          strip(k.byAgent.find((g) => g.agent === agent)!),
          expected(tickets.filter((t) => t.assignee === agent)),
          `agent ${agent}`,
        );
      }
      for (const group of k.byCategory) {
        assert.deepEqual(strip(group), expected(tickets.filter((t) => t.category === group.category)), group.category);
      }
      assert.deepEqual(
        k.bySite.map((g) => [g.site, strip(g)]),
        ['a', 'b'].map((s) => [s, expected(tickets.filter((t) => t.site === s))]),
      );
      const day = (t: Fixture) => new Date(t.created).toISOString().slice(0, 10);
      assert.equal(k.byDay.length, 16);
      for (const group of k.byDay)
        assert.deepEqual(strip(group), expected(tickets.filter((t) => day(t) === group.date)));
      assert.deepEqual(
        k.byWeek.map((g) => [g.week, g.created]),
        [
          ['2026-W45', 54],
          ['2026-W46', 56],
          ['2026-W47', 10],
        ],
      );
    });

    it('by hand: the first day', async () => {
      // 2 November: tickets #0–#5 at 08:00, 11:00 … 23:00 UTC. First replies: #0 none (past due: breached), #1
      // after 37 min, #2 74, #3 111 (all three in time), #4 148 and #5 185 (late). Median of 37, 74, 111, 148,
      // 185 = 111; p90 = 148 + 0.6 × 37 = 170.2. Resolved or closed: #0 (after 30 min) and #3 (189 min). Each
      // shopper writes for the first time.
      const k = await kpis('from=2026-11-02&to=2026-11-02');
      assert.equal(k.created, 6);
      assert.deepEqual(k.firstResponse, { count: 5, medianMinutes: 111, p90Minutes: 170.2 });
      assert.deepEqual(k.sla.firstResponse, { met: 3, breached: 3, metPercent: 50 });
      assert.equal(k.resolved, 2);
      assert.equal(k.repeatContactRate, 0);
    });

    it('count business hours on the site that has them', async () => {
      const k = await kpis('from=2026-11-01&to=2026-11-30');
      const open = (t: Fixture, end: number) =>
        businessMsBetween(new Date(t.created), new Date(end), t.site === 'a' ? HOURS : undefined) / MIN;
      assert.deepEqual(
        k.businessHours.firstResponse,
        durations(tickets.flatMap((t) => (t.responded === null ? [] : [open(t, t.responded)]))),
      );
      const done = tickets.filter((t) => t.status === 'resolved' || t.status === 'closed');
      assert.deepEqual(k.businessHours.resolution, durations(done.map((t) => open(t, t.resolved!))));
      assert.ok(
        k.businessHours.resolution.medianMinutes! < k.resolution.medianMinutes!,
        'nights and weekends left out',
      );
      // By hand, 2 November (a Monday; site a open 09:00–17:00 Berlin, UTC+1): #1 12:00 → +37 min and #2 15:00 →
      // +74 min count whole; #3 18:00 and #4 21:00 are answered after closing: 0; #5 is site b (no hours): 185.
      // 0, 0, 37, 74, 185 → median 37, p90 74 + 0.6 × 111 = 140.6.
      const monday = await kpis('from=2026-11-02&to=2026-11-02');
      assert.deepEqual(monday.businessHours.firstResponse, { count: 5, medianMinutes: 37, p90Minutes: 140.6 });
      // The same per day and per week (the dashboard's trend charts).
      assert.deepEqual(monday.byDay[0]!.businessHours.firstResponse, {
        count: 5,
        medianMinutes: 37,
        p90Minutes: 140.6,
      });
      const day = (t: Fixture) => new Date(t.created).toISOString().slice(0, 10);
      for (const group of k.byDay) {
        const ofDay = tickets.filter((t) => day(t) === group.date);
        assert.deepEqual(
          group.businessHours,
          {
            firstResponse: durations(ofDay.flatMap((t) => (t.responded === null ? [] : [open(t, t.responded)]))),
            resolution: durations(
              ofDay.flatMap((t) => (t.status === 'resolved' || t.status === 'closed' ? [open(t, t.resolved!)] : [])),
            ),
          },
          group.date,
        );
      }
      assert.equal(
        k.byWeek.reduce((sum, w) => sum + w.businessHours.firstResponse.count, 0),
        k.businessHours.firstResponse.count,
      );
    });

    it('answer deflection: answers viewed without a ticket from the same browser within 30 minutes', async () => {
      // 2026-11-10: six views by five browsers. r1 files 10 minutes later and r2 29 minutes later (not deflected);
      // r3 files 45 minutes later and r4 never (deflected); r5 views twice, files before the first view (both
      // deflected: a ticket before a view is no ticket after it). Another site's ticket does not count. 4/6.
      // 2026-11-11: one view, deflected. Whole range: 5/7.
      const at = (t: string) => `2026-11-10T${t}:00Z`;
      const rows: [string, string, string, string][] = [
        ['demo', 'answer_viewed', 'r1', at('10:00')],
        ['demo', 'ticket_created', 'r1', at('10:10')],
        ['demo', 'answer_viewed', 'r2', at('11:00')],
        ['demo', 'ticket_created', 'r2', at('11:29')],
        ['demo', 'answer_viewed', 'r3', at('12:00')],
        ['demo', 'ticket_created', 'r3', at('12:45')],
        ['demo', 'answer_viewed', 'r4', at('13:00')],
        ['b', 'ticket_created', 'r4', at('13:05')],
        ['demo', 'ticket_created', 'r5', at('13:50')],
        ['demo', 'answer_viewed', 'r5', at('14:00')],
        ['demo', 'answer_viewed', 'r5', at('14:10')],
        ['demo', 'answer_viewed', 'r6', '2026-11-11T09:00:00Z'],
      ];
      for (const [site, event, who, when] of rows) {
        await server.db.query(
          `INSERT INTO events (site, name, props, at, anonymous_id, received_at) VALUES ($1, $2, '{}', $3, $4, $3)`,
          [site, event, when, who],
        );
      }
      const k = await kpis('from=2026-11-01&to=2026-11-30');
      assert.deepEqual(
        { viewed: k.deflection.viewed, deflected: k.deflection.deflected, ratePercent: k.deflection.ratePercent },
        { viewed: 7, deflected: 5, ratePercent: 71.4 },
      );
      assert.deepEqual(k.deflection.byDay, [
        { date: '2026-11-10', viewed: 6, deflected: 4, ratePercent: 66.7 },
        { date: '2026-11-11', viewed: 1, deflected: 1, ratePercent: 100 },
      ]);
      const csv = (await (await get('from=2026-11-10&to=2026-11-10', { Accept: 'text/csv' })).text()).split('\r\n');
      assert.equal(csv[1]?.split(',').at(-1), '66.7');
      await server.db.query(`DELETE FROM events WHERE name IN ('answer_viewed', 'ticket_created')`);
    });

    it('export as CSV, and only to agents', async () => {
      const csv = await get('from=2026-11-01&to=2026-11-30', { Accept: 'text/csv' });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = (await csv.text()).trimEnd().split('\r\n');
      assert.equal(lines[0]?.split(',')[0], 'group');
      assert.equal(lines.length, 1 + 1 + 16 + 3 + 3 + CATEGORIES.length + 2);
      const all = expected(tickets);
      assert.equal(
        lines[1],
        [
          'all',
          '',
          all.created,
          all.resolved,
          all.firstResponse.medianMinutes,
          all.firstResponse.p90Minutes,
          all.resolution.medianMinutes,
          all.resolution.p90Minutes,
          all.sla.firstResponse.metPercent,
          all.sla.resolution.metPercent,
          all.sla.firstResponse.breached + all.sla.resolution.breached,
          all.reopenRate,
          all.oneTouchRate,
          all.repeatContactRate,
          '',
        ].join(','),
      );
      assert.ok(lines.some((l) => l.startsWith('agent,(unassigned),')));
      assert.equal((await fetch(`${server.url}/v1/agent/metrics`)).status, 401);
    });
  });
}

// "now" for the breach figures: the fixture is weeks old, so every promise is due (the service uses its clock).
kpiSuite('PGlite', () => startServer({ port: 0, memory: true, sites: SITES }));

let postgres: RunningPostgres | undefined;
after(() => postgres?.stop());
kpiSuite('PostgreSQL', async () => {
  postgres = await startPostgres();
  return startServer({ port: 0, memory: true, sites: SITES, databaseUrl: postgres.url });
});
