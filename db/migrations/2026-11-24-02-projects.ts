// Projects (one per running process instance) and their read model: participants, tasks,
// the timeline (events) and notifications. Written by the workflow's activities,
// idempotently keyed by (project id, step sequence number); read by lists, inboxes and
// dashboards, which never scan Temporal.
//
// Overdue is not stored: it is `next_due_at < now()` in queries (a stored flag would need
// a timer just to flip it). The académie is copied onto the project at creation (from the
// organizations bound to it) so the dashboard filters without a join.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('definition_key', 'text', (c) => c.notNull())
    .addColumn('definition_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('running').check(sql`status in ('running', 'completed', 'abandoned')`),
    )
    .addColumn('result', 'text', (c) => c.check(sql`result in ('completed', 'abandoned')`))
    .addColumn('phase', 'text')
    .addColumn('variables', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('next_due_at', 'timestamptz')
    .addColumn('academie', 'text')
    .addColumn('parent_project_id', 'uuid', (c) => c.references('projects.id').onDelete('set null'))
    .addColumn('created_by', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  for (const column of ['status', 'phase', 'next_due_at', 'definition_key', 'academie', 'parent_project_id']) {
    await db.schema.createIndex(`projects_${column}_idx`).on('projects').column(column).execute();
  }

  await db.schema
    .createTable('project_participants')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'uuid', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('project_participants_pk', ['project_id', 'role', 'organization_id'])
    .execute();
  await db.schema
    .createIndex('project_participants_organization_idx')
    .on('project_participants')
    .columns(['organization_id', 'role'])
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('instructions', 'text')
    .addColumn('assignee', 'text', (c) => c.notNull())
    .addColumn('outcomes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('form', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('open').check(sql`status in ('open', 'completed', 'cancelled')`),
    )
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('reminder_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('outcome', 'text')
    .addColumn('values', 'jsonb')
    .addColumn('comment', 'text')
    .addColumn('actor_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('closed_at', 'timestamptz')
    .addPrimaryKeyConstraint('tasks_pk', ['project_id', 'task_id'])
    .execute();
  await db.schema.createIndex('tasks_status_due_idx').on('tasks').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('tasks_assignee_idx').on('tasks').columns(['assignee', 'status']).execute();

  await db.schema
    .createTable('events')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('node', 'text')
    .addColumn('task_id', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addPrimaryKeyConstraint('events_pk', ['project_id', 'seq', 'idx'])
    .execute();
  await db.schema.createIndex('events_at_idx').on('events').column('at').execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('message', 'reminder', 'escalation')`))
    .addColumn('roles', 'jsonb', (c) => c.notNull())
    .addColumn('recipients', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('emailed_at', 'timestamptz')
    .addUniqueConstraint('notifications_step_unique', ['project_id', 'seq', 'idx'])
    .execute();
  await db.schema.createIndex('notifications_project_idx').on('notifications').columns(['project_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notifications', 'events', 'tasks', 'project_participants', 'projects']) {
    await db.schema.dropTable(table).execute();
  }
}
