// The dashboard and the calendar feed on real PostgreSQL and a real Temporal dev server:
// counts by status, phase and académie over what the caller may see, tasks overdue or due
// within 14 days as the clock moves on, and the secret ICS feed of each user's due dates.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { caller, withToken } from '../support/api';
import { useProjectWorld } from '../support/project-world';
import { waitFor } from '../support/wait';

const DAY = 24 * 3600 * 1000;

describe('the dashboard and the calendar feed', () => {
  const world = useProjectWorld();
  let depotProject: string;
  let revueProject: string;

  it('counts the visible projects by status, phase and académie', async () => {
    depotProject = (await world.startReview('Tableau dépôt')).id;
    revueProject = (await world.startReview('Tableau revue')).id;
    await waitFor(async () => expect((await world.as.member.json('GET', `/api/projects/${revueProject}/tasks/depot:1`)).status).toBe(200));
    await world.as.member.json('POST', `/api/projects/${revueProject}/tasks/depot:1/complete`, { outcome: 'done', values: { nbJeunes: 9 } });
    await waitFor(async () => expect((await world.as.admin.json('GET', '/api/dashboard')).body.by_phase).toHaveLength(2));

    const admin = (await world.as.admin.json('GET', '/api/dashboard')).body;
    expect(admin).toMatchObject({
      total: 2,
      by_status: { running: 2, completed: 0, abandoned: 0 },
      by_phase: [{ phase: 'depot', label: 'Dépôt du dossier', count: 1 }, { phase: 'revue', label: 'Revue académique', count: 1 }],
      by_academie: [{ academie: 'Lyon', count: 2 }],
      overdue: { projects: 0, tasks: 0 },
      due_soon: { days: 14, projects: 2, tasks: 2 },
    });
    expect(admin.upcoming.map((t: any) => t.task_id)).toEqual(['revue:1', 'depot:1']);
    expect((await world.as.reviewer.json('GET', '/api/dashboard')).body.total).toBe(2);
    expect((await world.as.company.json('GET', '/api/dashboard')).body.total).toBe(2);
    expect((await world.as.otherMember.json('GET', '/api/dashboard')).body).toMatchObject({ total: 0, by_phase: [], upcoming: [] });
    expect((await world.as.otherReviewer.json('GET', '/api/dashboard')).body.total).toBe(0);
    expect((await world.as.admin.json('GET', '/api/dashboard?academie=Lille')).body.total).toBe(0);
    expect((await world.as.admin.json('GET', `/api/dashboard?academie=${'x'.repeat(101)}`)).status).toBe(422);
  });

  it('shows tasks as overdue or due soon as the clock moves on', async () => {
    const at = async (days: number) => {
      const app = createApp({ db: world.ctx.db, now: () => new Date(Date.now() + days * DAY) });
      const admin = await withToken({ ...world.api, app }, { id: world.userIds.admin, email: '' });
      return { dashboard: (await admin.json('GET', '/api/dashboard')).body, overdue: (await admin.json('GET', '/api/projects?overdue=true')).body.items };
    };
    const week = await at(7); // revue:1 (due in 5 days) is late, depot:1 (10 days) is due soon.
    expect(week.dashboard.overdue).toEqual({ projects: 1, tasks: 1 });
    expect(week.dashboard.due_soon).toEqual({ days: 14, projects: 1, tasks: 1 });
    expect(week.dashboard.upcoming.map((t: any) => [t.task_id, t.overdue])).toEqual([['revue:1', true], ['depot:1', false]]);
    expect(week.overdue.map((p: any) => p.id)).toEqual([revueProject]);
    const month = await at(30);
    expect(month.dashboard.overdue).toEqual({ projects: 2, tasks: 2 });
    expect(month.dashboard.due_soon.tasks).toBe(0);
    expect(month.overdue).toHaveLength(2);
  });

  it('serves each user a secret ICS feed of the due dates of the tasks they may act on', async () => {
    const link = await world.as.member.json('GET', '/api/me/calendar');
    expect(link.body.url).toMatch(/^http:\/\/passerelle\.test\/api\/calendar\/[0-9a-f]{64}\.ics$/);
    const path = new URL(link.body.url).pathname;
    const response = await world.as.anonymous.request('GET', path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = await response.text();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = ics.replace(/\r\n /g, '');
    const task = (await world.as.member.json('GET', `/api/projects/${depotProject}/tasks/depot:1`)).body;
    expect(unfolded).toContain(`UID:${depotProject}.depot:1@passerelle`);
    expect(unfolded).toContain(`DTSTART:${new Date(task.due_at).toISOString().replace(/[-:]|\.\d{3}/g, '')}`);
    expect(unfolded).toContain('SUMMARY:Échéance : Déposer le dossier — Tableau dépôt');
    expect(unfolded).toContain(`URL;VALUE=URI:http://passerelle.test/projects/${depotProject}/tasks/depot%3A1`); // ical-generator names the type
    expect(unfolded).not.toContain('revue:1'); // The académie's task is not the association's.
    expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(1);

    const reviewerUrl = (await world.as.reviewer.json('GET', '/api/me/calendar')).body.url;
    const reviewerIcs = (await (await world.as.anonymous.request('GET', new URL(reviewerUrl).pathname)).text()).replace(/\r\n /g, '');
    expect(reviewerIcs).toContain(`UID:${revueProject}.revue:1@passerelle`);
    expect((await (await world.as.anonymous.request('GET', new URL((await world.as.otherReviewer.json('GET', '/api/me/calendar')).body.url).pathname)).text())).not.toContain('BEGIN:VEVENT');
  });

  it('refuses unknown or malformed feed names, and stops serving an old secret after a reset', async () => {
    const anonymous = caller(world.api, {});
    expect((await anonymous.request('GET', `/api/calendar/${'a'.repeat(64)}.ics`)).status).toBe(404);
    expect((await anonymous.request('GET', '/api/calendar/short.ics')).status).toBe(422);
    expect((await anonymous.request('GET', `/api/calendar/${'a'.repeat(64)}.txt`)).status).toBe(422);
    const old = new URL((await world.as.company.json('GET', '/api/me/calendar')).body.url).pathname;
    const reset = await world.as.company.json('POST', '/api/me/calendar/reset');
    expect(reset.status).toBe(200);
    expect(new URL(reset.body.url).pathname).not.toBe(old);
    expect((await anonymous.request('GET', old)).status).toBe(404);
    expect((await anonymous.request('GET', new URL(reset.body.url).pathname)).status).toBe(200);
  });
});
