// fast-check arbitraries from the schemas of an OpenAPI 3.0 document: values that follow a
// schema (to get past validation and reach the handlers), with known ids mixed in for
// uuid fields so some requests hit existing rows.
import fc from 'fast-check';
import { resolve, type OpenApi, type Schema } from './openapi-conformance';

export interface ArbitraryHints {
  /** Ids of rows that exist, used for half of the uuid values. */
  ids: string[];
  /** Whole documents to offer where the schema says nothing (process documents). */
  documents: unknown[];
  /** Values that exist, by property or parameter name (a definition `key`, a `version`). */
  named?: Record<string, unknown[]>;
}

const json = fc.jsonValue({ maxDepth: 3 });

export function arbitraryFor(doc: OpenApi, raw: Schema, hints: ArbitraryHints, depth = 0, name?: string): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  const known = name === undefined ? undefined : hints.named?.[name];
  const generated = baseArbitrary(doc, schema, hints, depth);
  const base = known?.length ? fc.oneof(fc.constantFrom(...known), generated) : generated;
  return schema.nullable && schema.type !== undefined ? fc.option(base, { nil: null, freq: 5 }) : base;
}

function baseArbitrary(doc: OpenApi, schema: Schema, hints: ArbitraryHints, depth: number): fc.Arbitrary<unknown> {
  if (schema.allOf?.length) return arbitraryFor(doc, schema.allOf[0], hints, depth);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'uuid') return hints.ids.length ? fc.oneof(fc.constantFrom(...hints.ids), fc.uuid()) : fc.uuid();
      // fast-check's addresses follow RFC 5322 to the letter; most real validators are stricter.
      if (schema.format === 'email') return fc.oneof(fc.emailAddress(), fc.stringMatching(/^[a-z]{1,8}\.[a-z]{1,8}@[a-z]{2,8}\.fr$/));
      if (schema.format === 'date-time') {
        return fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      }
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      const minLength = schema.minLength ?? 0;
      return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 30, 30)) });
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -5, max: schema.maximum ?? 5 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(arbitraryFor(doc, schema.items ?? {}, hints, depth + 1), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object': {
      const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>);
      if (properties.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), depth > 3 ? fc.constant(1) : json, { maxKeys: 3 });
      const shape = Object.fromEntries(properties.map(([k, s]) => [k, arbitraryFor(doc, s, hints, depth + 1, k)]));
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    default:
      // No type: any JSON, or one of the whole documents we were given.
      return hints.documents.length ? fc.oneof(fc.constantFrom(...hints.documents), json) : json;
  }
}
