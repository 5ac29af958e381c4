// Sends the e-mails of a project's notifications that have not been e-mailed yet. Each one
// is sent while its row is locked (`for update skip locked`), so two attempts running at
// once cannot both send it, and `emailed_at` is set right after the send. The notification
// id is the mail's idempotency key (its Message-ID): the one window left, a crash between
// the SMTP send and the commit, resends a message a receiver can recognise as the same.
// Imports db/ and the mailer interface.
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { Mailer } from './mailer';
import { emailOf, projectLink } from './notification-text';

export async function sendNotifications(
  deps: { db: Db; mailer: Pick<Mailer, 'send'>; appUrl: string },
  projectId: string,
): Promise<{ sent: number }> {
  const { db, mailer, appUrl } = deps;
  const pending = await db
    .selectFrom('notifications')
    .select('id')
    .where('project_id', '=', projectId)
    .where('emailed_at', 'is', null)
    .where(sql<boolean>`jsonb_array_length(recipients) > 0`)
    .orderBy('seq')
    .orderBy('idx')
    .execute();
  let sent = 0;
  for (const { id } of pending) {
    await db.transaction().execute(async (trx) => {
      const n = await trx
        .selectFrom('notifications')
        .innerJoin('projects', 'projects.id', 'notifications.project_id')
        .select([
          'notifications.id',
          'notifications.recipients',
          'notifications.subject',
          'notifications.body',
          'notifications.task_id',
          'projects.title',
        ])
        .where('notifications.id', '=', id)
        .where('notifications.emailed_at', 'is', null)
        .forUpdate('notifications')
        .skipLocked()
        .executeTakeFirst();
      if (!n) return; // Sent meanwhile, or being sent by another attempt.
      const mail = emailOf({
        subject: n.subject,
        body: n.body,
        projectTitle: n.title,
        link: projectLink(appUrl, projectId, n.task_id),
      });
      await mailer.send({ to: n.recipients, ...mail, idempotencyKey: `notification-${n.id}` });
      await trx.updateTable('notifications').set({ emailed_at: sql<Date>`now()` }).where('id', '=', n.id).execute();
      sent += 1;
    });
  }
  return { sent };
}
