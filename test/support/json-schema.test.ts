import assert from 'node:assert/strict';
import { validate, type Schema } from './json-schema.js';

const ROOT = {
  components: { schemas: { Item: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false } } },
};

// [what, schema, value, valid]
const CASES: [string, Schema, unknown, boolean][] = [
  ['a string', { type: 'string' }, 'x', true],
  ['a number is not a string', { type: 'string' }, 1, false],
  ['an integer', { type: 'integer' }, 3, true],
  ['a fraction is not an integer', { type: 'integer' }, 3.5, false],
  ['null is not an object', { type: 'object' }, null, false],
  ['an array is not an object', { type: 'object' }, [], false],
  ['a type list', { type: ['string', 'null'] }, null, true],
  ['nullable (OpenAPI 3.0)', { type: 'string', nullable: true }, null, true],
  ['not nullable', { type: 'string' }, null, false],
  ['in the enum', { enum: ['a', 'b'] }, 'b', true],
  ['not in the enum', { enum: ['a', 'b'] }, 'c', false],
  ['const', { const: 'ok' }, 'ok', true],
  ['not the const', { const: 'ok' }, 'ko', false],
  ['required present', { type: 'object', required: ['a'] }, { a: 1 }, true],
  ['required missing', { type: 'object', required: ['a'] }, { b: 1 }, false],
  ['a property of the wrong type', { properties: { a: { type: 'string' } } }, { a: 1 }, false],
  ['an absent optional property', { properties: { a: { type: 'string' } } }, {}, true],
  ['an extra property refused', { properties: { a: {} }, additionalProperties: false }, { a: 1, b: 2 }, false],
  ['an extra property allowed', { properties: { a: {} }, additionalProperties: true }, { a: 1, b: 2 }, true],
  ['extra properties by schema', { additionalProperties: { type: 'integer' } }, { x: 1, y: 'no' }, false],
  ['property names', { propertyNames: { pattern: '^\\d{4}$' } }, { 2026: 1, abc: 2 }, false],
  ['items', { type: 'array', items: { type: 'integer' } }, [1, 2, 3], true],
  ['a bad item', { type: 'array', items: { type: 'integer' } }, [1, 'two'], false],
  ['minItems', { minItems: 1 }, [], false],
  ['maxLength counts characters', { maxLength: 2 }, 'éé', true],
  ['minLength', { minLength: 1 }, '', false],
  ['pattern', { pattern: '^bk-\\d+$' }, 'bk-12', true],
  ['not the pattern', { pattern: '^bk-\\d+$' }, 'book', false],
  ['minimum', { minimum: 0 }, -1, false],
  ['maximum', { maximum: 10 }, 10, true],
  ['exclusiveMinimum', { exclusiveMinimum: 0 }, 0, false],
  ['a date-time', { type: 'string', format: 'date-time' }, '2026-06-01T09:00:00.000Z', true],
  ['not a date-time', { type: 'string', format: 'date-time' }, '2026-06-01', false],
  ['a date', { format: 'date' }, '2026-06-01', true],
  ['anyOf, one matches', { anyOf: [{ type: 'integer' }, { type: 'null' }] }, null, true],
  ['anyOf, none matches', { anyOf: [{ type: 'integer' }, { type: 'null' }] }, 'x', false],
  ['oneOf, two match', { oneOf: [{ type: 'number' }, { type: 'integer' }] }, 1, false],
  ['allOf', { allOf: [{ type: 'object' }, { required: ['a'] }] }, {}, false],
  ['a $ref', { $ref: '#/components/schemas/Item' }, { id: 'x' }, true],
  ['a $ref refusing an extra field', { $ref: '#/components/schemas/Item' }, { id: 'x', more: 1 }, false],
  ['annotations only', { description: 'anything', 'x-note': 1 }, 42, true],
  ['true', true, { any: 'thing' }, true],
  ['false', false, 1, false],
];

describe('validate() (the JSON Schema checker of the OpenAPI tests)', () => {
  for (const [what, schema, value, valid] of CASES) {
    it(`${valid ? 'accepts' : 'refuses'} ${what}`, () => {
      const errors = validate(schema, value, ROOT);
      assert.equal(errors.length === 0, valid, JSON.stringify(errors));
    });
  }

  it('says where a nested value is wrong', () => {
    const schema = { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } };
    assert.deepEqual(validate(schema, { items: [{ id: 'a' }, { id: 2 }] }, ROOT), [{ at: '/items/1/id', message: 'must be string, is number' }]);
  });

  it('throws on a keyword it cannot check rather than passing it', () => {
    assert.throws(() => validate({ if: { type: 'string' } }, 'x'), /keyword "if" is not supported/);
    assert.throws(() => validate({ format: 'uuid' }, 'x'), /format uuid is not supported/);
  });

  it('throws on a $ref that does not resolve', () => {
    assert.throws(() => validate({ $ref: '#/components/schemas/Nope' }, {}, ROOT), /does not resolve/);
  });
});
