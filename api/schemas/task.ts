// Tasks as the API shows them (inbox rows, one task with its form) and the completion body.
import { z } from '@hono/zod-openapi';
import { ID_PATTERN, OUTCOME_PATTERN, VARIABLE_TYPES } from '../../dsl/schema';
import { NextCursor, PageQuery } from '../cursor';
import { Timestamp, Uuid } from './ids';
import { ProjectStatus } from './project-status';

// `<nodeId>:<n>`, as the engine numbers visits.
export const TASK_ID_PATTERN = new RegExp(`^${ID_PATTERN.source.slice(1, -1)}:[1-9][0-9]{0,8}$`);

export const TaskParams = z.object({
  id: Uuid.openapi({ param: { name: 'id', in: 'path' } }),
  taskId: z
    .string()
    .regex(TASK_ID_PATTERN)
    .openapi({ param: { name: 'taskId', in: 'path' }, example: 'revue:1' }),
});

export const TaskStatus = z.enum(['open', 'completed', 'cancelled']).openapi('TaskStatus');

export const TaskSummarySchema = z
  .object({
    project_id: Uuid,
    task_id: z.string(),
    node: z.string(),
    label: z.string().nullable(),
    assignee: z.string(),
    status: TaskStatus,
    outcomes: z.array(z.string()),
    opened_at: Timestamp,
    due_at: Timestamp.nullable(),
    overdue: z.boolean(),
    escalated: z.boolean(),
    /** Whether the caller holds the assignee role and the task is open. */
    can_complete: z.boolean(),
  })
  .openapi('TaskSummary');

export const InboxItemSchema = TaskSummarySchema.extend({
  project_title: z.string(),
  academie: z.string().nullable(),
  phase: z.string().nullable(),
  /** Labels from the project's definition, for people; a key it does not label reads as itself. */
  phase_label: z.string().nullable(),
  assignee_label: z.string(),
}).openapi('InboxItem');

export const InboxQuery = z.object({ ...PageQuery });

export const InboxPageSchema = z
  .object({ items: z.array(InboxItemSchema), next_cursor: NextCursor })
  .openapi('InboxPage');

export const FormFieldSchema = z
  .object({
    var: z.string(),
    label: z.string(),
    type: z.enum(VARIABLE_TYPES),
    required: z.boolean(),
    options: z.array(z.string()).optional(),
    /** The project's current value of the variable, to prefill the field. */
    value: z.unknown().optional(),
  })
  .openapi('FormField');

export const TaskDetailSchema = TaskSummarySchema.extend({
  project_title: z.string(),
  instructions: z.string().nullable(),
  form: z.array(FormFieldSchema),
  outcome: z.string().nullable(),
  values: z.record(z.string(), z.unknown()).nullable(),
  comment: z.string().nullable(),
  closed_at: Timestamp.nullable(),
  /** The assignee role's label in the project's definition. */
  assignee_label: z.string(),
  /** Who completed the task (the person's name), when it is done. */
  completed_by: z.string().nullable(),
}).openapi('TaskDetail');
export type TaskDetail = z.infer<typeof TaskDetailSchema>;

export const TaskCompleteSchema = z
  .strictObject({
    outcome: z.string().regex(OUTCOME_PATTERN),
    values: z
      .record(z.string().max(64), z.union([z.string().max(10_000), z.number(), z.boolean()]))
      .refine((v) => Object.keys(v).length <= 200, { message: 'Trop de valeurs.' })
      .optional(),
    comment: z.string().trim().max(5_000).optional(),
  })
  .openapi('TaskComplete');
export type TaskComplete = z.infer<typeof TaskCompleteSchema>;

export const TaskCompletedSchema = z
  .object({
    task: TaskDetailSchema,
    project: z.object({
      id: Uuid,
      status: ProjectStatus,
      phase: z.string().nullable(),
      open_tasks: z.array(z.string()),
    }),
  })
  .openapi('TaskCompleted');

export const IdempotencyKeyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/)
    .optional()
    .openapi({ description: 'Rejouer la même requête avec la même clé renvoie la première réponse' }),
});
