/**
 * The BigCommerce adapter's documents validate against the transcribed subset of BigCommerce's
 * Storefront schema (bigcommerce-schema.ts — a transcription, not the vendor's file).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema, parse, validate } from 'graphql';
import { BIGCOMMERCE_DOCUMENTS } from '../src/bigcommerce/documents.ts';
import { BIGCOMMERCE_SDL } from './bigcommerce-schema.ts';

const schema = buildSchema(BIGCOMMERCE_SDL);

describe('BigCommerce Storefront documents', () => {
  for (const [name, source] of Object.entries(BIGCOMMERCE_DOCUMENTS))
    it(`${name} is valid`, () => {
      assert.deepEqual(
        validate(schema, parse(source)).map((e) => e.message),
        [],
      );
    });
  it('the check can fail: orders are not a field of Customer in the Storefront API', () => {
    const errors = validate(schema, parse('query X { customer { orders(first: 1) { edges { node { entityId } } } } }'));
    assert.equal(errors.length, 1);
  });
  it('the check can fail: order line items have no sku', () => {
    const errors = validate(
      schema,
      parse(
        'query X { site { order(filter: { entityId: 1 }) { consignments { shipping { edges { node { lineItems { edges { node { sku } } } } } } } } } }',
      ),
    );
    assert.equal(errors.length, 1);
  });
});
