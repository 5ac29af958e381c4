import { describe, expect, it } from 'vitest';
import { toCsv } from '../../designer/src/format/csv';
import {
  buildBoards, CSV_HEADER, csvFileName, csvRows, nextSort, projectQuery, sortProjects, statusLabel, type ProjectItem,
} from '../../designer/src/portfolio/portfolio';

const NOW = new Date('2027-03-10T09:00:00Z');
let counter = 0;
function project(fields: Partial<ProjectItem>): ProjectItem {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    title: `Projet ${counter}`,
    definition_key: 'ecole',
    definition_version: 1,
    status: 'running',
    result: null,
    phase: null,
    phase_label: null,
    academie: null,
    next_due_at: null,
    overdue: false,
    parent_project_id: null,
    started_at: '2027-01-05T10:00:00.000Z',
    finished_at: null,
    blocked_reason: null,
    ...fields,
  };
}

const PHASES: Record<string, Array<{ key: string; label: string }>> = {
  'ecole@1': [{ key: 'etude', label: 'Étude' }, { key: 'ouverture', label: 'Ouverture' }],
  'ecole@2': [{ key: 'etude', label: 'Étude d’opportunité' }, { key: 'faisabilite', label: 'Faisabilité' }, { key: 'ouverture', label: 'Ouverture' }],
  'clee@1': [{ key: 'diagnostic', label: 'Diagnostic' }, { key: 'bilan', label: 'Bilan' }],
};
const phasesOf = (key: string, version: number) => PHASES[`${key}@${version}`];
const NAMES: Record<string, string> = { ecole: 'École de production', clee: 'CLEE' };
const templateName = (key: string) => NAMES[key] ?? key;

describe('the portfolio board', () => {
  it('makes one board per template, columns in the newest version’s phase order, sorted inside', () => {
    const late = project({ title: 'B tardif', phase: 'etude', overdue: true, next_due_at: '2027-03-01T00:00:00Z' });
    const soon = project({ title: 'A bientôt', phase: 'etude', next_due_at: '2027-03-12T00:00:00Z' });
    const blocked = project({ title: 'C bloqué', phase: 'etude', status: 'blocked' });
    const v2 = project({ title: 'D faisabilité', phase: 'faisabilite', definition_version: 2 });
    const fresh = project({ title: 'E sans phase' });
    const clee = project({ title: 'F clee', definition_key: 'clee', phase: 'bilan' });
    const boards = buildBoards([late, soon, blocked, v2, fresh, clee], phasesOf, templateName);

    expect(boards.map((b) => [b.name, b.count])).toEqual([['CLEE', 1], ['École de production', 5]]);
    const ecole = boards[1]!;
    expect(ecole.columns.map((c) => c.label)).toEqual(['Sans phase', 'Étude d’opportunité', 'Faisabilité', 'Ouverture']);
    expect(ecole.columns[1]!.projects.map((p) => p.title)).toEqual(['C bloqué', 'B tardif', 'A bientôt']);
    expect(ecole.columns[2]!.projects).toEqual([v2]);
    expect(ecole.columns[3]!.projects).toEqual([]);
    // No "Sans phase" column when every project has entered a phase.
    expect(boards[0]!.columns.map((c) => [c.label, c.projects.length])).toEqual([['Diagnostic', 0], ['Bilan', 1]]);
  });

  it('still shows a phase whose definition is not loaded, by the item’s label', () => {
    const boards = buildBoards([project({ definition_key: 'autre', phase: 'x', phase_label: 'Phase X' })], () => undefined, templateName);
    expect(boards[0]!.columns.map((c) => c.label)).toEqual(['Phase X']);
  });
});

