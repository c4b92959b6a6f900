/**
 * Survey answers (NPS, CSAT): validated, stored in the durable outbox before they are sent (so an
 * offline answer arrives later and a retry never counts twice), and remembered per survey so the
 * widgets know whether to ask. The client imports this module on the first call of
 * `nectar.feedback` (a survey widget's `shouldAsk` before it shows itself); its sender is `senders.ts`.
 */
import * as z from 'zod/mini';
import { NotFoundError, ValidationError } from './errors.ts';
import { uuid } from './id.ts';
import type { NectarStore, Outbox } from './outbox/outbox.ts';
import { DEFAULT_SURVEY_ID, LIMITS, NPS_RECONTACT_DAYS, issuesToFields, type FeedbackReceipt } from './schema/base.ts';
import { csatFeedbackSchema, npsFeedbackSchema } from './schema/feedback.ts';
import type { FeedbackPayload } from './senders.ts';
import { csatSurveyId, type SessionStore } from './survey.ts';
import { browserSession } from './session.ts';
import type { FeedbackApi, FeedbackResult, SurveyState } from './types.ts';

const DAY_MS = 86_400_000;
/** What the shared schema does not check: the caller's access token. */
const csatArgs = z.looseObject({ accessToken: z.optional(z.string().check(z.minLength(1), z.maxLength(512))) });

function invalid(what: string, fields: Record<string, string>): never {
  throw new ValidationError(`Invalid ${what} answer: ${Object.keys(fields).join(', ')}`, fields);
}

/** A comment as sent: trimmed, empty left out. */
const cleanComment = (comment: unknown) =>
  typeof comment === 'string' && comment.trim() ? { comment: comment.trim() } : {};

export interface FeedbackDeps {
  store: Promise<NectarStore>;
  outbox: Outbox;
  namespace: string;
  pageContext: () => { url?: string; userAgent?: string };
  /** Default `browserSession()`. */
  session?: SessionStore;
  now: () => number;
  /** The opaque id this browser answers with (`respondent()` of `survey.ts`). */
  respondent: () => Promise<string>;
  onStorageError(error: unknown): void;
}

export function createFeedback(deps: FeedbackDeps): FeedbackApi {
  const session = deps.session ?? browserSession();
  const sessionKey = `nectar:${deps.namespace}:survey-session`;

  const meta = async () => deps.store;
  const readState = async (surveyId: string) => (await meta()).getMeta<SurveyState>(`survey:${surveyId}`);
  const writeState = async (surveyId: string, change: SurveyState) => {
    try {
      const s = await meta();
      const prev = (await s.getMeta<SurveyState>(`survey:${surveyId}`)) ?? {};
      await s.putMeta(`survey:${surveyId}`, { ...prev, ...change });
    } catch (error) {
      deps.onStorageError(error);
    }
  };
  const takeSessionSlot = (surveyId: string) => {
    if (!session.get(sessionKey)) session.set(sessionKey, surveyId);
  };

  const respondent = deps.respondent;

  async function send(payload: FeedbackPayload, surveyId: string, score: number): Promise<FeedbackResult> {
    const r = await deps.outbox.submit<FeedbackPayload, FeedbackReceipt>('feedback', uuid(), payload, {
      // An earlier answer to the same response that has not gone out yet is replaced by this one.
      replaces: (e) => (e.payload as FeedbackPayload)?.key === payload.key,
      stored: async () => {
        await writeState(surveyId, { answeredAt: deps.now(), score });
        takeSessionSlot(surveyId);
      },
    });
    return r.state === 'sent' ? { state: 'sent', response: r.result } : r;
  }

  return {
    async nps(answer) {
      if (typeof answer !== 'object' || answer === null) invalid('NPS', { score: 'required' });
      const surveyId = answer.surveyId ?? DEFAULT_SURVEY_ID.nps;
      const page = deps.pageContext();
      const url = answer.context?.url ?? page.url;
      const userAgent = answer.context?.userAgent ?? page.userAgent;
      const input = {
        kind: 'nps' as const,
        score: answer.score,
        ...cleanComment(answer.comment),
        surveyId,
        respondent: await respondent(),
        context: {
          ...(url !== undefined ? { url: url.slice(0, LIMITS.urlMax) } : {}),
          ...(userAgent !== undefined ? { userAgent: userAgent.slice(0, LIMITS.userAgentMax) } : {}),
        },
      };
      const parsed = npsFeedbackSchema.safeParse(input, { reportInput: true });
      if (!parsed.success) invalid('NPS', issuesToFields(parsed.error.issues));
      const payload: FeedbackPayload = {
        input: parsed.data,
        idempotencyKey: uuid(),
        key: `nps:${surveyId}`,
      };
      return send(payload, surveyId, parsed.data.score);
    },

    async csat(answer) {
      if (typeof answer !== 'object' || answer === null) invalid('CSAT', { ticketId: 'required', rating: 'required' });
      const args = csatArgs.safeParse(answer, { reportInput: true });
      const page = deps.pageContext();
      const input = {
        kind: 'csat' as const,
        score: answer.rating,
        ...cleanComment(answer.comment),
        ticketId: answer.ticketId,
        respondent: await respondent(),
        ...(answer.followUp !== undefined ? { followUp: answer.followUp } : {}),
        context: {
          ...(page.url !== undefined ? { url: page.url.slice(0, LIMITS.urlMax) } : {}),
          ...(page.userAgent !== undefined ? { userAgent: page.userAgent.slice(0, LIMITS.userAgentMax) } : {}),
        },
      };
      const parsed = csatFeedbackSchema.safeParse(input, { reportInput: true });
      if (!args.success || !parsed.success) {
        const fields = parsed.success ? {} : issuesToFields(parsed.error.issues);
        // The service calls the rating `score`; the caller passed `rating`.
        if (fields.score) {
          fields.rating = fields.score;
          delete fields.score;
        }
        invalid('CSAT', { ...fields, ...(args.success ? {} : issuesToFields(args.error.issues)) });
      }
      let accessToken = answer.accessToken;
      if (!accessToken) {
        const local = await (await meta()).getTicket(parsed.data.ticketId);
        if (!local) throw new NotFoundError('This browser has no access to that request');
        accessToken = local.accessToken;
      }
      const payload: FeedbackPayload = {
        input: parsed.data,
        idempotencyKey: uuid(),
        accessToken,
        key: `csat:${parsed.data.ticketId}`,
      };
      return send(payload, csatSurveyId(parsed.data.ticketId), parsed.data.score);
    },

    async dismiss(surveyId, { forever = false } = {}) {
      await writeState(surveyId, { dismissedAt: deps.now(), ...(forever ? { never: true } : {}) });
      takeSessionSlot(surveyId);
    },

    async shouldAsk(surveyId, policy = {}) {
      const state = await readState(surveyId).catch(() => undefined);
      if (state?.never) return false;
      const days = policy.recontactDays ?? NPS_RECONTACT_DAYS;
      const last = Math.max(state?.answeredAt ?? -Infinity, state?.dismissedAt ?? -Infinity);
      if (last > -Infinity && deps.now() - last < days * DAY_MS) return false;
      const taken = session.get(sessionKey);
      if ((policy.oncePerSession ?? true) && taken && taken !== surveyId) return false;
      takeSessionSlot(surveyId);
      return true;
    },

    state: (surveyId) => readState(surveyId),
    respondent,
  };
}
