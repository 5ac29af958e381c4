// The audit trail's writer and reader. Every decision the API takes writes one row with
// `recordAudit`, inside the transaction of the change itself where there is one (a task
// completion is decided by the workflow, so its row is written once the update succeeded).
// Rows are never updated: the table refuses it. Names are read through `users` at query
// time, so an anonymised account shows its pseudonym while the row keeps its id.
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { toJson } from '../db/json';
import type { CurrentUser } from './app-env';
import { decodeCursor, DEFAULT_LIMIT, KEY_SEQUENCE, pageOf } from '../db/pagination';
import { iso } from './schemas/ids';

export const AUDIT_TYPES = [
  'task.completed',
  'project.started',
  'project.bindings_set',
  'project.cancelled',
  'definition.published',
  'user.created',
  'user.updated',
  'user.anonymised',
  'organization.created',
  'organization.updated',
  'token.created',
  'token.revoked',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export interface AuditEntry {
  type: AuditType;
  projectId?: string | null;
  subject?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** On behalf of which organization; default: the one the actor acts for (see below). */
  organizationId?: string | null;
}

/**
 * The organization a user acts for outside a project role: their only one, else the
 * federation's among theirs, else the first by name; null without any.
 */
export async function actingOrganization(db: Db, user: CurrentUser): Promise<string | null> {
  if (user.organizationIds.length <= 1) return user.organizationIds[0] ?? null;
  const row = await db
    .selectFrom('organizations')
    .select('id')
    .where('id', 'in', user.organizationIds)
    .orderBy(sql`kind = 'federation'`, 'desc')
    .orderBy('name')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The caller's organization bound to `role` in the project: whom a task completion speaks for. */
export async function organizationForRole(db: Db, user: CurrentUser, projectId: string, role: string): Promise<string | null> {
  if (user.organizationIds.length === 0) return null;
  const row = await db
    .selectFrom('project_participants')
    .select('organization_id')
    .where('project_id', '=', projectId)
    .where('role', '=', role)
    .where('organization_id', 'in', user.organizationIds)
    .orderBy('organization_id')
    .executeTakeFirst();
  return row?.organization_id ?? null;
}

export async function recordAudit(db: Db, actor: CurrentUser | null, entry: AuditEntry): Promise<void> {
  const organizationId =
    entry.organizationId !== undefined ? entry.organizationId : actor ? await actingOrganization(db, actor) : null;
  await db
    .insertInto('audit_events')
    .values({
      actor_user_id: actor?.id ?? null,
      organization_id: organizationId,
      type: entry.type,
      project_id: entry.projectId ?? null,
      subject: entry.subject ?? null,
      before: entry.before == null ? null : toJson(entry.before),
      after: entry.after == null ? null : toJson(entry.after),
    })
    .execute();
}

export interface AuditFilters {
  project_id?: string;
  user_id?: string;
  organization_id?: string;
  type?: string;
  limit?: number;
  cursor?: string;
}

/** Newest first, keyset-paginated on the insertion sequence. */
export async function listAudit(db: Db, filters: AuditFilters) {
  const limit = filters.limit ?? DEFAULT_LIMIT;
  let query = db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('organizations as o', 'o.id', 'a.organization_id')
    .leftJoin('projects as p', 'p.id', 'a.project_id')
    .select([
      'a.id', 'a.at', 'a.type', 'a.project_id', 'a.subject', 'a.before', 'a.after', 'a.actor_user_id', 'a.organization_id',
      'u.name as actor_name', 'o.name as organization_name', 'p.title as project_title',
      'a.seq',
    ]);
  if (filters.project_id) query = query.where('a.project_id', '=', filters.project_id);
  if (filters.user_id) query = query.where('a.actor_user_id', '=', filters.user_id);
  if (filters.organization_id) query = query.where('a.organization_id', '=', filters.organization_id);
  if (filters.type) query = query.where('a.type', '=', filters.type);
  if (filters.cursor) {
    const [seq] = decodeCursor(filters.cursor, [KEY_SEQUENCE]);
    query = query.where('a.seq', '<', seq);
  }
  const rows = await query.orderBy('a.seq', 'desc').limit(limit + 1).execute();
  const page = pageOf(rows, limit, (r) => [String(r.seq)]);
  return {
    items: page.items.map((r) => ({
      id: r.id,
      at: iso(r.at),
      type: r.type,
      actor: r.actor_user_id === null ? null : { id: r.actor_user_id, name: r.actor_name ?? '' },
      organization: r.organization_id === null ? null : { id: r.organization_id, name: r.organization_name ?? '' },
      project: r.project_id === null ? null : { id: r.project_id, title: r.project_title ?? null },
      subject: r.subject,
      before: r.before,
      after: r.after,
    })),
    next_cursor: page.nextCursor,
  };
}

export type AuditItem = Awaited<ReturnType<typeof listAudit>>['items'][number];

const CSV_HEADER = ['date', 'type', 'acteur', 'acteur_id', 'organisation', 'projet', 'projet_id', 'objet', 'avant', 'après'];

// Spreadsheet-safe cells: quoted when needed, formulas defused (a cell starting with = + - @).
function csvCell(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 with a byte-order mark, semicolons and CRLF: what French spreadsheets open as is. */
export function auditCsv(items: AuditItem[]): string {
  const rows = items.map((e) => [
    e.at, e.type, e.actor?.name, e.actor?.id, e.organization?.name, e.project?.title, e.project?.id, e.subject,
    e.before === null ? '' : JSON.stringify(e.before), e.after === null ? '' : JSON.stringify(e.after),
  ]);
  return '\uFEFF' + [CSV_HEADER, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n';
}

/** Every row matching the filters, page after page (for the CSV export). */
export async function allAudit(db: Db, filters: Omit<AuditFilters, 'limit' | 'cursor'>): Promise<AuditItem[]> {
  const all: AuditItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAudit(db, { ...filters, limit: 100, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return all;
}
