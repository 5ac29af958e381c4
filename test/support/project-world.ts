// The setting of the project, task, dashboard and calendar API tests: the integration stack
// (PostgreSQL, Temporal dev server, worker) with the app wired to it, and a small world of
// one federation, two associations in two académies, a reviewer per académie and a company,
// each user calling with an API token. `reviewDefinition` is the small process most tests
// run: the association files, the académie reviews (approve or ask for changes, looping).
import { randomUUID } from 'node:crypto';
import { beforeAll } from 'vitest';
import { createApp } from '../../api/app';
import type { Definition } from '../../dsl/schema';
import { TASK_QUEUE } from '../../temporal.config';
import { caller, createOrganization, createUser, withToken, type Caller, type TestApi } from './api';
import { useIntegration, type IntegrationContext } from './integration';
import { publish } from '../../scripts/drive-projects';

export const reviewDefinition: Definition = {
  format: 'passerelle.process/1',
  key: 'revue-dossier',
  name: 'Revue d’un dossier par l’académie',
  roles: [
    { key: 'association', label: 'Association porteuse' },
    { key: 'academie', label: 'Rectorat' },
    { key: 'entreprise', label: 'Entreprise partenaire' },
  ],
  phases: [
    { key: 'depot', label: 'Dépôt du dossier' },
    { key: 'revue', label: 'Revue académique' },
  ],
  variables: [
    { name: 'nomProjet', type: 'string', label: 'Nom du projet', required: true },
    { name: 'nbJeunes', type: 'integer', label: 'Nombre de jeunes' },
    { name: 'avis', type: 'text', label: 'Avis du rectorat' },
    { name: 'filiere', type: 'enum', label: 'Filière', options: ['metallerie', 'menuiserie'] },
  ],
  nodes: [
    { id: 'start', type: 'start' },
    {
      id: 'depot', type: 'task', label: 'Déposer le dossier', phase: 'depot', assignee: 'association', due: 'P10D',
      form: [{ var: 'nbJeunes', required: true }, { var: 'filiere' }],
    },
    {
      id: 'revue', type: 'task', label: 'Examiner le dossier', phase: 'revue', assignee: 'academie', due: 'P5D',
      outcomes: ['approved', 'changes_requested'], form: [{ var: 'avis', required: true, label: 'Votre avis' }],
    },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'depot' },
    { id: 'e2', from: 'depot', to: 'revue' },
    { id: 'e3', from: 'revue', to: 'end', outcome: 'approved' },
    { id: 'e4', from: 'revue', to: 'depot', outcome: 'changes_requested' },
  ],
};

export const ACTORS = ['anonymous', 'admin', 'member', 'otherMember', 'reviewer', 'otherReviewer', 'company'] as const;
export type Actor = (typeof ACTORS)[number];

export interface ProjectWorld {
  ctx: IntegrationContext;
  api: TestApi;
  orgs: { federation: string; lyon: string; lille: string; academieLyon: string; academieLille: string; company: string };
  /** One caller per actor; `member2` is a second member of the Lyon association. */
  as: Record<Actor | 'member2', Caller>;
  userIds: Record<Exclude<Actor, 'anonymous'> | 'member2', string>;
  /** Starts a review project (Lyon association, Lyon académie, the company) as the admin. */
  startReview(title?: string): Promise<{ id: string; body: any }>;
}

export function useProjectWorld(): ProjectWorld {
  const ctx = useIntegration();
  const world = { ctx } as ProjectWorld;
  beforeAll(async () => {
    const db = ctx.db;
    const app = createApp({ db, temporal: { client: ctx.temporal.client, taskQueue: TASK_QUEUE }, publicUrl: 'http://passerelle.test' });
    const api: TestApi = { ...ctx.database, app, clock: { now: new Date() }, waits: [] };
    const tag = randomUUID().slice(0, 6);
    const org = (name: string, kind: 'federation' | 'association' | 'academie' | 'company', academie: string | null) =>
      createOrganization(db, { name: `${name} ${tag}`, kind, academie });
    const orgs = {
      federation: await org('Fédération', 'federation', null),
      lyon: await org('Association Lyon', 'association', 'Lyon'),
      lille: await org('Association Lille', 'association', 'Lille'),
      academieLyon: await org('Rectorat Lyon', 'academie', 'Lyon'),
      academieLille: await org('Rectorat Lille', 'academie', 'Lille'),
      company: await org('Entreprise', 'company', null),
    };
    const users = {
      admin: await createUser(db, { isAdmin: true, organizationIds: [orgs.federation] }),
      member: await createUser(db, { organizationIds: [orgs.lyon] }),
      member2: await createUser(db, { organizationIds: [orgs.lyon] }),
      otherMember: await createUser(db, { organizationIds: [orgs.lille] }),
      reviewer: await createUser(db, { organizationIds: [orgs.academieLyon] }),
      otherReviewer: await createUser(db, { organizationIds: [orgs.academieLille] }),
      company: await createUser(db, { organizationIds: [orgs.company] }),
    };
    const as = { anonymous: caller(api, {}) } as ProjectWorld['as'];
    for (const [name, user] of Object.entries(users)) as[name as keyof typeof users] = await withToken(api, user);
    await publish(db, reviewDefinition);
    Object.assign(world, {
      api,
      orgs,
      as,
      userIds: Object.fromEntries(Object.entries(users).map(([k, u]) => [k, u.id])),
      async startReview(title = 'Dossier de Lyon') {
        const response = await as.admin.json('POST', '/api/projects', {
          definition_key: reviewDefinition.key,
          title,
          bindings: { association: [orgs.lyon], academie: [orgs.academieLyon], entreprise: [orgs.company] },
          input: { nomProjet: title },
        });
        if (response.status !== 201) throw new Error(`start failed: ${response.status} ${JSON.stringify(response.body)}`);
        return { id: response.body.id as string, body: response.body };
      },
    });
  });
  return world;
}
