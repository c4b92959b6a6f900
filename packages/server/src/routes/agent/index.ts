/** Everything under `/v1/agent/*`: one agent authentication in front of the agent's resources. */
import { Hono } from 'hono';
import type { AgentEnv, BaseEnv, Deps } from '../../env.ts';
import { agentAuth } from '../../middleware/agent.ts';
import { agentTeamRoutes } from './agents.ts';
import { agentAlertRoutes } from './alerts.ts';
import { agentBoardRoutes } from './board.ts';
import { agentAnswerRoutes } from './answers.ts';
import { agentCannedReplyRoutes } from './canned-replies.ts';
import { agentMailRoutes } from './mail.ts';
import { agentMetricsRoutes } from './metrics.ts';
import { agentNudgeRoutes } from './nudges.ts';
import { agentAttributionSuggestionRoutes, agentSupplierRoutes } from './suppliers.ts';
import { agentSettingsRoutes } from './settings.ts';
import { agentTicketRoutes } from './tickets.ts';
import { agentWebhookRoutes } from './webhooks.ts';

export function agentRoutes(deps: Deps) {
  return new Hono<BaseEnv & AgentEnv>()
    .use('*', agentAuth(deps))
    .route('/agents', agentTeamRoutes(deps))
    .route('/webhooks', agentWebhookRoutes(deps))
    .route('/tickets', agentAttributionSuggestionRoutes(deps))
    .route('/tickets', agentTicketRoutes(deps))
    .route('/suppliers', agentSupplierRoutes(deps))
    .route('/answers', agentAnswerRoutes(deps))
    .route('/canned-replies', agentCannedReplyRoutes(deps))
    .route('/settings', agentSettingsRoutes(deps))
    .route('/metrics', agentMetricsRoutes(deps))
    .route('/mail', agentMailRoutes(deps))
    .route('/alerts', agentAlertRoutes(deps))
    .route('/board', agentBoardRoutes(deps))
    .route('/nudges', agentNudgeRoutes(deps));
}
