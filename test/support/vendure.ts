/**
 * A real Vendure server for tests and the demo: `@vendure/core` + `@vendure/testing` on sql.js
 * (in memory after the initial population, which goes through a temp folder that `stop()`
 * removes), listening on 127.0.0.1 on a random port. Seeded through Vendure's own APIs:
 * products, customers, and orders placed through the Shop API (add to order, address, shipping,
 * ArrangingPayment, payment); fulfilments with tracking codes through the Admin API.
 *
 * Product images are real: a small in-memory asset storage serves them at `/assets/*` from the
 * Vendure server itself (no AssetServerPlugin, no sharp).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import {
  DefaultAssetNamingStrategy,
  LanguageCode,
  Order,
  PaymentMethodHandler,
  TransactionalConnection,
  mergeConfig,
  type AssetPreviewStrategy,
  type AssetStorageStrategy,
  type InitialData,
  type VendureConfig,
} from '@vendure/core';
import { SqljsInitializer, TestServer, registerInitializer, testConfig } from '@vendure/testing';

const DAY = 86_400_000;

// No telemetry from tests or the demo (Vendure would also write `.vendure/.installation-id`).
process.env.VENDURE_DISABLE_TELEMETRY ??= 'true';

/** Settles every payment and refund at once (the shape of Vendure's own e2e `testSuccessfulPaymentMethod`). */
export const testSuccessfulPaymentMethod = new PaymentMethodHandler({
  code: 'test-payment-method',
  description: [{ languageCode: LanguageCode.en, value: 'Test payment (always settles)' }],
  args: {},
  createPayment: (_ctx, _order, amount) => ({ amount, state: 'Settled', transactionId: `tx-${Date.now()}` }),
  settlePayment: () => ({ success: true }),
  // Refunds settle at once too (as a provider that refunds synchronously would answer).
  createRefund: (_ctx, _input, amount) => ({ state: 'Settled', transactionId: `rf-${Date.now()}-${amount}` }),
});

/** Keeps asset files in memory and serves them at `/assets/<identifier>` on the Vendure server. */
class MemoryAssetStorage implements AssetStorageStrategy {
  readonly files = new Map<string, Buffer>();
  async writeFileFromBuffer(fileName: string, data: Buffer): Promise<string> {
    this.files.set(fileName, data);
    return fileName;
  }
  async writeFileFromStream(fileName: string, data: Readable): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of data) chunks.push(Buffer.from(c as Buffer));
    this.files.set(fileName, Buffer.concat(chunks));
    return fileName;
  }
  async readFileToBuffer(identifier: string): Promise<Buffer> {
    return this.files.get(identifier) ?? Buffer.alloc(0);
  }
  async readFileToStream(identifier: string): Promise<Readable> {
    const { Readable } = await import('node:stream');
    return Readable.from([this.files.get(identifier) ?? Buffer.alloc(0)]);
  }
  async deleteFile(identifier: string): Promise<void> {
    this.files.delete(identifier);
  }
  async fileExists(fileName: string): Promise<boolean> {
    return this.files.has(fileName);
  }
  toAbsoluteUrl(request: { protocol?: string; get?: (h: string) => string | undefined }, identifier: string): string {
    // Behind the demo's same-origin proxy, the proxy says where the assets are.
    const base = request?.get?.('x-nectar-asset-base');
    if (base) return `${base}${identifier}`;
    const host = request?.get?.('host');
    return host ? `${request.protocol ?? 'http'}://${host}/assets/${identifier}` : `/assets/${identifier}`;
  }
}

/** The preview is the original image (the seeded images are small SVGs): no sharp needed. */
class SameImagePreview implements AssetPreviewStrategy {
  async generatePreviewImage(_ctx: unknown, _mimeType: string, data: Buffer): Promise<Buffer> {
    return data;
  }
}

const PRODUCTS: Array<{ name: string; sku: string; price: number; colour: string }> = [
  { name: 'Ceramic Mug', sku: 'MUG-01', price: 14.5, colour: '#c2410c' },
  { name: 'Linen Apron', sku: 'APR-02', price: 32, colour: '#4d7c0f' },
  { name: 'Desk Lamp', sku: 'LMP-03', price: 58, colour: '#1d4ed8' },
  { name: 'Tea Towel Set', sku: 'TOW-04', price: 19.9, colour: '#7e22ce' },
];

