/**
 * Starts a real Medusa v2 server for the adapter tests: a throwaway PostgreSQL cluster
 * (`startPostgres`), `medusa db:migrate`, an admin user via `medusa user`, then `medusa start` on
 * 127.0.0.1 with a free port. The app is the minimal project in `test/support/medusa-app`
 * (in-memory event bus, cache, locking and workflow engine; no admin dashboard; no Redis).
 *
 * `seedMedusa` then builds a small shop through Medusa's own HTTP APIs — region, stock location
 * with a shipping zone, shipping option, a product with a priced variant, a publishable API key on a
 * sales channel, customers — and places orders through the store cart flow with the system payment
 * provider, fulfilling, shipping (with a tracking label), delivering or cancelling them via the admin API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPostgres, type RunningPostgres } from './postgres.ts';

const appDir = join(dirname(fileURLToPath(import.meta.url)), 'medusa-app');
const medusaBin = join(appDir, '..', '..', '..', 'node_modules', '.bin', 'medusa');

export const MEDUSA_ADMIN = { email: 'admin@nectar.test', password: 'nectar-admin-secret' };
/** The JWT secret the test server signs with (so a test can mint an expired customer token). */
export const MEDUSA_JWT_SECRET = 'nectar-medusa-test-jwt-secret';

export interface RunningMedusa {
  baseUrl: string;
  databaseUrl: string;
  /** Admin JWT (`Authorization: Bearer`). */
  adminToken: string;
  /** How long each start-up step took (ms): postgres, migrate, user, start. */
  timings: Record<string, number>;
  /** Runs SQL against Medusa's database (used only to backdate an order for the late-order check). */
  sql(text: string, params?: unknown[]): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function medusaEnv(databaseUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    JWT_SECRET: MEDUSA_JWT_SECRET,
    COOKIE_SECRET: 'nectar-medusa-test-cookie-secret',
    MEDUSA_DISABLE_TELEMETRY: 'true',
    MEDUSA_FF_ANALYTICS: 'false',
    NODE_OPTIONS: '',
    FORCE_COLOR: '0',
  };
}

/** Runs a Medusa CLI command to completion; rejects with the tail of its output. */
function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(medusaBin, args, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`medusa ${args.join(' ')} failed (${code ?? signal}):\n${output.slice(-3000)}`));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

