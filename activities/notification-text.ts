// The French words of notifications: what a reminder and an escalation say (a notify node
// brings its own text), and the e-mail built from a notification. Pure; imports only dsl/.
import { stripControlCharacters } from '../dsl/control-characters';

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

export const formatInstant = (at: Date): string => dateTime.format(at);

export interface TaskFacts {
  label: string;
  due: Date | null;
}

export function reminderText(task: TaskFacts): { subject: string; body: string } {
  const due = task.due ? ` avant le ${formatInstant(task.due)}` : '';
  return {
    subject: `Rappel : « ${task.label} » est à faire${due}`,
    body: `La tâche « ${task.label} » vous attend${due}.`,
  };
}

export function escalationText(task: TaskFacts): { subject: string; body: string } {
  const due = task.due ? ` (échéance : ${formatInstant(task.due)})` : '';
  return {
    subject: `Escalade : « ${task.label} » est en retard`,
    body: `La tâche « ${task.label} » n'est toujours pas terminée${due}. Elle vous est signalée pour que vous puissiez intervenir.`,
  };
}

export function projectLink(appUrl: string, projectId: string, taskId?: string | null): string {
  const base = `${appUrl.replace(/\/+$/, '')}/projects/${projectId}`;
  return taskId ? `${base}/tasks/${encodeURIComponent(taskId)}` : base;
}

// The subject is one line: a title or a label from a definition that held a newline or a
// text-direction override would otherwise reach the mail header and the inbox list.
export function emailOf(n: { subject: string; body: string; projectTitle: string; link: string }) {
  return {
    subject: stripControlCharacters(`[Passerelle] ${n.projectTitle} — ${n.subject}`),
    text: `${n.body}\n\nProjet : ${n.projectTitle}\nOuvrir dans Passerelle : ${n.link}\n`,
  };
}
