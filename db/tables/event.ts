import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { Json } from '../json';

/**
 * One line of a project's timeline. `seq` is the engine step that produced it and `idx`
 * its place within the step, so a retried write lands on the same key. Types:
 * started, task_opened, task_completed, task_cancelled, reminder, escalation, timer_fired,
 * notified, phase_entered, child_started, child_finished, child_cancelled, cancelled,
 * ended (a token reached an end), finished (the project is over).
 */
export interface EventTable {
  project_id: string;
  seq: number;
  idx: number;
  at: ColumnType<Date, Date | string, Date | string>;
  type: string;
  node: string | null;
  task_id: string | null;
  data: Json<Record<string, unknown>>;
}

export type ProjectEvent = Selectable<EventTable>;
export type NewProjectEvent = Insertable<EventTable>;
