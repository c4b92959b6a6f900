/**
 * The desk conformance kit: one suite every `DeskAdapter` runs against its helpdesk (or a server that
 * answers as the vendor documents). See docs/adapters.md.
 */
import type { DeskAdapter, TicketReceipt } from '@nectar/core';
import { isAuthError, isUnsupportedError } from '@nectar/core/errors';
import { check, checkSafeError, equal, rejectsWith } from './assert.ts';
import { FAULT_WAIT_MS, KIT_TIMEOUT_MS, defaultTestApi } from './commerce.ts';
import { faultCases, faultyFetch, type Fault } from './faults.ts';
import type { AdapterContext, DeskSeed, TestApi } from './types.ts';

/** A valid 1×1 PNG. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const defaultImage = () => new Blob([PNG], { type: 'image/png' });

let counter = 0;
const key = () =>
  `conformance-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** Optional desk calls beyond `DeskAdapter` that the kit exercises when present. */
interface DeskExtras {
  addMessage?: (
    ticketId: string,
    accessToken: string,
    input: { message: string },
    options: { idempotencyKey: string },
  ) => Promise<unknown>;
}

function checkReceipt(receipt: TicketReceipt, what: string): void {
  check(receipt && typeof receipt.id === 'string' && receipt.id.length > 0, `${what}: receipt.id`);
  check(typeof receipt.number === 'string' && receipt.number.length > 0, `${what}: receipt.number`);
  check(!Number.isNaN(Date.parse(receipt.createdAt)), `${what}: receipt.createdAt is a date`);
  check(typeof receipt.status === 'string', `${what}: receipt.status`);
}

/**
 * Registers the desk conformance suite `name` with `testApi` (default `node:test`).
 * `makeDesk(ctx)` must send every request through `ctx.fetch` and use `ctx.timeoutMs`.
 */
