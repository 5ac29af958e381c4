import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Json } from '../json';

/**
 * One decision, append-only (a trigger refuses UPDATE and DELETE). `actor_user_id` is who
 * decided (null for the system), `organization_id` on behalf of which organization,
 * `subject` what it was about (a task id, a user id, `key@version`…), `before`/`after` the
 * values it changed. Types: task.completed, project.started, project.bindings_set,
 * project.cancelled, definition.published, user.created, user.updated, user.anonymised,
 * organization.created, organization.updated, token.created, token.revoked.
 */
export interface AuditEventTable {
  id: Generated<string>;
  /** Insertion order, the trail's order (ties on `at` are possible). */
  seq: ColumnType<string, never, never>;
  at: ColumnType<Date, never, never>;
  actor_user_id: string | null;
  organization_id: string | null;
  type: string;
  project_id: string | null;
  subject: string | null;
  before: Json<Record<string, unknown>> | null;
  after: Json<Record<string, unknown>> | null;
}

export type AuditEvent = Selectable<AuditEventTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;
