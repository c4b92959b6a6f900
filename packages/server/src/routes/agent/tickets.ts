/** The agent's tickets: the queue by SLA urgency, one ticket in full, and the status changes. */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { LIMITS, STATUSES, text } from '@nectar/core/schema';
import { stableStringify } from '@nectar/adapters/proxy/shared';
import { requestHashOf } from '../../crypto.ts';
import { isId } from '../../domain/access.ts';
import { executeRemedy, orderForTicket, type RemedyExecution } from '../../domain/commerce.ts';
import {
  agentReply,
  assign,
  attribute,
  claim,
  close,
  escalate,
  note,
  recordCallback,
  recordRemedy,
  reopen,
  resolve,
} from '../../domain/lifecycle.ts';
import type { AgentEnv, Deps } from '../../env.ts';
import { forbidden, notFound, validationError } from '../../http-error.ts';
import { jsonLimit } from '../../middleware/body-limit.ts';
import { optionallyIdempotent } from '../../middleware/idempotency.ts';
import { json, query } from '../../middleware/validate.ts';
import { sendWrite } from '../../respond.ts';
import type { Queryable } from '../../store/db.ts';
import { idempotentWrite } from '../../store/idempotency.ts';
import { leavePresence, reportPresence } from '../../store/presence.ts';
import { attachmentResponse } from '../attachment-response.ts';
import { findTicketAttachment } from '../../store/attachments.ts';
import { findTicket, listAgentTickets, toAgentSummary, toAgentTicket, type TicketRow } from '../../store/tickets.ts';

const agentName = z.optional(text(LIMITS.nameMax, { min: 1 }));
const actionSchema = z.strictObject({ agentName });
const replySchema = z.strictObject({ message: text(LIMITS.messageMax, { min: 1 }), agentName });
const reasonText = text(1000, { min: 1 });
const noteSchema = z.strictObject({ message: text(LIMITS.messageMax, { min: 1 }), agentName });
const assignSchema = z.strictObject({ assignee: text(LIMITS.nameMax, { min: 1 }), reason: reasonText, agentName });
const escalateSchema = z.strictObject({ reason: reasonText, agentName });
/** How the call to a shopper who asked for one went; `note` stays with the agents. */
const callbackSchema = z.strictObject({
  outcome: z.enum(['done', 'no_answer']),
  note: z.optional(text(2000)),
  agentName,
});
/** The signed-in agent has the ticket open; `typing`: a reply is being written. */
const presenceSchema = z.strictObject({ typing: z.boolean() });
const attributionField = z.optional(text(120, { min: 1 }));
/** A refund or voucher names its amount and currency (ISO 4217); a reship needs neither. */
const remedySchema = z
  .strictObject({
    kind: z.enum(['refund', 'reship', 'voucher']),
    amount: z.optional(z.number().check(z.positive(), z.lte(1_000_000))),
    currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/, 'ISO 4217, e.g. EUR'))),
    message: z.optional(text(LIMITS.messageMax, { min: 1 })),
    agentName,
  })
  .check(
    z.refine((r) => r.kind === 'reship' || r.amount !== undefined, {
      message: 'A refund or voucher names its amount.',
      path: ['amount'],
      params: { reason: 'required' },
    }),
    z.refine((r) => r.kind === 'reship' || r.currency !== undefined, {
      message: 'A refund or voucher names its currency.',
      path: ['currency'],
      params: { reason: 'required' },
    }),
  );
const attributionSchema = z.strictObject({
  department: attributionField,
  issueType: attributionField,
  product: attributionField,
  supplier: attributionField,
});
/**
 * `assignee`: `me` (the signed-in agent), `none` (nobody owns it yet) or an agent's name; `site`: a site key;
 * `breached`: `1` for tickets past a promise they have not kept (first response or resolution).
 */
