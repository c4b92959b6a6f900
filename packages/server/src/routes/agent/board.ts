/**
 * `GET /v1/agent/board?from=&to=&by=&site=`: the problem board — tickets created in the range grouped `by`
 * `department`, `issue_type`, `product`, `supplier` (their attribution) or `category` (the default), with share,
 * trend against the previous period and a spike test against the 28 days before (store/board.ts).
 */
import { Hono } from 'hono';
import type { BaseEnv, Deps } from '../../env.ts';
import { BOARD_DIMENSIONS, computeBoard, type BoardDimension } from '../../store/board.ts';
import { rangeOf } from './metrics.ts';

export function agentBoardRoutes(deps: Deps) {
  return new Hono<BaseEnv>().get('/', async (c) => {
    const by = c.req.query('by') || 'category';
    const valid = (BOARD_DIMENSIONS as readonly string[]).includes(by);
    const range = rangeOf(c.req.query.bind(c.req), deps, valid ? {} : { by: 'invalid_choice' });
    return c.json(await computeBoard(deps.db, { ...range, by: by as BoardDimension }));
  });
}
