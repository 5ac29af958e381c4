// The `$schema` key a document may carry for editors, and the JSON Schema it points at
// (docs/process.schema.json, generated from dsl/schema.ts by `npm run docs:schema`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { start as startEngine } from '../../dsl/engine';
import { simulate } from '../../dsl/simulator';
import { validate } from '../../dsl/validate';
import { generateProcessSchema, PROCESS_SCHEMA_FILE } from '../../scripts/generate-process-schema';
import { minimalDefinition } from '../support/definitions';

const ROOT = join(import.meta.dirname, '..', '..');
const templates = readdirSync(join(ROOT, 'templates'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(ROOT, 'templates', f), 'utf8'))] as const);
const withSchema = () => ({ $schema: '../docs/process.schema.json', ...minimalDefinition() });

describe('the $schema key', () => {
  it('is accepted at the top level of a document, as any string', () => {
    expect(validate(withSchema())).toEqual(validate(minimalDefinition()));
    expect(validate({ ...withSchema(), $schema: 'https://passerelle.dev/schemas/process.schema.json' }).valid).toBe(true);
  });

  it('changes nothing the engine or the simulator does', () => {
    const at = Date.UTC(2027, 0, 4, 8);
    const plain = minimalDefinition();
    expect(startEngine(withSchema(), {}, at)).toEqual(startEngine(plain, {}, at));
    expect(simulate({ definition: withSchema(), start: at })).toEqual(simulate({ definition: plain, start: at }));
  });

  it('is a schema error when it is not a string', () => {
    expect(validate({ ...withSchema(), $schema: 1 }).errors).toEqual([expect.objectContaining({ code: 'schema', path: '/$schema' })]);
  });

  it('leaves any other unknown top-level key a schema error, and $schema inside a node too', () => {
    for (const key of ['schema', '$id', 'nodse', '$comment']) {
      const result = validate({ ...withSchema(), [key]: 'x' });
      expect(result.valid).toBe(false);
      expect(result.errors.map((e) => e.code)).toEqual(['schema']);
    }
    const doc = withSchema();
    const inNode = { ...doc, nodes: [{ ...doc.nodes[0], $schema: 'x' }, ...doc.nodes.slice(1)] };
    expect(validate(inNode).errors.map((e) => e.code)).toEqual(['schema']);
  });

  it('is in every shipped template, pointing at the schema in docs/', () => {
    for (const [, doc] of templates) expect(doc.$schema).toBe('../docs/process.schema.json');
  });
});

describe('docs/process.schema.json', () => {
  it('is the one generated from dsl/schema.ts (run `npm run docs:schema` after changing it)', () => {
    expect(readFileSync(PROCESS_SCHEMA_FILE, 'utf8')).toBe(generateProcessSchema());
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const check = ajv.compile(JSON.parse(generateProcessSchema()));

  it.each(templates)('accepts the template %s', (_name, doc) => {
    expect(check(doc), JSON.stringify(check.errors)).toBe(true);
  });

  it('refuses what the zod schema refuses: an unknown field, a bad key, an unknown node type', () => {
    expect(check({ ...withSchema(), nodse: [] })).toBe(false);
    expect(check({ ...withSchema(), key: 'Majuscule' })).toBe(false);
    const doc = withSchema();
    expect(check({ ...doc, nodes: [...doc.nodes, { id: 'x', type: 'robot' }] })).toBe(false);
    expect(check({ ...doc, nodes: [...doc.nodes, { id: 'x', type: 'set', assign: { '1bad': 1 } }] })).toBe(false);
    expect(check({ ...doc, nodes: [...doc.nodes, { id: 'x', type: 'set', assign: { ok: { var: 'y' } } }] })).toBe(true);
  });
});