const listSchema = z.object({
  status: z.optional(z.enum(STATUSES)),
  q: z.optional(text(200)),
  assignee: z.optional(text(LIMITS.nameMax, { min: 1 })),
  site: z.optional(text(64, { min: 1 })),
  breached: z.optional(z.enum(['1', '0'])),
});

/** A lifecycle step; `by` is the signed-in agent's name, or the `agentName` a machine sent. */
/** Actions that need a body (the others may be sent empty). */
const BODY_REQUIRED = new Set(['reply', 'note', 'assign', 'escalate', 'attribution', 'remedy', 'callback']);

type Action<B, P = undefined> = (
  tx: Queryable,
  row: TicketRow,
  body: B,
  now: Date,
  by: string | undefined,
  prepared: P,
) => Promise<void>;
/** Work done before the transaction (a call to the shop's backend must not hold the ticket's lock). */
type Prepare<B, P> = (row: TicketRow, body: B, idempotencyKey: string | undefined) => Promise<P>;

export function agentTicketRoutes(deps: Deps) {
  const { db } = deps;
  const lockedTicket = async (tx: Queryable, id: string | undefined) => {
    const row = isId(id) ? await findTicket(tx, id, true) : undefined;
    if (!row) throw notFound('No such ticket.');
    return row;
  };
  const app = new Hono<AgentEnv>();
  /** One agent write on a ticket: optional idempotency key, validated body, the lifecycle step, the full ticket back. */
  const write = <S extends z.core.$ZodType, P = undefined>(
    name: string,
    schema: S,
    step: Action<z.output<S>, P>,
    prepare?: Prepare<z.output<S>, P>,
  ) =>
    app.post(
      `/:id/${name}`,
      jsonLimit(),
      optionallyIdempotent(),
      json(schema, { optional: !BODY_REQUIRED.has(name) }),
      async (c) => {
        const id = c.req.param('id');
        // Before the id goes into the key's scope: only a ticket id can name a ticket.
        if (!isId(id)) throw notFound('No such ticket.');
        const { idempotencyKey: key, raw, body } = c.var;
        const route = `POST /v1/agent/tickets/${id}/${name}`;
        const idempotency = key
          ? { scope: `agent|${route}`, key, requestHash: requestHashOf([route, stableStringify(raw)]) }
          : undefined;
        let prepared = undefined as P;
        if (prepare) {
          const row = await findTicket(db, id);
          if (!row) throw notFound('No such ticket.');
          prepared = await prepare(row, body, key || undefined);
        }
        const result = await idempotentWrite(db, idempotency, async (tx) => {
          const row = await lockedTicket(tx, id);
          // A signed-in agent acts as themself; a machine with the agent key names who acted.
          const { agent } = c.var;
          const by = agent.via === 'session' ? (agent.name ?? undefined) : (body as { agentName?: string }).agentName;
          await step(tx, row, body, new Date(), by, prepared);
          return { status: 200, body: await toAgentTicket(tx, await lockedTicket(tx, id)) };
        });
        return sendWrite(c, result);
      },
    );

  app.get('/', query(listSchema), async (c) => {
    const { status, q, assignee, site, breached } = c.var.query;
    if (site !== undefined && !deps.sites.has(site)) throw validationError({ site: 'invalid_choice' });
    let owner: string | null | undefined;
    if (assignee === 'none') owner = null;
    else if (assignee === 'me') {
      // The machine key has no name: "mine" is nobody's.
      owner = c.var.agent.name ?? '';
    } else owner = assignee;
    const rows = await listAgentTickets(db, {
      status: status ?? null,
      q: q || null,
      ...(owner !== undefined ? { assignee: owner } : {}),
      site: site ?? null,
      breached: breached === '1',
    });
    return c.json({ tickets: rows.map(toAgentSummary) });
  });
  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const row = isId(id) ? await findTicket(db, id) : undefined;
    if (!row) throw notFound('No such ticket.');
    // The order through the shop's backend, looked up while the ticket is read; its failure is the answer's `order.unavailable`.
    const [ticket, order] = await Promise.all([
      toAgentTicket(db, row),
      row.order_ref ? orderForTicket(deps.commerce, row.order_ref, new Date(), deps.onInternalError) : undefined,
    ]);
    return c.json({ ...ticket, ...(order ? { order } : {}) });
  });
  // The photo's bytes, for the console (served inert: no sniffing, sandboxed, never a page of ours).
  app.get('/:id/attachments/:attachmentId', async (c) => {
    const id = c.req.param('id');
    const attachmentId = c.req.param('attachmentId');
    const attachment = isId(id) && isId(attachmentId) ? await findTicketAttachment(db, id, attachmentId) : undefined;
    if (!attachment) throw notFound('No such attachment.');
    return attachmentResponse(c, deps.attachmentsDir, attachment);
  });
  // Presence: a console session's own (the machine key has no seat at a ticket: 403). Shared through the database.
  const presenceOf = async (c: { var: AgentEnv['Variables']; req: { param: (k: 'id') => string } }) => {
    const { agent } = c.var;
    if (agent.via !== 'session' || !agent.id) throw forbidden('Presence is for agents signed in to the console.');
    const id = c.req.param('id');
    if (!isId(id) || !(await findTicket(db, id))) throw notFound('No such ticket.');
    return { id, agent: { id: agent.id, name: agent.name ?? '' } };
  };
  app.put('/:id/presence', jsonLimit(), json(presenceSchema), async (c) => {
    const { id, agent } = await presenceOf(c);
    return c.json({ others: await reportPresence(db, id, agent, c.var.body.typing, new Date()) });
  });
  app.delete('/:id/presence', async (c) => {
    const { id, agent } = await presenceOf(c);
    await leavePresence(db, id, agent.id);
    return c.body(null, 204);
  });
  write('claim', actionSchema, (tx, row, _body, now, by) => claim(tx, row, by, now));
  write('reply', replySchema, (tx, row, body, now, by) => agentReply(tx, row, body.message, by, now));
  write('resolve', actionSchema, (tx, row, _body, now, by) => resolve(tx, row, by, now));
  write('note', noteSchema, (tx, row, body, now, by) => note(tx, row, body.message, by, now));
  write('close', actionSchema, (tx, row, _body, now, by) => close(tx, row, by, now));
  write('reopen', actionSchema, (tx, row, _body, now, by) => reopen(tx, row, by, now));
  write('assign', assignSchema, (tx, row, body, now) => assign(tx, row, body.assignee, body.reason, now));
  write('escalate', escalateSchema, (tx, row, body, now, by) => escalate(tx, row, body.reason, by, now));
  write('callback', callbackSchema, (tx, row, body, now, by) =>
    recordCallback(tx, row, body.outcome, body.note, by, now),
  );
  write('attribution', attributionSchema, (tx, row, body, now) => attribute(tx, row, body, now));
  const remedyTerms = (body: z.output<typeof remedySchema>) => ({
    kind: body.kind,
    ...(body.amount !== undefined ? { amount: Math.round(body.amount * 100) / 100 } : {}),
    ...(body.currency ? { currency: body.currency } : {}),
  });
  write<typeof remedySchema, RemedyExecution>(
    'remedy',
    remedySchema,
    (tx, row, body, now, by, execution) =>
      recordRemedy(tx, row, { ...remedyTerms(body), message: body.message }, by, now, execution),
    // A refund goes through the shop's backend when it can, before the ticket is locked; the rest is fulfilled by hand.
    (row, body, key) =>
      executeRemedy(
        deps.commerce,
        {
          ticketId: row.id,
          orderRef: row.order_ref,
          contactEmail: row.contact_email,
          ...remedyTerms(body),
          reason: `Nectar ticket ${row.number}${body.message ? `: ${body.message.slice(0, 200)}` : ''}`,
        },
        key,
      ),
  );
  return app;
}
