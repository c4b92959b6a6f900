// End to end: the demo storefront's one entry — the floating <nectar-launcher> from the CDN bundle
// opens the panel; answers come from the real reference service's knowledge base; "Contact us" shows
// the form; Esc closes and focus returns to the launcher. Also: the loader retries its client chunk.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openDemo, startHarness, type Harness } from '../support/e2e.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

describe('the launcher on the demo storefront', () => {
  it('opens the panel, finds a refund answer on the real service, contacts a person, closes with Esc', async () => {
    const { context, page, errors } = await openDemo(h);
    await page.evaluate(() => {
      const w = window as unknown as { seen: string[] };
      w.seen = [];
      document.addEventListener('nectar-open', (e) => w.seen.push(`open:${(e as CustomEvent).detail.view}`));
      document.addEventListener('nectar-close', () => w.seen.push('close'));
    });
    const launcher = page.locator('nectar-launcher').getByRole('button', { name: 'Help', exact: true });
    await launcher.click();
    const panel = page.locator('nectar-panel');
    const dialog = panel.getByRole('dialog', { name: 'Help' });
    await dialog.waitFor();
    assert.deepEqual(await page.evaluate(() => (window as unknown as { seen: string[] }).seen), ['open:answers']);

    await panel.getByRole('searchbox').fill('refund');
    const firstAnswer = panel.locator('nectar-answers summary').first();
    await firstAnswer.waitFor();
    assert.match((await firstAnswer.textContent()) ?? '', /refund/i, 'an answer about refunds from the service');
    await firstAnswer.click();
    await panel.locator('nectar-answers [part~="answer-body"]').first().waitFor();

    await panel.locator('nectar-answers').getByRole('button', { name: 'Contact us' }).click();
    const form = panel.locator('nectar-ticket-form');
    await form.getByRole('button', { name: 'Send' }).waitFor();
    assert.equal(await panel.getByRole('tab', { name: 'Contact us' }).getAttribute('aria-selected'), 'true');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // The dialog's own close event (and so nectar-close) comes in the task after it hides.
    await page.waitForFunction(() => (window as unknown as { seen: string[] }).seen.includes('close'), null, {
      timeout: 5000,
    });
    assert.deepEqual(await page.evaluate(() => (window as unknown as { seen: string[] }).seen), [
      'open:answers',
      'close',
    ]);
    const focused = await page.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return `${a?.getRootNode() instanceof ShadowRoot ? (a.getRootNode() as ShadowRoot).host.localName : ''}>${a?.localName}`;
    });
    assert.equal(focused, 'nectar-launcher>button', 'focus returns to the launcher');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('the loader tries the client chunk again after it failed to load once', async () => {
    const context = await h.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    let failed = 0;
    await page.route(/\/nectar\/client-[^/]+\.js$/, async (route) => {
      if (failed++ === 0) return route.abort('connectionfailed');
      return route.continue();
    });
    await page.goto(`${h.server.url}/demo/`);
    // The first load (the launcher tag is in the page) fails; the shopper's click tries again.
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(failed >= 1, true);
    await page.getByRole('banner').getByRole('button', { name: 'Help', exact: true }).click();
    await page.locator('nectar-ticket-form').getByRole('button', { name: 'Send' }).waitFor({ timeout: 10_000 });
    assert.equal(
      await page.evaluate(() => typeof (window as unknown as { nectar: { locale?: string } }).nectar.locale),
      'string',
    );
    await context.close();
  });
});
