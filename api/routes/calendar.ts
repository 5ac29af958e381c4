// The calendar feed: each user has a secret URL (users.calendar_token) serving an ICS file
// with the due dates of the open tasks they may act on, for any calendar app to subscribe
// to without logging in. GET /api/me/calendar tells the signed-in user their URL; POST
// /api/me/calendar/reset draws a new secret (the old URL stops working at once).
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { calendarOwner, calendarTokenOf, dueTasksOf, resetCalendarToken } from '../../db/queries/calendar';
import type { AppEnv } from '../app-env';
import { currentUser, requireUser } from '../auth/middleware';
import { problem } from '../errors';
import { buildCalendar, type CalendarEvent } from '../ics';
import { AUTHENTICATED, jsonContent, problems } from '../openapi-responses';
import { createRouter } from '../router';

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

type DueTask = Awaited<ReturnType<typeof dueTasksOf>>[number];

function toCalendarEvent(t: DueTask, base: string): CalendarEvent {
  return {
    uid: `${t.project_id}.${t.task_id}@passerelle`,
    start: t.due_at!,
    summary: `Échéance : ${t.label ?? t.node} — ${t.project_title}`,
    description: `Tâche « ${t.label ?? t.node} » du projet « ${t.project_title} » (rôle ${t.assignee}).`,
    url: `${base}/projects/${t.project_id}/tasks/${encodeURIComponent(t.task_id)}`,
  };
}

export function calendarRoutes() {
  const app = createRouter();

  app.openapi(feed, async (c) => {
    const { db, now } = c.var.deps;
    const token = c.req.valid('param').file.slice(0, -'.ics'.length);
    const user = await calendarOwner(db, token);
    if (!user) throw problem('not-found', 'Calendrier introuvable.');
    const base = baseUrl(c);
    const events = (await dueTasksOf(db, user.id)).map((t) => toCalendarEvent(t, base));
    const ics = buildCalendar(`Passerelle — échéances de ${user.name}`, events, now());
    return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' });
  });

  app.openapi(link, async (c) => {
    const token = await calendarTokenOf(c.var.deps.db, currentUser(c).id);
    return c.json({ url: feedUrl(c, token) }, 200);
  });

  app.openapi(reset, async (c) => {
    const token = await resetCalendarToken(c.var.deps.db, currentUser(c).id);
    return c.json({ url: feedUrl(c, token) }, 200);
  });

  return app;
}
