// The audit trail's writer for the API, and its reader. Every decision the API takes writes
// one row with `recordAudit`, inside the transaction of the change itself where there is
// one; a task completion is decided by the workflow, and its row is written with the step
// (activities/record-step.ts, through db/queries/audit.ts like this file). Rows are never
// updated: the table refuses it. Names are read through `users` at query time, so an
// anonymised account shows its pseudonym while the row keeps its id.
import type { Db } from '../db/database';
import { actingOrganization, insertAuditEvent, type AuditType } from '../db/queries/audit';
import type { CurrentUser } from './app-env';
import { decodeCursor, DEFAULT_LIMIT, KEY_SEQUENCE, pageOf } from '../db/pagination';
import { iso } from './schemas/ids';

export interface AuditEntry {
  type: AuditType;
  projectId?: string | null;
  subject?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** On behalf of which organization; default: the one the actor acts for (`actingOrganization`). */
  organizationId?: string | null;
}

export async function recordAudit(db: Db, actor: CurrentUser | null, entry: AuditEntry): Promise<void> {
  const organizationId =
    entry.organizationId !== undefined ? entry.organizationId : actor ? await actingOrganization(db, actor.organizationIds) : null;
  await insertAuditEvent(db, { ...entry, actorUserId: actor?.id ?? null, organizationId });
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
