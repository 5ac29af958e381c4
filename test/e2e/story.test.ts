// The people's story, through the pages only, in Chromium against the real stack: the Lyon
// association files its part (one field wrong first, the error shown on that field), the
// académie of Lyon approves, the federation sees the project move on, and the Lille
// association cannot open the Lyon task by its address. Screenshots of each page at laptop
// and phone sizes land in test-results/screenshots/, and axe finds no serious violation.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startProject } from '../../api/project-runner';
import { DEMO_ORGANIZATIONS } from '../../stack/demo/directory';
import type { Definition } from '../../dsl/schema';
import { loopWithoutWait } from '../dsl/issue-12-documents';
import { reviewDefinition } from '../support/project-world';
import { publish } from '../../scripts/drive-projects';
import { screenshot, useWebWorld } from './support/web-world';

// The académie's review of a Lyon file, then the federation's follow-up in a third phase.
const storyDefinition: Definition = {
  ...reviewDefinition,
  key: 'revue-dossier-lyon',
  roles: [...reviewDefinition.roles, { key: 'federation', label: 'Fédération' }],
  phases: [...reviewDefinition.phases!, { key: 'suivi', label: 'Accompagnement' }],
  variables: [...reviewDefinition.variables!, { name: 'emailContact', type: 'email', label: 'E-mail du contact' }],
  nodes: [
    ...reviewDefinition.nodes.filter((n) => n.id !== 'depot' && n.id !== 'end'),
    {
      id: 'depot', type: 'task', label: 'Déposer le dossier', phase: 'depot', assignee: 'association', due: 'P10D',
      instructions: 'Déposez le dossier du projet : **nombre de jeunes** accueillis et contact.',
      form: [{ var: 'nbJeunes', required: true }, { var: 'emailContact', required: true }, { var: 'filiere' }],
    },
    { id: 'suivi', type: 'task', label: 'Lancer l’accompagnement', phase: 'suivi', assignee: 'federation', due: 'P30D' },
    { id: 'end', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'depot' },
    { id: 'e2', from: 'depot', to: 'revue' },
    { id: 'e3', from: 'revue', to: 'suivi', outcome: 'approved' },
    { id: 'e4', from: 'revue', to: 'depot', outcome: 'changes_requested' },
    { id: 'e5', from: 'suivi', to: 'end' },
  ],
};

const TITLE = 'Dossier de l’école de production de Lyon — chaudronnerie';
const BLOCKED_TITLE = 'Relances du comité de Lille';

