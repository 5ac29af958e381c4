// Projects and their timeline as the API shows and accepts them. Field names follow the
// rest of the API (snake_case); paginated lists answer `{ items, next_cursor }`.
import { z } from '@hono/zod-openapi';
import { ROLE_KEY_PATTERN } from '../../dsl/schema';
import { NextCursor, PageQuery } from '../cursor';
import { DefinitionKey } from './definition';
import { Timestamp, Uuid } from './ids';
import { ProjectStatus } from './project-status';
import { singleLine } from './text';
import { TaskSummarySchema } from './task';

export { PROJECT_STATUSES, ProjectStatus } from './project-status';

const RoleKey = z.string().regex(ROLE_KEY_PATTERN);

export const ProjectCreateSchema = z
  .strictObject({
    definition_key: DefinitionKey,
    /** Default: the latest published version. */
    definition_version: z.number().int().min(1).max(2_147_483_647).optional(),
    title: singleLine(200),
    /** Process role key → organizations that hold it. */
    bindings: z
      .record(RoleKey, z.array(Uuid).min(1).max(20))
      .refine((b) => Object.keys(b).length <= 50, { message: 'Trop de rôles.' }),
    /** Start input variables; the engine checks them against the definition. */
    input: z
      .record(z.string().max(64), z.union([z.string().max(10_000), z.number(), z.boolean()]))
      .refine((i) => Object.keys(i).length <= 200, { message: 'Trop de variables.' })
      .optional(),
  })
  .openapi('ProjectCreate');
export type ProjectCreate = z.infer<typeof ProjectCreateSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ProjectListQuery = z.object({
  status: ProjectStatus.optional(),
  phase: RoleKey.optional(),
  academie: z.string().min(1).max(100).optional(),
  overdue: booleanQuery.optional().openapi({ type: 'string', enum: ['true', 'false'] }),
  q: z.string().max(200).optional().openapi({ description: 'Texte cherché dans le titre (sans casse)' }),
  definition_key: DefinitionKey.optional(),
  ...PageQuery,
});

export const ProjectSummarySchema = z
  .object({
    id: Uuid,
    title: z.string(),
    definition_key: z.string(),
    definition_version: z.number().int(),
    status: ProjectStatus,
    result: z.enum(['completed', 'abandoned']).nullable(),
    /** Why the project is blocked (French); null unless `status` is `blocked`. */
    blocked_reason: z.string().nullable().openapi({ description: 'Pourquoi le projet est bloqué ; null sauf si status vaut blocked' }),
    phase: z.string().nullable(),
    /** The phase's label in the project's definition version, else its key (dsl/labels); null without a phase. */
    phase_label: z.string().nullable(),
    academie: z.string().nullable(),
    next_due_at: Timestamp.nullable(),
    overdue: z.boolean(),
    parent_project_id: Uuid.nullable(),
    started_at: Timestamp,
    finished_at: Timestamp.nullable(),
  })
  .openapi('ProjectSummary');

export const ProjectPageSchema = z
  .object({ items: z.array(ProjectSummarySchema), next_cursor: NextCursor })
  .openapi('ProjectPage');

export const TimelineEventSchema = z
  .object({
    seq: z.number().int(),
    idx: z.number().int(),
    at: Timestamp,
    type: z.string(),
    node: z.string().nullable(),
    task_id: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('TimelineEvent');

const Labelled = z.object({ key: z.string(), label: z.string() });

export const ProjectDetailSchema = ProjectSummarySchema.extend({
  variables: z.record(z.string(), z.unknown()),
  definition: z.object({
    key: z.string(),
    version: z.number().int(),
    name: z.string(),
    phases: z.array(Labelled),
    roles: z.array(Labelled),
  }),
  /** Role key → the organizations bound to it. */
  bindings: z.record(z.string(), z.array(z.object({ id: Uuid, name: z.string() }))),
  /** The process roles the caller holds in this project. */
  my_roles: z.array(z.string()),
  open_tasks: z.array(TaskSummarySchema),
  timeline: z.array(TimelineEventSchema),
}).openapi('ProjectDetail');
export type ProjectDetail = z.infer<typeof ProjectDetailSchema>;

export const ProjectCancelSchema = z
  .strictObject({ reason: z.string().trim().min(1).max(1000).optional() })
  .openapi('ProjectCancel');