describe('the portfolio table', () => {
  const a = project({ title: 'Alpha', academie: 'Lyon', phase_label: 'Étude', next_due_at: '2027-04-01T00:00:00Z' });
  const b = project({ title: 'bêta', academie: null, phase_label: 'Bilan', definition_key: 'clee', next_due_at: '2027-03-15T00:00:00Z' });
  const c = project({ title: 'Gamma', academie: 'Lille', phase_label: null, status: 'completed' });
  const titles = (rows: ProjectItem[]) => rows.map((p) => p.title);

  it('sorts by any column in French order, empty values last in both directions', () => {
    expect(titles(sortProjects([c, b, a], { column: 'title', descending: false }, templateName))).toEqual(['Alpha', 'bêta', 'Gamma']);
    expect(titles(sortProjects([c, b, a], { column: 'title', descending: true }, templateName))).toEqual(['Gamma', 'bêta', 'Alpha']);
    expect(titles(sortProjects([a, b, c], { column: 'academie', descending: false }, templateName))).toEqual(['Gamma', 'Alpha', 'bêta']);
    expect(titles(sortProjects([a, b, c], { column: 'academie', descending: true }, templateName))).toEqual(['Alpha', 'Gamma', 'bêta']);
    expect(titles(sortProjects([a, b, c], { column: 'due', descending: false }, templateName))).toEqual(['bêta', 'Alpha', 'Gamma']);
    expect(titles(sortProjects([a, b, c], { column: 'template', descending: false }, templateName))).toEqual(['bêta', 'Alpha', 'Gamma']);
    expect(titles(sortProjects([a, b, c], { column: 'status', descending: false }, templateName))).toEqual(['Alpha', 'bêta', 'Gamma']);
  });

  it('reverses a column clicked twice and starts a new one ascending', () => {
    expect(nextSort({ column: 'title', descending: false }, 'title')).toEqual({ column: 'title', descending: true });
    expect(nextSort({ column: 'title', descending: true }, 'due')).toEqual({ column: 'due', descending: false });
  });

  it('names statuses in French and lets an unknown one read as itself', () => {
    expect(['running', 'completed', 'abandoned', 'blocked', 'paused'].map(statusLabel)).toEqual(['En cours', 'Terminé', 'Abandonné', 'Bloqué', 'paused']);
  });
});

describe('the portfolio filters and CSV export', () => {
  it('sends only the chosen filters, the template as definition_key', () => {
    expect(projectQuery({ academie: null, template: null, status: null, phase: null })).toEqual({});
    expect(projectQuery({ academie: 'Lyon', template: 'ecole', status: 'running', phase: 'etude' })).toEqual({
      academie: 'Lyon', definition_key: 'ecole', status: 'running', phase: 'etude',
    });
  });

  it('writes one row per shown project, as people read them', () => {
    const shown = [
      project({ id: 'de000000-0000-4000-8000-000000000001', title: 'École de Lyon', academie: 'Lyon', phase: 'etude', phase_label: 'Étude', next_due_at: '2027-03-08T10:00:00Z', overdue: true }),
      project({ id: 'de000000-0000-4000-8000-000000000002', title: 'CLEE; Lille', definition_key: 'clee', status: 'blocked', blocked_reason: 'Convention non signée' }),
    ];
    const rows = csvRows(shown, templateName, NOW, 'https://passerelle.example');
    expect(rows).toEqual([
      ['École de Lyon', 'École de production', 'Lyon', 'Étude', 'En cours', '', '8 mars 2027', 'en retard de 2 jours', 'oui', '5 janvier 2027', 'https://passerelle.example/projects/de000000-0000-4000-8000-000000000001'],
      ['CLEE; Lille', 'CLEE', '', '', 'Bloqué', 'Convention non signée', '', '', 'non', '5 janvier 2027', 'https://passerelle.example/projects/de000000-0000-4000-8000-000000000002'],
    ]);
    const csv = toCsv(CSV_HEADER, rows);
    expect(csv.startsWith('\uFEFFTitre;Modèle;Académie;Phase;Statut;')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4); // header, two rows, final line end
    expect(csv).toContain('"CLEE; Lille"');
  });

  it('names the file after the day in Paris', () => {
    expect(csvFileName(new Date('2027-03-10T23:30:00Z'))).toBe('portefeuille-2027-03-11.csv');
  });
});
