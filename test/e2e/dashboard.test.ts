/**
 * The console's dashboard (#/dashboard) in Chromium on the real service, under its strict CSP: seeded tickets
 * (two damaged, one delivery; two answered after 30 minutes, one by a named agent) and one NPS answer.
 * The dashboard and its chart library are fetched only when it opens; the week's figures with the comparison to
 * the week before; a figure read from a chart's table ("Show table") and from the per-category and per-agent
 * tables; the charts drawn; a 30-day range asks the service again; zh-CN; axe; no CSP violation.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '@nectar/server';
import { ADMIN, axe, newConsolePage, signIn, startConsole, stopConsole, seedTicket } from '../support/console.ts';

let server: RunningServer;
let browser: Browser;

before(async () => {
  ({ server, browser } = await startConsole({ rateLimit: { writesPerIp: 10_000, writesPerSite: 100_000 } }));
});
after(() => stopConsole(server, browser));

const shopper = { 'X-Nectar-Site': 'demo', 'Content-Type': 'application/json' };

describe('console dashboard', () => {
  it('shows the week against the week before, charts with their tables, per agent and per category', async () => {
    const damaged1 = await seedTicket(server, 'damaged', 'a@example.com');
    const damaged2 = await seedTicket(server, 'damaged', 'b@example.com');
    await seedTicket(server, 'delivery', 'c@example.com');
    const { rows } = await server.db.query<{ id: string }>(`SELECT id FROM agents WHERE email = $1`, [ADMIN.email]);
    // Answered 30 minutes after they came in; the first by the admin.
    await server.db.query(
      `UPDATE tickets SET first_responded_at = created_at + interval '30 minutes', status = 'open' WHERE id = ANY($1)`,
      [[damaged1, damaged2]],
    );
    await server.db.query(`UPDATE tickets SET assignee = $1 WHERE id = $2`, [rows[0]!.id, damaged1]);
    const nps = await fetch(`${server.url}/v1/feedback`, {
      method: 'POST',
      headers: { ...shopper, 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ kind: 'nps', score: 9 }),
    });
    assert.equal(nps.status, 201);

    const { context, page, errors } = await newConsolePage(browser);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await signIn(page, server.url, ADMIN);
    assert.ok(!requested.some((u) => /uplot|dashboard-view/.test(u)), 'no chart code before the dashboard opens');

    await page.getByRole('link', { name: 'Dashboard' }).click();
    const main = page.locator('main');
    await main.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    assert.ok(
      requested.some((u) => /chunks\/uplot-[\w-]+\.js$/.test(u)),
      'uPlot is its own chunk, fetched now',
    );
    assert.equal(await main.getByLabel('Range').inputValue(), '7');

    const figures = main.getByRole('list', { name: 'Figures of the period' });
    const created = figures.getByRole('listitem').filter({ hasText: 'Tickets created' });
    await created.getByText('3', { exact: true }).waitFor();
    await created.getByText('Up 3 than the previous period (0)').waitFor();
    const frt = figures.getByRole('listitem').filter({ hasText: /^First response, median(?! in)/ });
    await frt.getByText('30 min', { exact: true }).waitFor();
    await figures.getByRole('listitem').filter({ hasText: 'NPS' }).getByText('1 answer').waitFor();

    // The chart is drawn, and its figures are in the table behind it.
    const chart = main.locator('figure[data-chart="created"]');
    await chart.locator('canvas').waitFor();
    await chart.getByText('Show table').click();
    const today = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      Date.now() - 60_000,
    );
    const row = chart.getByRole('row', { name: new RegExp(today) });
    assert.equal(await row.getByRole('cell').first().textContent(), '3');
    const frtChart = main.locator('figure[data-chart="first-response"]');
    await frtChart.getByText('Show table').click();
    const frtRow = frtChart.getByRole('row', { name: new RegExp(today) });
    assert.equal(await frtRow.getByRole('cell').first().textContent(), '30 min');

    const perCategory = main.getByRole('region', { name: 'Per category' });
    const damaged = perCategory.getByRole('row', { name: /^Damaged/ });
    assert.equal(await damaged.getByRole('cell').first().textContent(), '2');
    const perAgent = main.getByRole('region', { name: 'Per agent' });
    await perAgent.getByRole('rowheader', { name: ADMIN.name }).waitFor();
    await perAgent.getByRole('rowheader', { name: 'Unassigned' }).waitFor();

    assert.deepEqual(await axe(page), [], 'axe: the dashboard');

    // Another range asks the service again.
    const asked = page.waitForRequest((r) => r.url().includes('/v1/agent/metrics?'));
    await main.getByLabel('Range').selectOption('30');
    await asked;
    await created.getByText('3', { exact: true }).waitFor();

    await page.getByLabel('Language').selectOption('zh-CN');
    await main.getByRole('heading', { level: 1, name: '数据看板' }).waitFor();
    await main.getByRole('region', { name: '按类别' }).getByRole('rowheader', { name: '损坏' }).waitFor();
    assert.deepEqual(await axe(page), [], 'axe: the dashboard in zh-CN');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
