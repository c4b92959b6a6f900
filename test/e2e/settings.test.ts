/**
 * The console's Settings view in Chromium on the real service: an admin replaces a promise (refused when the
 * resolution comes before the first response, the reason beside the field, fixed), sets business hours (a day
 * that is not HH:MM-HH:MM refused in the page) and a status URL (refused by the service, fixed), saves; the
 * service files tickets with the new promise; an agent sees the view read-only; the Remedy dialog offers the
 * presets of the ticket's category. axe on each state.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '@nectar/server';
import { ADMIN, axe, newConsolePage, signIn, startConsole, stopConsole } from '../support/console.ts';

let server: RunningServer;
let browser: Browser;

before(async () => {
  ({ server, browser } = await startConsole());
});
after(() => stopConsole(server, browser));

const agentApi = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${server.agentKey}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status}`);
  return (await res.json()) as any;
};

async function open(email: string, password: string) {
  const opened = await newConsolePage(browser);
  await signIn(opened.page, server.url, { email, password });
  return opened;
}

describe('console settings', () => {
  it('lets an admin change promises, business hours and the status link, each refusal beside its field', async () => {
    const { context, page, errors } = await open(ADMIN.email, ADMIN.password);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const damaged = page.getByRole('group', { name: 'Category 1: damaged' });
    await damaged.getByLabel('First response within (hours)').fill('30');
    await damaged.getByLabel('Resolved within (hours)').fill('12');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const resolve = damaged.getByLabel('Resolved within (hours)');
    await page.getByText('Must not be shorter than the first response.').waitFor();
    assert.equal(await resolve.getAttribute('aria-invalid'), 'true');
    assert.equal(await resolve.evaluate((el) => el.matches(':focus')), true, 'the focus is on the refused field');
    assert.deepEqual(await axe(page), [], 'axe: settings with an error');
    await resolve.fill('36');
    assert.equal(await resolve.getAttribute('aria-invalid'), 'false', 'the error goes as the admin fixes it');

    // Business hours: a day in words is refused by the page itself.
    await page.getByLabel('Count promises in business hours').check();
    await page.getByLabel('Time zone').fill('Asia/Shanghai');
    await page.getByLabel('Monday').fill('nine to five');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Use HH:MM-HH:MM, for example 09:00-18:00.').waitFor();
    assert.equal(await page.getByLabel('Monday').evaluate((el) => el.matches(':focus')), true);
    await page.getByLabel('Monday').fill('09:00-12:00, 13:00-18:00');
    await page.getByLabel('Holidays').fill('2026-12-25\n2027-01-01');

    // A status URL the service refuses (keyboard only from here: type, Enter on the save button).
    await page.getByLabel('Status page URL').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Save settings' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('An http(s) address.').waitFor();
    await page.getByLabel('Status page URL').fill('https://shop.example/help?ticket={ticket}&t={token}');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').first().waitFor();

    const saved = await agentApi('GET', '/v1/agent/settings');
    const damagedSetting = saved.effective.categories.find((c: { id: string }) => c.id === 'damaged');
    assert.deepEqual(damagedSetting.promise, { firstResponse: 30, resolve: 36 });
    assert.deepEqual(saved.effective.businessHours, {
      timeZone: 'Asia/Shanghai',
      week: {
        mon: [
          ['09:00', '12:00'],
          ['13:00', '18:00'],
        ],
      },
      holidays: ['2026-12-25', '2027-01-01'],
    });
    assert.equal(saved.effective.statusUrl, 'https://shop.example/help?ticket={ticket}&t={token}');
    assert.equal(saved.updatedBy, ADMIN.name);
    assert.deepEqual(await axe(page), [], 'axe: settings saved');

    // A replaced taxonomy: the canned replies screen offers its categories, labelled in the console's language.
    await agentApi('PUT', '/v1/agent/settings', {
      categories: [
        {
          id: 'allergy',
          severity: 'high',
          promise: { firstResponse: 1, resolve: 8 },
          labels: { en: 'Allergic reaction', 'zh-CN': '过敏反应' },
        },
      ],
    });
    await page.reload();
    await page.getByRole('link', { name: 'Canned replies' }).click();
    await page.getByRole('button', { name: 'Add a reply' }).click();
    const category = page.locator('nectar-console-canned').getByLabel('Category').last();
    await category.selectOption({ label: 'Allergic reaction' });
    assert.equal(await category.inputValue(), 'allergy');

    // A ticket in it: the queue's badge and filter and the ticket's badge name it, in the agent's language.
    const filed = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ category: 'allergy', message: 'A rash after the lotion', contact: { email: 'a@b.co' } }),
    });
    assert.equal(filed.status, 201, await filed.clone().text());
    const allergy = (await filed.json()) as { id: string; number: string };
    // A remedy the machine key recorded (no agent's name): "An agent …" starts its line.
    await agentApi('POST', `/v1/agent/tickets/${allergy.id}/remedy`, { kind: 'reship' });
    await page.getByRole('link', { name: 'Queue' }).click();
    const row = page.locator('nectar-console-queue li', { hasText: allergy.number });
    await row.locator('.meta', { hasText: 'Allergic reaction' }).waitFor();
    const filter = page.locator('nectar-console-queue').getByLabel('Category');
    await filter.selectOption({ label: 'Allergic reaction' });
    assert.equal(await page.locator('nectar-console-queue li').count(), 1, 'only the allergy ticket');
    await filter.selectOption({ label: 'Any category' });
    await page.getByRole('link', { name: new RegExp(allergy.number) }).click();
    const view = page.locator('nectar-console-ticket');
    await view.locator('.badges .badge', { hasText: 'Allergic reaction' }).waitFor();
    await view.locator('li.entry', { hasText: 'An agent recorded a remedy' }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
    // Back to the defaults for the next test.
    await agentApi('PUT', '/v1/agent/settings', {});
  });

  it('shows agents the settings read-only, and offers the presets of a ticket’s category in the Remedy dialog', async () => {
    await agentApi('POST', '/v1/agent/agents', { email: 'bo@shop.example', name: 'Bo', password: 'bo-password-long' });
    const { context, page, errors } = await open('bo@shop.example', 'bo-password-long');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByText('Only an admin changes these settings.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Save settings' }).count(), 0);
    assert.equal(await page.getByLabel('Status page URL').isDisabled(), true);
    assert.deepEqual(await axe(page), [], 'axe: settings read-only');

    const res = await fetch(`${server.url}/v1/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Nectar-Site': 'demo', 'Idempotency-Key': randomUUID() },
      body: JSON.stringify({ category: 'damaged', message: 'The jar arrived cracked', contact: { email: 'a@b.co' } }),
    });
    const ticket = (await res.json()) as { id: string };
    await page.goto(`${server.url}/console/#/tickets/${ticket.id}`);
    await page.getByRole('button', { name: 'Remedy' }).click();
    const presets = page.getByRole('group', { name: 'Presets for this category' });
    await presets.getByRole('button', { name: 'Send a replacement' }).click();
    assert.equal(await page.getByRole('radio', { name: 'Reship' }).isChecked(), true);
    await presets.getByRole('button', { name: 'Refund the damaged item' }).click();
    assert.equal(await page.getByRole('radio', { name: 'Refund' }).isChecked(), true);
    assert.equal(await page.getByLabel('Amount', { exact: true }).evaluate((el) => el.matches(':focus')), true);
    assert.deepEqual(await axe(page), [], 'axe: the remedy dialog with presets');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