const svg = (label: string, colour: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">` +
  `<rect width="96" height="96" rx="12" fill="${colour}"/>` +
  `<text x="48" y="58" font-family="sans-serif" font-size="28" fill="#fff" text-anchor="middle">${label}</text></svg>`;

const initialData: InitialData = {
  defaultLanguage: LanguageCode.en,
  defaultZone: 'Europe',
  taxRates: [{ name: 'Standard Tax', percentage: 20 }],
  shippingMethods: [{ name: 'Standard Shipping', price: 500 }],
  paymentMethods: [
    {
      name: testSuccessfulPaymentMethod.code,
      handler: { code: testSuccessfulPaymentMethod.code, arguments: [] },
    },
  ],
  countries: [
    { name: 'Germany', code: 'DE', zone: 'Europe' },
    { name: 'United Kingdom', code: 'GB', zone: 'Europe' },
  ],
  collections: [],
};

export interface SeededOrder {
  id: string;
  code: string;
  state: string;
  /** The normalized fulfillment Nectar should report. */
  fulfillment: 'unfulfilled' | 'shipped' | 'delivered' | 'fulfilled' | 'partial';
  status: 'open' | 'completed' | 'cancelled';
  placedAt: string;
  trackingCode: string | null;
  carrier: string | null;
  /** Titles of the lines, in order. */
  lines: string[];
}

export interface VendureSeed {
  shopApiUrl: string;
  adminApiUrl: string;
  channelToken: string;
  /** The superadmin's sign-in for the Admin API (Vendure's test defaults). */
  admin: { username: string; password: string };
  shopper: { id: string; email: string; name: string; password: string; token: string };
  /** A second shopper without orders. */
  emptyShopper: { id: string; email: string; password: string; token: string };
  /** The shopper's orders, newest first. */
  orders: SeededOrder[];
  /** The one that is late for `deliveryWindowDays`. */
  lateOrderCode: string;
  deliveryWindowDays: number;
  /** A guest checkout: order code + email (readable by code while the channel allows anonymous access). */
  guestOrder: { code: string; email: string };
}

export interface RunningVendure extends VendureSeed {
  url: string;
  /** Logs a shopper in through the Shop API and returns a fresh bearer token. */
  login(email: string, password: string): Promise<string>;
  /** Seconds the start (populate + bootstrap + seed) took. */
  startupSeconds: number;
  stop(): Promise<void>;
}

/** A tiny GraphQL client that keeps Vendure's bearer session token. */
class Gql {
  token: string | null = null;
  private url: string;
  private channelToken: string;
  constructor(url: string, channelToken: string) {
    this.url = url;
    this.channelToken = channelToken;
  }
  async query<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'vendure-token': this.channelToken };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const token = res.headers.get('vendure-auth-token');
    if (token) this.token = token;
    const body = (await res.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.errors?.length) throw new Error(`Vendure: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data as T;
  }
}

/** Throws when a mutation returned an ErrorResult union member instead of the entity. */
function ok<T extends { __typename?: string; message?: string }>(result: T, what: string): T {
  if (result && 'errorCode' in result) throw new Error(`Vendure ${what}: ${result.message}`);
  return result;
}

async function placeOrder(
  shop: Gql,
  variantIds: Array<[string, number]>,
  guestEmail?: string,
): Promise<{ id: string; code: string; lines: Array<{ id: string; quantity: number }> }> {
  for (const [id, quantity] of variantIds) {
    const r = await shop.query(
      `mutation($id: ID!, $q: Int!) { addItemToOrder(productVariantId: $id, quantity: $q) {
        __typename ... on ErrorResult { errorCode message } } }`,
      { id, q: quantity },
    );
    ok(r.addItemToOrder, 'addItemToOrder');
  }
  if (guestEmail) {
    const r = await shop.query(
      `mutation($input: CreateCustomerInput!) { setCustomerForOrder(input: $input) {
        __typename ... on ErrorResult { errorCode message } } }`,
      { input: { emailAddress: guestEmail, firstName: 'Grace', lastName: 'Guest' } },
    );
    ok(r.setCustomerForOrder, 'setCustomerForOrder');
  }
  const address = await shop.query(
    `mutation($input: CreateAddressInput!) { setOrderShippingAddress(input: $input) {
      __typename ... on ErrorResult { errorCode message } } }`,
    {
      input: {
        fullName: 'Ada Shopper',
        streetLine1: 'Hauptstr. 1',
        city: 'Berlin',
        postalCode: '10115',
        countryCode: 'DE',
      },
    },
  );
  ok(address.setOrderShippingAddress, 'setOrderShippingAddress');
  const methods = await shop.query<{ eligibleShippingMethods: Array<{ id: string }> }>(
    `{ eligibleShippingMethods { id } }`,
  );
  const method = await shop.query(
    `mutation($id: [ID!]!) { setOrderShippingMethod(shippingMethodId: $id) {
      __typename ... on ErrorResult { errorCode message } } }`,
    { id: [methods.eligibleShippingMethods[0]!.id] },
  );
  ok(method.setOrderShippingMethod, 'setOrderShippingMethod');
  const transition = await shop.query(
    `mutation { transitionOrderToState(state: "ArrangingPayment") {
      __typename ... on ErrorResult { errorCode message } } }`,
  );
  ok(transition.transitionOrderToState, 'transitionOrderToState');
  const paid = await shop.query(
    `mutation($input: PaymentInput!) { addPaymentToOrder(input: $input) {
      __typename ... on Order { id code state lines { id quantity } } ... on ErrorResult { errorCode message } } }`,
    { input: { method: testSuccessfulPaymentMethod.code, metadata: {} } },
  );
  const order = ok(paid.addPaymentToOrder, 'addPaymentToOrder');
  if (order.state !== 'PaymentSettled') throw new Error(`Vendure order ${order.code} is ${order.state}`);
  return order;
}

/**
 * Starts Vendure on 127.0.0.1:0 and seeds it. `now` anchors the placement dates (the late order
 * is placed 30 days before it, the others within the last days).
 */
export async function startVendure(options: { now?: Date } = {}): Promise<RunningVendure> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const dir = await mkdtemp(join(tmpdir(), 'nectar-vendure-'));
  const storage = new MemoryAssetStorage();
  await writeFile(
    join(dir, 'products.csv'),
    [
      'name,slug,description,assets,facets,optionGroups,optionValues,sku,price,taxCategory,stockOnHand,trackInventory,variantAssets,variantFacets',
      ...PRODUCTS.map(
        (p) =>
          `${p.name},${p.sku.toLowerCase()},"A ${p.name.toLowerCase()}.",${p.sku}.svg,,,,${p.sku},${p.price},standard,100,false,,`,
      ),
    ].join('\n'),
  );
  for (const p of PRODUCTS) await writeFile(join(dir, `${p.sku}.svg`), svg(p.sku.slice(0, 3), p.colour));

  const config: Required<VendureConfig> = mergeConfig(testConfig, {
    apiOptions: {
      port: 0,
      hostname: '127.0.0.1',
      middleware: [
        {
          route: 'assets',
          handler: ((req: { path: string }, res: any) => {
            const file = storage.files.get(decodeURIComponent(req.path.replace(/^\//, '')));
            if (!file) return void res.status(404).end();
            const isSvg = file.subarray(0, 5).toString() === '<svg ';
            res.set('Content-Type', isSvg ? 'image/svg+xml' : 'image/png');
            res.set('Cache-Control', 'public, max-age=3600');
            res.set('Cross-Origin-Resource-Policy', 'cross-origin');
            res.end(file);
          }) as any,
        },
      ],
    },
    authOptions: { requireVerification: false },
    paymentOptions: { paymentMethodHandlers: [testSuccessfulPaymentMethod] },
    importExportOptions: { importAssetsDir: dir },
    assetOptions: {
      assetNamingStrategy: new DefaultAssetNamingStrategy(),
      assetStorageStrategy: storage,
      assetPreviewStrategy: new SameImagePreview(),
    },
  }) as Required<VendureConfig>;

  registerInitializer('sqljs', new SqljsInitializer(dir));
  const server = new TestServer(config);
  // TestServer listens on every interface; listen on 127.0.0.1 instead (same steps otherwise).
  const original = (server as any).bootstrapForTesting.bind(server);
  (server as any).bootstrapForTesting = async (cfg: VendureConfig) => {
    const listen = (await import('@nestjs/core')).NestFactory;
    const create = listen.create.bind(listen);
    (listen as any).create = async (...args: unknown[]) => {
      const app = (await (create as any)(...args)) as INestApplication;
      const appListen = app.listen.bind(app);
      (app as any).listen = (port: number) => appListen(port, '127.0.0.1');
      return app;
    };
    try {
      return await original(cfg);
    } finally {
      (listen as any).create = create;
    }
  };

  let app: INestApplication | undefined;
  try {
    await server.init({ initialData, customerCount: 1, productsCsvPath: join(dir, 'products.csv'), logging: false });
    app = (server as any).app as INestApplication;
    const address = app.getHttpServer().address() as { port: number };
    const url = `http://127.0.0.1:${address.port}`;
    const channelToken = String(config.defaultChannelToken);
    const shopApiUrl = `${url}/${config.apiOptions.shopApiPath}`;
    const adminApiUrl = `${url}/${config.apiOptions.adminApiPath}`;

    const admin = new Gql(adminApiUrl, channelToken);
    await admin.query(`mutation { login(username: "superadmin", password: "superadmin") {
      __typename ... on ErrorResult { message } } }`);

    const createCustomer = async (email: string, firstName: string, lastName: string, password: string) => {
      const r = await admin.query(
        `mutation($input: CreateCustomerInput!, $password: String) { createCustomer(input: $input, password: $password) {
          __typename ... on Customer { id } ... on ErrorResult { errorCode message } } }`,
        { input: { emailAddress: email, firstName, lastName }, password },
      );
      return ok(r.createCustomer, 'createCustomer').id as string;
    };
    const shopper = { email: 'ada@example.com', name: 'Ada Shopper', password: 'nectar-ada' };
    const shopperId = await createCustomer(shopper.email, 'Ada', 'Shopper', shopper.password);
    const empty = { email: 'ben@example.com', password: 'nectar-ben' };
    const emptyId = await createCustomer(empty.email, 'Ben', 'Empty', empty.password);

    const login = async (email: string, password: string) => {
      const c = new Gql(shopApiUrl, channelToken);
      const r = await c.query(
        `mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
          __typename ... on ErrorResult { errorCode message } } }`,
        { u: email, p: password },
      );
      ok(r.login, 'login');
      return c;
    };

    const variants = (
      await admin.query<{ productVariants: { items: Array<{ id: string; sku: string }> } }>(
        `{ productVariants(options: { take: 50 }) { items { id sku } } }`,
      )
    ).productVariants.items;
    const v = (sku: string) => variants.find((x) => x.sku === sku)!.id;

    const shop = await login(shopper.email, shopper.password);
    // Oldest first; the placement dates are set below.
    const late = await placeOrder(shop, [[v('LMP-03'), 1]]);
    const delivered = await placeOrder(shop, [
      [v('MUG-01'), 2],
      [v('TOW-04'), 1],
    ]);
    const cancelled = await placeOrder(shop, [[v('APR-02'), 1]]);
    const partial = await placeOrder(shop, [
      [v('APR-02'), 1],
      [v('MUG-01'), 2],
    ]);
    const shipped = await placeOrder(shop, [
      [v('LMP-03'), 1],
      [v('MUG-01'), 1],
    ]);
    const packed = await placeOrder(shop, [[v('APR-02'), 2]]);
    const fresh = await placeOrder(shop, [[v('TOW-04'), 3]]);

    const fulfil = async (
      order: { lines: Array<{ id: string; quantity: number }> },
      carrier: string,
      code: string,
      lines = order.lines,
    ) => {
      const r = await admin.query(
        `mutation($input: FulfillOrderInput!) { addFulfillmentToOrder(input: $input) {
          __typename ... on Fulfillment { id } ... on ErrorResult { errorCode message } } }`,
        {
          input: {
            lines: lines.map((l) => ({ orderLineId: l.id, quantity: l.quantity })),
            handler: {
              code: 'manual-fulfillment',
              arguments: [
                { name: 'method', value: carrier },
                { name: 'trackingCode', value: code },
              ],
            },
          },
        },
      );
      return ok(r.addFulfillmentToOrder, 'addFulfillmentToOrder').id as string;
    };
    const transitionFulfillment = async (id: string, state: string) => {
      const r = await admin.query(
        `mutation($id: ID!, $state: String!) { transitionFulfillmentToState(id: $id, state: $state) {
          __typename ... on ErrorResult { errorCode message } } }`,
        { id, state },
      );
      ok(r.transitionFulfillmentToState, 'transitionFulfillmentToState');
    };
    const shippedF = await fulfil(shipped, 'DHL', 'JD0146000012345');
    await transitionFulfillment(shippedF, 'Shipped');
    // Packed: fulfilled (label printed, tracking code known) but not handed to the carrier yet.
    await fulfil(packed, 'DHL', 'JD0146000067890');
    // Partial: the apron went out, the mugs did not.
    const partialF = await fulfil(partial, 'GLS', 'GLS-55501', partial.lines.slice(0, 1));
    await transitionFulfillment(partialF, 'Shipped');
    const deliveredF = await fulfil(delivered, 'UPS', '1Z999AA10123456784');
    await transitionFulfillment(deliveredF, 'Shipped');
    await transitionFulfillment(deliveredF, 'Delivered');
    const cancel = await admin.query(
      `mutation($input: CancelOrderInput!) { cancelOrder(input: $input) {
        __typename ... on Order { state } ... on ErrorResult { errorCode message } } }`,
      { input: { orderId: cancelled.id, reason: 'Customer changed their mind' } },
    );
    ok(cancel.cancelOrder, 'cancelOrder');

    // Placement dates (Vendure sets them at checkout; set them as a shop's history would have them).
    const placed = new Map<string, Date>([
      [late.id, new Date(now.getTime() - 30 * DAY)],
      [delivered.id, new Date(now.getTime() - 12 * DAY)],
      [cancelled.id, new Date(now.getTime() - 8 * DAY)],
      [partial.id, new Date(now.getTime() - 5 * DAY)],
      [shipped.id, new Date(now.getTime() - 3 * DAY)],
      [packed.id, new Date(now.getTime() - 2 * DAY)],
      [fresh.id, new Date(now.getTime() - 1 * DAY)],
    ]);
    const repo = app.get(TransactionalConnection).rawConnection.getRepository(Order);
    for (const [id, date] of placed) await repo.update(String(id).replace(/^T_/, ''), { orderPlacedAt: date });

    const guestShop = new Gql(shopApiUrl, channelToken);
    const guestEmail = 'grace@example.com';
    const guest = await placeOrder(guestShop, [[v('MUG-01'), 1]], guestEmail);

    const titles: Record<string, string[]> = {
      [late.id]: ['Desk Lamp'],
      [delivered.id]: ['Ceramic Mug', 'Tea Towel Set'],
      [cancelled.id]: ['Linen Apron'],
      [partial.id]: ['Linen Apron', 'Ceramic Mug'],
      [shipped.id]: ['Desk Lamp', 'Ceramic Mug'],
      [packed.id]: ['Linen Apron'],
      [fresh.id]: ['Tea Towel Set'],
    };
    const seeded = (
      o: { id: string; code: string },
      state: string,
      status: SeededOrder['status'],
      fulfillment: SeededOrder['fulfillment'],
      carrier: string | null = null,
      trackingCode: string | null = null,
    ): SeededOrder => ({
      id: o.id,
      code: o.code,
      state,
      status,
      fulfillment,
      placedAt: placed.get(o.id)!.toISOString(),
      carrier,
      trackingCode,
      lines: titles[o.id]!,
    });
    const orders = [
      seeded(fresh, 'PaymentSettled', 'open', 'unfulfilled'),
      seeded(packed, 'PaymentSettled', 'open', 'fulfilled', 'DHL', 'JD0146000067890'),
      seeded(shipped, 'Shipped', 'open', 'shipped', 'DHL', 'JD0146000012345'),
      seeded(partial, 'PartiallyShipped', 'open', 'partial', 'GLS', 'GLS-55501'),
      seeded(cancelled, 'Cancelled', 'cancelled', 'unfulfilled'),
      seeded(delivered, 'Delivered', 'completed', 'delivered', 'UPS', '1Z999AA10123456784'),
      seeded(late, 'PaymentSettled', 'open', 'unfulfilled'),
    ];

    const emptyShop = await login(empty.email, empty.password);
    const startupSeconds = (Date.now() - started) / 1000;
    const running: RunningVendure = {
      url,
      shopApiUrl,
      adminApiUrl,
      channelToken,
      admin: { username: 'superadmin', password: 'superadmin' },
      shopper: { id: shopperId, ...shopper, token: shop.token! },
      emptyShopper: { id: emptyId, ...empty, token: emptyShop.token! },
      orders,
      lateOrderCode: late.code,
      deliveryWindowDays: 14,
      guestOrder: { code: guest.code, email: guestEmail },
      startupSeconds,
      async login(email, password) {
        return (await login(email, password)).token!;
      },
      async stop() {
        try {
          await server.destroy();
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
    return running;
  } catch (error) {
    await (app ? server.destroy() : Promise.resolve()).catch(() => {});
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
