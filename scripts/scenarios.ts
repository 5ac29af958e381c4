// Small process definitions with short durations, so that time runs on a real Temporal dev
// server in seconds: record-histories.ts records runs of some, and the integration tests
// (test/integration, test/api) run them all. Kept out of test/ so the script imports no test code.
import type { Definition } from '../dsl/schema';

/** A notify, then a task due in 6 s, reminded 3 s before and escalated 2 s after (to `chef`). */
export const timedDefinition: Definition = {
  format: 'passerelle.process/1',
  key: 'rapport-minute',
  name: 'Rapport à la minute',
  roles: [
    { key: 'agent', label: 'Agent' },
    { key: 'chef', label: 'Chef' },
  ],
  variables: [{ name: 'ville', type: 'string', required: true }],
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'bienvenue', type: 'notify', to: ['agent'], subject: 'Projet de {{ville}} lancé', body: 'Le projet de {{ville}} commence.' },
    {
      id: 'rapport',
      type: 'task',
      label: 'Rendre le rapport',
      assignee: 'agent',
      due: 'PT6S',
      reminders: ['PT3S'],
      escalation: { after: 'PT2S', to: ['chef'] },
    },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'bienvenue' },
    { id: 'e2', from: 'bienvenue', to: 'rapport' },
    { id: 'e3', from: 'rapport', to: 'end' },
  ],
};

/** A review that loops on `again` (for continue-as-new), due in 8 s and reminded 5 s before. */
export const reviewLoopDefinition: Definition = {
  format: 'passerelle.process/1',
  key: 'revue-simple',
  name: 'Revue simple',
  roles: [
    { key: 'agent', label: 'Agent' },
    { key: 'chef', label: 'Chef' },
  ],
  phases: [{ key: 'revue', label: 'Revue' }],
  variables: [
    { name: 'avis', type: 'text', label: 'Avis' },
    { name: 'note', type: 'integer', label: 'Note' },
  ],
  nodes: [
    { id: 'start', type: 'start' },
    {
      id: 'review',
      type: 'task',
      label: 'Relire le dossier',
      phase: 'revue',
      assignee: 'agent',
      outcomes: ['again', 'approved'],
      form: [{ var: 'avis', required: true }, { var: 'note' }],
      due: 'PT8S',
      reminders: ['PT5S'],
    },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'review' },
    { id: 'e2', from: 'review', to: 'review', outcome: 'again' },
    { id: 'e3', from: 'review', to: 'end', outcome: 'approved' },
  ],
};

/** A child process with one task, and a parent that runs it as a subprocess. */
export const childDefinition: Definition = {
  format: 'passerelle.process/1',
  key: 'enfant-simple',
  name: 'Sous-processus simple',
  roles: [{ key: 'agent', label: 'Agent' }],
  variables: [{ name: 'sujet', type: 'string' }, { name: 'conclusion', type: 'text' }],
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'traiter', type: 'task', label: 'Traiter', assignee: 'agent', form: [{ var: 'conclusion', required: true }] },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'traiter' },
    { id: 'e2', from: 'traiter', to: 'end' },
  ],
};

export const parentDefinition: Definition = {
  format: 'passerelle.process/1',
  key: 'parent-simple',
  name: 'Processus parent',
  roles: [{ key: 'agent', label: 'Agent' }],
  variables: [{ name: 'sujet', type: 'string' }, { name: 'resultat', type: 'text' }],
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'sous', type: 'subprocess', process: 'enfant-simple', input: { sujet: 'sujet' }, output: { resultat: 'conclusion' } },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'sous' },
    { id: 'e2', from: 'sous', to: 'end' },
  ],
};

/**
 * Issue 12's loop that never waits: start → [a task, when `withTask`] → w (a timer until
 * the date `d`, which nobody sets, so it fires at once) → n (notify) → g: `k` exists → w,
 * otherwise → end. Started with `{ k: true }`, it is blocked at its first step (or at the
 * completion of `a`). Its one role is `r`.
 */
export function loopingDefinition(withTask = false): Definition {
  return {
    format: 'passerelle.process/1',
    key: withTask ? 'boucle-apres-tache' : 'boucle-minimale',
    name: 'Boucle sans attente',
    roles: [{ key: 'r', label: 'R' }],
    variables: [
      { name: 'd', type: 'date' },
      { name: 'k', type: 'boolean' },
    ],
    nodes: [
      { id: 's', type: 'start' },
      ...(withTask ? [{ id: 'a', type: 'task' as const, label: 'Préparer', assignee: 'r' }] : []),
      { id: 'w', type: 'timer', label: 'Attendre la date', until: 'd' },
      { id: 'n', type: 'notify', to: ['r'], subject: 'x', body: 'y' },
      { id: 'g', type: 'exclusive' },
      { id: 'x', type: 'end' },
    ],
    edges: [
      ...(withTask
        ? [
            { id: 'e0', from: 's', to: 'a' },
            { id: 'ea', from: 'a', to: 'w' },
          ]
        : [{ id: 'e0', from: 's', to: 'w' }]),
      { id: 'e1', from: 'w', to: 'n' },
      { id: 'e2', from: 'n', to: 'g' },
      { id: 'e3', from: 'g', to: 'w', when: { var: 'k', op: 'exists' } },
      { id: 'e4', from: 'g', to: 'x', default: true },
    ],
  };
}
