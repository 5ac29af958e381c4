// The read-model writes are idempotent: the same step recorded twice (a retried activity)
// and the e-mails sent by two attempts at once leave one row and one e-mail each. The one
// window left, a crash after the SMTP server accepted a message but before it was recorded
// as sent, resends it on retry with the same Message-ID.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities/create-activities';
import { createSmtpMailer, messageId, type Mailer } from '../../activities/mailer';
import { insertAuditEvent } from '../../db/queries/audit';
import type { StepRecord } from '../../workflows/activity-contract';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedDirectory, type Directory } from '../../scripts/drive-projects';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';

describe('recording a step', () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let mailer: Mailer;
  let directory: Directory;

  beforeAll(async () => {
    [database, smtp] = await Promise.all([createTestDatabase(), startTestSmtpServer()]);
    mailer = createSmtpMailer(smtp.url);
    directory = await seedDirectory(database.db, ['agent']);
  });
  afterAll(async () => {
    await mailer?.close();
    await smtp?.close();
    await database?.drop();
  });

  /** A project's first step: a task opens and the agent is told by e-mail. */
  const firstStep = (projectId: string) => {
    const at = Date.UTC(2027, 0, 4, 9);
    const task = { id: 'a:1', node: 'a', assignee: 'agent', openedAt: at, due: at + 3_600_000, outcomes: ['done'], escalated: false, form: [] };
    const step: StepRecord = {
      project: { id: projectId, workflowId: `project-${projectId}`, title: 'Essai', definitionKey: 'essai', definitionVersion: 1, bindings: directory.bindings },
      seq: 1,
      at,
      input: {},
      commands: [
        { type: 'open_task', task },
        { type: 'notify', node: 'n', to: ['agent'], subject: 'Bonjour', body: 'Le projet commence.' },
      ],
      summary: { projectId, seq: 1, status: 'running', result: null, phase: null, variables: {}, tasks: [task], nextDueAt: task.due, blockedReason: null },
    };
    return { step, task };
  };

  it('writes each row and sends each e-mail once, however often it is retried', async () => {
    const activities = createActivities({ db: database.db, mailer, appUrl: 'http://passerelle.test' });
    const projectId = crypto.randomUUID();
    const { step, task } = firstStep(projectId);
    const first = await activities.recordStep(step);
    const again = await Promise.all([activities.recordStep(step), activities.recordStep(step)]);
    expect([first, ...again].map((r) => r.unsent)).toEqual([1, 1, 1]);
    const sent = await Promise.all([
      activities.sendNotifications({ projectId }),
      activities.sendNotifications({ projectId }),
      activities.sendNotifications({ projectId }),
    ]);
    expect(sent.reduce((n, s) => n + s.sent, 0)).toBe(1);
    await activities.sendNotifications({ projectId });

    const db = database.db;
    const count = async (table: 'events' | 'tasks' | 'notifications' | 'project_participants') =>
      (await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow()).n;
    expect(await count('events')).toBe('3'); // started, task_opened, notified
    expect(await count('tasks')).toBe('1');
    expect(await count('notifications')).toBe('1');
    expect(await count('project_participants')).toBe('1');
    const project = await db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
    expect(project).toMatchObject({ last_seq: 1, academie: 'Lyon', status: 'running' });
    expect(project.next_due_at?.getTime()).toBe(task.due);
    const notification = await db.selectFrom('notifications').selectAll().where('project_id', '=', projectId).executeTakeFirstOrThrow();
    expect(notification.recipients).toEqual([directory.users.agent.email]);
    expect(notification.emailed_at).not.toBeNull();
    expect(smtp.received.filter((m) => m.messageId.includes(notification.id))).toHaveLength(1);
  });

  it('resends an e-mail the SMTP server accepted before a crash kept it from being recorded, with the same Message-ID', async () => {
    const projectId = crypto.randomUUID();
    // The worker dies once the server has said 250, before emailed_at is committed: the
    // attempt fails after the send, and its transaction rolls back.
    const crashing: Pick<Mailer, 'send'> = {
      async send(message) {
        await mailer.send(message);
        throw new Error('worker killed after the SMTP server accepted the message');
      },
    };
    const crashed = createActivities({ db: database.db, mailer: crashing, appUrl: 'http://passerelle.test' });
    const retried = createActivities({ db: database.db, mailer, appUrl: 'http://passerelle.test' });
    await crashed.recordStep(firstStep(projectId).step);
    await expect(crashed.sendNotifications({ projectId })).rejects.toThrow('worker killed');
    const notification = await database.db.selectFrom('notifications').select(['id', 'emailed_at']).where('project_id', '=', projectId).executeTakeFirstOrThrow();
    expect(notification.emailed_at).toBeNull();

    expect(await retried.sendNotifications({ projectId })).toEqual({ sent: 1 });
    // Delivered at least once: twice here, as the same message, which a receiving mail
    // system can recognise by its Message-ID (derived from the notification, not the attempt).
    const copies = smtp.received.filter((m) => m.messageId.includes(notification.id)).map(({ to, subject, messageId }) => ({ to, subject, messageId }));
    const sent = { to: [directory.users.agent.email], subject: copies[0]?.subject, messageId: messageId(`notification-${notification.id}`) };
    expect(copies).toEqual([sent, sent]);
    expect(await retried.sendNotifications({ projectId })).toEqual({ sent: 0 });
  });

  it('marks a blocked project with its reason, not as finished, and clears the reason once it is cancelled', async () => {
    const activities = createActivities({ db: database.db, mailer, appUrl: 'http://passerelle.test' });
    const projectId = crypto.randomUUID();
    const at = Date.UTC(2027, 0, 4, 9);
    const reason = 'Le projet tourne en boucle sans attendre : l’étape « w » se répète.';
    const project = { id: projectId, workflowId: `project-${projectId}`, title: 'Boucle', definitionKey: 'boucle', definitionVersion: 1, bindings: directory.bindings };
    const summary = { projectId, seq: 1, status: 'blocked' as const, result: null, phase: null, variables: {}, tasks: [], nextDueAt: null, blockedReason: reason };
    await activities.recordStep({ project, seq: 1, at, input: {}, commands: [{ type: 'block', message: reason, nodes: ['w'] }], summary });
    const row = () => database.db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'blocked', blocked_reason: reason, finished_at: null, result: null });
    await activities.recordStep({
      project,
      seq: 2,
      at: at + 60_000,
      outside: { event: { type: 'cancel', reason: 'Boucle' } },
      commands: [{ type: 'finish', result: 'abandoned' }],
      summary: { ...summary, seq: 2, status: 'abandoned', result: 'abandoned', blockedReason: null },
    });
    expect(await row()).toMatchObject({ status: 'abandoned', blocked_reason: null, finished_at: new Date(at + 60_000) });
  });

  it('adds no audit row for a completion the trail holds already, as when rebuilding beside a restored trail', async () => {
    const activities = createActivities({ db: database.db, mailer, appUrl: 'http://passerelle.test' });
    const projectId = crypto.randomUUID();
    const at = Date.UTC(2027, 0, 4, 9);
    const project = { id: projectId, workflowId: `project-${projectId}`, title: 'Reconstruit', definitionKey: 'reconstruit', definitionVersion: 1, bindings: directory.bindings };
    const task = { id: 'a:1', node: 'a', assignee: 'agent', openedAt: at, outcomes: ['done'], escalated: false, form: [] };
    const summary = { projectId, seq: 1, status: 'running' as const, result: null, phase: null, variables: {}, tasks: [task], nextDueAt: null, blockedReason: null };
    const agent = directory.users.agent.id;
    await insertAuditEvent(database.db, { type: 'task.completed', actorUserId: agent, organizationId: directory.bindings.agent[0], projectId, subject: 'a:1', after: { restored: true } });
    await activities.recordStep({ project, seq: 1, at, input: {}, commands: [{ type: 'open_task', task }], summary });
    await activities.recordStep({
      project,
      seq: 2,
      at: at + 1_000,
      outside: { event: { type: 'complete_task', task: 'a:1', outcome: 'done', values: {}, actor: { id: agent, roles: ['agent'] } }, actor: { userId: agent, roles: ['agent'] } },
      commands: [{ type: 'close_task', task: 'a:1', node: 'a', outcome: 'done', values: {} }, { type: 'finish', result: 'completed' }],
      summary: { ...summary, seq: 2, status: 'completed', result: 'completed', tasks: [] },
    });
    const trail = await database.db.selectFrom('audit_events').select(['subject', 'after']).where('project_id', '=', projectId).execute();
    expect(trail).toEqual([{ subject: 'a:1', after: { restored: true } }]);
    const row = await database.db.selectFrom('tasks').select('status').where('project_id', '=', projectId).executeTakeFirstOrThrow();
    expect(row.status).toBe('completed');
  });
});
