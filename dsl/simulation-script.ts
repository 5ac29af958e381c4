// The simulator's script (spec section 8): start input, and per task node the list of
// entries its successive visits use. Keys of `tasks` are node ids, or `<child key>/<node
// id>` for a child process's task. Durations are checked here so a bad `after` is a script
// error before anything runs. Pure; imports only dsl/ and zod.
import { z } from 'zod';
import { parseDuration } from './durations';

export const ScriptEntry = z.strictObject({
  outcome: z.string().optional(),
  after: z
    .string()
    .refine((s) => parseDuration(s) !== null, { message: 'durée ISO 8601 attendue, par exemple P5D' })
    .optional(),
  values: z.record(z.string(), z.unknown()).optional(),
});
export type ScriptEntry = z.infer<typeof ScriptEntry>;

export const SimulationScript = z.strictObject({
  input: z.record(z.string(), z.unknown()).optional(),
  // An empty list says nothing, like no list: the task takes the default behaviour.
  tasks: z.record(z.string(), z.array(ScriptEntry)).optional(),
});
export type SimulationScript = z.infer<typeof SimulationScript>;