async function expectNoSeriousAxeViolation(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('the story of a Lyon file, in the browser', () => {
  const world = useWebWorld();
  let projectId = '';
  let blockedId = '';

  beforeAll(async () => {
    const db = world.ctx.db;
    const orgId = async (name: string) => (await db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const definition = await publish(db, storyDefinition);
    const started = await startProject(world.ctx.deps, {
      title: TITLE,
      definition,
      input: { nomProjet: TITLE },
      bindings: {
        association: [await orgId(DEMO_ORGANIZATIONS.associationLyon.name)],
        academie: [await orgId(DEMO_ORGANIZATIONS.academieLyon.name)],
        federation: [await orgId(DEMO_ORGANIZATIONS.federation.name)],
      },
    });
    if (!started.ok) throw new Error(started.refusal.message);
    projectId = started.projectId;
    // A project whose definition loops without waiting (issue 12): blocked, not failing.
    const loop = await publish(db, { ...loopWithoutWait(), key: 'boucle-sans-attente', name: 'Relances en boucle' });
    const blocked = await startProject(world.ctx.deps, {
      title: BLOCKED_TITLE, definition: loop, input: { k: true }, bindings: { r: [await orgId(DEMO_ORGANIZATIONS.federation.name)] },
    });
    if (!blocked.ok) throw new Error(blocked.refusal.message);
    blockedId = blocked.projectId;
  });

  it('lets the Lyon association file its part, refusing a wrong value on its field', async () => {
    const page = await world.signIn('associationLyon');
    await expect.poll(() => page.getByRole('link', { name: 'Déposer le dossier' }).count(), { timeout: 20_000 }).toBe(1);
    await expectNoSeriousAxeViolation(page);
    await screenshot(page, 'inbox-laptop');
    await page.getByRole('link', { name: 'Déposer le dossier' }).click();

    await page.getByRole('heading', { name: 'Déposer le dossier' }).waitFor();
    await page.getByLabel('Nombre de jeunes').fill('12');
    await page.getByLabel('E-mail du contact').fill('contact-chez-lyon');
    await page.getByRole('button', { name: 'Terminer' }).click();
    const emailField = page.getByLabel('E-mail du contact');
    await expect.poll(() => emailField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await emailField.getAttribute('aria-describedby')) ?? '';
    const fieldError = page.locator(`[id="${describedBy.split(' ').find((id) => id.includes('error'))}"]`);
    expect(await fieldError.textContent()).toContain('adresse e-mail');
    expect(await page.getByLabel('Nombre de jeunes').getAttribute('aria-invalid')).not.toBe('true');
    await expectNoSeriousAxeViolation(page);
    await screenshot(page, 'task-error-laptop');

    await emailField.fill('contact@ecole-lyon.fr');
    await page.getByLabel('Commentaire').fill('Dossier complet, pièces jointes envoyées par courrier.');
    await page.getByRole('button', { name: 'Terminer' }).click();
    await page.getByText(/a choisi/).waitFor();
    expect(await page.getByText(/Julien Bernard a choisi/).count()).toBe(1);
    await screenshot(page, 'task-done-laptop');
  });

  it('lets the académie of Lyon approve, from the link an e-mail would send', async () => {
    const taskUrl = `/projects/${projectId}/tasks/revue:1`;
    // The workflow records the step a moment after the completion: wait for the task row.
    await expect.poll(async () => (await world.ctx.db.selectFrom('tasks').select('status').where('project_id', '=', projectId).where('task_id', '=', 'revue:1').executeTakeFirst())?.status, { timeout: 20_000 }).toBe('open');
    const page = await world.newPage('phone');
    await page.goto(taskUrl);
    await page.waitForURL(/\/connexion\?suite=/);
    await page.getByLabel('Adresse e-mail').fill('academie.lyon@passerelle.demo');
    await page.getByLabel('Mot de passe').fill('passerelle-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Examiner le dossier' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(taskUrl);
    await page.getByLabel('Votre avis').fill('Dossier solide ; avis favorable.');
    await screenshot(page, 'task-phone');
    await page.getByRole('button', { name: 'Approuver' }).click();
    await page.getByText(/Nadia Rousseau a choisi/).waitFor();
    expect(await page.getByText('Approuver', { exact: true }).count()).toBeGreaterThan(0);
  });

  it('shows the federation the project in its new phase in the portfolio, and exports it', async () => {
    const page = await world.signIn('federation');
    await page.getByRole('link', { name: 'Portefeuille' }).first().click();
    await page.getByRole('heading', { name: 'Portefeuille', level: 1 }).waitFor();
    const column = page.getByRole('region', { name: `${storyDefinition.name} : Accompagnement`, exact: true });
    await expect.poll(() => column.getByRole('link', { name: TITLE }).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByRole('region', { name: `${storyDefinition.name} : Dépôt du dossier`, exact: true }).getByRole('link', { name: TITLE }).count()).toBe(0);
    await expectNoSeriousAxeViolation(page);
    await screenshot(page, 'portfolio-laptop');

    await page.getByRole('tab', { name: 'Liste' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const line = csv.split('\r\n').find((l) => l.startsWith(TITLE));
    expect(line?.split(';').slice(0, 4)).toEqual([TITLE, storyDefinition.name, 'Lyon', 'Accompagnement']);

    await page.goto(`/projects/${projectId}`);
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await page.getByText('Nouvelle phase : Accompagnement').waitFor();
    await page.getByRole('figure', { name: /Diagramme du processus/ }).waitFor();
    await expectNoSeriousAxeViolation(page);
    await screenshot(page, 'project-laptop');

    // The blocked project stands out in the portfolio and says why on its page.
    await page.goto('/portefeuille?status=blocked');
    await page.getByRole('tab', { name: 'Liste' }).click();
    await expect.poll(() => page.getByRole('link', { name: BLOCKED_TITLE }).count(), { timeout: 20_000 }).toBe(1);
    const row = page.getByRole('row').filter({ hasText: BLOCKED_TITLE });
    expect(await row.textContent()).toContain('Bloqué');
    await page.getByRole('link', { name: BLOCKED_TITLE }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Projet bloqué' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/minuteur/i);
    await screenshot(page, 'project-blocked-laptop');
  });

  it('shows the Lille association an "introuvable" page for the Lyon task', async () => {
    const page = await world.signIn('associationLille');
    await page.goto(`/projects/${projectId}/tasks/depot:1`);
    await page.getByRole('heading', { name: /introuvable/i }).waitFor();
    expect(await page.getByText(/Déposer le dossier/).count()).toBe(0);
    await page.goto(`/projects/${projectId}`);
    await page.getByRole('heading', { name: /introuvable/i }).waitFor();
    await screenshot(page, 'not-found-laptop');
  });

  it('photographs the sign-in, inbox, task and project pages at laptop and phone sizes', async () => {
    for (const viewport of ['laptop', 'phone'] as const) {
      const visitor = await world.newPage(viewport);
      await visitor.goto('/connexion');
      await visitor.getByRole('button', { name: 'Se connecter' }).waitFor();
      await visitor.getByText('Comptes de démonstration', { exact: false }).waitFor();
      await screenshot(visitor, `sign-in-${viewport}`);

      const page = await world.signIn('federation', viewport);
      await page.getByRole('heading', { name: 'Mes tâches' }).waitFor();
      await page.getByRole('link', { name: 'Lancer l’accompagnement' }).first().waitFor();
      await screenshot(page, `inbox-${viewport}`);
      await page.goto(`/projects/${projectId}/tasks/suivi:1`);
      await page.getByRole('button', { name: 'Terminer' }).waitFor();
      await screenshot(page, `task-${viewport}`);
      await page.goto(`/projects/${projectId}`);
      await page.getByRole('figure', { name: /Diagramme du processus/ }).waitFor();
      await screenshot(page, `project-${viewport}`);
      // Nothing may widen the page past the phone's screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.goto('/projects/00000000-0000-4000-8000-000000000000');
      await page.getByRole('heading', { name: /introuvable/i }).waitFor();
      await screenshot(page, `not-found-${viewport}`);
    }
  });
});
