// The demonstration world (`npm run seed:demo`, and the embedded start on an empty
// database): the demo directory, the shipped templates published, and four projects at
// different phases, driven through the same door as the API (project-runner), so their
// history is real. Idempotent: projects have fixed ids and one that exists is left as is.
// Needs a Temporal client and a worker polling `taskQueue` with activities on this `db`.
import type { Client } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { completeTask, startProject } from '../../api/project-runner';
import { DEMO_USERS, seedDirectory, type DemoDirectory, type DemoOrganization, type DemoUser } from './directory';
import { publishTemplates } from './templates';

export interface SeedDeps {
  db: Db;
  client: Client;
  taskQueue: string;
  /** How long to wait for a workflow to open a task (default 30 s). */
  stepTimeoutMs?: number;
  log?: (line: string) => void;
}

interface DemoStep {
  node: string;
  /** A demo account, or an organization without one (it acts with the roles bound to it). */
  by: DemoUser | { organization: DemoOrganization };
  outcome?: string;
  values?: Record<string, string | number | boolean>;
  comment?: string;
}

interface DemoProject {
  id: string;
  title: string;
  definition: string;
  bindings: Record<string, DemoOrganization[]>;
  input: Record<string, string | number | boolean>;
  steps: DemoStep[];
}

// The `ecole` role (collèges and youth partners) is held by the association, which brings
// them in; the AMI subprocess's roles are bound here too, since a child runs with the
// parent's bindings.
const ecoleBindings = (association: DemoOrganization, academie: DemoOrganization): DemoProject['bindings'] => ({
  association: [association],
  federation: ['federation'],
  academie: [academie],
  entreprise: ['entreprise'],
  ecole: [association],
  candidat: [association],
  instructeur: ['federation'],
  comite: ['federation'],
});

const cleeBindings = (academie: DemoOrganization, lycee: DemoOrganization): DemoProject['bindings'] => ({
  academie: [academie],
  chef_etablissement: [lycee],
  ecole: [lycee],
  partenaire: ['entreprise'],
  entreprise: ['entreprise'],
});

export const DEMO_PROJECTS: DemoProject[] = [
  {
    id: 'de000000-0000-4000-8000-000000000001',
    title: 'École de production de Lyon — métallerie',
    definition: 'ecole-de-production',
    bindings: ecoleBindings('associationLyon', 'academieLyon'),
    input: { nomProjet: 'École de production de Lyon', ville: 'Vénissieux', academie: 'Lyon' },
    steps: [
      { node: 'collectif', by: 'associationLyon', values: { nomProjet: 'École de production de Lyon', ville: 'Vénissieux', academie: 'Lyon', nomResponsable: 'Julien Bernard', emailContact: 'association.lyon@passerelle.demo' } },
      { node: 'etudeOpportunite', by: 'associationLyon', values: { metier: 'Métallerie', besoinsEntreprises: 'Soudeurs et chaudronniers recherchés par douze entreprises du bassin.', nbJeunes: 12 } },
      { node: 'validerOpportunite', by: 'federation', outcome: 'approved', values: { avisFederation: 'Besoin avéré, partenaires engagés : feu vert pour la faisabilité.' } },
    ],
  },
  {
    id: 'de000000-0000-4000-8000-000000000002',
    title: 'École de production de Lille — menuiserie',
    definition: 'ecole-de-production',
    bindings: ecoleBindings('associationLille', 'academieLille'),
    input: { nomProjet: 'École de production de Lille', ville: 'Roubaix', academie: 'Lille' },
    steps: [
      { node: 'collectif', by: 'associationLille', values: { nomProjet: 'École de production de Lille', ville: 'Roubaix', academie: 'Lille', nomResponsable: 'Sophie Lefebvre', emailContact: 'association.lille@passerelle.demo' } },
      { node: 'etudeOpportunite', by: 'associationLille', values: { metier: 'Menuiserie', besoinsEntreprises: 'Menuisiers poseurs.', nbJeunes: 10 } },
      { node: 'validerOpportunite', by: 'federation', outcome: 'changes_requested', values: { avisFederation: 'Précisez les besoins des entreprises (nombre de postes, métiers).' }, comment: 'Étude trop succincte.' },
    ],
  },
  {
    id: 'de000000-0000-4000-8000-000000000003',
    title: 'CLEE du bassin lyonnais 2026-2027',
    definition: 'clee-plan-annuel',
    bindings: cleeBindings('academieLyon', 'lyceeLyon'),
    input: { nomComite: 'CLEE du bassin lyonnais', anneeScolaire: '2026-2027' },
    steps: [
      { node: 'installer', by: 'academieLyon', values: { nomComite: 'CLEE du bassin lyonnais', territoire: 'Lyon et Villeurbanne', anneeScolaire: '2026-2027', nomChefEtablissement: 'Proviseure du lycée des Canuts', nomPartenaire: 'Métallerie Rhône-Alpes' } },
      { node: 'diagnosticEcoles', by: { organization: 'lyceeLyon' }, values: { diagnostic: 'Peu de stages en industrie pour les élèves de seconde professionnelle.' } },
      { node: 'besoinsEntreprises', by: 'entreprise', values: { besoinsEntreprises: 'Soudeurs, tourneurs, techniciens de maintenance.' } },
      { node: 'redigerPlan', by: { organization: 'lyceeLyon' }, values: { planActions: 'Visites d’entreprises, immersions d’enseignants, préparation aux entretiens.', dateComiteBilan: '2027-06-15' } },
    ],
  },
  {
    id: 'de000000-0000-4000-8000-000000000004',
    title: 'CLEE de la métropole lilloise 2026-2027',
    definition: 'clee-plan-annuel',
    bindings: cleeBindings('academieLille', 'lyceeLille'),
    input: { nomComite: 'CLEE de la métropole lilloise', anneeScolaire: '2026-2027' },
    steps: [],
  },
];

