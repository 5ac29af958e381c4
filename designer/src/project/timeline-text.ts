// A timeline event of the read model as one French sentence. Pure: labels come from the
// project's definition (nodes, roles, phases), passed in.
import type { Schemas } from '../api/client';
import { outcomeLabel } from '../forms/task-form';

export type TimelineEvent = Schemas['TimelineEvent'];

export interface Labels {
  node(id: string | null): string;
  role(key: string): string;
  phase(key: string): string;
}

const roles = (labels: Labels, value: unknown) => (Array.isArray(value) ? value.map((r) => labels.role(String(r))).join(', ') : '');

export function describeEvent(event: TimelineEvent, labels: Labels): { title: string; detail?: string } {
  const d = event.data as Record<string, any>;
  const node = labels.node(event.node);
  switch (event.type) {
    case 'started':
      return { title: `Projet démarré (version ${d.definitionVersion ?? '?'})` };
    case 'task_opened':
      return { title: `Tâche ouverte : ${d.label ?? node}`, detail: `Pour : ${labels.role(String(d.assignee))}` };
    case 'task_completed':
      return { title: `${node} : ${outcomeLabel(String(d.outcome))}`, detail: d.comment ? `« ${d.comment} »` : undefined };
    case 'task_cancelled':
      return { title: `Tâche annulée : ${node}` };
    case 'reminder':
      return { title: `Relance : ${node}`, detail: `Envoyée à : ${roles(labels, d.to)}` };
    case 'escalation':
      return { title: `Escalade : ${node}`, detail: `Signalée à : ${roles(labels, d.to)}` };
    case 'notified':
      return { title: `Message envoyé : « ${d.subject ?? node} »`, detail: `À : ${roles(labels, d.to)}` };
    case 'timer_fired':
      return { title: `Délai écoulé : ${node}` };
    case 'phase_entered':
      return { title: `Nouvelle phase : ${labels.phase(String(d.phase))}` };
    case 'child_started':
      return { title: `Sous-processus démarré : ${d.process ?? node}` };
    case 'child_finished':
      return { title: `Sous-processus terminé (${d.result === 'abandoned' ? 'abandonné' : 'achevé'})` };
    case 'child_cancelled':
      return { title: 'Sous-processus annulé' };
    case 'ended':
      return { title: d.result === 'abandoned' ? `Fin : abandon (${node})` : `Fin atteinte : ${node}` };
    case 'finished':
      return { title: d.result === 'abandoned' ? 'Projet abandonné' : 'Projet achevé' };
    case 'blocked':
      return { title: 'Projet bloqué', detail: d.message ? String(d.message) : undefined };
    case 'cancelled':
      return { title: 'Projet abandonné par la fédération', detail: d.reason ? `Motif : ${d.reason}` : undefined };
    default:
      return { title: event.type };
  }
}

/** Where each node stands, from the timeline and the open tasks: for the diagram's colours. */
export function nodeStatus(timeline: TimelineEvent[], openNodes: string[]): Record<string, 'done' | 'open' | 'pending'> {
  const status: Record<string, 'done' | 'open' | 'pending'> = {};
  for (const event of timeline) if (event.node) status[event.node] = 'done';
  for (const node of openNodes) status[node] = 'open';
  return status;
}
