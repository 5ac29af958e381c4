// The whole story of an école de production through HTTP only, on the shipped
// `ecole-de-production` template (and its `ami-candidature` subprocess): the federation
// publishes the templates and starts the project, the association and its partners complete
// their steps up to the rectorat's review, the académie asks for changes, the association
// resubmits, the académie approves; the dashboard and the calendar feeds follow along.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../support/api';
import { useProjectWorld, type Actor } from '../support/project-world';
import { waitFor } from '../support/wait';

const template = (key: string) => JSON.parse(readFileSync(new URL(`../../templates/${key}.json`, import.meta.url), 'utf8'));

type FormField = { var: string; type: string; required: boolean; options?: string[] };

/** A value of each required field's type; dates in the past so `until` timers fire at once. */
function valuesFor(form: FormField[]): Record<string, unknown> {
  const sample = (f: FormField) => {
    switch (f.type) {
      case 'integer': return 5;
      case 'number': return 120.5;
      case 'boolean': return true;
      case 'date': return '2020-09-01';
      case 'email': return 'contact@ecole-lyon.example';
      case 'url': return 'https://ecole-lyon.example/dossier';
      case 'enum': return f.options![0];
      default: return `Réponse pour ${f.var}`;
    }
  };
  return Object.fromEntries(form.filter((f) => f.required).map((f) => [f.var, sample(f)]));
}

describe('the story of an école de production, through HTTP only', () => {
  const world = useProjectWorld();

  it('goes from creation to the académie’s approval after one round of changes', async () => {
    const { admin, member, reviewer, company } = world.as;
    for (const key of ['ami-candidature', 'ecole-de-production']) {
      expect((await admin.json('PUT', `/api/definitions/${key}/draft`, template(key))).status).toBe(200);
      expect((await admin.json('POST', `/api/definitions/${key}/publish`)).status).toBe(201);
    }
    const title = `École de production de Lyon ${randomUUID().slice(0, 6)}`;
    const created = await admin.json('POST', '/api/projects', {
      definition_key: 'ecole-de-production',
      title,
      bindings: {
        association: [world.orgs.lyon], ecole: [world.orgs.lyon], candidat: [world.orgs.lyon],
        federation: [world.orgs.federation], instructeur: [world.orgs.federation], comite: [world.orgs.federation],
        academie: [world.orgs.academieLyon], entreprise: [world.orgs.company],
      },
      input: { nomProjet: title, ville: 'Vénissieux', academie: 'Lyon' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.id;
    expect(created.body).toMatchObject({ academie: 'Lyon', phase: 'opportunite', definition: { key: 'ecole-de-production', version: 1 } });

    const inboxOf = async (who: Caller) =>
      ((await who.json('GET', '/api/tasks?limit=100')).body.items as any[]).filter((t) => t.project_title.startsWith(title));
    const complete = async (who: Caller, task: { project_id: string; task_id: string }, outcome?: string, extra: Record<string, unknown> = {}) => {
      const detail = await who.json('GET', `/api/projects/${task.project_id}/tasks/${task.task_id}`);
      expect(detail.body.can_complete).toBe(true);
      const response = await who.json('POST', `/api/projects/${task.project_id}/tasks/${task.task_id}/complete`, {
        outcome: outcome ?? detail.body.outcomes[0],
        values: { ...valuesFor(detail.body.form), ...extra },
        comment: 'Fait',
      });
      expect(response.status, `${task.task_id}: ${JSON.stringify(response.body)}`).toBe(200);
      return response.body;
    };

    // Everyone but the académie does their part (first outcome each time) until the
    // rectorat's review opens; the association, the federation and the company each act
    // only on what their own inbox shows.
    const actors: [Actor, Caller][] = [['member', member], ['admin', admin], ['company', company]];
    const review = await waitFor(async () => {
      for (const [, who] of actors) for (const task of await inboxOf(who)) await complete(who, task);
      const open = (await inboxOf(reviewer)).find((t) => t.node === 'instructionRectorat');
      expect(open, 'the rectorat’s review is open').toBeDefined();
      return open!;
    }, 60_000);
    expect(review).toMatchObject({ project_id: id, task_id: 'instructionRectorat:1', phase: 'mise_en_oeuvre', can_complete: true });
    const reviewerIcs = async () => (await reviewer.request('GET', new URL((await reviewer.json('GET', '/api/me/calendar')).body.url).pathname)).text();
    expect(await reviewerIcs()).toContain(`UID:${id}.instructionRectorat:1@passerelle`);

    // The académie asks for changes; the association resubmits.
    const asked = await complete(reviewer, review, 'changes_requested', { avisAcademie: 'Précisez la date d’ouverture.' });
    expect(asked.project.open_tasks).toContain('complementRectorat:1');
    expect(await reviewerIcs()).not.toContain(`UID:${id}.instructionRectorat`);
    const memberIcs = await (await member.request('GET', new URL((await member.json('GET', '/api/me/calendar')).body.url).pathname)).text();
    expect(memberIcs).toContain(`UID:${id}.complementRectorat:1@passerelle`);
    const resubmit = (await inboxOf(member)).find((t) => t.node === 'complementRectorat')!;
    await complete(member, resubmit, undefined, { dateOuverture: '2020-09-01' });

    // The académie approves the second submission.
    const second = (await inboxOf(reviewer)).find((t) => t.node === 'instructionRectorat');
    expect(second?.task_id).toBe('instructionRectorat:2');
    await complete(reviewer, second!, 'approved', { avisAcademie: 'Avis favorable.' });
    expect(await inboxOf(reviewer)).toEqual([]);
    expect(await reviewerIcs()).not.toContain(`UID:${id}.`);

    const project = await reviewer.json('GET', `/api/projects/${id}`);
    const decisions = project.body.timeline
      .filter((e: any) => e.type === 'task_completed' && e.node === 'instructionRectorat')
      .map((e: any) => [e.task_id, e.data.outcome]);
    expect(decisions).toEqual([['instructionRectorat:1', 'changes_requested'], ['instructionRectorat:2', 'approved']]);
    expect(project.body.variables.avisAcademie).toBe('Avis favorable.');

    // The dashboard counts the project where it stands, for the federation and the académie.
    for (const who of [admin, reviewer]) {
      const dashboard = await who.json('GET', '/api/dashboard?academie=Lyon');
      expect(dashboard.status).toBe(200);
      expect(dashboard.body.by_status.running).toBeGreaterThanOrEqual(1);
      expect(dashboard.body.by_academie).toEqual([{ academie: 'Lyon', count: dashboard.body.total }]);
      const phase = project.body.phase as string;
      expect(dashboard.body.by_phase.find((p: any) => p.phase === phase)?.count).toBeGreaterThanOrEqual(1);
    }
    const lille = await admin.json('GET', '/api/dashboard?academie=Lille');
    expect(lille.body.total).toBe(0);
  });
});