export async function startMedusa(options: { timeoutMs?: number } = {}): Promise<RunningMedusa> {
  const deadline = Date.now() + (options.timeoutMs ?? 150_000);
  const left = () => Math.max(1000, deadline - Date.now());
  const timings: Record<string, number> = {};
  const tp = Date.now();
  const postgres: RunningPostgres = await startPostgres();
  timings.postgres = Date.now() - tp;
  const env = medusaEnv(postgres.url);
  let server: ChildProcess | undefined;
  const stop = async () => {
    if (server) {
      const exited = new Promise<void>((r) => (server!.exitCode !== null ? r() : server!.once('exit', () => r())));
      killGroup(server, 'SIGTERM');
      const timer = setTimeout(() => killGroup(server!, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await postgres.stop();
  };
  try {
    const t0 = Date.now();
    await runCli(['db:migrate'], env, left());
    const t1 = Date.now();
    await runCli(['user', '-e', MEDUSA_ADMIN.email, '-p', MEDUSA_ADMIN.password], env, left());
    timings.migrate = t1 - t0;
    timings.user = Date.now() - t1;
    const port = await freePort();
    const child = spawn(medusaBin, ['start', '-H', '127.0.0.1', '-p', String(port)], {
      cwd: appDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    server = child;
    // If the test process dies without stop(), do not leave Medusa running.
    const killOnExit = () => killGroup(child, 'SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    let output = '';
    child.stdout!.on('data', (d) => (output = (output + d).slice(-5000)));
    child.stderr!.on('data', (d) => (output = (output + d).slice(-5000)));
    const baseUrl = `http://127.0.0.1:${port}`;
    const t2 = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`medusa start exited (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`medusa start did not answer /health in time:\n${output}`);
      const ok = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    timings.start = Date.now() - t2;
    const auth = await fetch(`${baseUrl}/auth/user/emailpass`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(MEDUSA_ADMIN),
    });
    if (!auth.ok) throw new Error(`admin login failed: ${auth.status} ${await auth.text()}`);
    const { token } = (await auth.json()) as { token: string };
    return {
      baseUrl,
      timings,
      databaseUrl: postgres.url,
      adminToken: token,
      async sql(text, params) {
        const client = new pg.Client({ connectionString: postgres.url });
        await client.connect();
        try {
          await client.query(text, params);
        } finally {
          await client.end();
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Seeding through Medusa's HTTP APIs                                                               */
/* ------------------------------------------------------------------------------------------------ */

type Json = Record<string, any>;

export class MedusaClient {
  readonly baseUrl: string;
  readonly adminToken: string;
  constructor(baseUrl: string, adminToken: string) {
    this.baseUrl = baseUrl;
    this.adminToken = adminToken;
  }

  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = { Authorization: `Bearer ${this.adminToken}` },
  ): Promise<Json> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 1000)}`);
    return text ? (JSON.parse(text) as Json) : {};
  }

  admin(method: string, path: string, body?: unknown) {
    return this.call(method, `/admin${path}`, body);
  }
}

export interface SeededCustomer {
  id: string;
  email: string;
  password: string;
  name: string;
  /** Customer JWT for the store API. */
  token: string;
}

export interface SeededOrder {
  id: string;
  /** `#<display_id>` */
  number: string;
  state: 'unfulfilled' | 'partial' | 'fulfilled' | 'shipped' | 'delivered' | 'cancelled';
  trackingNumber?: string;
  trackingUrl?: string;
  total: string;
}

export interface MedusaShop {
  publishableKey: string;
  /** A secret admin API key (`sk_…`): `Authorization: Basic base64(key + ':')`. */
  secretKey: string;
  regionId: string;
  salesChannelId: string;
  locationId: string;
  variantIds: string[];
  /** The shopper with orders, oldest first in `orders`. */
  shopper: SeededCustomer;
  /** A shopper without any order. */
  newcomer: SeededCustomer;
  orders: SeededOrder[];
}

const address = {
  first_name: 'Mei',
  last_name: 'Lin',
  address_1: 'Torstraße 1',
  city: 'Berlin',
  postal_code: '10119',
  country_code: 'de',
};

export async function seedMedusa(medusa: RunningMedusa): Promise<MedusaShop> {
  const api = new MedusaClient(medusa.baseUrl, medusa.adminToken);

  const { sales_channel: channel } = await api.admin('POST', '/sales-channels', { name: 'Nectar web shop' });
  const { api_key: key } = await api.admin('POST', '/api-keys', { title: 'Nectar storefront', type: 'publishable' });
  await api.admin('POST', `/api-keys/${key.id}/sales-channels`, { add: [channel.id] });
  const publishableKey: string = key.token;
  const { api_key: secret } = await api.admin('POST', '/api-keys', { title: 'Nectar proxy', type: 'secret' });

  const { region } = await api.admin('POST', '/regions', {
    name: 'Germany',
    currency_code: 'eur',
    countries: ['de'],
    payment_providers: ['pp_system_default'],
  });

  const { stock_location: location } = await api.admin('POST', '/stock-locations', {
    name: 'Berlin warehouse',
    address: { address_1: 'Lagerweg 2', city: 'Berlin', country_code: 'de' },
  });
  await api.admin('POST', `/stock-locations/${location.id}/sales-channels`, { add: [channel.id] });
  await api.admin('POST', `/stock-locations/${location.id}/fulfillment-providers`, { add: ['manual_manual'] });
  const { stock_location: withSet } = await api.admin(
    'POST',
    `/stock-locations/${location.id}/fulfillment-sets?fields=*fulfillment_sets`,
    { name: 'Berlin shipping', type: 'shipping' },
  );
  const fulfillmentSet = withSet.fulfillment_sets[0];
  const { fulfillment_set: set } = await api.admin('POST', `/fulfillment-sets/${fulfillmentSet.id}/service-zones`, {
    name: 'Germany',
    geo_zones: [{ type: 'country', country_code: 'de' }],
  });
  const serviceZone = set.service_zones[0];

  const profiles = await api.admin('GET', '/shipping-profiles?type=default');
  const profile =
    profiles.shipping_profiles[0] ??
    (await api.admin('POST', '/shipping-profiles', { name: 'Default', type: 'default' })).shipping_profile;

  const { shipping_option: shippingOption } = await api.admin('POST', '/shipping-options', {
    name: 'DHL Paket',
    service_zone_id: serviceZone.id,
    shipping_profile_id: profile.id,
    provider_id: 'manual_manual',
    price_type: 'flat',
    type: { label: 'Standard', description: '2–3 days', code: 'standard' },
    prices: [{ currency_code: 'eur', amount: 4.9 }],
    rules: [
      { attribute: 'enabled_in_store', operator: 'eq', value: 'true' },
      { attribute: 'is_return', operator: 'eq', value: 'false' },
    ],
  });

  const { product } = await api.admin('POST', '/products', {
    title: 'Linen shirt',
    status: 'published',
    shipping_profile_id: profile.id,
    thumbnail: 'https://images.example/linen-shirt.jpg',
    options: [{ title: 'Size', values: ['M', 'L'] }],
    variants: [
      {
        title: 'M',
        sku: 'SHIRT-M',
        options: { Size: 'M' },
        manage_inventory: false,
        prices: [{ currency_code: 'eur', amount: 39.5 }],
      },
      {
        title: 'L',
        sku: 'SHIRT-L',
        options: { Size: 'L' },
        manage_inventory: false,
        prices: [{ currency_code: 'eur', amount: 42 }],
      },
    ],
    sales_channels: [{ id: channel.id }],
  });
  const variantIds: string[] = product.variants.map((v: Json) => v.id);

  const store = (token?: string) => ({
    'x-publishable-api-key': publishableKey,
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  });

  async function customer(email: string, first: string, last: string): Promise<SeededCustomer> {
    const password = 'shopper-secret-1';
    const { token: registration } = await api.call(
      'POST',
      '/auth/customer/emailpass/register',
      { email, password },
      {},
    );
    const { customer: created } = await api.call(
      'POST',
      '/store/customers',
      { email, first_name: first, last_name: last },
      store(registration),
    );
    const { token } = await api.call('POST', '/auth/customer/emailpass', { email, password }, {});
    return { id: created.id, email, password, name: `${first} ${last}`, token };
  }

  const shopper = await customer('mei.lin@example.com', 'Mei', 'Lin');
  const newcomer = await customer('new.shopper@example.com', 'Noa', 'Neu');

  async function placeOrder(items: Array<{ variant: number; quantity: number }>): Promise<Json> {
    const headers = store(shopper.token);
    const { cart } = await api.call(
      'POST',
      '/store/carts',
      { region_id: region.id, sales_channel_id: channel.id },
      headers,
    );
    for (const item of items)
      await api.call(
        'POST',
        `/store/carts/${cart.id}/line-items`,
        { variant_id: variantIds[item.variant], quantity: item.quantity },
        headers,
      );
    await api.call(
      'POST',
      `/store/carts/${cart.id}`,
      { email: shopper.email, shipping_address: address, billing_address: address },
      headers,
    );
    await api.call('POST', `/store/carts/${cart.id}/shipping-methods`, { option_id: shippingOption.id }, headers);
    const { payment_collection: collection } = await api.call(
      'POST',
      '/store/payment-collections',
      { cart_id: cart.id },
      headers,
    );
    await api.call(
      'POST',
      `/store/payment-collections/${collection.id}/payment-sessions`,
      { provider_id: 'pp_system_default' },
      headers,
    );
    const completed = await api.call('POST', `/store/carts/${cart.id}/complete`, {}, headers);
    if (completed.type !== 'order')
      throw new Error(`cart did not complete: ${JSON.stringify(completed).slice(0, 500)}`);
    return completed.order;
  }

  async function fulfil(order: Json, lines: Json[]): Promise<Json> {
    const { order: updated } = await api.admin('POST', `/orders/${order.id}/fulfillments?fields=*fulfillments`, {
      location_id: location.id,
      items: lines.map((l) => ({ id: l.id, quantity: l.quantity })),
    });
    return updated.fulfillments.at(-1);
  }

  const orders: SeededOrder[] = [];
  const record = (order: Json, state: SeededOrder['state'], extra: Partial<SeededOrder> = {}) =>
    orders.push({ id: order.id, number: `#${order.display_id}`, state, total: String(order.total), ...extra });

  // 1. Unfulfilled (placed first; backdated later by the test to be late).
  record(await placeOrder([{ variant: 0, quantity: 1 }]), 'unfulfilled');
  // 2. Fulfilled (packed, not shipped).
  {
    const order = await placeOrder([{ variant: 1, quantity: 2 }]);
    await fulfil(order, order.items);
    record(order, 'fulfilled');
  }
  // 3. Shipped with a tracking label.
  {
    const order = await placeOrder([{ variant: 0, quantity: 1 }]);
    const fulfillment = await fulfil(order, order.items);
    const trackingNumber = '00340434161094015902';
    const trackingUrl = `https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=${trackingNumber}`;
    await api.admin('POST', `/orders/${order.id}/fulfillments/${fulfillment.id}/shipments`, {
      items: order.items.map((l: Json) => ({ id: l.id, quantity: l.quantity })),
      labels: [
        { tracking_number: trackingNumber, tracking_url: trackingUrl, label_url: 'https://labels.example/1.pdf' },
      ],
    });
    record(order, 'shipped', { trackingNumber, trackingUrl });
  }
  // 4. Partially fulfilled: two lines, one packed.
  {
    const order = await placeOrder([
      { variant: 0, quantity: 1 },
      { variant: 1, quantity: 1 },
    ]);
    await fulfil(order, [order.items[0]]);
    record(order, 'partial');
  }
  // 5. Delivered.
  {
    const order = await placeOrder([{ variant: 1, quantity: 1 }]);
    const fulfillment = await fulfil(order, order.items);
    await api.admin('POST', `/orders/${order.id}/fulfillments/${fulfillment.id}/shipments`, {
      items: order.items.map((l: Json) => ({ id: l.id, quantity: l.quantity })),
      labels: [
        {
          tracking_number: 'JD014600006281230704',
          tracking_url: 'https://tracking.example/JD014600006281230704',
          label_url: 'https://labels.example/2.pdf',
        },
      ],
    });
    await api.admin('POST', `/orders/${order.id}/fulfillments/${fulfillment.id}/mark-as-delivered`, {});
    record(order, 'delivered', { trackingNumber: 'JD014600006281230704' });
  }
  // 6. Cancelled.
  {
    const order = await placeOrder([{ variant: 0, quantity: 3 }]);
    await api.admin('POST', `/orders/${order.id}/cancel`, {});
    record(order, 'cancelled');
  }

  return {
    publishableKey,
    secretKey: secret.token,
    regionId: region.id,
    salesChannelId: channel.id,
    locationId: location.id,
    variantIds,
    shopper,
    newcomer,
    orders,
  };
}

/** The same customer token, signed by the server's secret, but expired a day ago. */
export function expiredToken(token: string): string {
  const [header, payload] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  const body = Buffer.from(JSON.stringify({ ...claims, iat: now - 2 * 86_400, exp: now - 86_400 })).toString(
    'base64url',
  );
  const signature = createHmac('sha256', MEDUSA_JWT_SECRET).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}
