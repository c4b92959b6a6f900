/**
 * The suggested attribution on the console's ticket view, in Chromium on the real service: a damaged ticket whose
 * item's SKU is in the SKU → supplier mapping shows product and supplier from the mapping and department and issue
 * type from the category, each with its source; "Accept suggestion" saves them, the fields show them and stay
 * editable, and the suggestion goes away; axe; no CSP violation.
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

describe('console attribution suggestion', () => {
  it('suggests the attribution from the mapping and the category; one click accepts it', async () => {
    const agent = { Authorization: `Bearer ${server.agentKey}`, 'Content-Type': 'application/json' };
    const mapped = await fetch(`${server.url}/v1/agent/suppliers`, {
      method: 'PUT',
      headers: agent,
      body: JSON.stringify({ entries: [{ sku: 'JAR-500', product: 'Honey jar 500g', supplier: 'Beeline' }] }),
    });
    assert.equal(mapped.status, 200);
    const id = await seedTicket(server, 'damaged', 'a@example.com');
    await server.db.query(`UPDATE tickets SET items = $1 WHERE id = $2`, [
      JSON.stringify([{ sku: 'JAR-500', title: 'Jar', quantity: 1 }]),
      id,
    ]);

    const { context, page, errors } = await newConsolePage(browser);
    const suggestion = page.getByRole('group', { name: 'Suggested attribution' });
    await signIn(page, server.url, ADMIN, { route: `#/tickets/${id}`, until: suggestion });
    await suggestion.getByText('Honey jar 500g').waitFor();
    await suggestion.getByText(/from the SKU mapping, SKU JAR-500/).waitFor();
    await suggestion.getByText('Warehouse').waitFor();
    await suggestion.getByText('Damaged item').waitFor();
    assert.deepEqual(await axe(page), [], 'axe: the ticket with a suggestion');
    await suggestion.getByRole('button', { name: 'Accept suggestion' }).click();
    await suggestion.waitFor({ state: 'detached' });
    assert.equal(await page.getByLabel('Supplier', { exact: true }).inputValue(), 'Beeline');
    assert.equal(await page.getByLabel('Issue type').inputValue(), 'Damaged item');
    const ticket = (await (
      await fetch(`${server.url}/v1/agent/tickets/${id}`, { headers: { Authorization: `Bearer ${server.agentKey}` } })
    ).json()) as { attribution: Record<string, string> };
    assert.deepEqual(ticket.attribution, {
      department: 'Warehouse',
      issueType: 'Damaged item',
      product: 'Honey jar 500g',
      supplier: 'Beeline',
    });
    // Still editable: the supplier replaced by hand.
    await page.getByLabel('Supplier', { exact: true }).fill('Beeline Ltd');
    await page.getByRole('button', { name: 'Save attribution' }).click();
    await page.getByRole('status').filter({ hasText: /saved/i }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
});
