// The shape of a process definition, format passerelle.process/1 (spec sections 1–4).
// Only shape lives here: cross-references, graph rules, durations and value types are the
// validator's job (validate.ts), so that each problem gets its own code. Objects are
// strict: a field not allowed is a `schema` error.
import { z } from 'zod';

export const FORMAT = 'passerelle.process/1';

export const KEY_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;
export const ROLE_KEY_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const OUTCOME_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;

const nonEmpty = z.string().min(1);
const roleKey = z.string().regex(ROLE_KEY_PATTERN);
const variableName = z.string().regex(VARIABLE_NAME_PATTERN);
const id = z.string().regex(ID_PATTERN);
/** Checked by the validator (`bad_duration`), so any string passes the shape. */
const duration = z.string();

/**
 * An object keyed by variable names (`assign`, `input`, `output`). Not `z.record`: it skips a
 * `__proto__` key unchecked (writing it into a plain object would set the prototype), yet
 * `__proto__` is a valid variable name, so the validator would never see that entry. Every
 * own key is checked here, and Object.fromEntries keeps `__proto__` as an own property.
 */
/** The value schema of each variable map, for the JSON Schema generator (scripts/). */
export const variableMapValues = new WeakMap<z.ZodType, z.ZodType>();

function variableMap<T extends z.ZodType>(value: T) {
  const map = z.unknown().transform((input, ctx): Record<string, z.output<T>> => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      ctx.issues.push({ code: 'invalid_type', expected: 'record', input });
      return z.NEVER;
    }
    const entries: [string, z.output<T>][] = [];
    for (const [key, item] of Object.entries(input)) {
      if (!VARIABLE_NAME_PATTERN.test(key)) {
        ctx.issues.push({ code: 'invalid_key', origin: 'record', issues: [], input: key, path: [key] });
        continue;
      }
      const parsed = value.safeParse(item);
      if (parsed.success) entries.push([key, parsed.data]);
      // Reported issues carry no input; the message is made from the document at `path`.
      else for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: undefined, path: [key, ...issue.path] });
    }
    return Object.fromEntries(entries);
  });
  variableMapValues.set(map, value);
  return map;
}

/** A JSON literal; whether it fits a variable's type is checked by the validator. */
export const Literal = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Literal = z.infer<typeof Literal>;

export const VARIABLE_TYPES = ['string', 'text', 'integer', 'number', 'boolean', 'date', 'email', 'url', 'enum'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export const Role = z.strictObject({ key: roleKey, label: nonEmpty });
export const Phase = z.strictObject({ key: roleKey, label: nonEmpty });

export const Variable = z.strictObject({
  name: variableName,
  type: z.enum(VARIABLE_TYPES),
  label: z.string().optional(),
  required: z.boolean().optional(),
  default: Literal.optional(),
  options: z.array(z.string()).min(1).optional(),
});
export type Variable = z.infer<typeof Variable>;

export const COMPARISON_OPS = ['==', '!=', '<', '<=', '>', '>=', 'in', 'notIn', 'exists', 'contains'] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export type Comparison = { var: string; op: ComparisonOp; value?: Literal | Literal[] };
export type Condition = Comparison | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const Comparison = z.strictObject({
  var: variableName,
  op: z.enum(COMPARISON_OPS),
  value: z.union([Literal, z.array(Literal)]).optional(),
});

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    Comparison,
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

const Position = z.strictObject({ x: z.number(), y: z.number() });
const nodeBase = {
  id,
  label: z.string().optional(),
  phase: roleKey.optional(),
  position: Position.optional(),
};

export const FormField = z.strictObject({
  var: variableName,
  required: z.boolean().optional(),
  label: z.string().optional(),
});
export type FormField = z.infer<typeof FormField>;

export const Escalation = z.strictObject({ after: duration, to: z.array(roleKey).min(1) });

export const StartNode = z.strictObject({ ...nodeBase, type: z.literal('start') });
export const EndNode = z.strictObject({
  ...nodeBase,
  type: z.literal('end'),
  result: z.enum(['completed', 'abandoned']).optional(),
  terminate: z.boolean().optional(),
});
export const TaskNode = z.strictObject({
  ...nodeBase,
  type: z.literal('task'),
  assignee: roleKey,
  instructions: z.string().optional(),
  form: z.array(FormField).optional(),
  outcomes: z.array(z.string().regex(OUTCOME_PATTERN)).min(1).optional(),
  due: duration.optional(),
  reminders: z.array(duration).optional(),
  escalation: Escalation.optional(),
});
export const TimerNode = z.strictObject({
  ...nodeBase,
  type: z.literal('timer'),
  wait: duration.optional(),
  until: variableName.optional(),
});
export const ExclusiveNode = z.strictObject({ ...nodeBase, type: z.literal('exclusive') });
export const ParallelNode = z.strictObject({ ...nodeBase, type: z.literal('parallel') });
export const NotifyNode = z.strictObject({
  ...nodeBase,
  type: z.literal('notify'),
  to: z.array(roleKey).min(1),
  subject: nonEmpty,
  body: nonEmpty,
});
export const SetNode = z.strictObject({
  ...nodeBase,
  type: z.literal('set'),
  assign: variableMap(z.union([Literal, z.strictObject({ var: variableName })])),
});
export const SubprocessNode = z.strictObject({
  ...nodeBase,
  type: z.literal('subprocess'),
  process: z.string().regex(KEY_PATTERN),
  input: variableMap(variableName).optional(),
  output: variableMap(variableName).optional(),
});

export const NODE_TYPES = ['start', 'end', 'task', 'timer', 'exclusive', 'parallel', 'notify', 'set', 'subprocess'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export const Node = z.discriminatedUnion('type', [
  StartNode,
  EndNode,
  TaskNode,
  TimerNode,
  ExclusiveNode,
  ParallelNode,
  NotifyNode,
  SetNode,
  SubprocessNode,
]);
export type Node = z.infer<typeof Node>;
export type NodeOf<T extends NodeType> = Extract<Node, { type: T }>;
export type TaskNode = NodeOf<'task'>;

export const Edge = z.strictObject({
  id,
  from: id,
  to: id,
  outcome: z.string().regex(OUTCOME_PATTERN).optional(),
  when: Condition.optional(),
  default: z.boolean().optional(),
  label: z.string().optional(),
});
export type Edge = z.infer<typeof Edge>;

export const Definition = z.strictObject({
  // Where an editor finds the JSON Schema (docs/process.schema.json) for completion. The one
  // key outside the language that a document may carry, at the top level only: the spec's
  // objects are strict, and a typo such as `nodse` must still be a `schema` error. Nothing
  // reads it; the designer keeps it on a round trip, the server stores it as written.
  $schema: z.string().optional(),
  format: z.literal(FORMAT),
  key: z.string().regex(KEY_PATTERN),
  name: nonEmpty.max(200),
  description: z.string().optional(),
  roles: z.array(Role).min(1),
  phases: z.array(Phase).optional(),
  variables: z.array(Variable).optional(),
  nodes: z.array(Node),
  edges: z.array(Edge),
});
/** A definition that has the right shape; only a validated one may be run. */
export type Definition = z.infer<typeof Definition>;

/** The value a variable holds at run time (dates, e-mails, URLs and enums are strings). */
export type Value = string | number | boolean;
export type Variables = Record<string, Value>;
