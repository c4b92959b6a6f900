/**
 * A secret never reaches a browser bundle: the browser entry points of the adapters are bundled with
 * esbuild (platform browser) from an app that configures them the way a storefront would, and the
 * output is scanned for the test secrets and for the names of the secrets' settings. The proxy bundle
 * (server side) is scanned too, to prove the scan finds what is there.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const SECRETS = {
  NECTAR_IDENTITY_SECRET: 'idsec-7f3a9c1e5b',
  WOOCOMMERCE_CONSUMER_KEY: 'ck_live_5d1e2f3a4b',
  WOOCOMMERCE_CONSUMER_SECRET: 'cs_live_9e8d7c6b5a',
  FRESHDESK_API_KEY: 'fdkey-0a1b2c3d4e',
  GORGIAS_API_KEY: 'ggkey-5f6e7d8c9b',
  CHATWOOT_HMAC_TOKEN: 'cwhmac-1a2b3c4d5e',
  MEDUSA_ADMIN_TOKEN: 'sk_medusa_2b3c4d5e6f',
};
const src = resolve(import.meta.dirname, '../src');
const dir = mkdtempSync(join(tmpdir(), 'nectar-secrets-'));
after(() => rmSync(dir, { recursive: true, force: true }));
for (const [k, v] of Object.entries(SECRETS)) process.env[k] = v;

async function bundle(name: string, code: string): Promise<string> {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, code);
  const outfile = join(dir, `${name}.js`);
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile,
    logLevel: 'silent',
    // The workspace packages' sources (the repo's tools all resolve @nectar/* this way; dist may not be built).
    conditions: ['@nectar/source'],
    // A bundler that inlines environment variables (Vite, webpack DefinePlugin) would inline these.
    define: Object.fromEntries(Object.entries(SECRETS).map(([k, v]) => [`process.env.${k}`, JSON.stringify(v)])),
  });
  return readFileSync(outfile, 'utf8');
}

const BROWSER_APP = `
import { zendeskDesk } from '${src}/zendesk/index.ts';
import { chatwootDesk } from '${src}/chatwoot/index.ts';
import { freshdeskDesk } from '${src}/freshdesk/index.ts';
import { gorgiasDesk } from '${src}/gorgias/index.ts';
import { woocommerce } from '${src}/woocommerce/index.ts';
const proxyUrl = 'https://help.example/v1/proxy';
const user = { id: '42', hash: 'hash-from-the-merchant-server' };
export const desks = [
  zendeskDesk({ url: 'https://acme.zendesk.com', fields: { category: 1 } }),
  chatwootDesk({ url: 'https://chat.example', inboxIdentifier: 'inbox', proxyUrl, user }),
  freshdeskDesk({ proxyUrl }),
  gorgiasDesk({ proxyUrl }),
];
export const commerce = woocommerce({ proxyUrl, user, storeUrl: 'https://shop.example' });
`;

describe('secrets stay on the server', () => {
  it('the browser adapters, bundled as a storefront uses them, hold no secret and no secret setting', async () => {
    const out = await bundle('browser-app', BROWSER_APP);
    assert.ok(out.includes('/freshdesk/') && out.includes('wc/store/v1/order'), 'the bundle holds the adapters');
    for (const [name, value] of Object.entries(SECRETS)) {
      assert.ok(!out.includes(value), `${name}'s value is in the browser bundle`);
      assert.ok(!out.includes(name), `${name} is named in the browser bundle`);
    }
    for (const setting of [
      'consumerSecret',
      'consumerKey',
      'identitySecret',
      'hmacToken',
      'apiKey',
      'adminHeaders',
      'createProxy',
    ])
      assert.ok(!out.includes(setting), `${setting} is in the browser bundle`);
  });

  it('the proxy bundle (server side) does hold them — the scan finds what is there', async () => {
    const out = await bundle(
      'server',
      `import { createProxy } from '${src}/proxy/index.ts';
       export default createProxy({
         identitySecret: process.env.NECTAR_IDENTITY_SECRET,
         woocommerce: { url: 'https://shop.example', consumerKey: process.env.WOOCOMMERCE_CONSUMER_KEY, consumerSecret: process.env.WOOCOMMERCE_CONSUMER_SECRET },
       });`,
    );
    assert.ok(out.includes(SECRETS.WOOCOMMERCE_CONSUMER_SECRET));
    assert.ok(out.includes('consumerSecret'));
  });
});
