// A simulated run as the designer shows it: the total in words (« Ce parcours dure 15 mois »),
// one bar per phase on the run's time axis, reminders and escalations as marks, and the nodes
// the run went through. Pure; reads dsl/'s simulation result.
import { phaseLabel } from '../../../dsl/labels';
import type { Definition } from '../../../dsl/schema';
import type { SimulationResult } from '../../../dsl/simulator';

const DAY = 86_400_000;

export interface PhaseBar { phase: string; label: string; start: number; end: number }
export interface Mark { at: number; type: 'reminder' | 'escalation'; node: string }
export interface SimulationSummary {
  result: SimulationResult['result'];
  start: number;
  end: number;
  total: string;
  bars: PhaseBar[];
  marks: Mark[];
  path: string[];
}

/** « 15 mois », « 3 semaines », « 4 jours », « 2 ans et 1 mois », « moins d’un jour ». */
export function spanInWords(ms: number): string {
  const days = Math.round(ms / DAY);
  if (days < 1) return 'moins d’un jour';
  if (days < 14) return `${days} jour${days > 1 ? 's' : ''}`;
  if (days < 60) return `${Math.round(days / 7)} semaines`;
  const months = Math.round(days / 30.44);
  if (months < 24) return `${months} mois`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return `${years} ans${rest ? ` et ${rest} mois` : ''}`;
}

export function summarize(run: SimulationResult, doc: Definition): SimulationSummary {
  const start = Date.parse(run.start);
  const root = run.events.filter((e) => e.process === undefined);
  const end = run.end ? Date.parse(run.end) : Date.parse(root.at(-1)?.at ?? run.start);
  const bars: PhaseBar[] = [];
  for (const e of root) {
    if (e.type !== 'phase_entered' || !e.phase) continue;
    const at = Date.parse(e.at);
    const last = bars.at(-1);
    if (last) last.end = at;
    bars.push({ phase: e.phase, label: phaseLabel(doc, e.phase), start: at, end });
  }
  const marks = root.filter((e) => e.type === 'reminder' || e.type === 'escalation').map((e) => ({ at: Date.parse(e.at), type: e.type as Mark['type'], node: e.node }));
  const path = [...new Set(root.map((e) => e.node))];
  // Nodes that act at once (start, gateways, set) leave no event: the path follows edges between visited nodes.
  const visited = new Set(path);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of doc.nodes) {
      if (visited.has(n.id) || !['start', 'exclusive', 'parallel', 'set', 'notify'].includes(n.type)) continue;
      const into = n.type === 'start' || doc.edges.some((e) => e.to === n.id && visited.has(e.from));
      const out = doc.edges.some((e) => e.from === n.id && visited.has(e.to));
      if (into && out) {
        visited.add(n.id);
        grew = true;
      }
    }
  }
  const total = run.result === 'completed' || run.result === 'abandoned' ? `Ce parcours dure ${spanInWords(end - start)}` : run.result === 'stuck' ? 'Ce parcours reste bloqué' : 'Ce parcours ne finit pas (boucle sans sortie)';
  return { result: run.result, start, end, total, bars, marks, path: [...visited] };
}

const finished = (s: SimulationSummary) => s.result === 'completed' || s.result === 'abandoned';

/** « Le scénario B dure 2 mois de plus », « … 3 semaines de moins », or null when a run does not finish. */
export function scenarioDifference(a: SimulationSummary, b: SimulationSummary): string | null {
  if (!finished(a) || !finished(b)) return null;
  const delta = b.end - b.start - (a.end - a.start);
  if (Math.abs(delta) < DAY / 2) return 'Les deux scénarios durent autant';
  return `Le scénario B dure ${spanInWords(Math.abs(delta))} de ${delta > 0 ? 'plus' : 'moins'}`;
}
