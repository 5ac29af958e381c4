// The portfolio's pure parts: status labels, the board (one per template, a column per
// phase in the definition's order), the table's sort, the filters as API query parameters,
// and the CSV rows of what the table shows. No React.
import type { Schemas } from '../api/client';
import { formatDate, formatDue } from '../format/dates';

export type ProjectItem = Schemas['ProjectSummary'];
type Labelled = { key: string; label: string };

/**
 * The statuses the API filters by, in the filter's order. Typed by the API's own enum: a
 * status added there fails the build here until it has its French label.
 */
const FILTERABLE: Record<Schemas['ProjectStatus'], string> = {
  running: 'En cours',
  blocked: 'Bloqué',
  completed: 'Terminé',
  abandoned: 'Abandonné',
};

export const STATUS_OPTIONS = Object.entries(FILTERABLE).map(([value, label]) => ({ value, label }));

const STATUS_LABELS = new Map<string, string>(Object.entries(FILTERABLE));

/** A status in French; one the page does not know yet reads as itself. */
export const statusLabel = (status: string) => STATUS_LABELS.get(status) ?? status;

export const STATUS_COLORS: Record<string, string> = { running: 'blue', blocked: 'red.9', completed: 'teal', abandoned: 'gray' };
export const statusColor = (status: string) => STATUS_COLORS[status] ?? 'gray';

export const isBlocked = (project: { status: string }) => project.status === 'blocked';

// ---------------------------------------------------------------- board

export interface BoardColumn {
  /** The phase key, or null for projects not (yet) in one of the definition's phases. */
  key: string | null;
  label: string;
  projects: ProjectItem[];
}

export interface Board {
  definitionKey: string;
  name: string;
  columns: BoardColumn[];
  count: number;
}

export const NO_PHASE_LABEL = 'Sans phase';

/**
 * One board per template (by name), columns in the definition's phase order. The phases of
 * several versions are merged, the newest version's order first. A project in no known phase
 * goes to a leading "Sans phase" column, shown only when it holds something. Inside a
 * column: blocked first, then overdue, then by next due date, then title.
 */
