// End to end: the demo storefront's seeded nudge rules on the real service, in headless Chromium. Time on the page
// runs on Playwright's clock (installed before the page loads), so "20 seconds on the returns page" takes none.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_NUDGES } from '../../packages/server/src/store/nudges-seed.ts';
import { startHarness, waitFor, watch, type Harness } from '../support/e2e.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
  // The seeded rules hold 10 % of shoppers out (each browser's bucket is random): this run holds nobody out, so
  // each test browser sees the nudge. Saved through the agent API as a merchant would.
  const rules = DEMO_NUDGES.map((r) => ({ ...r, holdout: 0 }));
  const res = await fetch(`${h.server.url}/v1/agent/nudges`, {
    method: 'PUT',
    headers: {
      Authorization: `Bearer ${h.server.agentKey}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    body: JSON.stringify({ rules }),
  });
  assert.equal(res.status, 200, await res.text());
});
after(async () => {
  await h?.close();
});

async function open(path: string) {
  const context = await h.browser.newContext({ locale: 'en-US', timezoneId: 'Europe/Berlin' });
  const page = await context.newPage();
  const errors = watch(page);
  const posted: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/v1/events')) posted.push(r.postData() ?? '');
  });
  await page.clock.install();
  await page.goto(`${h.server.url}/demo/${path}`);
  return { context, page, errors, posted };
}

const toast = (page: Page) => page.locator('nectar-nudge [part~="container"]');

async function eventsOf(ruleId: string) {
  const { rows } = await h.server.db.query<{ name: string; arm: string | null }>(
    `SELECT name, props->>'arm' AS arm FROM events WHERE props->>'ruleId' = $1 ORDER BY name`,
    [ruleId],
  );
  // By name: the page's clock is Playwright's, so several outcomes share one instant.
  return rows.map((r) => (r.arm ? `${r.name}:${r.arm}` : r.name));
}

describe('nudges on the demo storefront', () => {
  it('20 s on the returns page → "Need a hand with a return?" → "Start a return" opens the form on Return or refund', async () => {
    const { context, page, errors } = await open('returns.html');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForFunction(
      () => (window as { nectar?: { consent?: { behavior: boolean } } }).nectar?.consent?.behavior,
    );
    const focused = await page.evaluate(() => document.activeElement?.id ?? '');

    await page.clock.runFor(15_000);
    assert.equal(await page.locator('nectar-nudge').count(), 0, 'not before the 20 seconds');
    await page.clock.runFor(6_000);
    const nudge = toast(page);
    await nudge.waitFor();
    assert.match((await nudge.textContent()) ?? '', /Need a hand with a return\?/);
    assert.equal(
      await page.evaluate(() => document.activeElement?.id ?? ''),
      focused,
      'showing the nudge does not move focus',
    );

    await page.locator('nectar-nudge').getByRole('button', { name: 'Start a return' }).click();
    const form = page.locator('nectar-panel nectar-ticket-form');
    await form.getByRole('button', { name: 'Send' }).waitFor();
    const category = await form.evaluate((el) => {
      const checked = el.shadowRoot?.querySelector<HTMLInputElement>('input[name="category"]:checked');
      const select = el.shadowRoot?.querySelector<HTMLSelectElement>('select[name="category"]');
      return checked?.value ?? select?.value ?? '';
    });
    assert.equal(category, 'return_refund');
    assert.equal(await page.locator('nectar-nudge [part~="container"]').count(), 0, 'the nudge is gone');

    // The outcomes reach the service in a batch (the page is hidden, or two seconds pass).
    await page.clock.runFor(3_000);
    await waitFor(async () => (await eventsOf('returns-dwell')).includes('nudge_clicked'), 15_000, 'outcomes stored');
    assert.deepEqual(await eventsOf('returns-dwell'), ['nudge_clicked', 'nudge_eligible:shown', 'nudge_shown']);

    const report = await fetch(`${h.server.url}/v1/agent/nudges/report`, {
      headers: { Authorization: `Bearer ${h.server.agentKey}` },
    }).then((r) => r.json() as Promise<{ rules: { ruleId: string; shown: number; clicked: number }[] }>);
    const row = report.rules.find((r) => r.ruleId === 'returns-dwell');
    assert.deepEqual([row?.shown, row?.clicked], [1, 1]);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('without consent nothing shows and nothing is sent', async () => {
    const { context, page, errors, posted } = await open('returns.html');
    await page.getByRole('button', { name: 'No thanks' }).click();
    await page.clock.runFor(60_000);
    await page.waitForTimeout(300);
    assert.equal(await page.locator('nectar-nudge').count(), 0);
    const why = await page.evaluate(async () => {
      const n = (window as unknown as { nectar: { nudges: { explain(id: string): Promise<{ reason: string }[]> } } })
        .nectar;
      return (await n.nudges.explain('returns-dwell'))[0]?.reason;
    });
    assert.equal(why, 'consent');
    assert.deepEqual(posted, [], 'no event was posted');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a declined card shows the "Trouble paying?" banner; closing it sends dismissed', async () => {
    const { context, page, errors } = await open('');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByRole('button', { name: 'Pay with a declined card' }).click();
    const banner = toast(page);
    await banner.waitFor();
    assert.match((await banner.textContent()) ?? '', /Trouble paying\?/);
    assert.equal(await page.locator('nectar-nudge').getAttribute('variant'), 'banner');
    await page.keyboard.press('Tab');
    await page.locator('nectar-nudge').getByRole('button', { name: 'Close' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.clock.runFor(3_000);
    await waitFor(async () => (await eventsOf('checkout-error')).includes('nudge_dismissed'), 15_000, 'dismissed');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
