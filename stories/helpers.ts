/**
 * Shared helpers of the stories: a fresh in-memory client per story (its own storage namespace,
 * so stories never share drafts or outboxes), and small drivers for the play functions.
 */
import { createNectar, type NectarClient } from '@nectar/core';
import { memoryDesk, type MemoryDesk, type MemoryDeskOptions } from '@nectar/adapters/memory';

let counter = 0;

export function storyClient(
  options: MemoryDeskOptions = {},
  locale = 'en',
): { client: NectarClient; desk: MemoryDesk; namespace: string } {
  const desk = memoryDesk(options);
  const namespace = `story-${Date.now().toString(36)}-${++counter}`;
  const client = createNectar({ desk, locale, storage: 'memory', namespace });
  return { client, desk, namespace };
}

export interface SeedOptions {
  /** The desk has no knowledge base (answers are unavailable). */
  noKb?: boolean;
  /** The desk cannot be reached (searches fail). */
  failSearch?: boolean;
}

/**
 * A fresh client on an in-memory desk (with its small knowledge base) that already holds `tickets` requests,
 * the first one with an agent's reply the shopper has not read.
 */
export async function seededClient(
  locale: string,
  tickets = 0,
  options: SeedOptions = {},
): Promise<{ client: NectarClient }> {
  const { client, desk } = storyClient({}, locale);
  if (options.noKb) Object.assign(desk, { searchAnswers: undefined });
  if (options.failSearch) desk.simulate({ offline: true });
  for (let i = 0; i < tickets; i++) {
    const r = await client.tickets.submit({
      category: i ? 'delivery' : 'damaged',
      message: 'The jar of honey arrived cracked.',
      contact: { email: 'shopper@example.com' },
    });
    if (i === 0 && r.state === 'sent') desk.reply(r.ticket.id, 'Sorry! A new jar is on its way.');
  }
  return { client };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Waits until `check` returns a truthy value (polling), for at most `ms`. */
export async function waitFor<T>(check: () => T | undefined | null | false, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The shadow root of the first `tag` in the story's canvas, once it has rendered. */
export async function shadowOf(canvas: HTMLElement, tag: string): Promise<ShadowRoot> {
  const el = await waitFor(() => canvas.querySelector(tag));
  return waitFor(() => el.shadowRoot?.querySelector('[part="base"]') && el.shadowRoot);
}

function type(root: ShadowRoot, selector: string, value: string): void {
  const field = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector);
  if (!field) throw new Error(`no ${selector}`);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Fills the ticket form as a shopper would (category, message, email) and sends it. */
export async function fillAndSubmit(canvas: HTMLElement): Promise<ShadowRoot> {
  const root = await shadowOf(canvas, 'nectar-ticket-form');
  root.querySelector<HTMLInputElement>('input[name="category"][value="delivery"]')?.click();
  await tick();
  type(root, '#message', 'My parcel was due on Monday and the tracking has not moved since.');
  type(root, '#email', 'shopper@example.com');
  await tick();
  root.querySelector<HTMLButtonElement>('button[part="submit"]')?.click();
  return root;
}

/** Sends the empty form, so every required field shows its error. */
export async function submitEmpty(canvas: HTMLElement): Promise<ShadowRoot> {
  const root = await shadowOf(canvas, 'nectar-ticket-form');
  root.querySelector<HTMLButtonElement>('button[part="submit"]')?.click();
  return root;
}
