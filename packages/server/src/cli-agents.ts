/**
 * `nectar-server agents add --email a@shop.example --name "Ana" [--role admin]` (the password from
 * `NECTAR_AGENT_PASSWORD` or one line on stdin), `agents list`, `agents disable <email>`. Uses the
 * same storage settings as the service (`DATABASE_URL` or `NECTAR_DATA_DIR`).
 */
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { agentCreateSchema, createAgent } from './domain/agents.ts';
import { issuesToFields } from '@nectar/core/schema';
import { HttpError } from './http-error.ts';
import { disableAgent, findAgentByEmail, listAgents, toAgent } from './store/agents.ts';
import { openDb } from './store/db.ts';
import { migrate } from './store/migrations.ts';

const USAGE = `usage:
  nectar-server agents add --email <email> --name <name> [--role agent|admin]   (password: NECTAR_AGENT_PASSWORD or stdin)
  nectar-server agents list
  nectar-server agents disable <email>`;

async function readPassword(): Promise<string> {
  if (process.env.NECTAR_AGENT_PASSWORD) return process.env.NECTAR_AGENT_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Password (at least 12 characters): ');
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) return line;
  return '';
}

/** Runs one `agents …` command; resolves the exit code. */
export async function agentsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } },
  });
  const [command, ...rest] = positionals;
  if (!command || !['add', 'list', 'disable'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const db = await openDb(
    process.env.DATABASE_URL
      ? { databaseUrl: process.env.DATABASE_URL }
      : { pgliteDir: join(resolve(process.env.NECTAR_DATA_DIR || './.nectar-data'), 'pglite') },
  );
  try {
    await migrate(db);
    if (command === 'list') {
      for (const agent of (await listAgents(db)).map(toAgent)) {
        console.log(`${agent.email}\t${agent.name}\t${agent.role}${agent.disabled ? '\tdisabled' : ''}`);
      }
      return 0;
    }
    if (command === 'disable') {
      const row = rest[0] ? await findAgentByEmail(db, rest[0]) : undefined;
      if (!row) {
        console.error(`[nectar] no agent with the email ${rest[0] ?? '(none given)'}`);
        return 1;
      }
      await disableAgent(db, row.id, new Date());
      console.log(`[nectar] disabled ${row.email}; their sessions have ended`);
      return 0;
    }
    const parsed = agentCreateSchema.safeParse(
      { email: values.email, name: values.name, role: values.role, password: await readPassword() },
      { reportInput: true },
    );
    if (!parsed.success) {
      const fields = issuesToFields(parsed.error.issues);
      console.error(
        `[nectar] ${Object.entries(fields)
          .map(([f, why]) => `${f}: ${why}`)
          .join(', ')}\n${USAGE}`,
      );
      return 1;
    }
    const agent = await createAgent(db, parsed.data);
    console.log(`[nectar] added ${agent.role} ${agent.email} (${agent.name})`);
    return 0;
  } catch (error) {
    if (error instanceof HttpError) {
      console.error(`[nectar] ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
