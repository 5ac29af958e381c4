// The conformance check the fuzz test relies on (test/support/openapi-conformance.ts) must
// catch what a wrong answer looks like, or the fuzz test proves nothing.
import { describe, expect, it } from 'vitest';
import { conformance, type OpenApi } from '../support/openapi-conformance';

const doc: OpenApi = {
  paths: {},
  components: {
    schemas: {
      Id: { type: 'string', format: 'uuid' },
      Task: {
        type: 'object',
        properties: { id: { $ref: '#/components/schemas/Id' }, due_at: { type: 'string', format: 'date-time', nullable: true }, n: { type: 'integer' } },
        required: ['id', 'due_at'],
        additionalProperties: false,
      },
    },
  },
};
const page = { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Task' } } }, required: ['items'] };
const id = '0b5c4c9e-2f0a-4a8e-9c3d-6f1e2a3b4c5d';

describe('OpenAPI conformance of an answer', () => {
  it('accepts an answer that fits, nullable fields and $refs included', () => {
    expect(conformance(doc, page, { items: [{ id, due_at: null }, { id, due_at: '2027-01-04T08:00:00.000Z', n: 3 }] })).toEqual([]);
  });

  it('names every mismatch: a missing or extra field, a wrong type, a bad format, null where not allowed', () => {
    const problems = conformance(doc, page, { items: [{ due_at: 'demain', n: 1.5, extra: true }, { id: null, due_at: null }] });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/items\/0: .*id/),
        expect.stringMatching(/^\/items\/0: .*\(extra\)$/),
        expect.stringMatching(/^\/items\/0\/due_at: .*date-time/),
        expect.stringMatching(/^\/items\/0\/n: .*integer/),
        expect.stringMatching(/^\/items\/1\/id: /),
      ]),
    );
  });
});