export async function runDeskConformance(
  name: string,
  makeDesk: (ctx: AdapterContext) => DeskAdapter | Promise<DeskAdapter>,
  seed: DeskSeed,
  testApi?: TestApi,
): Promise<void> {
  const { describe, it } = testApi ?? (await defaultTestApi());
  const skip = (title: string) => (it.skip ? it.skip(title, () => {}) : it(`${title} (skipped)`, () => {}));
  const secrets = seed.secrets ?? [];
  const image = seed.image ?? defaultImage;
  const setup = async () => {
    const faults = faultyFetch();
    const desk = await makeDesk({ fetch: faults.fetch, timeoutMs: KIT_TIMEOUT_MS });
    return { desk, faults };
  };

  describe(`${name}: desk conformance`, () => {
    it('declares its capabilities', async () => {
      const { desk } = await setup();
      check(typeof desk.name === 'string' && desk.name.length > 0, 'desk.name');
      for (const k of ['attachments', 'ticketStatus', 'messages', 'feedback'] as const)
        check(typeof desk.capabilities?.[k] === 'boolean', `capabilities.${k} is a boolean`);
    });

    it('creates a ticket whose category and order reach the helpdesk in its own fields', async () => {
      const { desk } = await setup();
      const input = seed.ticket();
      check(input.orderRef, 'the seed ticket has an orderRef');
      const receipt = await desk.createTicket(input, { idempotencyKey: key() });
      checkReceipt(receipt, 'createTicket');
      if (seed.inspect) {
        const held = await seed.inspect(receipt);
        equal(held.category, input.category, 'category in the helpdesk');
        equal(held.orderRef, input.orderRef, 'order in the helpdesk');
      }
    });

    it('attaches photos, or refuses uploads with UnsupportedError', async () => {
      const { desk } = await setup();
      if (!desk.capabilities.attachments) {
        await rejectsWith(
          desk.uploadAttachment(image(), 'photo.png', { idempotencyKey: key() }),
          isUnsupportedError,
          'uploadAttachment',
        );
        return;
      }
      const upload = await desk.uploadAttachment(image(), 'photo.png', { idempotencyKey: key() });
      check(typeof upload.id === 'string' && upload.id.length > 0, 'upload id');
      const receipt = await desk.createTicket(
        { ...seed.ticket(), attachments: [upload.id] },
        { idempotencyKey: key() },
      );
      checkReceipt(receipt, 'createTicket with a photo');
      if (seed.inspect) equal((await seed.inspect(receipt)).attachments, 1, 'photos in the helpdesk');
    });

    it('creates one ticket for one idempotency key', async () => {
      const { desk } = await setup();
      const idempotencyKey = key();
      const input = seed.ticket();
      const before = seed.count ? await seed.count() : 0;
      const a = await desk.createTicket(input, { idempotencyKey });
      const b = await desk.createTicket(input, { idempotencyKey });
      equal(b.id, a.id, 'the retry returns the same ticket');
      if (seed.count) equal(await seed.count(), before + 1, 'tickets in the helpdesk after a retry');
    });

    it('reads a ticket back, or refuses with UnsupportedError', async () => {
      const { desk } = await setup();
      const input = seed.ticket();
      const receipt = await desk.createTicket(input, { idempotencyKey: key() });
      if (!desk.capabilities.ticketStatus) {
        await rejectsWith(desk.getTicket(receipt.id, receipt.accessToken), isUnsupportedError, 'getTicket');
        return;
      }
      const ticket = await desk.getTicket(receipt.id, receipt.accessToken);
      equal(ticket.id, receipt.id, 'ticket id');
      check(typeof ticket.status === 'string', 'ticket status');
      check(Array.isArray(ticket.timeline), 'ticket timeline');
    });

    it('adds a message where supported, else declares messages: false', async () => {
      const { desk } = await setup();
      const extra = desk as DeskAdapter & DeskExtras;
      if (!desk.capabilities.messages) {
        if (extra.addMessage) {
          const receipt = await desk.createTicket(seed.ticket(), { idempotencyKey: key() });
          await rejectsWith(
            extra.addMessage(receipt.id, receipt.accessToken, { message: 'Any news?' }, { idempotencyKey: key() }),
            isUnsupportedError,
            'addMessage',
          );
        }
        return;
      }
      if (!extra.addMessage) return; // messages go through the desk's own channel (e.g. the reference service route)
      const receipt = await desk.createTicket(seed.ticket(), { idempotencyKey: key() });
      await extra.addMessage(receipt.id, receipt.accessToken, { message: 'Any news?' }, { idempotencyKey: key() });
    });

    it('sends feedback where supported, else leaves it out', async () => {
      const { desk } = await setup();
      if (!desk.capabilities.feedback) {
        if (desk.sendFeedback)
          await rejectsWith(
            desk.sendFeedback({ kind: 'nps', score: 9 } as never, { idempotencyKey: key() }),
            isUnsupportedError,
            'sendFeedback',
          );
        return;
      }
      check(typeof desk.sendFeedback === 'function', 'feedback is declared and sendFeedback is present');
    });

    if (seed.expiredDesk) {
      const makeExpired = seed.expiredDesk;
      it('throws AuthError for revoked credentials', async () => {
        const faults = faultyFetch();
        const desk = await makeExpired({ fetch: faults.fetch, timeoutMs: KIT_TIMEOUT_MS });
        const e = await rejectsWith(
          desk.createTicket(seed.ticket(), { idempotencyKey: key() }),
          isAuthError,
          'createTicket',
        );
        checkSafeError(e, secrets, 'revoked credentials');
      });
    } else skip('throws AuthError for revoked credentials (no revoked desk in the seed)');

    const faultCase = (
      title: string,
      fault: Fault,
      guard: (e: unknown) => boolean,
      what: string,
      extra?: (e: unknown) => void,
    ) =>
      it(title, async () => {
        const { desk, faults } = await setup();
        faults.arm(fault);
        const e = await rejectsWith(
          desk.createTicket(seed.ticket(), { idempotencyKey: key() }),
          guard as (e: unknown) => e is unknown,
          `createTicket ${what}`,
          FAULT_WAIT_MS,
        );
        checkSafeError(e, secrets, what);
        extra?.(e);
        faults.disarm();
        checkReceipt(await desk.createTicket(seed.ticket(), { idempotencyKey: key() }), 'createTicket after recovery');
      });

    for (const c of faultCases(seed.faults, {
      peer: 'helpdesk',
      mutateDepth: 1,
      malformedSuffix: '',
      errorBody: (error) => ({ error }),
    }))
      faultCase(c.title, c.fault, c.guard, c.what, c.extra);
  });
}
