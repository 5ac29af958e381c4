// How e-mail leaves Passerelle. With SMTP_URL, through nodemailer; without it (the embedded
// default) notifications stay in the database and the app, and the mailer only logs.
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Stable per notification: becomes the Message-ID, so a receiver can spot a resend. */
  idempotencyKey: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_FROM = 'Passerelle <notifications@passerelle.local>';

export function messageId(idempotencyKey: string): string {
  return `<${idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '-')}@passerelle>`;
}

export function createSmtpMailer(smtpUrl: string, from = process.env.MAIL_FROM ?? DEFAULT_FROM): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      if (message.to.length === 0) return;
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: messageId(message.idempotencyKey),
      });
    },
    async close() {
      transport.close();
    },
  };
}

export function createLogMailer(log: (line: string) => void = (line) => console.log(line)): Mailer {
  return {
    async send(message) {
      if (message.to.length === 0) return;
      log(`[mail] ${message.to.join(', ')} — ${message.subject}`);
    },
    async close() {},
  };
}

/** SMTP when `SMTP_URL` is set, else log-only. */
export function createMailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer {
  return env.SMTP_URL ? createSmtpMailer(env.SMTP_URL) : createLogMailer();
}