export function buildBoards(
  projects: ProjectItem[],
  phasesOf: (key: string, version: number) => Labelled[] | undefined,
  templateName: (key: string) => string,
): Board[] {
  const byKey = new Map<string, ProjectItem[]>();
  for (const project of projects) {
    const list = byKey.get(project.definition_key) ?? [];
    list.push(project);
    byKey.set(project.definition_key, list);
  }
  const boards: Board[] = [];
  for (const [definitionKey, list] of byKey) {
    const versions = [...new Set(list.map((p) => p.definition_version))].sort((a, b) => b - a);
    const phases: Labelled[] = [];
    for (const version of versions) {
      for (const phase of phasesOf(definitionKey, version) ?? []) {
        if (!phases.some((p) => p.key === phase.key)) phases.push(phase);
      }
    }
    // A phase the documents are not loaded for (yet) still gets its column, from the item's label.
    for (const project of list) {
      if (project.phase !== null && !phases.some((p) => p.key === project.phase)) {
        phases.push({ key: project.phase, label: project.phase_label ?? project.phase });
      }
    }
    const columns: BoardColumn[] = [
      { key: null, label: NO_PHASE_LABEL, projects: list.filter((p) => p.phase === null) },
      ...phases.map((phase) => ({ key: phase.key, label: phase.label, projects: list.filter((p) => p.phase === phase.key) })),
    ].filter((column) => column.key !== null || column.projects.length > 0);
    for (const column of columns) column.projects.sort(boardOrder);
    boards.push({ definitionKey, name: templateName(definitionKey), columns, count: list.length });
  }
  return boards.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

function boardOrder(a: ProjectItem, b: ProjectItem): number {
  return (
    Number(isBlocked(b)) - Number(isBlocked(a)) ||
    Number(b.overdue) - Number(a.overdue) ||
    compareDue(a.next_due_at, b.next_due_at) ||
    a.title.localeCompare(b.title, 'fr')
  );
}

/** Earlier due first; no due date last. */
function compareDue(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return Date.parse(a) - Date.parse(b);
}

// ---------------------------------------------------------------- table

export type SortColumn = 'title' | 'template' | 'academie' | 'phase' | 'status' | 'due';
export interface Sort {
  column: SortColumn;
  descending: boolean;
}

export const SORT_LABELS: Record<SortColumn, string> = {
  title: 'Titre',
  template: 'Modèle',
  academie: 'Académie',
  phase: 'Phase',
  status: 'Statut',
  due: 'Prochaine échéance',
};

const text = (value: string | null | undefined) => value ?? '';

/**
 * The table's rows in order. Empty values (no académie, no due date) stay last whichever the
 * direction; ties are broken by title so the order never depends on the API's.
 */
export function sortProjects(projects: ProjectItem[], sort: Sort, templateName: (key: string) => string): ProjectItem[] {
  const key = (p: ProjectItem): string | null => {
    switch (sort.column) {
      case 'title': return p.title;
      case 'template': return templateName(p.definition_key);
      case 'academie': return p.academie;
      case 'phase': return p.phase_label ?? p.phase;
      case 'status': return statusLabel(p.status);
      case 'due': return p.next_due_at;
    }
  };
  const compare = (a: ProjectItem, b: ProjectItem) => {
    const [x, y] = [key(a), key(b)];
    if (x === null || x === '' || y === null || y === '') {
      if ((x === null || x === '') && (y === null || y === '')) return a.title.localeCompare(b.title, 'fr');
      return x === null || x === '' ? 1 : -1;
    }
    const order = sort.column === 'due' ? Date.parse(x) - Date.parse(y) : x.localeCompare(y, 'fr', { sensitivity: 'base' });
    return (sort.descending ? -order : order) || a.title.localeCompare(b.title, 'fr');
  };
  return [...projects].sort(compare);
}

/** Clicking a column's header: sort by it, or reverse it when it is already the sort. */
export const nextSort = (current: Sort, column: SortColumn): Sort =>
  current.column === column ? { column, descending: !current.descending } : { column, descending: false };

// ---------------------------------------------------------------- filters

export interface PortfolioFilters {
  academie: string | null;
  template: string | null;
  status: string | null;
  phase: string | null;
}

export const FILTER_PARAMS = ['academie', 'template', 'status', 'phase'] as const;

/** The filters as GET /api/projects query parameters (absent when not chosen). */
export function projectQuery(filters: PortfolioFilters) {
  return {
    ...(filters.academie ? { academie: filters.academie } : {}),
    ...(filters.template ? { definition_key: filters.template } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.phase ? { phase: filters.phase } : {}),
  };
}

// ---------------------------------------------------------------- CSV

export const CSV_HEADER = ['Titre', 'Modèle', 'Académie', 'Phase', 'Statut', 'Motif du blocage', 'Prochaine échéance', 'Délai', 'En retard', 'Démarré le', 'Adresse'];

/** One row per project shown, in the table's order, as people read them. */
export function csvRows(projects: ProjectItem[], templateName: (key: string) => string, now: Date, origin: string): string[][] {
  return projects.map((p) => [
    p.title,
    templateName(p.definition_key),
    text(p.academie),
    text(p.phase_label ?? p.phase),
    statusLabel(p.status),
    text(p.blocked_reason),
    p.next_due_at ? formatDate(p.next_due_at) : '',
    p.next_due_at ? formatDue(now, p.next_due_at) : '',
    p.overdue ? 'oui' : 'non',
    formatDate(p.started_at),
    `${origin}/projects/${p.id}`,
  ]);
}

/** "portefeuille-2027-03-12.csv", the day in Paris. */
export function csvFileName(now: Date): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return `portefeuille-${day}.csv`;
}
