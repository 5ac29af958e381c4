// Writes docs/process.schema.json: the JSON Schema of a process document, generated from the
// zod schema the validator uses (dsl/schema.ts), so editors give completion and flag typos
// with the same field list. It describes shape only, like the zod schema: references,
// graph rules, durations and value types are the validator's (`npm run -s passerelle --
// validate`). `--check` exits 1 when the file is stale; a test does the same.
import { join } from 'node:path';
import { z } from 'zod';
import { Definition, VARIABLE_NAME_PATTERN, variableMapValues } from '../dsl/schema';
import { writeOrCheck } from './generated-file';

export const PROCESS_SCHEMA_FILE = join(import.meta.dirname, '..', 'docs', 'process.schema.json');

export function generateProcessSchema(): string {
  const schema = z.toJSONSchema(Definition, {
    target: 'draft-2020-12',
    // A document as written (a transform's input), not as parsed.
    io: 'input',
    override(ctx) {
      // `assign`, `input`, `output` are checked key by key in a transform (dsl/schema.ts says
      // why), which zod cannot describe: say here what it checks.
      const value = variableMapValues.get(ctx.zodSchema as unknown as z.ZodType);
      if (!value) return;
      const { $schema: _drop, ...values } = z.toJSONSchema(value, { target: 'draft-2020-12', io: 'input' });
      Object.assign(ctx.jsonSchema, {
        type: 'object',
        propertyNames: { pattern: VARIABLE_NAME_PATTERN.source },
        additionalProperties: values,
      });
    },
  });
  const document = {
    $schema: schema.$schema,
    $id: 'https://passerelle.dev/schemas/process.schema.json',
    title: 'Passerelle process definition (passerelle.process/1)',
    description:
      'Shape of a process document, generated from dsl/schema.ts by `npm run docs:schema`; see docs/process-language.md. The validator checks more (references, graph, durations, value types).',
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeOrCheck(PROCESS_SCHEMA_FILE, generateProcessSchema(), 'npm run docs:schema');
}
