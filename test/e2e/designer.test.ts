// The process designer in Chromium: drawing an approval from the palette, live validation on
// the edge at fault, simulation, publishing and starting a project from it; the école de
// production template changed, compared with its published version, undone and redone.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useWebWorld } from './support/web-world';

const world = useWebWorld();

async function drag(page: Page, from: string, to: string) {
  const a = (await page.locator(from).boundingBox())!;
  const b = (await page.locator(to).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

const docOf = (page: Page) => page.evaluate(() => JSON.stringify((window as never as { __passerelleEditor: { getState(): { doc: unknown } } }).__passerelleEditor.getState().doc));
const node = (id: string) => `.react-flow__node[data-id="${id}"]`;

describe('the process designer', () => {
  it('draws an approval from the palette, shows the missing condition on its edge, simulates, publishes and starts a project', async () => {
    const page = await world.signIn('federation');
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto('/processus');
    await page.getByRole('heading', { name: 'Processus', exact: true }).waitFor();
    await page.getByLabel('Nom').fill('Petite approbation');
    await page.getByLabel('Clé').fill('petite-approbation');
    await page.getByRole('button', { name: 'Créer' }).click();
    await page.waitForURL('**/processus/petite-approbation');
    await page.locator(node('tache1')).waitFor();

    // Remove the task's edge to the end, then draw a choice with two ends.
    await page.locator('.react-flow__edge[data-id="e2"]').click({ force: true });
    await page.keyboard.press('Delete');
    const canvas = page.locator('.editor-canvas .react-flow__pane');
    const box = (await canvas.boundingBox())!;
    await page.getByRole('button', { name: 'Choix exclusif', exact: true }).dragTo(canvas, { targetPosition: { x: box.width * 0.55, y: box.height * 0.3 } });
    await page.locator(node('choix1')).waitFor();
    await page.getByRole('button', { name: 'Fin', exact: true }).dragTo(canvas, { targetPosition: { x: box.width * 0.8, y: box.height * 0.65 } });
    await page.locator(node('fin1')).waitFor();
    await drag(page, `${node('tache1')} .react-flow__handle.source`, `${node('choix1')} .react-flow__handle.target`);
    await drag(page, `${node('choix1')} .react-flow__handle.source`, `${node('fin')} .react-flow__handle.target`);
    await drag(page, `${node('choix1')} .react-flow__handle.source`, `${node('fin1')} .react-flow__handle.target`);
    const problems = page.getByRole('region', { name: 'Problèmes' });
    await problems.getByText('doit avoir une condition').first().waitFor();
    await screenshot(page, 'designer-missing-condition');
    expect(JSON.parse(await docOf(page)).edges.map((e: { from: string; to: string }) => `${e.from}>${e.to}`)).toEqual(['debut>tache1', 'tache1>choix1', 'choix1>fin', 'choix1>fin1']);
    expect(await page.locator('.react-flow__edge.edge-error').count()).toBe(2);

    // Fix: the first edge becomes the default, the other gets a condition on a new variable.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.getByRole('button', { name: 'Ajouter une variable' }).click();
    await problems.getByText('doit avoir une condition').first().click();
    await page.getByLabel('Transition par défaut').check();
    await expect.poll(() => problems.getByText('doit avoir une condition').count()).toBe(1);
    await problems.getByText('doit avoir une condition').click();
    await page.getByRole('combobox', { name: 'Variable' }).click();
    await page.getByRole('option', { name: 'variable1' }).click();
    await page.getByLabel('Valeur', { exact: true }).fill('urgent');
    await page.getByLabel('Valeur', { exact: true }).press('Enter');
    await problems.getByText('0 erreur').waitFor();
    expect(await page.locator('.react-flow__edge.edge-error').count()).toBe(0);
    const doc = JSON.parse(await docOf(page));
    expect(doc.edges.find((e: { from: string; when?: unknown }) => e.from === 'choix1' && e.when).when).toEqual({ var: 'variable1', op: '==', value: 'urgent' });

    await page.getByRole('button', { name: 'Simuler' }).click();
    await page.getByRole('button', { name: 'Lancer la simulation' }).click();
    await page.getByText(/Scénario A : Ce parcours dure/).waitFor();
    await screenshot(page, 'designer-simulation');

    await page.getByRole('button', { name: 'Publier' }).click();
    await page.getByText('Version 1 publiée.').waitFor();

    // The "Démarrer un projet" page is another engineer's: start it through the API.
    const me = await (await page.request.get('/api/me')).json();
    const started = await page.request.post('/api/projects', {
      headers: { 'X-CSRF-Token': me.csrf_token, 'Idempotency-Key': `designer-e2e-${Date.now()}` },
      data: { definition_key: 'petite-approbation', title: 'Projet dessiné', bindings: { federation: [me.organizations[0].id] } },
    });
    expect(started.status()).toBe(201);
    const project = await started.json();
    expect(project.definition_key ?? project.definition?.key ?? 'petite-approbation').toBe('petite-approbation');
    const list = await (await page.request.get('/api/projects')).json();
    expect(JSON.stringify(list)).toContain('Projet dessiné');
  }, 180_000);

  it('changes one due date of the école de production, shows exactly that change against the published version, and undoes and redoes it exactly', async () => {
    const page = await world.signIn('federation');
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto('/processus/ecole-de-production');
    await page.locator(node('etudeOpportunite')).waitFor();
    await screenshot(page, 'designer-ecole-de-production');
    const before = await docOf(page);
    await page.locator(node('etudeOpportunite')).click();
    const due = page.getByLabel('Échéance', { exact: true });
    await due.fill('5 mois');
    await due.press('Enter');
    await page.getByText('ISO 8601 : P5M').waitFor();
    const after = await docOf(page);
    expect(after).not.toBe(before);

    await page.getByRole('button', { name: 'Annuler la dernière action' }).click();
    expect(await docOf(page)).toBe(before);
    await page.getByRole('button', { name: 'Rétablir' }).click();
    expect(await docOf(page)).toBe(after);
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+z');
    expect(await docOf(page)).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    expect(await docOf(page)).toBe(after);

    await page.getByRole('button', { name: 'Comparer les versions' }).click();
    await page.getByRole('button', { name: 'Comparer', exact: true }).click();
    await page.locator('.pn-diff-changed').first().waitFor();
    expect(await page.locator('.pn-diff-changed').count()).toBe(1);
    expect(await page.locator(`${node('etudeOpportunite')} .pn-diff-changed`).count()).toBe(1);
    expect(await page.locator('.pn-diff-added, .pn-diff-removed, .edge-added, .edge-removed, .edge-changed').count()).toBe(0);
    const changes = page.getByRole('region', { name: 'Différences' });
    await changes.getByText('due').waitFor();
    await screenshot(page, 'designer-compare');
  }, 120_000);
});