/** True when nobody has an account yet: the embedded start seeds only then. */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

// The seed is done when every project stands where it should, its first step included.
async function firstStepWritten(db: Db, projectId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db.selectFrom('projects').select('last_seq').where('id', '=', projectId).executeTakeFirst();
    if (row && row.last_seq >= 1) return;
    if (Date.now() > deadline) throw new Error(`demo project ${projectId} did not start (is a worker running?)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openTaskAt(db: Db, projectId: string, node: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await db
      .selectFrom('tasks')
      .select('task_id')
      .where('project_id', '=', projectId)
      .where('node', '=', node)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (task) return task.task_id;
    if (Date.now() > deadline) throw new Error(`demo project ${projectId}: task ${node} did not open (is a worker running?)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The process roles bound to some organizations in a project, as the API works them out. */
async function rolesOfOrganizations(db: Db, organizationIds: string[], projectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('project_participants')
    .select('role')
    .distinct()
    .where('project_id', '=', projectId)
    .where('organization_id', 'in', organizationIds)
    .execute();
  return rows.map((r) => r.role);
}

function actorOf(directory: DemoDirectory, by: DemoStep['by']): { userId?: string; organizationIds: string[] } {
  if (typeof by === 'object') return { organizationIds: [directory.organizations[by.organization]] };
  return { userId: directory.users[by], organizationIds: [directory.organizations[DEMO_USERS[by].organization]] };
}

async function seedProject(deps: SeedDeps, directory: DemoDirectory, versions: Map<string, number>, project: DemoProject) {
  const { db } = deps;
  const exists = await db.selectFrom('projects').select('id').where('id', '=', project.id).executeTakeFirst();
  if (exists) return false;
  const version = versions.get(project.definition);
  const snapshot = await db
    .selectFrom('definition_versions')
    .select(['key', 'version', 'document'])
    .where('key', '=', project.definition)
    .where('version', '=', version ?? 0)
    .executeTakeFirstOrThrow();
  const bindings = Object.fromEntries(Object.entries(project.bindings).map(([role, orgs]) => [role, orgs.map((o) => directory.organizations[o])]));
  const started = await startProject(deps, {
    projectId: project.id,
    title: project.title,
    definition: snapshot,
    input: project.input,
    bindings,
    createdBy: directory.users.federation,
  });
  if (!started.ok) throw new Error(`demo project ${project.title}: ${started.refusal.message}`);
  await firstStepWritten(db, project.id, deps.stepTimeoutMs ?? 30_000);
  for (const step of project.steps) {
    const taskId = await openTaskAt(db, project.id, step.node, deps.stepTimeoutMs ?? 30_000);
    const { userId, organizationIds } = actorOf(directory, step.by);
    const roles = await rolesOfOrganizations(db, organizationIds, project.id);
    const result = await completeTask(deps, project.id, {
      task: taskId,
      outcome: step.outcome ?? 'done',
      values: step.values ?? {},
      ...(step.comment ? { comment: step.comment } : {}),
      actor: { ...(userId ? { userId } : {}), roles },
    });
    if (!result.ok) throw new Error(`demo project ${project.title}, ${taskId}: ${result.refusal.message}`);
  }
  return true;
}

export interface SeedReport {
  organizations: number;
  users: number;
  definitions: number;
  projectsStarted: number;
}

export async function seedDemoWorld(deps: SeedDeps): Promise<SeedReport> {
  const log = deps.log ?? (() => undefined);
  const directory = await seedDirectory(deps.db);
  log(`annuaire : ${Object.keys(directory.organizations).length} organisations, ${Object.keys(directory.users).length} comptes de démonstration`);
  const versions = await publishTemplates(deps.db, directory.users.federation, new Date());
  log(`modèles publiés : ${[...versions].map(([k, v]) => `${k} v${v}`).join(', ')}`);
  let projectsStarted = 0;
  for (const project of DEMO_PROJECTS) {
    if (await seedProject(deps, directory, versions, project)) {
      projectsStarted += 1;
      log(`projet démarré : ${project.title}`);
    }
  }
  return {
    organizations: Object.keys(directory.organizations).length,
    users: Object.keys(directory.users).length,
    definitions: versions.size,
    projectsStarted,
  };
}
