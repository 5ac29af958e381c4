// The decision trail in the browser: the project page's "Historique des décisions" tab and
// the administration's "Audit" tab show who decided what, and export it as CSV; a person
// downloads what Passerelle holds about them.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../stack/demo/directory';
import { useWebWorld } from './support/web-world';

const TIMEOUT = 120_000;

describe('the decision trail', () => {
  const world = useWebWorld();

  it('shows a project’s decisions on its page and exports them', async () => {
    const db = world.ctx.db;
    const page = await world.signIn('federation');
    // A real decision through the API, as the signed-in browser: the federation abandons a project.
    const project = await db.selectFrom('projects').select(['id', 'title']).where('status', '=', 'running').where('parent_project_id', 'is', null).orderBy('title').executeTakeFirstOrThrow();
    const { csrf_token } = await (await page.request.get('/api/me')).json();
    const cancelled = await page.request.post(`/api/projects/${project.id}/cancel`, {
      data: { reason: 'Porteur retiré du projet' }, headers: { 'x-csrf-token': csrf_token },
    });
    expect(cancelled.status()).toBe(200);

    await page.goto(`/projects/${project.id}`);
    await page.getByRole('tab', { name: 'Historique des décisions' }).click();
    const row = page.getByTestId('audit-table').locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('Projet abandonné');
    expect(await row.textContent()).toContain(DEMO_USERS.federation.name);
    expect(await row.textContent()).toContain('Porteur retiré du projet');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter en CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('project.cancelled');
  }, TIMEOUT);

  it('lists every decision in the administration’s Audit tab, filtered by type', async () => {
    const page = await world.signIn('federation');
    const { csrf_token } = await (await page.request.get('/api/me')).json();
    const created = await page.request.post('/api/organizations', {
      data: { name: 'Lycée des métiers du Rhône', kind: 'company' }, headers: { 'x-csrf-token': csrf_token },
    });
    expect(created.status()).toBe(201);

    await page.goto('/administration?onglet=audit');
    await page.getByRole('combobox', { name: 'Type de décision' }).click();
    await page.getByRole('option', { name: 'Organisation créée', exact: true }).click();
    const rows = page.getByTestId('audit-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Lycée des métiers du Rhône');
    expect(await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')).toBe('/api/audit?format=csv&type=organization.created');
  }, TIMEOUT);

  it('lets a person download their data from the calendar page', async () => {
    const page = await world.signIn('academieLyon', 'laptop', '/calendrier');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger mes données' }).click()]);
    const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(data.account.email).toBe(DEMO_USERS.academieLyon.email);
  }, TIMEOUT);
});
