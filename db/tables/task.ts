import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Json } from '../json';

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** One visit of a task node (`<node>:<n>`), as the inbox shows it. */
export interface TaskTable {
  project_id: string;
  task_id: string;
  node: string;
  label: string | null;
  instructions: string | null;
  /** The process role whose members may complete it. */
  assignee: string;
  outcomes: Json<string[]>;
  /** The form fields (`{ var, required?, label? }`). */
  form: Json<unknown[]>;
  status: Generated<TaskStatus>;
  opened_at: ColumnType<Date, Date | string, Date | string>;
  due_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reminded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reminder_count: Generated<number>;
  escalated_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  outcome: string | null;
  values: Json<Record<string, unknown>> | null;
  comment: string | null;
  actor_user_id: string | null;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type Task = Selectable<TaskTable>;
export type NewTask = Insertable<TaskTable>;
export type TaskUpdate = Updateable<TaskTable>;
