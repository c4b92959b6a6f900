/** `/v1/agent/agents`: the team — admins list, invite (create with a first password) and disable agents. */
import { Hono } from 'hono';
import { agentCreateSchema, createAgent } from '../../domain/agents.ts';
import type { AgentEnv, Deps } from '../../env.ts';
import { notFound } from '../../http-error.ts';
import { isId } from '../../domain/access.ts';
import { requireAdmin } from '../../middleware/agent.ts';
import { jsonLimit } from '../../middleware/body-limit.ts';
import { json } from '../../middleware/validate.ts';
import { disableAgent, listAgents, toAgent } from '../../store/agents.ts';

export function agentTeamRoutes(deps: Deps) {
  return new Hono<AgentEnv>()
    .use('*', requireAdmin())
    .get('/', async (c) => c.json({ agents: (await listAgents(deps.db)).map(toAgent) }))
    .post('/', jsonLimit(4096), json(agentCreateSchema), async (c) =>
      c.json(await createAgent(deps.db, c.var.body), 201),
    )
    .post('/:id/disable', async (c) => {
      const id = c.req.param('id');
      const row = isId(id) ? await disableAgent(deps.db, id, new Date()) : undefined;
      if (!row) throw notFound('No such agent.');
      return c.json(toAgent(row));
    });
}
