import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** `blocked`: the engine stopped a step that never waited; only a cancel moves it now. */
export type ProjectStatus = 'running' | 'blocked' | 'completed' | 'abandoned';

/**
 * One running or finished process instance. Written by the workflow's activities (except
 * the row the API inserts before starting the workflow). Overdue means
 * `next_due_at < now()`; it is computed in queries, never stored.
 */
export interface ProjectTable {
  id: string;
  /** `project-<id>`, or `<parent workflow id>--<child id>` for a subprocess. */
  workflow_id: string;
  title: string;
  definition_key: string;
  definition_version: number;
  status: Generated<ProjectStatus>;
  result: 'completed' | 'abandoned' | null;
  /** Why the project is blocked (French, for people); null unless `status` is `blocked`. */
  blocked_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** Key of the current phase (spec section 6), null before the first one. */
  phase: string | null;
  variables: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Earliest due instant of the open tasks. */
  next_due_at: Date | null;
  /** Copied at creation from the organizations bound to the project (dashboard filter). */
  academie: string | null;
  parent_project_id: string | null;
  created_by: string | null;
  started_at: ColumnType<Date, Date | string | undefined, Date | string>;
  finished_at: Date | null;
  /** Sequence number of the last engine step written: the idempotency guard. */
  last_seq: Generated<number>;
  updated_at: Generated<Date>;
}

export type Project = Selectable<ProjectTable>;
export type NewProject = Insertable<ProjectTable>;
export type ProjectUpdate = Updateable<ProjectTable>;
