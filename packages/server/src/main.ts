#!/usr/bin/env node
/**
 * CLI of the reference service: `nectar-server` starts it; `nectar-server agents add|list|disable` manages
 * agent accounts. Environment: PORT (8787), HOST (localhost), NECTAR_DATA_DIR
 * (./.nectar-data), DATABASE_URL, NECTAR_AGENT_KEY, NECTAR_SITES (JSON), NECTAR_RATE_LIMIT_WRITES
 * (per IP per minute, 120), NECTAR_RATE_LIMIT_SITE_WRITES (per site per minute, 6000), NECTAR_RATE_LIMIT_EVENTS
 * and NECTAR_RATE_LIMIT_SITE_EVENTS (event batches, their own budget, same defaults), NECTAR_TRUST_PROXY,
 * NECTAR_ADMIN_EMAIL + NECTAR_ADMIN_PASSWORD (the first admin, created when missing),
 * NECTAR_WEBHOOK_RETRY_SCHEDULE (seconds, comma-separated), NECTAR_WEBHOOK_ALLOW_PRIVATE (1: private targets),
 * NECTAR_SMTP_URL (smtp://… — mail to shoppers; without it mail waits) and NECTAR_MAIL_FROM (its sender),
 * NECTAR_PROXY (JSON config of the secrets proxy under /v1/proxy: `identitySecret`, `allowedOrigins`, and
 * `woocommerce` / `freshdesk` / `gorgias` / `chatwoot` / `medusa` credentials — see docs/adapters-desks.md),
 * NECTAR_COMMERCE=vendure with NECTAR_VENDURE_ADMIN_API, NECTAR_VENDURE_ADMIN_USER, NECTAR_VENDURE_ADMIN_PASSWORD
 * (and NECTAR_VENDURE_CHANNEL_TOKEN) — the agent's order view and refunds through Vendure's Admin API.
 */
import { createProxy } from '@nectar/adapters/proxy';
import { vendureAdmin } from '@nectar/adapters/vendure/admin';
import { AGENT_KEY_MIN } from './app.ts';
import { agentsCommand } from './cli-agents.ts';
import { parseSchedule } from './domain/webhooks.ts';
import { startServer } from './server.ts';
import { demoSites, parseSites } from './sites.ts';
import { loadVendureDemo, type VendureDemo } from './demo-commerce.ts';

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`[nectar] ${name} must be a non-negative integer, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

// `nectar-server agents add …`: manage accounts, then exit (no server is started).
if (process.argv[2] === 'agents') process.exit(await agentsCommand(process.argv.slice(3)));

const port = intEnv('PORT', 8787);
const host = process.env.HOST || 'localhost';
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = process.env.NECTAR_DATA_DIR || './.nectar-data';

let sites;
try {
  sites = process.env.NECTAR_SITES ? parseSites(process.env.NECTAR_SITES) : demoSites(port);
} catch (error) {
  console.error(`[nectar] ${(error as Error).message}`);
  process.exit(1);
}

// NECTAR_PROXY: backend secrets for the adapters that need them, held here and never sent to a browser.
let proxy: ReturnType<typeof createProxy> | undefined;
if (process.env.NECTAR_PROXY) {
  try {
    proxy = createProxy(JSON.parse(process.env.NECTAR_PROXY));
  } catch (error) {
    console.error(`[nectar] NECTAR_PROXY: ${(error as Error).message}`);
    process.exit(1);
  }
}

// --commerce vendure: a local Vendure server with seeded orders, wired into the demo storefront.
const argv = process.argv.slice(2);
const flagIndex = argv.indexOf('--commerce');
const commerceFlag = flagIndex >= 0 ? argv[flagIndex + 1] : argv.find((a) => a.startsWith('--commerce='))?.slice(11);
if (commerceFlag !== undefined && commerceFlag !== 'vendure') {
  console.error(`[nectar] --commerce: only "vendure" runs locally, got "${commerceFlag}"`);
  process.exit(1);
}
let vendureDemo: VendureDemo | undefined;
if (commerceFlag === 'vendure') {
  console.log('[nectar] starting a local Vendure (sql.js in memory) with seeded orders...');
  const { startVendureDemo } = await loadVendureDemo();
  vendureDemo = await startVendureDemo();
}

// The shop's backend on the server (the agent's order view, refunds): the demo's Vendure, or NECTAR_COMMERCE.
let commerce: ReturnType<typeof vendureAdmin> | undefined;
if (vendureDemo) {
  const { apiUrl, username, password } = vendureDemo.admin;
  commerce = vendureAdmin({ adminApiUrl: apiUrl, username, password });
} else if (process.env.NECTAR_COMMERCE) {
  const env = (name: string) => process.env[name] || '';
  const missing = ['NECTAR_VENDURE_ADMIN_API', 'NECTAR_VENDURE_ADMIN_USER', 'NECTAR_VENDURE_ADMIN_PASSWORD'].filter(
    (name) => !env(name),
  );
  if (
    process.env.NECTAR_COMMERCE !== 'vendure' ||
    missing.length > 0 ||
    !/^https?:\/\//.test(env('NECTAR_VENDURE_ADMIN_API'))
  ) {
    console.error(
      process.env.NECTAR_COMMERCE !== 'vendure'
        ? `[nectar] NECTAR_COMMERCE: only "vendure" is supported, got "${process.env.NECTAR_COMMERCE}"`
        : `[nectar] NECTAR_COMMERCE=vendure needs ${missing.join(', ') || 'NECTAR_VENDURE_ADMIN_API as http(s)://…'}`,
    );
    process.exit(1);
  }
  commerce = vendureAdmin({
    adminApiUrl: env('NECTAR_VENDURE_ADMIN_API'),
    username: env('NECTAR_VENDURE_ADMIN_USER'),
    password: env('NECTAR_VENDURE_ADMIN_PASSWORD'),
    ...(env('NECTAR_VENDURE_CHANNEL_TOKEN') ? { channelToken: env('NECTAR_VENDURE_CHANNEL_TOKEN') } : {}),
  });
}

const agentKey = process.env.NECTAR_AGENT_KEY || undefined;
if (agentKey !== undefined && agentKey.length < AGENT_KEY_MIN) {
  console.error(
    `[nectar] NECTAR_AGENT_KEY must be at least ${AGENT_KEY_MIN} characters (it is ${agentKey.length}). ` +
      'Set a long random key (e.g. `openssl rand -base64 32`), or leave it unset to have one generated and stored.',
  );
  process.exit(1);
}

const adminEmail = process.env.NECTAR_ADMIN_EMAIL || undefined;
const adminPassword = process.env.NECTAR_ADMIN_PASSWORD || undefined;
if (Boolean(adminEmail) !== Boolean(adminPassword)) {
  console.error('[nectar] set NECTAR_ADMIN_EMAIL and NECTAR_ADMIN_PASSWORD together (the first admin).');
  process.exit(1);
}

let webhookSchedule: number[] | undefined;
try {
  webhookSchedule = process.env.NECTAR_WEBHOOK_RETRY_SCHEDULE
    ? parseSchedule(process.env.NECTAR_WEBHOOK_RETRY_SCHEDULE)
    : undefined;
} catch (error) {
  console.error(`[nectar] ${(error as Error).message}`);
  process.exit(1);
}

const smtpUrl = process.env.NECTAR_SMTP_URL || undefined;
if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
  console.error(`[nectar] NECTAR_SMTP_URL must be smtp://… or smtps://… (got "${smtpUrl.split(':')[0]}:…")`);
  process.exit(1);
}

