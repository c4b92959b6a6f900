/** `@nectar/adapters/proxy/shared`: the identity and idempotency pieces the proxy and the service share. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { identityHash, requestHash, stableStringify, verifyIdentity } from '@nectar/adapters/proxy/shared';
import { userHash } from './proxy-fakes.ts';

const SECRET = 'identity-secret-shared';

describe('proxy/shared identity', () => {
  it('hashes like the merchant server and verifies in any hex case', async () => {
    assert.equal(await identityHash(SECRET, 'alice'), userHash(SECRET, 'alice'));
    const hash = userHash(SECRET, 'alice');
    assert.equal(await verifyIdentity(SECRET, 'alice', hash), true);
    assert.equal(await verifyIdentity(SECRET, 'alice', hash.toUpperCase()), true);
  });

  it('refuses another id, a wrong or truncated hash, an empty secret and an id over 255 characters', async () => {
    const hash = userHash(SECRET, 'alice');
    assert.equal(await verifyIdentity(SECRET, 'bob', hash), false);
    assert.equal(await verifyIdentity(SECRET, 'alice', hash.slice(0, 63)), false);
    assert.equal(await verifyIdentity(SECRET, 'alice', `${hash}0`), false);
    assert.equal(await verifyIdentity(SECRET, 'alice', ''), false);
    assert.equal(await verifyIdentity('', 'alice', userHash('', 'alice')), false);
    const long = 'u'.repeat(256);
    assert.equal(await verifyIdentity(SECRET, long, userHash(SECRET, long)), false);
    const max = 'u'.repeat(255);
    assert.equal(await verifyIdentity(SECRET, max, userHash(SECRET, max)), true);
  });
});

describe('proxy/shared idempotency', () => {
  it('stableStringify sorts keys at every level and drops undefined members', () => {
    assert.equal(
      stableStringify({ b: 1, a: { d: [1, { z: 1, y: undefined }], c: 'x' } }),
      '{"a":{"c":"x","d":[1,{"z":1}]},"b":1}',
    );
    assert.equal(stableStringify([undefined, null, 'é']), '[null,null,"é"]');
    assert.equal(stableStringify(undefined), 'null');
    assert.equal(stableStringify({ a: 1, b: 2 }), stableStringify({ b: 2, a: 1 }));
  });

  it('stableStringify refuses JSON nested deeper than its bound instead of exhausting the stack', () => {
    const deep = JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) as unknown;
    assert.throws(() => stableStringify({ ignored: deep }), RangeError);
    const ok = JSON.parse(`${'['.repeat(63)}${']'.repeat(63)}`) as unknown;
    assert.equal(stableStringify({ ok }), JSON.stringify({ ok }));
  });

  it('requestHash is the hex SHA-256 of the parts joined by newlines', async () => {
    const parts = ['POST /v1/tickets', 'alice', stableStringify({ message: 'hi' })];
    assert.equal(await requestHash(parts), createHash('sha256').update(parts.join('\n')).digest('hex'));
  });
});
