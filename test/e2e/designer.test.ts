// The process designer in Chromium: drawing an approval from the palette, live validation on
// the edge at fault, simulation, publishing and starting a project from it; the école de
// production template changed, compared with its published version (removed steps as
// ghosts), undone and redone; shown at 1280×800 and on a phone; exported and imported.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { validate } from '../../dsl/validate';
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

/** The école de production template in the editor, as the federation, once its steps are drawn. */
async function openEcole(viewport: 'laptop' | 'phone' = 'laptop'): Promise<Page> {
  const page = await world.signIn('federation', viewport);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto('/processus/ecole-de-production');
  await page.locator(node('etudeOpportunite')).waitFor();
  return page;
}

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
    await expect.poll(() => page.locator('.react-flow__edge.edge-error').count()).toBe(2);

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
    const page = await openEcole();
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

    // Removed elements show on the canvas as ghosts at their old places, not only in the list.
    const removed = JSON.parse(before).nodes.find((n: { id: string }) => n.id === 'etudeOpportunite');
    const removedEdges = JSON.parse(before).edges.filter((e: { from: string; to: string }) => e.from === 'etudeOpportunite' || e.to === 'etudeOpportunite');
    await page.locator(node('etudeOpportunite')).click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator(node('etudeOpportunite')).count()).toBe(0);
    await page.getByRole('button', { name: 'Comparer', exact: true }).click();
    const ghost = page.locator(node('ghost:etudeOpportunite'));
    await ghost.waitFor();
    expect(await ghost.locator('.pn-ghost').count()).toBe(1);
    expect(await ghost.getByText('supprimé', { exact: true }).count()).toBe(1);
    expect(await page.locator('.react-flow__edge.edge-removed').count()).toBe(removedEdges.length);
    expect(await page.locator('.edge-label', { hasText: 'supprimé' }).count()).toBe(removedEdges.length);
    expect(await ghost.getAttribute('style')).toContain(`translate(${removed.position.x}px, ${removed.position.y}px)`);
    await screenshot(page, 'designer-compare-ghosts');
  }, 120_000);

  it('shows the école de production legibly at 1280×800 and on a phone: French captions, the loop apart, the phases’ legend, the whole toolbar', async () => {
    const page = await openEcole();
    await page.locator('.edge-label').first().waitFor();
    await screenshot(page, 'designer-ecole-1280');

    // One line of commands, even with the « non enregistré » badge.
    const toolbarFits = async () => {
      for (const name of ['Annuler la dernière action', 'Rétablir', 'Disposition automatique', 'Valider', 'Simuler', 'Comparer les versions', 'Fichier', 'Enregistrer', 'Publier']) {
        const box = (await page.getByRole('button', { name, exact: true }).boundingBox())!;
        expect(box.x + box.width, name).toBeLessThanOrEqual(1280);
        expect(box.y + box.height, name).toBeLessThan(100);
      }
    };
    await toolbarFits();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

    // The template names its outcome edges itself; without those names, the outcomes show in French.
    await page.evaluate(() => {
      const s = (window as never as { __passerelleEditor: { getState(): { doc: { edges: { outcome?: string; label?: string }[] }; commit(d: unknown): void } } }).__passerelleEditor.getState();
      s.commit({ ...s.doc, edges: s.doc.edges.map(({ label, ...e }) => (e.outcome ? e : { ...e, label })) });
    });
    await page.locator('.edge-label', { hasText: 'Demander des modifications' }).first().waitFor();
    await page.getByText('non enregistré').waitFor();
    await toolbarFits();
    const labels = await page.locator('.edge-label').allTextContents();
    expect(labels).toContain('Refuser');
    expect(labels).toContain('Approuver');
    expect(labels.filter((l) => /^(approved|changes_requested|rejected|done)$/.test(l))).toEqual([]);
    // Loops back to an earlier task are arcs, and edges back to a stacked task keep their own
    // spot: no caption of an edge going backwards overlaps another caption.
    const boxes = await page.locator('.edge-label').evaluateAll((els) => els.map((el) => ({ loop: el.classList.contains('edge-label-loop'), back: el.classList.contains('edge-label-back'), text: el.textContent, ...el.getBoundingClientRect().toJSON() as DOMRect })));
    expect(boxes.filter((b) => b.loop).length).toBeGreaterThan(0);
    expect(boxes.filter((b) => b.back).length).toBeGreaterThan(0);
    const loops = boxes.filter((b) => b.loop || b.back);
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    for (const l of loops) expect(boxes.filter((b) => b !== l && overlap(l, b)).map((b) => b.text), l.text ?? '').toEqual([]);

    const legend = page.getByRole('list', { name: 'Légende des phases' });
    await expect.poll(() => legend.isVisible()).toBe(true);
    expect(await legend.getByRole('listitem').allTextContents()).toEqual(JSON.parse(await docOf(page)).phases.map((p: { label: string }) => p.label));

    // Two scenarios side by side: the happy path and one « changes requested » loop.
    await page.getByRole('button', { name: 'Simuler' }).click();
    await page.getByRole('button', { name: 'Lancer la simulation' }).click();
    await page.getByText(/^Le scénario B dure .* de plus$/).first().waitFor();
    await page.getByRole('button', { name: 'Comparer côte à côte' }).click();
    const dialog = page.getByRole('dialog', { name: 'Deux scénarios côte à côte' });
    await dialog.getByText(/^Le scénario B dure .* de plus$/).waitFor();
    await expect.poll(() => dialog.evaluate((el) => getComputedStyle(el.closest('.mantine-Modal-content') ?? el).transform)).toMatch(/^(none|matrix\(1, 0, 0, 1, 0, 0\))$/);
    const a = (await dialog.getByRole('region', { name: 'Scénario A' }).boundingBox())!;
    const b = (await dialog.getByRole('region', { name: 'Scénario B' }).boundingBox())!;
    expect(b.x).toBeGreaterThan(a.x + a.width - 1);
    expect(Math.abs(b.y - a.y)).toBeLessThan(2);
    expect(await dialog.getByText(/^Scénario [AB] : Ce parcours dure/).count()).toBe(2);
    await screenshot(page, 'designer-scenarios');
    await page.keyboard.press('Escape');

    const phone = await openEcole('phone');
    const pane = (await phone.locator('.editor-canvas').boundingBox())!;
    expect(pane.width).toBeGreaterThan(350);
    expect(pane.height).toBeGreaterThan(300);
    expect(await phone.locator('.react-flow__node').evaluateAll((els, p) => els.filter((el) => { const r = el.getBoundingClientRect(); return r.right > p.x && r.left < p.x + p.width && r.bottom > p.y && r.top < p.y + p.height; }).length, pane)).toBeGreaterThan(0);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const name of ['Valider', 'Simuler', 'Comparer les versions', 'Publier']) {
      const box = (await phone.getByRole('button', { name, exact: true }).boundingBox())!;
      expect(box.x + box.width, name).toBeLessThanOrEqual(390);
    }
    await screenshot(phone, 'designer-ecole-phone');
  }, 180_000);

  it('exports the document as JSON, the diagram as SVG and PNG, and imports a JSON document with its errors listed', async () => {
    const page = await openEcole();
    const exported = async (item: string) => {
      await page.getByRole('button', { name: 'Fichier' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
      return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
    };
    const json = await exported('Exporter le document (JSON)');
    expect(json.name).toBe('ecole-de-production.json');
    expect(JSON.parse(json.bytes.toString('utf8'))).toEqual(JSON.parse(await docOf(page)));
    const svg = await exported('Exporter le diagramme (SVG)');
    expect(svg.name).toBe('ecole-de-production.svg');
    expect(svg.bytes.toString('utf8').startsWith('<svg')).toBe(true);
    expect(svg.bytes.toString('utf8')).toContain('Réaliser l');
    const png = await exported('Exporter le diagramme (PNG)');
    expect(png.name).toBe('ecole-de-production.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).toBeGreaterThan(10_000);

    const broken = JSON.parse(json.bytes.toString('utf8'));
    broken.edges.push({ id: 'vers-nulle-part', from: 'etudeOpportunite', to: 'nulle-part' });
    await page.getByLabel('Fichier JSON à importer').setInputFiles({ name: 'casse.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    const problems = page.getByRole('region', { name: 'Problèmes' });
    const { errors } = validate(broken);
    expect(errors.length).toBeGreaterThan(0);
    await problems.getByText(`${errors.length} erreur${errors.length > 1 ? 's' : ''}`, { exact: true }).waitFor();
    const listed = problems.getByRole('list', { name: 'Erreurs' });
    expect(await listed.getByRole('listitem').count()).toBe(errors.length);
    for (const e of errors) expect(await listed.textContent()).toContain(e.message);
    expect(JSON.parse(await docOf(page)).edges.at(-1)).toEqual({ id: 'vers-nulle-part', from: 'etudeOpportunite', to: 'nulle-part' });
    await screenshot(page, 'designer-import-errors');
  }, 120_000);
});
