// Read-model checks on running projects that integration tests share. Running the projects
// themselves (directory, publishing, autopilot) is scripts/drive-projects.ts, which
// scripts/record-histories.ts uses too.
import type { Db } from '../../db/database';

/** How many reminders the read model shows sent for the task (wait on it with `waitFor`). */
export async function reminderCount(db: Db, projectId: string, taskId: string): Promise<number> {
  const task = await db
    .selectFrom('tasks')
    .select('reminder_count')
    .where('project_id', '=', projectId)
    .where('task_id', '=', taskId)
    .executeTakeFirstOrThrow();
  return task.reminder_count;
}
