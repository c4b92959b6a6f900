/**
 * A known issue's notice from the console's board, in Chromium on the real service: a supplier group (its SKUs in
 * the SKU → supplier mapping) marked a known issue shows "Publish notice"; an empty English title is refused in
 * place; the notice published in English and zh-CN becomes a banner nudge rule on the group's SKUs that shoppers
 * get from GET /v1/nudges; closing the group takes it down; axe on the dialog; no CSP violation.
 */
import assert from 'node:assert/strict';
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

describe('console board notice', () => {
  it("publishes a known issue's notice to shoppers, taken down when the group is closed", async () => {
    const agent = { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' };
    const mapped = await fetch(`${server.url}/v1/agent/suppliers`, {
      method: 'PUT',
      headers: agent,
      body: JSON.stringify({ entries: [{ sku: 'JAR-500', product: 'Honey jar 500g', supplier: 'Beeline' }] }),
    });
    assert.equal(mapped.status, 200);
    const id = await seedTicket(server, 'damaged', 'a@example.com');
    await server.db.query(`UPDATE tickets SET attribution = $1 WHERE id = $2`, [
      JSON.stringify({ supplier: 'Beeline' }),
      id,
    ]);
    const known = await fetch(`${server.url}/v1/agent/board/groups`, {
      method: 'PUT',
      headers: agent,
      body: JSON.stringify({ by: 'supplier', key: 'Beeline', status: 'known_issue' }),
    });
    assert.equal(known.status, 200);

    const { context, page, errors } = await newConsolePage(browser);
    const main = page.locator('main');
    const board = main.getByRole('heading', { level: 1, name: 'Problem board' });
    await signIn(page, server.url, ADMIN, { route: '#/board', until: board });
    await main.getByLabel('Group by').selectOption('supplier');
    await main.getByRole('button', { name: 'Publish notice Beeline' }).click();
    const dialog = page.getByRole('dialog', { name: 'Notice to shoppers about Beeline' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Required.' }).waitFor();
    assert.deepEqual(await axe(page), [], 'axe: the notice dialog');
    await dialog.getByLabel('Title (English)').fill('Beeline jars may arrive cracked');
    await dialog.getByLabel('Text (English)').fill('We know, and a new jar is on its way.');
    await dialog.getByLabel('Title (简体中文)').fill('Beeline 的罐子可能破损');
    await dialog.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').filter({ hasText: 'Notice about Beeline published.' }).waitFor();
    assert.equal(await dialog.isVisible(), false);

    const nudges = async (locale: string) =>
      (
        (await (
          await fetch(`${server.url}/v1/nudges?locale=${locale}`, { headers: { 'X-Nectar-Site': 'demo' } })
        ).json()) as { rules: { id: string; trigger: any; content: any }[] }
      ).rules.filter((r) => r.id.startsWith('known-issue-'));
    const [rule] = await nudges('zh-CN');
    assert.ok(rule, 'shoppers get the notice');
    assert.deepEqual(rule.trigger.where, [{ prop: 'sku', op: 'in', value: ['JAR-500'] }]);
    assert.match(JSON.stringify(rule.content), /Beeline 的罐子可能破损/);

    await main.getByRole('button', { name: 'Close Beeline' }).click();
    await page.getByLabel('Note').fill('New packaging from Beeline.');
    await page.getByRole('button', { name: 'Close group' }).click();
    await page.getByRole('status').filter({ hasText: 'Beeline closed.' }).waitFor();
    assert.deepEqual(await nudges('en'), [], 'taken down with the close');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
