/**
 * Agent accounts: scrypt password hashes, sign-in throttled per IP and per account, console sessions
 * (a random token in an HttpOnly cookie; only its hash is stored) with idle expiry and rotation on
 * every sign-in. The first admin comes from the environment or `nectar-server agents add`.
 */
import { randomUUID, scrypt as scryptCb, timingSafeEqual, randomBytes, type ScryptOptions } from 'node:crypto';
import { LIMITS, text } from '@nectar/core/schema';
import * as z from 'zod/mini';
import { randomToken, sha256 } from '../crypto.ts';
import type { Deps } from '../env.ts';
import { HttpError, rateLimited, validationError } from '../http-error.ts';
import type { Queryable } from '../store/db.ts';
import {
  deleteSession,
  findAgentByEmail,
  insertAgent,
  insertSession,
  toAgent,
  type Agent,
  type AgentRow,
} from '../store/agents.ts';

/** Shortest password an account takes. */
export const PASSWORD_MIN = 12;

export const agentCreateSchema = z.strictObject({
  email: text(LIMITS.emailMax).check(z.email()),
  name: text(LIMITS.nameMax, { min: 1 }),
  role: z.optional(z.enum(['agent', 'admin'])),
  password: z.string().check(z.minLength(PASSWORD_MIN), z.maxLength(200)),
});
export type AgentCreateInput = z.infer<typeof agentCreateSchema>;

export const signInSchema = z.strictObject({
  email: text(LIMITS.emailMax, { min: 1 }),
  password: z.string().check(z.minLength(1), z.maxLength(200)),
});

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** `scrypt$<log2 N>$<r>$<p>$<salt>$<key>` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, 32, SCRYPT);
  return [
    'scrypt',
    Math.log2(SCRYPT.N),
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: 2 ** Number(logN),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/** A hash to check against when the email is unknown, so both answers take the same time. */
let dummyHash: Promise<string> | undefined;

export async function createAgent(db: Queryable, input: AgentCreateInput, now = new Date()): Promise<Agent> {
  const row = await insertAgent(
    db,
    {
      id: randomUUID(),
      email: input.email,
      name: input.name,
      role: input.role ?? 'agent',
      passwordHash: await hashPassword(input.password),
    },
    now,
  );
  if (!row) throw validationError({ email: 'taken' }, 'An agent with this email exists.');
  return toAgent(row);
}

/** The first admin (`NECTAR_ADMIN_EMAIL` / `NECTAR_ADMIN_PASSWORD`): created when no account has the email. */
export async function ensureAdmin(
  db: Queryable,
  admin: { email: string; password: string; name?: string },
): Promise<{ agent: Agent; created: boolean }> {
  const existing = await findAgentByEmail(db, admin.email);
  if (existing) return { agent: toAgent(existing), created: false };
  const parsed = agentCreateSchema.safeParse({ ...admin, name: admin.name ?? 'Admin', role: 'admin' });
  if (!parsed.success) {
    throw new Error(
      `NECTAR_ADMIN_EMAIL / NECTAR_ADMIN_PASSWORD: an email and a password of at least ${PASSWORD_MIN} characters`,
    );
  }
  return { agent: await createAgent(db, parsed.data), created: true };
}

const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Checks email and password. Failed attempts count per IP and per account (in the shared limiter);
 * past either budget the next attempt is 429 with `Retry-After`, whether its password is right or not.
 * Wrong email and wrong password answer the same 401.
 */
export async function signIn(
  deps: Pick<Deps, 'db' | 'limiter' | 'limits'>,
  input: { email: string; password: string },
  ip: string,
): Promise<AgentRow> {
  const buckets = [
    { key: `sign-in-failed:ip:${ip}`, limit: deps.limits.signInFailuresPerIp },
    { key: `sign-in-failed:account:${input.email.toLowerCase()}`, limit: deps.limits.signInFailuresPerAccount },
  ];
  for (const bucket of buckets) {
    const wait = await deps.limiter.peek(bucket, FAILURE_WINDOW_MS);
    if (wait !== null) throw rateLimited(wait, 'Too many failed sign-ins. Please wait and try again.');
  }
  const row = await findAgentByEmail(deps.db, input.email);
  const ok = await verifyPassword(
    input.password,
    row?.password_hash ?? (await (dummyHash ??= hashPassword(randomToken()))),
  );
  if (!row || !ok || row.disabled_at) {
    await deps.limiter.hit(buckets, FAILURE_WINDOW_MS);
    throw new HttpError(401, 'unauthorized', 'Wrong email or password.');
  }
  return row;
}

/** A new session for the agent (a fresh token every sign-in); the previous one, if presented, ends. */
export async function openSession(db: Queryable, agentId: string, previous: string | undefined, now = new Date()) {
  if (previous) await deleteSession(db, sha256(previous));
  const token = randomToken(32);
  await insertSession(db, sha256(token), agentId, now);
  return token;
}
