// End to end: NPS on the demo's "order confirmed" moment and CSAT after a resolved ticket, on the real
// reference service (embedded PGlite) with the built CDN bundle, in headless Chromium.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { fillTicket, openDemo, openForm, startHarness, waitFor, type Harness } from '../support/e2e.ts';
import { anonymousRespondent } from '@nectar/server';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

interface FeedbackRow {
  kind: string;
  score: number;
  comment: string | null;
  survey_id: string;
  ticket_id: string | null;
}

async function npsOf(respondent: string): Promise<FeedbackRow[]> {
  const { rows } = await h.server.db.query<FeedbackRow>(
    `SELECT kind, score, comment, survey_id, ticket_id FROM feedback WHERE kind = 'nps' AND respondent = $1`,
    // The service stores an anonymous browser's id bound to its site (never the raw id a caller sends).
    [anonymousRespondent('demo', respondent)],
  );
  return rows.map((r) => ({ ...r, score: Number(r.score) }));
}

const respondentOf = (page: Page) =>
  page.evaluate(async () => {
    await new Promise<void>((resolve) => {
      const w = window as unknown as { nectar: { feedback?: unknown } };
      if (typeof (w.nectar as { feedback?: { respondent?: unknown } }).feedback?.respondent === 'function')
        return resolve();
      addEventListener('nectar-ready', () => resolve(), { once: true });
    });
    return (
      window as unknown as { nectar: { feedback: { respondent(): Promise<string> } } }
    ).nectar.feedback.respondent();
  });

async function agent(method: string, path: string) {
  const res = await fetch(`${h.server.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${h.server.agentKey}`,
      'Content-Type': 'application/json',
      ...(method === 'POST' ? { 'Idempotency-Key': crypto.randomUUID() } : {}),
    },
    ...(method === 'POST' ? { body: '{}' } : {}),
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
  return res.json() as Promise<{ status: string; timeline: { kind: string; body?: string }[] }>;
}

describe('feedback on the demo storefront', () => {
  it('NPS answered offline, reload, back online → exactly one response; not asked again', async () => {
    const { context, page, errors } = await openDemo(h);
    await page.getByRole('button', { name: 'Check out' }).click();
    const nps = page.locator('nectar-nps');
    await nps.getByRole('radio', { name: '3', exact: true }).waitFor();
    const respondent = await respondentOf(page);

    await context.setOffline(true);
    await nps.getByRole('radio', { name: '3', exact: true }).click();
    await nps.getByRole('button', { name: 'Next' }).click();
    await nps.getByText('We are sorry. What went wrong?').waitFor();

    // Reload while the service is still unreachable: nothing arrives, and the survey is not asked again.
    await context.route('**/v1/**', (route) => route.abort('internetdisconnected'));
    await context.setOffline(false);
    await page.reload();
    await page.getByRole('heading', { name: /order #1004 is confirmed/ }).waitFor();
    await page.waitForFunction(() => 'feedback' in (window as unknown as { nectar: object }).nectar);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await nps.getByRole('radio').count(), 0, 'the answered survey stays hidden after a reload');
    assert.deepEqual(await npsOf(respondent), [], 'nothing arrived while unreachable');

    await context.unroute('**/v1/**');
    await context.setOffline(true);
    await context.setOffline(false);
    await waitFor(async () => (await npsOf(respondent)).length === 1, 30_000, 'the queued answer');
    await new Promise((r) => setTimeout(r, 1500));
    const rows = await npsOf(respondent);
    assert.equal(rows.length, 1, 'exactly one response');
    assert.deepEqual(rows[0], { kind: 'nps', score: 3, comment: null, survey_id: 'nps', ticket_id: null });
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('NPS score first, comment later → one response with both', async () => {
    const { context, page, errors } = await openDemo(h);
    await page.getByRole('button', { name: 'Check out' }).click();
    const nps = page.locator('nectar-nps');
    await nps.getByRole('radio', { name: '10, extremely likely' }).click();
    await nps.getByRole('button', { name: 'Next' }).click();
    const respondent = await respondentOf(page);
    await waitFor(async () => (await npsOf(respondent)).length === 1, 15_000, 'the score');
    assert.equal((await npsOf(respondent))[0]!.comment, null);

    const comment = nps.getByRole('textbox', { name: /What did you like/ });
    await comment.fill('The honey is wonderful');
    const review = nps.getByRole('link', { name: /Write a review/ });
    assert.equal(await review.getAttribute('href'), 'https://reviews.example/hive-and-leaf');
    await nps.getByRole('button', { name: 'Send' }).click();
    await nps.getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor();

    const rows = await npsOf(respondent);
    assert.equal(rows.length, 1, 'one response');
    assert.equal(rows[0]!.score, 10);
    assert.equal(rows[0]!.comment, 'The honey is wonderful');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a resolved ticket: CSAT shows once in the status view; 2 with "contact me" reopens the same ticket', async () => {
    const { context, page, errors } = await openDemo(h);
    const form = await openForm(page, '#1002');
    const message = `Teapot lid chipped ${Date.now()}`;
    await fillTicket(form, { category: /Damaged item/, message, email: 'csat@example.com' });
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('heading', { name: /we have your request/i }).waitFor();
    const { rows } = await h.server.db.query<{ id: string; number: string }>(
      'SELECT id, number FROM tickets WHERE message = $1',
      [message],
    );
    assert.equal(rows.length, 1);
    const { id, number } = rows[0]!;
    await page.keyboard.press('Escape');

    await agent('POST', `/v1/agent/tickets/${id}/resolve`);
    await page.getByRole('button', { name: `View status of request ${number}` }).click();
    const csat = page.locator('nectar-ticket-status nectar-csat');
    await csat.getByRole('radio', { name: 'Dissatisfied', exact: true }).click();
    await csat.getByRole('textbox', { name: /Anything you would like to add/ }).fill('The new lid is chipped too');
    await csat.getByRole('radio', { name: 'Yes, please contact me' }).check();
    await csat.getByRole('button', { name: 'Send' }).click();
    await csat.getByRole('heading', { name: /We have reopened your request/ }).waitFor();

    const ticket = await agent('GET', `/v1/agent/tickets/${id}`);
    assert.equal(ticket.status, 'open', 'the same ticket is reopened');
    const kinds = ticket.timeline.map((e) => e.kind);
    // And it goes to a supervisor: an unhappy shopper who asks for contact escalates (agents' timeline only).
    assert.deepEqual(kinds.slice(-4), ['resolved', 'customer_message', 'reopened', 'escalated']);
    assert.equal(ticket.timeline.find((e) => e.kind === 'customer_message')?.body, 'The new lid is chipped too');
    const { rows: all } = await h.server.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM tickets WHERE contact_email = 'csat@example.com'`,
    );
    assert.equal(Number(all[0]!.n), 1, 'no new ticket');
    const { rows: fb } = await h.server.db.query<FeedbackRow>(
      `SELECT kind, score, comment, survey_id, ticket_id FROM feedback WHERE ticket_id = $1`,
      [id],
    );
    assert.equal(fb.length, 1);
    assert.equal(Number(fb[0]!.score), 2);
    assert.equal(fb[0]!.comment, 'The new lid is chipped too');

    // Resolved again, the status view does not ask a second time.
    await agent('POST', `/v1/agent/tickets/${id}/resolve`);
    await page.reload();
    await page.getByRole('button', { name: `View status of request ${number}` }).click();
    const status = page.locator('nectar-ticket-status');
    await status.getByText('Resolved', { exact: true }).first().waitFor();
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await status.locator('nectar-csat').count(), 0, 'CSAT is asked once');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
