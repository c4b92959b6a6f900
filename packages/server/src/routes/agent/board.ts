/**
 * `GET /v1/agent/board?from=&to=&by=&site=`: the problem board — tickets created in the range grouped `by`
 * `department`, `issue_type`, `product`, `supplier` (their attribution) or `category` (the default), with share,
 * trend against the previous period, a spike test against the 28 days before (store/board.ts), and each group's
 * claim state (store/board-groups.ts).
 *
 * `PUT /v1/agent/board/groups` `{ by, key, site?, status, department?, note?, agentName? }`: a department claims a
 * group (`claimed`, `department` required), marks it a known issue (`known_issue`), or closes it (`closed`, `note`
 * required). Any agent may make any change (a signed-in agent acts as themself; the agent key names `agentName`);
 * `Idempotency-Key` as on the other agent writes. `GET /v1/agent/board/groups?by=&key=&site=`: one group's state
 * and its history. A claim belongs to the board it was made on: one site's (`site`) or every site's (no `site`).
 *
 * `PUT /v1/agent/board/notice` `{ by, key, site?, content: { en: { title, body? }, 'zh-CN'?, 'zh-TW'? } }`: a known
 * issue's proactive notice, published as a banner nudge rule in the site's rules (domain/known-issue-notice.ts);
 * `DELETE /v1/agent/board/notice?by=&key=&site=` takes it down, and so does closing the group.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { LIMITS, text } from '@nectar/core/schema';
import { stableStringify } from '@nectar/adapters/proxy/shared';
import { requestHashOf } from '../../crypto.ts';
import type { AgentEnv, Deps } from '../../env.ts';
import { notFound, validationError } from '../../http-error.ts';
import { requireAdmin } from '../../middleware/agent.ts';
import { jsonLimit } from '../../middleware/body-limit.ts';
import { optionallyIdempotent } from '../../middleware/idempotency.ts';
import { json, query } from '../../middleware/validate.ts';
import { sendWrite } from '../../respond.ts';
import { BOARD_DIMENSIONS, computeBoard, type BoardDimension } from '../../store/board.ts';
import { changeGroup, GROUP_STATUSES, readGroup } from '../../store/board-groups.ts';
import { idempotentWrite } from '../../store/idempotency.ts';
import {
  noticeRule,
  noticeRuleId,
  noticeSchema,
  publishNotice,
  skusOf,
  unpublishNotice,
} from '../../domain/known-issue-notice.ts';
import { rangeOf } from './metrics.ts';
import { siteOf } from './site.ts';

const isObject = (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null;

const groupSchema = z
  .strictObject({
    by: z.enum(BOARD_DIMENSIONS),
    key: text(120, { min: 1 }),
    site: z.optional(text(64, { min: 1 })),
    status: z.enum(GROUP_STATUSES),
    department: z.optional(text(120, { min: 1 })),
    note: z.optional(text(2000, { min: 1 })),
    agentName: z.optional(text(LIMITS.nameMax, { min: 1 })),
  })
  .check(
    // Checked with the fields' own errors, so one answer names every bad field.
    z.refine((g) => g.status !== 'claimed' || g.department !== undefined, {
      message: 'A claim names the department.',
      path: ['department'],
      params: { reason: 'required' },
      when: isObject,
    }),
    z.refine((g) => g.status !== 'closed' || g.note !== undefined, {
      message: 'Closing a group takes a note.',
      path: ['note'],
      params: { reason: 'required' },
      when: isObject,
    }),
  );

const groupQuery = z.object({
  by: z.enum(BOARD_DIMENSIONS),
  key: text(120, { min: 1 }),
  site: z.optional(text(64, { min: 1 })),
});

export function agentBoardRoutes(deps: Deps) {
  const { db } = deps;
  const checkSite = (site: string | undefined) => {
    if (site !== undefined && !deps.sites.has(site)) throw validationError({ site: 'invalid_choice' });
  };
  return (
    new Hono<AgentEnv>()
      .get('/', async (c) => {
        const by = c.req.query('by') || 'category';
        const valid = (BOARD_DIMENSIONS as readonly string[]).includes(by);
        const range = rangeOf(c.req.query.bind(c.req), deps, valid ? {} : { by: 'invalid_choice' });
        return c.json(await computeBoard(db, { ...range, by: by as BoardDimension }));
      })
      .get('/groups', query(groupQuery), async (c) => {
        const { by, key, site } = c.var.query;
        checkSite(site);
        const group = await readGroup(db, site ?? null, by, key);
        if (!group) throw notFound('Nobody has claimed this group.');
        return c.json(group);
      })
      .put('/groups', jsonLimit(), optionallyIdempotent(), json(groupSchema), async (c) => {
        const { idempotencyKey: key, raw, body } = c.var;
        checkSite(body.site);
        const route = 'PUT /v1/agent/board/groups';
        const idempotency = key
          ? { scope: `agent|${route}`, key, requestHash: requestHashOf([route, stableStringify(raw)]) }
          : undefined;
        // A signed-in agent acts as themself; a machine with the agent key names who acted.
        const { agent } = c.var;
        const actor = agent.via === 'session' ? agent.name : (body.agentName ?? null);
        const site = body.site ?? null;
        const result = await idempotentWrite(db, idempotency, async (tx) => {
          await changeGroup(tx, { ...body, site }, actor, new Date());
          // A closed group's proactive notice is taken down.
          if (body.status === 'closed') {
            await unpublishNotice(tx, site ? [site] : [...deps.sites.keys()], body.by, body.key, new Date());
          }
          return { status: 200, body: await readGroup(tx, site, body.by, body.key) };
        });
        return sendWrite(c, result);
      })
      // Shoppers see the notice: publishing or taking one down is an admin's, like the site's other nudge rules.
      .put('/notice', requireAdmin(), jsonLimit(64 * 1024), json(noticeSchema), async (c) => {
        // A known issue's proactive notice (domain/known-issue-notice.ts): a nudge rule, a banner for shoppers who
        // look at an affected order. `DELETE` takes it down; closing the group does too.
        const body = c.var.body;
        checkSite(body.site);
        const site = siteOf(deps, body.site);
        const group = await readGroup(db, body.site ?? null, body.by, body.key);
        if (group?.status !== 'known_issue') {
          throw validationError({ key: 'not_known_issue' }, 'Mark the group a known issue first.');
        }
        const rule = noticeRule(body, await skusOf(db, site, body.by, body.key));
        const version = await db.transaction((tx) => publishNotice(tx, site, rule, new Date()));
        return c.json({ site, version, rule });
      })
      .delete('/notice', requireAdmin(), query(groupQuery), async (c) => {
        const { by, key, site } = c.var.query;
        checkSite(site);
        const sites = site ? [site] : [...deps.sites.keys()];
        const removed = await db.transaction((tx) => unpublishNotice(tx, sites, by, key, new Date()));
        if (!removed) throw notFound('No notice is published for this group.');
        return c.json({ removed: noticeRuleId(by, key) });
      })
  );
}
