// Time on the real dev server, with short durations: a task due in 6 s, reminded 3 s
// before, escalated 2 s after; each fires no earlier than its moment, in that order, and
// sends exactly one e-mail to a real SMTP server. A task completed in time fires nothing.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeTask, startProject, workflowIdFor } from '../../api/project-runner';
import { useIntegration } from '../support/integration';
import { timedDefinition as timed } from '../../scripts/scenarios';
import { seedDirectory, type Directory } from '../../scripts/drive-projects';
import { pendingWork } from '../support/temporal';
import { waitFor } from '../support/wait';

const decode = (subject: string) =>
  subject.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );

describe('durable timers of a project', () => {
  const ctx = useIntegration();
  let directory: Directory;

  beforeAll(async () => {
    directory = await seedDirectory(ctx.db, ['agent', 'chef']);
  });

  const start = async (ville: string) => {
    const started = await startProject(ctx.deps, {
      title: `Rapport ${ville}`,
      definition: { key: timed.key, version: 1, document: timed },
      input: { ville },
      bindings: directory.bindings,
    });
    if (!started.ok) throw new Error(JSON.stringify(started.refusal));
    return started.projectId;
  };

  it('reminds, makes overdue and escalates in order, one e-mail each', async () => {
    const late = await start(`Lyon-${randomUUID().slice(0, 4)}`);
    const onTime = await start(`Lille-${randomUUID().slice(0, 4)}`);
    const task = (projectId: string) =>
      ctx.db.selectFrom('tasks').selectAll().where('project_id', '=', projectId).where('task_id', '=', 'rapport:1').executeTakeFirstOrThrow();

    await waitFor(() => task(onTime));
    const done = await completeTask(ctx.deps, onTime, { task: 'rapport:1', outcome: 'done', actor: directory.actor('agent') });
    expect(done.ok).toBe(true);

    const escalated = await waitFor(async () => {
      const t = await task(late);
      expect(t.escalated_at).not.toBeNull();
      return t;
    });
    // Each at or after its moment (a timer never fires early), and in the order of the moments:
    // reminder (3 s), due (6 s), escalation (8 s). How late each came depends on the machine.
    const opened = escalated.opened_at.getTime();
    expect(escalated.due_at!.getTime() - opened).toBe(6_000);
    expect(escalated.reminder_count).toBe(1);
    expect(escalated.reminded_at!.getTime() - opened).toBeGreaterThanOrEqual(3_000);
    expect(escalated.escalated_at!.getTime() - opened).toBeGreaterThanOrEqual(8_000);
    expect(escalated.reminded_at!.getTime()).toBeLessThan(escalated.escalated_at!.getTime());

    // Overdue is `next_due_at < now()`.
    const overdue = await ctx.db
      .selectFrom('projects')
      .select('id')
      .where('id', 'in', [late, onTime])
      .where(sql<boolean>`next_due_at < now()`)
      .execute();
    expect(overdue.map((r) => r.id)).toEqual([late]);

    // Counted once both workflows are idle with their e-mails sent: a duplicate could only
    // come from an activity still pending or retried, and none is.
    const notifications = await waitFor(async () => {
      for (const id of [late, onTime]) expect(await pendingWork(ctx.temporal.client.workflow.getHandle(workflowIdFor(id))), id).toEqual([]);
      const rows = await ctx.db
        .selectFrom('notifications')
        .selectAll()
        .where('project_id', 'in', [late, onTime])
        .orderBy('created_at')
        .execute();
      for (const n of rows) expect(n.emailed_at, n.kind).not.toBeNull();
      return rows;
    });
    const lateOnes = notifications.filter((n) => n.project_id === late);
    expect(lateOnes.map((n) => n.kind)).toEqual(['message', 'reminder', 'escalation']);
    expect(notifications.filter((n) => n.project_id === onTime).map((n) => n.kind)).toEqual(['message']);

    const mails = ctx.smtp.received.filter((m) => notifications.some((n) => m.messageId.includes(n.id)));
    expect(mails).toHaveLength(4);
    const [, reminder, escalation] = lateOnes;
    const mailOf = (id: string) => mails.filter((m) => m.messageId.includes(id));
    expect(mailOf(reminder.id)).toHaveLength(1);
    expect(mailOf(escalation.id)).toHaveLength(1);
    expect(mailOf(reminder.id)[0].to).toEqual([directory.users.agent.email]);
    expect(mailOf(escalation.id)[0].to).toEqual([directory.users.chef.email]);
    expect(decode(mailOf(reminder.id)[0].subject)).toContain('Rappel');
    expect(mailOf(reminder.id)[0].raw.replace(/=\r?\n/g, '')).toContain(`/projects/${late}/tasks/rapport`);
    // The reminder's e-mail reached the server before the escalation's.
    expect(ctx.smtp.received.indexOf(mailOf(reminder.id)[0])).toBeLessThan(ctx.smtp.received.indexOf(mailOf(escalation.id)[0]));

    const onTimeTask = await task(onTime);
    expect(onTimeTask).toMatchObject({ status: 'completed', reminder_count: 0, escalated_at: null });
  }, 40_000);
});
