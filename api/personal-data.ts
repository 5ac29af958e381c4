// Personal data: what Passerelle holds about one person (for them to download), and the
// anonymisation of a departed user. Anonymising replaces the name and e-mail with a stable
// pseudonym derived from the id, disables the account (no password, no membership, no
// session, no live token, a new calendar secret), and keeps the id everywhere it is
// referenced, so projects, task history and the audit trail stay whole and show the
// pseudonym (they read names through `users`).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { iso, isoOrNull } from './schemas/ids';

/** The same pseudonym every time for the same id, and never a real person's address. */
export function pseudonymOf(userId: string): { name: string; email: string } {
  const tag = createHash('sha256').update(userId).digest('hex').slice(0, 10);
  return { name: `Personne anonymisée ${tag}`, email: `anonyme-${tag}@anonyme.invalid` };
}

/** Everything about one user, as JSON: account, memberships, tasks done, comments, audit rows, tokens, sessions. */
export async function exportPersonalData(db: Db, userId: string, now: Date) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'is_admin', 'created_at', 'anonymised_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const [memberships, tasks, audit, tokens, sessions] = await Promise.all([
    db
      .selectFrom('memberships as m')
      .innerJoin('organizations as o', 'o.id', 'm.organization_id')
      .select(['o.id', 'o.name', 'o.kind', 'm.created_at'])
      .where('m.user_id', '=', userId)
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('tasks as t')
      .innerJoin('projects as p', 'p.id', 't.project_id')
      .select(['t.project_id', 'p.title as project_title', 't.task_id', 't.label', 't.outcome', 't.values', 't.comment', 't.closed_at'])
      .where('t.actor_user_id', '=', userId)
      .orderBy('t.closed_at')
      .execute(),
    db
      .selectFrom('audit_events')
      .select(['id', 'at', 'type', 'organization_id', 'project_id', 'subject', 'before', 'after'])
      .where('actor_user_id', '=', userId)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute(),
    db.selectFrom('sessions').select(['created_at', 'expires_at']).where('user_id', '=', userId).orderBy('created_at').execute(),
  ]);
  return {
    exported_at: iso(now),
    account: {
      id: user.id,
      email: user.email,
      name: user.name,
      is_admin: user.is_admin,
      created_at: iso(user.created_at),
      anonymised_at: isoOrNull(user.anonymised_at),
    },
    memberships: memberships.map((m) => ({ organization_id: m.id, name: m.name, kind: m.kind, since: iso(m.created_at) })),
    tasks_done: tasks.map((t) => ({
      project_id: t.project_id,
      project_title: t.project_title,
      task_id: t.task_id,
      label: t.label,
      outcome: t.outcome,
      values: t.values,
      closed_at: isoOrNull(t.closed_at),
    })),
    comments: tasks
      .filter((t) => t.comment !== null)
      .map((t) => ({ project_id: t.project_id, task_id: t.task_id, comment: t.comment!, at: isoOrNull(t.closed_at) })),
    audit: audit.map((a) => ({ ...a, at: iso(a.at) })),
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      created_at: iso(t.created_at),
      last_used_at: isoOrNull(t.last_used_at),
      revoked_at: isoOrNull(t.revoked_at),
    })),
    sessions: sessions.map((s) => ({ created_at: iso(s.created_at), expires_at: iso(s.expires_at) })),
  };
}

/** Anonymises the account in one transaction; returns what changed for the audit row. */
export async function anonymiseUser(db: Db, userId: string, now: Date) {
  const pseudonym = pseudonymOf(userId);
  const memberships = await db.selectFrom('memberships').select('organization_id').where('user_id', '=', userId).execute();
  const revoked = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const sessions = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  await db.deleteFrom('memberships').where('user_id', '=', userId).execute();
  await db
    .updateTable('users')
    .set({
      name: pseudonym.name,
      email: pseudonym.email,
      password_hash: null,
      is_admin: false,
      anonymised_at: now,
      calendar_token: sql<string>`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`,
    })
    .where('id', '=', userId)
    .execute();
  return {
    organization_ids: memberships.map((m) => m.organization_id).sort(),
    tokens_revoked: Number(revoked.numUpdatedRows),
    sessions_ended: Number(sessions.numDeletedRows),
  };
}
