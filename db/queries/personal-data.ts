// Personal data: what Passerelle holds about one person (for them to download), and the
// anonymisation of a departed user. Anonymising replaces the name and e-mail with a stable
// pseudonym derived from the id, disables the account (no password, no membership, no
// session, no live token, a new calendar secret), and keeps the id everywhere it is
// referenced, so projects, task history and the audit trail stay whole and show the
// pseudonym (they read names through `users`).
import { createHash } from 'node:crypto';
import type { Db } from '../database';
import { revokeAllApiTokens } from './api-tokens';
import { newCalendarToken } from './calendar';
import { endSessionsOf } from './sessions';

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
    exported_at: now.toISOString(),
    account: {
      id: user.id,
      email: user.email,
      name: user.name,
      is_admin: user.is_admin,
      created_at: user.created_at.toISOString(),
      anonymised_at: user.anonymised_at?.toISOString() ?? null,
    },
    memberships: memberships.map((m) => ({ organization_id: m.id, name: m.name, kind: m.kind, since: m.created_at.toISOString() })),
    tasks_done: tasks.map((t) => ({
      project_id: t.project_id,
      project_title: t.project_title,
      task_id: t.task_id,
      label: t.label,
      outcome: t.outcome,
      values: t.values,
      closed_at: t.closed_at?.toISOString() ?? null,
    })),
    comments: tasks
      .filter((t) => t.comment !== null)
      .map((t) => ({ project_id: t.project_id, task_id: t.task_id, comment: t.comment!, at: t.closed_at?.toISOString() ?? null })),
    audit: audit.map((a) => ({ ...a, at: a.at.toISOString() })),
    tokens: tokens.map((t) => ({
      id: t.id,
      name: t.name,
      created_at: t.created_at.toISOString(),
      last_used_at: t.last_used_at?.toISOString() ?? null,
      revoked_at: t.revoked_at?.toISOString() ?? null,
    })),
    sessions: sessions.map((s) => ({ created_at: s.created_at.toISOString(), expires_at: s.expires_at.toISOString() })),
  };
}

/** The account to anonymise, locked until the transaction ends; undefined when there is none. */
export async function lockAccount(db: Db, userId: string) {
  return db.selectFrom('users').select(['id', 'is_admin', 'anonymised_at']).where('id', '=', userId).forUpdate().executeTakeFirst();
}

/**
 * Anonymises the account (run it in one transaction); returns the account as it now reads
 * and what changed, for the audit row.
 */
export async function anonymiseUser(db: Db, userId: string, now: Date) {
  const pseudonym = pseudonymOf(userId);
  const memberships = await db.selectFrom('memberships').select('organization_id').where('user_id', '=', userId).execute();
  const tokensRevoked = await revokeAllApiTokens(db, userId, now);
  const sessionsEnded = await endSessionsOf(db, userId);
  await db.deleteFrom('memberships').where('user_id', '=', userId).execute();
  const account = await db
    .updateTable('users')
    .set({
      name: pseudonym.name,
      email: pseudonym.email,
      password_hash: null,
      is_admin: false,
      anonymised_at: now,
      calendar_token: newCalendarToken(),
    })
    .where('id', '=', userId)
    .returning(['id', 'name', 'email'])
    .executeTakeFirstOrThrow();
  return {
    account,
    organization_ids: memberships.map((m) => m.organization_id).sort(),
    tokens_revoked: tokensRevoked,
    sessions_ended: sessionsEnded,
  };
}
