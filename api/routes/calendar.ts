// The calendar feed: each user has a secret URL (users.calendar_token) serving an ICS file
// with the due dates of the open tasks they may act on, for any calendar app to subscribe
// to without logging in. GET /api/me/calendar tells the signed-in user their URL; POST
// /api/me/calendar/reset draws a new secret (the old URL stops working at once).
import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Context } from 'hono';
import type { Db } from '../../db/database';
import type { AppEnv } from '../app-env';
import { currentUser, requireUser } from '../auth/middleware';
import { problem } from '../errors';
import { buildCalendar, type CalendarEvent } from '../ics';
import { AUTHENTICATED, jsonContent, problems } from '../openapi-responses';
import { createRouter } from '../router';
import { actionableTasks } from './tasks-queries';

const tags = ['calendrier'];

const FeedParam = z.object({
  file: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}\.ics$/)
    .openapi({ param: { name: 'file', in: 'path' }, description: '`<secret>.ics`', example: '3f0c6a0e2b1e4c8e9d535b7a1f0e2c11.ics' }),
});

const CalendarLinkSchema = z.object({ url: z.string() }).openapi('CalendarLink');

const feed = createRoute({
  method: 'get', path: '/calendar/{file}', tags,
  summary: 'Flux ICS des échéances de mes tâches (adresse secrète, sans connexion)',
  request: { params: FeedParam },
  responses: {
    200: { description: 'Le calendrier', content: { 'text/calendar': { schema: z.string() } } },
    ...problems(401, 404, 422),
  },
});

const link = createRoute({
  method: 'get', path: '/me/calendar', tags, security: AUTHENTICATED, middleware: [requireUser],
  summary: 'L’adresse de mon flux de calendrier',
  responses: { 200: jsonContent(CalendarLinkSchema, 'L’adresse du flux'), ...problems(401) },
});

const reset = createRoute({
  method: 'post', path: '/me/calendar/reset', tags, security: AUTHENTICATED, middleware: [requireUser],
  summary: 'Changer l’adresse secrète de mon flux (l’ancienne cesse de fonctionner)',
  responses: { 200: jsonContent(CalendarLinkSchema, 'La nouvelle adresse'), ...problems(401, 403) },
});

function baseUrl(c: Context<AppEnv>): string {
  return (c.var.deps.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
}

const feedUrl = (c: Context<AppEnv>, token: string) => `${baseUrl(c)}/api/calendar/${token}.ics`;

export async function calendarEvents(db: Db, userId: string, base: string): Promise<CalendarEvent[]> {
  const memberships = await db.selectFrom('memberships').select('organization_id').where('user_id', '=', userId).execute();
  const rows = await actionableTasks(db, memberships.map((m) => m.organization_id))
    .where('t.due_at', 'is not', null)
    .orderBy('t.due_at')
    .orderBy('t.project_id')
    .orderBy('t.task_id')
    .limit(1000)
    .execute();
  return rows.map((t) => ({
    uid: `${t.project_id}.${t.task_id}@passerelle`,
    start: t.due_at!,
    summary: `Échéance : ${t.label ?? t.node} — ${t.project_title}`,
    description: `Tâche « ${t.label ?? t.node} » du projet « ${t.project_title} » (rôle ${t.assignee}).`,
    url: `${base}/projects/${t.project_id}/tasks/${encodeURIComponent(t.task_id)}`,
  }));
}

export function calendarRoutes() {
  const app = createRouter();

  app.openapi(feed, async (c) => {
    const { db, now } = c.var.deps;
    const token = c.req.valid('param').file.slice(0, -'.ics'.length);
    const user = await db.selectFrom('users').select(['id', 'name']).where('calendar_token', '=', token).executeTakeFirst();
    if (!user) throw problem('not-found', 'Calendrier introuvable.');
    const ics = buildCalendar(`Passerelle — échéances de ${user.name}`, await calendarEvents(db, user.id, baseUrl(c)), now());
    return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' });
  });

  app.openapi(link, async (c) => {
    const user = currentUser(c);
    const row = await c.var.deps.db.selectFrom('users').select('calendar_token').where('id', '=', user.id).executeTakeFirstOrThrow();
    return c.json({ url: feedUrl(c, row.calendar_token) }, 200);
  });

  app.openapi(reset, async (c) => {
    const user = currentUser(c);
    const row = await c.var.deps.db
      .updateTable('users')
      .set({ calendar_token: sql<string>`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')` })
      .where('id', '=', user.id)
      .returning('calendar_token')
      .executeTakeFirstOrThrow();
    return c.json({ url: feedUrl(c, row.calendar_token) }, 200);
  });

  return app;
}
