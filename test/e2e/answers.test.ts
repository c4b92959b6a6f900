// End to end: an article an agent just wrote, read on the demo storefront through the CDN bundle and the real
// reference service — its Markdown shown as HTML (with a hostile line that stays inert), "Was this helpful?" stored
// as an answer_feedback event, and "Contact us" carrying the search text and the article into the ticket the
// agent reads.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { field, openDemo, startHarness, waitFor, type Harness } from '../support/e2e.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const agentApi = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${h.server.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${h.server.agentKey}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as Record<string, unknown>;
};

describe('an article on the demo storefront', () => {
  it('renders safely, takes "helpful", and hands the search over to the ticket', async () => {
    const article = (await agentApi('POST', '/v1/agent/answers', {
      locale: 'en',
      title: 'Honey jar arrived crystallised',
      body: [
        '## Crystallised honey is fine',
        '',
        'Stand the jar in **warm water** for ten minutes. More on [our blog](https://shop.example/blog/crystals).',
        '',
        '<img src=x onerror="alert(1)"> <script>alert(2)</script> [click](javascript:alert(3))',
      ].join('\n'),
    })) as { id: string };

    const { context, page, errors } = await openDemo(h);
    // The demo asks for behavioural consent first (tracked events, "helpful" among them, wait for it).
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.locator('nectar-launcher').getByRole('button', { name: 'Help', exact: true }).click();
    const panel = page.locator('nectar-panel');
    await panel.getByRole('searchbox').fill('crystallised');
    const summary = panel.locator('nectar-answers summary', { hasText: 'Honey jar arrived crystallised' });
    await summary.click();

    const body = panel.locator('nectar-answers [part~="answer-body"]').first();
    await body.locator('h2', { hasText: 'Crystallised honey is fine' }).waitFor();
    assert.equal(await body.locator('strong').textContent(), 'warm water');
    const link = body.getByRole('link', { name: 'our blog' });
    assert.equal(await link.getAttribute('href'), 'https://shop.example/blog/crystals');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    assert.equal(await body.locator('script, img, [onerror]').count(), 0);
    assert.equal(await body.locator('a[href^="javascript"]').count(), 0);

    await panel
      .locator('nectar-answers')
      .getByRole('group', { name: 'Was this helpful?' })
      .getByRole('button', { name: 'Yes' })
      .click();
    await panel.locator('nectar-answers').getByText('Thank you for telling us.').waitFor();
    const feedback = await waitFor(
      async () => {
        const { rows } = await h.server.db.query<{ props: unknown }>(
          `SELECT props FROM events WHERE name = 'answer_feedback'`,
        );
        return rows.length ? rows : undefined;
      },
      15_000,
      'the answer_feedback event',
    );
    assert.equal(feedback!.length, 1);
    const props = typeof feedback![0]!.props === 'string' ? JSON.parse(feedback![0]!.props) : feedback![0]!.props;
    assert.deepEqual(props, { answerId: article.id, helpful: true });

    await panel.locator('nectar-answers').getByRole('button', { name: 'Contact us' }).click();
    const form = panel.locator('nectar-ticket-form');
    const message = field(form, /^Message/);
    await waitFor(async () => (await message.inputValue()).includes('crystallised'), 5000, 'the prefilled message');
    assert.equal(
      (await message.inputValue()).trim(),
      'I searched for “crystallised” and read “Honey jar arrived crystallised”.',
    );
    await form.getByRole('radio', { name: /^Product question/ }).check();
    await message.press('Control+End');
    await message.pressSequentially(' Is it still good?');
    await field(form, /^Email/).fill('mei@example.com');
    await form.getByRole('button', { name: 'Send' }).click();
    await form.locator('[part~="ticket-number"]').waitFor();

    const { rows } = await h.server.db.query<{ id: string }>(
      `SELECT id FROM tickets WHERE contact_email = 'mei@example.com' ORDER BY created_at DESC LIMIT 1`,
    );
    const ticket = (await agentApi('GET', `/v1/agent/tickets/${rows[0]!.id}`)) as {
      message?: string;
      context?: Record<string, string>;
    };
    assert.match(
      ticket.message ?? '',
      /^I searched for “crystallised” and read “Honey jar arrived crystallised”\.\s+Is it still good\?$/,
    );
    assert.equal(ticket.context?.searchQuery, 'crystallised');
    assert.equal(ticket.context?.answerId, article.id);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
