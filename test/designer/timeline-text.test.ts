import { describe, expect, it } from 'vitest';
import { describeEvent, nodeStatus, type Labels, type TimelineEvent } from '../../designer/src/project/timeline-text';

const labels: Labels = {
  node: (id) => ({ depot: 'Déposer le dossier', revue: 'Examiner le dossier' })[id ?? ''] ?? id ?? '',
  role: (key) => ({ association: 'Association porteuse', academie: 'Rectorat' })[key] ?? key,
  phase: (key) => ({ revue: 'Revue académique' })[key] ?? key,
};
const event = (type: string, data: Record<string, unknown>, node: string | null = null): TimelineEvent => ({ seq: 1, idx: 0, at: '2027-01-04T08:00:00Z', type, node, task_id: null, data });

describe('the project timeline in French', () => {
  it('tells each event with the definition’s labels', () => {
    expect(describeEvent(event('task_completed', { outcome: 'approved', comment: 'Bien' }, 'revue'), labels)).toEqual({ title: 'Examiner le dossier : Approuver', detail: '« Bien »' });
    expect(describeEvent(event('phase_entered', { phase: 'revue' }), labels).title).toBe('Nouvelle phase : Revue académique');
    expect(describeEvent(event('reminder', { to: ['association', 'academie'] }, 'depot'), labels)).toEqual({ title: 'Relance : Déposer le dossier', detail: 'Envoyée à : Association porteuse, Rectorat' });
    expect(describeEvent(event('blocked', { message: 'Le minuteur attend une date vide.' }, 'depot'), labels)).toEqual({ title: 'Projet bloqué', detail: 'Le minuteur attend une date vide.' });
    expect(describeEvent(event('cancelled', { reason: 'Projet suspendu' }), labels).detail).toBe('Motif : Projet suspendu');
  });

  it('colours steps done, open, or leaves them pending', () => {
    const timeline = [event('task_completed', { outcome: 'done' }, 'depot'), event('task_opened', {}, 'revue')];
    expect(nodeStatus(timeline, ['revue'])).toEqual({ depot: 'done', revue: 'open' });
  });
});
