// A simulation as the command line prints it: one line per event with its Paris date, phases
// as headings, and a closing summary (result and calendar length). The simulation itself is
// dsl/simulator's; this file only writes it as text.
import { formatParis } from '../dsl/durations';
import { phaseLabel } from '../dsl/labels';
import type { Definition } from '../dsl/schema';
import type { SimulationResult } from '../dsl/simulator';

const EVENT_LABELS: Record<string, string> = {
  task_opened: 'tâche ouverte',
  task_completed: 'tâche terminée',
  task_cancelled: 'tâche annulée',
  reminder: 'rappel',
  escalation: 'escalade',
  timer_fired: 'délai écoulé',
  notified: 'notification',
  phase_entered: 'nouvelle phase',
  ended: 'fin atteinte',
};

const RESULT_LABELS: Record<string, string> = {
  completed: 'terminé',
  abandoned: 'abandonné',
  stuck: 'bloqué (des jetons restent sans rien pour les faire avancer)',
  limit: 'arrêté après 10 000 événements (boucle sans sortie dans le script ?)',
};

/** Months and days between two instants, for "le parcours dure 15 mois et 3 jours". */
function calendarLength(startIso: string, endIso: string): string {
  const days = Math.round((Date.parse(endIso) - Date.parse(startIso)) / 86_400_000);
  const months = Math.floor(days / 30.4375);
  const rest = Math.round(days - months * 30.4375);
  return months > 0 ? `${months} mois et ${rest} jour(s) (${days} jours)` : `${days} jour(s)`;
}

export function formatSimulation(
  simulation: SimulationResult,
  definitions: Map<string, Definition>,
  main: Definition,
): string {
  const labelOf = (process: string | undefined, nodeId: string, phase?: string): string => {
    const definition = (process && definitions.get(process)) || main;
    if (phase) return phaseLabel(definition, phase);
    return definition.nodes.find((n) => n.id === nodeId)?.label ?? nodeId;
  };
  const definitionOf = (process: string | undefined) => (process && definitions.get(process)) || main;
  const rolesOf = (process: string | undefined, keys: string[]): string =>
    keys.map((key) => definitionOf(process).roles.find((r) => r.key === key)?.label ?? key).join(', ');
  // What a line adds after the node: the subject and the recipients of a notification, the
  // roles an escalation alerted. Placeholders stay as written: the simulator projects
  // timing, not data.
  const extra = (event: SimulationResult['events'][number]): string => {
    const node = definitionOf(event.process).nodes.find((n) => n.id === event.node);
    if (event.type === 'notified' && node?.type === 'notify') return ` — « ${node.subject} » à ${rolesOf(event.process, node.to)}`;
    if (event.type === 'escalation' && node?.type === 'task' && node.escalation) return ` — alerte ${rolesOf(event.process, node.escalation.to)}`;
    return '';
  };
  const lines = [`${main.name} — simulation à partir du ${formatParis(Date.parse(simulation.start))}`, ''];
  for (const event of simulation.events) {
    const when = formatParis(Date.parse(event.at));
    const where = event.process ? `[${event.process}] ` : '';
    if (event.type === 'phase_entered') {
      if (lines[lines.length - 1] !== '') lines.push('');
      lines.push(`${when}  ${where}== ${labelOf(event.process, event.node, event.phase)} ==`);
      continue;
    }
    const detail = [event.task, event.outcome && `→ ${event.outcome}`].filter(Boolean).join(' ');
    lines.push(`${when}  ${where}${EVENT_LABELS[event.type] ?? event.type} : ${labelOf(event.process, event.node)}${detail ? ` (${detail})` : ''}${extra(event)}`);
  }
  lines.push('', `Résultat : ${RESULT_LABELS[simulation.result] ?? simulation.result}`);
  if (simulation.end) lines.push(`Fin : ${formatParis(Date.parse(simulation.end))}, soit ${calendarLength(simulation.start, simulation.end)}`);
  return lines.join('\n');
}
