// Checks that a value fits a schema of an OpenAPI 3.0 document: the subset our generated
// document uses ($ref, allOf, type, nullable, enum, properties, required,
// additionalProperties, items, min/maxLength, maxItems, pattern, format). Returns the list
// of mismatches, empty when the value conforms. Used to prove that every answer of the API
// is the one its document describes.
export type Schema = Record<string, any>;
export type OpenApi = { paths: Record<string, Record<string, any>>; components?: { schemas?: Record<string, Schema> } };

export function resolve(doc: OpenApi, schema: Schema): Schema {
  let current = schema;
  while (typeof current.$ref === 'string') {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = { ...doc.components?.schemas?.[name], ...omit(current, '$ref') };
  }
  return current;
}

function omit(schema: Schema, key: string): Schema {
  const { [key]: _dropped, ...rest } = schema;
  return rest;
}

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  email: /^[^@\s]+@[^@\s]+$/,
};

export function conformance(doc: OpenApi, raw: Schema, value: unknown, at = ''): string[] {
  const schema = resolve(doc, raw);
  if (value === null) return schema.nullable || schema.type === undefined ? [] : [`${at || '/'}: null not allowed`];
  const problems: string[] = [];
  for (const part of schema.allOf ?? []) problems.push(...conformance(doc, part, value, at));
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${JSON.stringify(value)} not in enum`);
  switch (schema.type) {
    case undefined:
      break;
    case 'string':
      if (typeof value !== 'string') return [`${at}: expected string`];
      if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${at}: shorter than ${schema.minLength}`);
      if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${at}: longer than ${schema.maxLength}`);
      if (schema.pattern && !new RegExp(schema.pattern).test(value)) problems.push(`${at}: does not match ${schema.pattern}`);
      if (schema.format && FORMATS[schema.format] && !FORMATS[schema.format].test(value)) problems.push(`${at}: not a ${schema.format}`);
      break;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (schema.type === 'integer' && !Number.isInteger(value))) return [`${at}: expected ${schema.type}`];
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return [`${at}: expected boolean`];
      break;
    case 'array':
      if (!Array.isArray(value)) return [`${at}: expected array`];
      if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${at}: more than ${schema.maxItems} items`);
      value.forEach((item, i) => problems.push(...conformance(doc, schema.items ?? {}, item, `${at}/${i}`)));
      break;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${at}: expected object`];
      const record = value as Record<string, unknown>;
      for (const key of schema.required ?? []) if (!(key in record)) problems.push(`${at}/${key}: required`);
      for (const [key, child] of Object.entries(record)) {
        const property = schema.properties?.[key];
        if (property) problems.push(...conformance(doc, property, child, `${at}/${key}`));
        else if (schema.additionalProperties === false) problems.push(`${at}/${key}: not allowed`);
        else if (typeof schema.additionalProperties === 'object') problems.push(...conformance(doc, schema.additionalProperties, child, `${at}/${key}`));
      }
      break;
    }
    default:
      problems.push(`${at}: unsupported schema type ${schema.type}`);
  }
  return problems;
}