const server = await startServer({
  mail: { smtpUrl, from: process.env.NECTAR_MAIL_FROM || undefined },
  webhooks: {
    allowPrivate: process.env.NECTAR_WEBHOOK_ALLOW_PRIVATE === '1',
    ...(webhookSchedule ? { schedule: webhookSchedule } : {}),
  },
  ...(adminEmail && adminPassword ? { admin: { email: adminEmail, password: adminPassword } } : {}),
  port,
  host,
  dataDir,
  databaseUrl,
  agentKey,
  sites,
  trustProxy: process.env.NECTAR_TRUST_PROXY === '1',
  rateLimit: {
    writesPerIp: intEnv('NECTAR_RATE_LIMIT_WRITES', 120),
    writesPerSite: intEnv('NECTAR_RATE_LIMIT_SITE_WRITES', 6000),
    eventsPerIp: intEnv('NECTAR_RATE_LIMIT_EVENTS', 120),
    eventsPerSite: intEnv('NECTAR_RATE_LIMIT_SITE_EVENTS', 6000),
  },
  ...(proxy ? { proxy } : {}),
  ...(vendureDemo ? { demoDir: vendureDemo.demoDir, proxy: vendureDemo.proxy } : {}),
  ...(commerce ? { commerce: { backend: commerce } } : {}),
});

const base = `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
console.log(`Nectar reference service (${server.db.kind}${databaseUrl ? '' : `, data in ${dataDir}`})`);
console.log(`  API          ${base}/v1/health`);
console.log(`  Demo store   ${base}/demo/`);
console.log(`  CDN bundle   ${base}/nectar/nectar.js`);
if (proxy) console.log(`  Proxy        ${base}/v1/proxy/ (from NECTAR_PROXY)`);
console.log(
  smtpUrl
    ? `  Mail         through ${new URL(smtpUrl).host} (NECTAR_SMTP_URL)`
    : '  Mail         waits in the database: set NECTAR_SMTP_URL to send it',
);
if (vendureDemo)
  console.log(
    `  Vendure      ${vendureDemo.vendureUrl} (started in ${vendureDemo.startupSeconds.toFixed(1)} s; ` +
      `demo shopper ${vendureDemo.shopper.email} is signed in on the demo page)`,
  );
if (commerce && !vendureDemo)
  console.log(`  Commerce     Vendure Admin API (NECTAR_COMMERCE): orders and refunds for agents`);
if (server.admin) {
  console.log(
    `  Admin        ${server.admin.email}${server.admin.created ? ' (created now from NECTAR_ADMIN_EMAIL)' : ''}`,
  );
}
console.log(
  process.env.NECTAR_AGENT_KEY
    ? '  Agent key    from NECTAR_AGENT_KEY'
    : `  Agent key    ${server.agentKey}${server.agentKeyGenerated ? ' (generated now, stored with the data)' : ''}`,
);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n[nectar] ${signal}: shutting down`);
  const timer = setTimeout(() => process.exit(1), 10_000);
  timer.unref();
  try {
    await server.close();
    await vendureDemo?.stop();
    process.exit(0);
  } catch (error) {
    console.error('[nectar] error while shutting down:', error);
    process.exit(1);
  }
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
