/**
 * `/v1/console/session`: an agent signs in with email and password (POST), reads who is signed in
 * (GET) and signs out (DELETE). The session is a random token in an `HttpOnly; SameSite=Strict`
 * cookie (`Secure` over HTTPS), new on every sign-in; only its hash is stored. Sign-in and sign-out
 * are accepted only from the console's own origin.
 */
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sha256 } from '../crypto.ts';
import { openSession, signIn, signInSchema } from '../domain/agents.ts';
import type { BaseEnv, Deps } from '../env.ts';
import { unauthorized } from '../http-error.ts';
import { consoleOrigin, requireConsoleOrigin, SESSION_COOKIE } from '../middleware/agent.ts';
import { jsonLimit } from '../middleware/body-limit.ts';
import { json } from '../middleware/validate.ts';
import { deleteSession, toAgent, touchSession } from '../store/agents.ts';

export function consoleRoutes(deps: Deps) {
  const cookieOptions = (c: Context) => ({
    httpOnly: true,
    sameSite: 'Strict' as const,
    secure: consoleOrigin(c, deps.trustProxy).startsWith('https:'),
    path: '/',
  });
  return new Hono<BaseEnv>()
    .post(
      '/session',
      async (c, next) => {
        requireConsoleOrigin(c, deps.trustProxy);
        await next();
      },
      jsonLimit(4096),
      json(signInSchema),
      async (c) => {
        const row = await signIn(deps, c.var.body, c.var.ip);
        const token = await openSession(deps.db, row.id, getCookie(c, SESSION_COOKIE));
        setCookie(c, SESSION_COOKIE, token, cookieOptions(c));
        return c.json({ agent: toAgent(row) });
      },
    )
    .get('/session', async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      const row = token ? await touchSession(deps.db, sha256(token), deps.sessionIdleMs, new Date()) : undefined;
      if (!row) throw unauthorized('Not signed in.');
      return c.json({ agent: toAgent(row) });
    })
    .delete('/session', async (c) => {
      requireConsoleOrigin(c, deps.trustProxy);
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteSession(deps.db, sha256(token));
      deleteCookie(c, SESSION_COOKIE, cookieOptions(c));
      return c.body(null, 204);
    });
}
