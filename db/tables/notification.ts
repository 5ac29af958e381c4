import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Json } from '../json';

export type NotificationKind = 'message' | 'reminder' | 'escalation';

/**
 * A message to the members of some process roles of a project, kept for the app and sent
 * by e-mail. `recipients` are the e-mail addresses resolved when it was written; `emailed_at`
 * is set once sent (the notification id is the mail's idempotency key).
 */
export interface NotificationTable {
  id: Generated<string>;
  project_id: string;
  seq: number;
  idx: number;
  kind: NotificationKind;
  roles: Json<string[]>;
  recipients: Json<string[]>;
  subject: string;
  body: string;
  task_id: string | null;
  created_at: ColumnType<Date, Date | string, Date | string>;
  emailed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type Notification = Selectable<NotificationTable>;
export type NewNotification = Insertable<NotificationTable>;
