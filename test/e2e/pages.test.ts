// The federation's pages in a real browser on the real stack (demo world): the portfolio
// (board, table, filters, CSV export), starting a project, the calendar address, the
// administration of the directory, and the "introuvable" page for those who may not use it.
// Every page is photographed at laptop and phone sizes (test-results/screenshots/pages-*.png).
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot, useWebWorld } from './support/web-world';

const TIMEOUT = 120_000;

/** Chooses an option of a Mantine Select or MultiSelect by the field's label. */
async function choose(page: Page, label: string, option: string, scope: Page | ReturnType<Page['getByRole']> = page) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('the federation’s pages', () => {
  const world = useWebWorld();

  it('shows the portfolio as a board and a table, filters it and exports what it shows', async () => {
    const page = await world.signIn('federation');
    await page.getByRole('link', { name: 'Portefeuille' }).first().click();
    await page.getByRole('heading', { name: 'Portefeuille', level: 1 }).waitFor();
    // The board: one per template, a column per phase, in the definition's order.
    const ecole = page.getByRole('region', { name: 'Création d\'une école de production', exact: true });
    await ecole.getByRole('link', { name: 'École de production de Lyon — métallerie' }).waitFor();
    const columns = await ecole.getByRole('region').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label')));
    expect(columns.slice(0, 3)).toEqual([
      'Création d\'une école de production : Étude d\'opportunité',
      'Création d\'une école de production : Étude de faisabilité',
      'Création d\'une école de production : Demande de pré-labellisation',
    ]);
    await expect.poll(() => page.getByRole('region', { name: 'Compteurs' }).textContent()).toContain('En retard');
    await screenshot(page, 'pages-portfolio-board-laptop');

    await page.getByRole('tab', { name: 'Liste' }).click();
    const rows = page.getByRole('table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    // Sorting by title, both ways.
    const titles = () => rows.locator('td:first-child a').allTextContents();
    const sorted = (descending: boolean) => async () => {
      const shown = await titles();
      const expected = [...shown].sort((a, b) => (descending ? b.localeCompare(a, 'fr') : a.localeCompare(b, 'fr')));
      return shown.join('|') === expected.join('|');
    };
    await page.getByRole('button', { name: 'Titre' }).click();
    await expect.poll(sorted(false)).toBe(true);
    await page.getByRole('button', { name: 'Titre' }).click();
    await expect.poll(sorted(true)).toBe(true);
    await screenshot(page, 'pages-portfolio-table-laptop');

    await choose(page, 'Académie', 'Lyon');
    await expect.poll(() => rows.count()).toBe(2);
    expect(page.url()).toContain('academie=Lyon');
    await choose(page, 'Modèle', 'Plan d\'actions annuel d\'un comité local école-entreprise (CLEE)');
    await expect.poll(titles).toEqual(['CLEE du bassin lyonnais 2026-2027']);
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await choose(page, 'Académie', 'Lyon');
    await expect.poll(() => rows.count()).toBe(2);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^portefeuille-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('Titre;Modèle;Académie;Phase;Statut;Motif du blocage;Prochaine échéance;Délai;En retard;Démarré le;Adresse');
    expect(lines.slice(1).map((l) => l.split(';')[0]).sort()).toEqual((await titles()).sort());
    expect(lines.slice(1).every((l) => l.split(';')[2] === 'Lyon')).toBe(true);

    const phone = await world.signIn('federation', 'phone', '/portefeuille');
    await phone.getByRole('heading', { name: 'Portefeuille', level: 1 }).waitFor();
    await phone.getByRole('link', { name: 'École de production de Lyon — métallerie' }).waitFor();
    await screenshot(phone, 'pages-portfolio-board-phone');
    await phone.getByRole('tab', { name: 'Liste' }).click();
    await phone.getByRole('combobox', { name: 'Trier par' }).waitFor();
    await screenshot(phone, 'pages-portfolio-table-phone');
  }, TIMEOUT);

  it('starts a project: a wrong field is shown on it, then the project opens', async () => {
    const page = await world.signIn('federation', 'laptop', '/projets/nouveau');
    await page.getByRole('heading', { name: 'Démarrer un projet' }).waitFor();
    await choose(page, 'Modèle de processus', 'Rencontre écoles–entreprises');
    await page.getByLabel('Titre du projet').fill('Rencontre du bassin lyonnais 2027');
    await choose(page, 'Équipe organisatrice', 'Fédération nationale des écoles de production');
    await page.keyboard.press('Escape');
    await choose(page, 'Entreprises participantes', 'Métallerie Rhône-Alpes');
    await page.keyboard.press('Escape');
    await choose(page, 'Établissements et formateurs', 'Lycée professionnel des Canuts (Lyon)');
    await page.keyboard.press('Escape');
    await page.getByLabel('Nom de l\'événement').fill('Rencontre de printemps');
    await page.getByRole('button', { name: /Autres données/ }).click();
    const email = page.getByLabel('E-mail de l\'équipe organisatrice');
    await email.fill('pas-une-adresse');
    await page.getByRole('button', { name: 'Démarrer le projet' }).click();
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const described = await email.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described!.split(' ').find((id) => id.includes('error'))}"]`).textContent()).toMatch(/Valeur incorrecte/);
    await page.getByRole('alert').filter({ hasText: 'corrigez les champs signalés' }).waitFor();
    expect(page.url()).toContain('/projets/nouveau');
    await screenshot(page, 'pages-start-project-error-laptop');

    await email.fill('rencontres@passerelle.demo');
    await page.getByRole('button', { name: 'Démarrer le projet' }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const row = await world.ctx.db.selectFrom('projects').select(['title', 'definition_key']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: 'Rencontre du bassin lyonnais 2027', definition_key: 'rencontre-ecoles-entreprises' });

    const phone = await world.signIn('federation', 'phone', '/projets/nouveau?modele=rencontre-ecoles-entreprises');
    await phone.getByRole('combobox', { name: 'Équipe organisatrice' }).waitFor();
    await screenshot(phone, 'pages-start-project-phone');
  }, TIMEOUT);

  it('shows my calendar address, copies it and changes it', async () => {
    const page = await world.signIn('academieLyon', 'laptop', '/calendrier');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.url });
    const address = page.getByLabel('Adresse du calendrier');
    await expect.poll(() => address.inputValue()).toMatch(/\/api\/calendar\/[0-9a-f]{64}\.ics$/);
    const before = await address.inputValue();
    expect((await fetch(before)).status).toBe(200);

    await page.getByRole('button', { name: 'Copier l’adresse' }).click();
    await page.getByRole('status').filter({ hasText: 'Adresse copiée' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(before);
    await screenshot(page, 'pages-calendar-laptop');

    await page.getByRole('button', { name: 'Changer l’adresse' }).click();
    const dialog = page.getByRole('dialog', { name: 'Changer l’adresse du calendrier ?' });
    await dialog.getByRole('button', { name: 'Créer une nouvelle adresse' }).waitFor();
    await page.waitForTimeout(400); // the modal's opening transition
    await screenshot(page, 'pages-calendar-reset-laptop');
    await dialog.getByRole('button', { name: 'Créer une nouvelle adresse' }).click();
    await expect.poll(() => address.inputValue()).not.toBe(before);
    expect((await fetch(before)).status).toBe(404);
    expect((await fetch(await address.inputValue())).status).toBe(200);

    const phone = await world.signIn('academieLyon', 'phone', '/calendrier');
    await phone.getByRole('button', { name: 'Copier l’adresse' }).waitFor();
    await screenshot(phone, 'pages-calendar-phone');
  }, TIMEOUT);

  it('lets an administrator create an organization and a user, and nobody else in', async () => {
    const page = await world.signIn('federation', 'laptop', '/administration');
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    await page.getByText('federation@passerelle.demo').waitFor();
    await screenshot(page, 'pages-administration-users-laptop');

    await page.getByRole('tab', { name: /Organisations/ }).click();
    await page.getByRole('button', { name: 'Nouvelle organisation' }).click();
    let dialog = page.getByRole('dialog', { name: 'Nouvelle organisation' });
    await dialog.getByLabel('Nom').fill('Association École de production de Bordeaux');
    await choose(page, 'Type', 'Association', dialog);
    await dialog.getByRole('button', { name: 'Créer l’organisation' }).click();
    await expect.poll(() => dialog.getByLabel('Académie').getAttribute('aria-invalid')).toBe('true');
    await page.waitForTimeout(400); // the modal's opening transition
    await screenshot(page, 'pages-administration-organization-error-laptop');
    await dialog.getByLabel('Académie').fill('Bordeaux');
    await dialog.getByLabel('Région').fill('Nouvelle-Aquitaine');
    await dialog.getByRole('button', { name: 'Créer l’organisation' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Modifier Association École de production de Bordeaux' }).waitFor();
    await page.waitForTimeout(400); // the modal's closing transition
    await screenshot(page, 'pages-administration-organizations-laptop');

    await page.getByRole('tab', { name: /Utilisateurs/ }).click();
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    dialog = page.getByRole('dialog', { name: 'Nouvel utilisateur' });
    await dialog.getByLabel('Nom').fill('Inès Moreau');
    await dialog.getByLabel('Adresse e-mail').fill('association.lyon@passerelle.demo');
    await dialog.getByLabel('Mot de passe').fill('un-mot-de-passe-solide');
    await choose(page, 'Organisations', 'Association École de production de Bordeaux', dialog);
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Créer l’utilisateur' }).click();
    // The e-mail is taken (409): said on the field.
    await expect.poll(() => dialog.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('Un compte existe déjà avec cette adresse e-mail.').waitFor();
    await dialog.getByLabel('Adresse e-mail').fill('ines.moreau@passerelle.demo');
    await dialog.getByRole('button', { name: 'Créer l’utilisateur' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: 'ines.moreau@passerelle.demo' });
    expect(await row.textContent()).toContain('Association École de production de Bordeaux');

    const phone = await world.signIn('federation', 'phone', '/administration');
    await phone.getByText('federation@passerelle.demo').waitFor();
    await screenshot(phone, 'pages-administration-phone');
    await phone.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    await phone.getByRole('dialog', { name: 'Nouvel utilisateur' }).getByLabel('Nom').waitFor();
    await phone.waitForTimeout(400); // the modal's opening transition
    await screenshot(phone, 'pages-administration-form-phone');

    const other = await world.signIn('associationLyon', 'laptop', '/administration');
    await other.getByText(/introuvable/).first().waitFor();
    expect(await other.getByRole('button', { name: 'Nouvel utilisateur' }).count()).toBe(0);
    await other.goto('/portefeuille');
    await other.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    await other.goto('/projets/nouveau');
    await other.getByRole('heading', { name: 'Page introuvable' }).waitFor();
  }, TIMEOUT);
});
