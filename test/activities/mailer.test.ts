import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogMailer, createMailerFromEnv, createSmtpMailer, messageId } from '../../activities/mailer';
import { startTestSmtpServer, type TestSmtpServer } from '../support/smtp';

describe('the mailer', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => smtp?.close());

  it('delivers a French message over SMTP with a Message-ID derived from the idempotency key', async () => {
    const mailer = createSmtpMailer(smtp.url);
    await mailer.send({
      to: ['association.lyon@passerelle.demo'],
      subject: 'Rappel : étude de faisabilité à rendre',
      text: 'Bonjour, la tâche « Étude de faisabilité » arrive à échéance.',
      idempotencyKey: 'notification:1234',
    });
    await mailer.close();
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.to).toEqual(['association.lyon@passerelle.demo']);
    expect(mail.messageId).toBe(messageId('notification:1234'));
    expect(mail.raw).toContain('faisabilit');
  });

  it('sends nothing when there is no recipient', async () => {
    const before = smtp.received.length;
    const mailer = createSmtpMailer(smtp.url);
    await mailer.send({ to: [], subject: 'x', text: 'x', idempotencyKey: 'k' });
    await mailer.close();
    expect(smtp.received.length).toBe(before);
  });

  it('only logs when no SMTP server is configured', async () => {
    const lines: string[] = [];
    const mailer = createLogMailer((line) => lines.push(line));
    await mailer.send({ to: ['a@b.fr'], subject: 'Escalade', text: '…', idempotencyKey: 'k' });
    expect(lines).toEqual(['[mail] a@b.fr — Escalade']);
    expect(createMailerFromEnv({ SMTP_URL: smtp.url })).not.toBeNull();
  });
});
