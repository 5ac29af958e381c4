// Checks that a value fits a schema of the API's OpenAPI 3.0 document, with ajv. Returns the list of mismatches, empty when the value
// conforms. Used to prove that every answer of the API is the one its document describes.
// `resolve` follows `$ref`s for the fuzzer's arbitraries (openapi-arbitrary.ts).
import { Ajv, type ValidateFunction } from 'ajv';

export type Schema = Record<string, any>;
export type OpenApi = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };

export function resolve(doc: OpenApi, schema: Schema): Schema {
  let current = schema;
  while (typeof current.$ref === 'string') {
    const name = current.$ref.replace('#/components/schemas/', '');
    const { $ref: _followed, ...rest } = current;
    current = { ...doc.components?.schemas?.[name], ...rest };
  }
  return current;
}

const DOCUMENT_ID = 'openapi.json';

/**
 * OpenAPI 3.0's `nullable` as JSON Schema: ajv reads it only beside a `type`, and our
 * document also has it beside `$ref`/`allOf` alone. `$ref`s point into the document ajv holds.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (typeof node !== 'object' || node === null) return node;
  const { nullable, ...rest } = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toJsonSchema(v)])) as Schema;
  if (typeof rest.$ref === 'string') rest.$ref = rest.$ref.replace(/^#\/components\//, `${DOCUMENT_ID}#/components/`);
  if (nullable !== true) return rest;
  if (typeof rest.type === 'string' && !rest.enum) return { ...rest, type: [rest.type, 'null'] };
  return { anyOf: [rest, { type: 'null' }] };
}
const validators = new WeakMap<OpenApi, { ajv: Ajv; compiled: Map<Schema, ValidateFunction> }>();

/** One ajv per document, holding its components so that `$ref`s resolve. */
function validatorFor(doc: OpenApi, schema: Schema): ValidateFunction {
  let entry = validators.get(doc);
  if (!entry) {
    // strict: false, because OpenAPI adds keywords JSON Schema does not have (example…).
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
    ajv.addSchema({ $id: DOCUMENT_ID, components: toJsonSchema(doc.components ?? {}) });
    entry = { ajv, compiled: new Map() };
    validators.set(doc, entry);
  }
  let validate = entry.compiled.get(schema);
  if (!validate) {
    validate = entry.ajv.compile(toJsonSchema(schema) as Schema);
    entry.compiled.set(schema, validate);
  }
  return validate;
}

export function conformance(doc: OpenApi, schema: Schema, value: unknown): string[] {
  const validate = validatorFor(doc, schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`);
}
