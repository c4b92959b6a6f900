/** The Saleor adapter's documents validate against the transcribed subset of Saleor's schema (saleor-schema.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema, parse, validate } from 'graphql';
import { SALEOR_DOCUMENTS } from '../src/saleor/documents.ts';
import { SALEOR_SDL } from './saleor-schema.ts';

const schema = buildSchema(SALEOR_SDL);

describe('Saleor documents', () => {
  for (const [name, source] of Object.entries(SALEOR_DOCUMENTS))
    it(`${name} is valid`, () => {
      assert.deepEqual(
        validate(schema, parse(source)).map((e) => e.message),
        [],
      );
    });
  it('the check can fail: a fulfillment has no carrier field', () => {
    const errors = validate(
      schema,
      parse('query X { me { orders(first: 1) { edges { node { fulfillments { carrier } } } } } }'),
    );
    assert.equal(errors.length, 1);
  });
});
