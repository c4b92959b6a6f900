/** Every Shopify GraphQL document validates against the schemas Shopify ships in @shopify/hydrogen-react. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { buildClientSchema, parse, validate, type IntrospectionQuery } from 'graphql';
import { CUSTOMER_ACCOUNT_DOCUMENTS, STOREFRONT_DOCUMENTS } from '../src/shopify/documents.ts';

const require = createRequire(import.meta.url);
const load = (file: string) => {
  const json = JSON.parse(readFileSync(require.resolve(`@shopify/hydrogen-react/${file}`), 'utf8')) as
    IntrospectionQuery | { data: IntrospectionQuery };
  return buildClientSchema('data' in json ? json.data : json);
};

for (const [label, file, documents] of [
  ['Customer Account API', 'customer-account.schema.json', CUSTOMER_ACCOUNT_DOCUMENTS],
  ['Storefront API', 'storefront.schema.json', STOREFRONT_DOCUMENTS],
] as const) {
  describe(`Shopify ${label} documents`, () => {
    const schema = load(file);
    for (const [name, source] of Object.entries(documents))
      it(`${name} is valid`, () => {
        const errors = validate(schema, parse(source));
        assert.deepEqual(
          errors.map((e) => e.message),
          [],
        );
      });
  });
}

describe('the schema check can fail', () => {
  it('rejects a field Shopify does not have', () => {
    const schema = load('customer-account.schema.json');
    const errors = validate(schema, parse('query X { customer { id trackingNumberOfEverything } }'));
    assert.equal(errors.length, 1);
  });
});
