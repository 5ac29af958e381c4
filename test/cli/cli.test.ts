// The command line as people call it: `npm run -s passerelle -- …`, through a real process,
// checking exit codes, the --json shapes of spec section 8 and that stdout holds only JSON.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loopWithoutWait } from '../dsl/issue-12-documents';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '-s', 'passerelle', '--', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const base = {
  format: 'passerelle.process/1',
  key: 'revue-dossier',
  name: 'Revue d’un dossier',
  roles: [
    { key: 'association', label: 'Association' },
    { key: 'academie', label: 'Académie' },
  ],
  phases: [{ key: 'instruction', label: 'Instruction' }],
  variables: [{ name: 'nbJeunes', type: 'integer', label: 'Nombre de jeunes' }],
  nodes: [
    { id: 'start', type: 'start' },
    { id: 'deposer', type: 'task', label: 'Déposer le dossier', assignee: 'association', phase: 'instruction', due: 'P10D', form: [{ var: 'nbJeunes' }] },
    { id: 'revue', type: 'task', label: 'Revue', assignee: 'academie', outcomes: ['approved', 'changes_requested'], due: 'P5D', reminders: ['P2D'] },
    { id: 'fin', type: 'end' },
  ],
  edges: [
    { id: 'e1', from: 'start', to: 'deposer' },
    { id: 'e2', from: 'deposer', to: 'revue' },
    { id: 'e3', from: 'revue', to: 'fin', outcome: 'approved' },
    { id: 'e4', from: 'revue', to: 'deposer', outcome: 'changes_requested' },
  ],
};

let dir: string;
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'passerelle-cli-'));
});

describe('passerelle validate', () => {
  it('exits 0 and prints { valid: true } as the only stdout for a valid document', async () => {
    const result = await cli('validate', file('ok.json', base), '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('exits 1 with every error listed for an invalid document', async () => {
    const bad = { ...base, edges: base.edges.filter((e) => e.id !== 'e3') };
    bad.nodes = [...base.nodes, { id: 'orphelin', type: 'task', assignee: 'inconnu' } as never];
    const result = await cli('validate', file('bad.json', bad), '--json');
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout);
    expect(body.valid).toBe(false);
    const codes = body.errors.map((e: { code: string }) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['outcome_edges', 'unknown_role', 'unreachable']));
    for (const error of body.errors) expect(error).toEqual({ code: expect.any(String), path: expect.stringMatching(/^\//), message: expect.any(String) });
  });

  it('reads a file saved with a UTF-8 byte-order mark', async () => {
    const result = await cli('validate', file('bom.json', `\uFEFF${JSON.stringify(base)}`), '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).valid).toBe(true);
  });

  it('exits 2 for a file that is not JSON or does not exist', async () => {
    expect((await cli('validate', file('broken.json', '{ "format": '))).code).toBe(2);
    const missing = await cli('validate', join(dir, 'absent.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('introuvable');
  });

  it('prints a French summary without --json', async () => {
    const result = await cli('validate', file('ok2.json', base));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('définition valide');
  });
});

describe('passerelle simulate', () => {
  it('follows the script: the n-th visit takes the n-th entry and the last one repeats', async () => {
    const script = file('script.json', {
      input: { nbJeunes: 12 },
      tasks: { revue: [{ outcome: 'changes_requested', after: 'P5D' }, { outcome: 'approved', after: 'P3D' }] },
    });
    const result = await cli('simulate', file('sim.json', base), '--script', script, '--start', '2027-01-04T09:00:00+01:00', '--json');
    expect(result.code).toBe(0);
    const timeline = JSON.parse(result.stdout);
    expect(timeline.result).toBe('completed');
    expect(timeline.start).toBe('2027-01-04T08:00:00.000Z');
    const completions = timeline.events.filter((e: { type: string }) => e.type === 'task_completed');
    expect(completions.map((e: { task: string; outcome: string }) => `${e.task}=${e.outcome}`)).toEqual([
      'deposer:1=done',
      'revue:1=changes_requested',
      'deposer:2=done',
      'revue:2=approved',
    ]);
    // deposer completes at its due (P10D), revue after 5 days, deposer again P10D, revue after 3 days.
    expect(timeline.end).toBe('2027-02-01T08:00:00.000Z');
    expect(timeline.events[0]).toEqual({ at: '2027-01-04T08:00:00.000Z', type: 'phase_entered', node: 'deposer', phase: 'instruction' });
  });

  it('exits 2 naming the refusal when a script entry gives an outcome the task does not have', async () => {
    const script = file('refused.json', { tasks: { revue: [{ outcome: 'peut_etre' }] } });
    const result = await cli('simulate', file('sim2.json', base), '--script', script, '--json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('peut_etre');
  });

  it('exits 2 listing the tasks that exist when a script key names no task (a typo)', async () => {
    const script = file('typo.json', { tasks: { relir: [{ outcome: 'approved' }] } });
    const result = await cli('simulate', file('sim-typo.json', base), '--script', script, '--json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('« relir »');
    expect(result.stderr).toContain('deposer, revue');
  });

  it('exits 2 for unknown fields in the script or in an entry', async () => {
    for (const script of [{ taches: {} }, { tasks: { revue: [{ outcome: 'approved', apres: 'P1D' }] } }]) {
      const result = await cli('simulate', file('sim-fields.json', base), '--script', file('fields.json', script), '--json');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/taches|apres/);
    }
  });

  it('explains a mistyped or incomplete option in French, with the usage', async () => {
    const typo = await cli('simulate', file('sim7.json', base), '--scrpt', 'x.json');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Option inconnue : --scrpt');
    expect(typo.stderr).toContain('Usage :');
    const missing = await cli('simulate', file('sim8.json', base), '--script');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--script attend une valeur');
  });

  it('exits 2 for an unreadable script or a bad --start', async () => {
    expect((await cli('simulate', file('sim3.json', base), '--script', join(dir, 'none.json'))).code).toBe(2);
    expect((await cli('simulate', file('sim4.json', base), '--start', 'demain')).code).toBe(2);
  });

  it('exits 2 for a --start on a day the calendar does not have, instead of rolling it over', async () => {
    const result = await cli('simulate', file('sim5.json', base), '--start', '2027-02-30T09:00:00+01:00', '--json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const leap = await cli('simulate', file('sim6.json', base), '--start', '2028-02-29T09:00:00Z', '--json');
    expect(JSON.parse(leap.stdout).start).toBe('2028-02-29T09:00:00.000Z');
  });

  /** start → `appel` (a subprocess calling `child`, with the mappings given) → end. */
  const callingChild = (key: string, child: string, mapping: { input?: Record<string, string>; output?: Record<string, string> } = {}) => ({
    ...base,
    key,
    nodes: [{ id: 'start', type: 'start' }, { id: 'appel', type: 'subprocess', process: child, ...mapping }, { id: 'fin', type: 'end' }],
    edges: [
      { id: 'e1', from: 'start', to: 'appel' },
      { id: 'e2', from: 'appel', to: 'fin' },
    ],
  });

  it('exits 1 with subprocess_cycle when the documents beside the file call each other in a circle', async () => {
    file('cercle-b.json', callingChild('cercle-b', 'cercle-a'));
    const result = await cli('simulate', file('cercle-a.json', callingChild('cercle-a', 'cercle-b')), '--json');
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.valid).toBe(false);
    expect(output.errors.map((e: { code: string; path: string }) => `${e.code} ${e.path}`)).toEqual(['subprocess_cycle /nodes/1/process']);
  });

  it('exits 1 when a child process found beside the file is invalid', async () => {
    const parent = {
      ...base,
      key: 'parent',
      nodes: [...base.nodes.filter((n) => n.id !== 'revue'), { id: 'ami', type: 'subprocess', process: 'enfant-invalide' }],
      edges: [
        { id: 'e1', from: 'start', to: 'deposer' },
        { id: 'e2', from: 'deposer', to: 'ami' },
        { id: 'e3', from: 'ami', to: 'fin' },
      ],
    };
    file('enfant-invalide.json', { ...base, key: 'enfant-invalide', nodes: [] });
    const result = await cli('simulate', file('parent.json', parent), '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).valid).toBe(false);
  });

  it('exits 1 with subprocess_cycle for a child that calls itself', async () => {
    file('enfant-recursif.json', callingChild('enfant-recursif', 'enfant-recursif'));
    const result = await cli('simulate', file('appelle-recursif.json', callingChild('appelle-recursif', 'enfant-recursif')), '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).errors.map((e: { code: string; path: string }) => `${e.code} ${e.path}`)).toEqual(['subprocess_cycle /nodes/1/process']);
  });

  it('exits 1 naming both keys when a child file holds another key than its name', async () => {
    file('enfant-renomme.json', { ...base, key: 'autre-cle' });
    const result = await cli('simulate', file('appelle-renomme.json', callingChild('appelle-renomme', 'enfant-renomme')), '--json');
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout);
    expect(output.valid).toBe(false);
    expect(output.errors).toEqual([
      {
        code: 'key_mismatch',
        path: '/key',
        message: 'La clé du document (« autre-cle ») diffère de celle que donne le nom du fichier enfant-renomme.json (« enfant-renomme »).',
      },
    ]);
    const text = await cli('simulate', join(dir, 'appelle-renomme.json'));
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('enfant-renomme.json');
    expect(text.stderr).toBe('');
  });

  it('exits 1 with type_mismatch for a mapping between types that cannot feed each other, before anything runs', async () => {
    file('enfant-type.json', { ...base, key: 'enfant-type', variables: [{ name: 'nbJeunes', type: 'boolean' }] });
    const parent = callingChild('parent-type', 'enfant-type', { input: { nbJeunes: 'nbJeunes' } });
    const result = await cli('simulate', file('parent-type.json', parent), '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).errors.map((e: { code: string; path: string }) => `${e.code} ${e.path}`)).toEqual(['type_mismatch /nodes/1/input/nbJeunes']);
    const fits = await cli('simulate', file('parent-ok.json', callingChild('parent-ok', 'enfant-type', { output: {} })), '--json');
    expect(fits.code).toBe(0);
  });

  it('runs the template of the creation path to completed and prints a timeline by phase', async () => {
    const result = await cli('simulate', join(ROOT, 'templates', 'ecole-de-production.json'), '--start', '2027-01-04T09:00:00+01:00');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("== Étude d'opportunité ==");
    expect(result.stdout).toMatch(/Résultat : terminé/);
  });
});

describe('passerelle for a new user (issue 13)', () => {
  it('explains itself on --help, -h, help and help <command>, on stdout with exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const result = await cli(...args);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout).toContain('validate');
      expect(result.stdout).toContain('Codes de sortie');
      expect(result.stdout).toMatch(/^ {2}2 /m);
    }
    for (const args of [['help', 'simulate'], ['simulate', '--help']]) {
      const result = await cli(...args);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('"tasks"');
      expect(result.stdout).toContain('after');
      expect(result.stdout).toContain('Codes de sortie');
    }
    const validate = await cli('help', 'validate');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('"valid"');
  });

  it('says "commande inconnue" for a command it does not have, with exit 2', async () => {
    const result = await cli('verifier', 'x.json');
    expect(result.code).toBe(2);
    expect(result.stderr.toLowerCase()).toContain('commande inconnue');
    expect(result.stderr).toContain('« verifier »');
    expect((await cli('help', 'verifier')).stderr.toLowerCase()).toContain('commande inconnue');
    expect((await cli()).code).toBe(2);
  });

  it('reports bad JSON in French with its line and column', async () => {
    const wrong = await cli('validate', file('virgule.json', '{\n  "format": "passerelle.process/1"\n  "key": "x"\n}'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('n’est pas un JSON valide : caractère inattendu « " » (ligne 3, colonne 3).');
    const cut = await cli('validate', file('coupe.json', '{ "format": '));
    expect(cut.stderr).toContain('le texte s’arrête avant la fin du JSON (ligne 1, colonne 13).');
    const trailing = await cli('validate', file('apres.json', '{}\n}'));
    expect(trailing.stderr).toContain('du texte après la fin du JSON (ligne 2, colonne 1).');
    expect(`${wrong.stderr}${cut.stderr}${trailing.stderr}`).not.toMatch(/Unexpected|position/);
  });

  it('describes a script of the wrong shape in French, with where', async () => {
    const script = file('forme.json', { tasks: { revue: { outcome: 'approved' }, deposer: [{ outcome: 3, apres: 'P1D' }] }, taches: {} });
    const result = await cli('simulate', file('sim-forme.json', base), '--script', script);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/tasks/revue : il faut ici une liste');
    expect(result.stderr).toContain('/tasks/deposer/0/outcome : il faut ici un texte');
    expect(result.stderr).toContain('/tasks/deposer/0 : champ inconnu « apres » (champs permis : outcome, after, values)');
    expect(result.stderr).toContain('/ : champ inconnu « taches » (champs permis : input, tasks)');
    expect(result.stderr).not.toMatch(/Invalid|Unrecognized|expected/);
  });

  it('says that a --start day does not exist, rather than that it is not a date', async () => {
    const result = await cli('simulate', file('sim-jour.json', base), '--start', '2027-02-30T09:00:00+01:00');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--start : le jour 2027-02-30 n’existe pas dans le calendrier.');
    const hour = await cli('simulate', file('sim-heure.json', base), '--start', '2027-02-03T25:00');
    expect(hour.code).toBe(2);
    expect(hour.stderr).toContain('l’heure de « 2027-02-03T25:00 »');
  });

  it('prints validation errors on standard output, in text as in JSON', async () => {
    const bad = { ...base, roles: [] };
    const result = await cli('validate', file('sortie.json', bad));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/erreur\s+schema\s+\/roles/);
  });

  it('shows a notification’s subject and recipients, and who an escalation alerted', async () => {
    const alerting = {
      ...base,
      key: 'alertes',
      roles: [...base.roles, { key: 'federation', label: 'Fédération' }],
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'prevenir', type: 'notify', label: 'Prévenir', to: ['academie', 'federation'], subject: 'Dossier de {{nbJeunes}} jeunes', body: 'Voir le dossier.' },
        { id: 'revue', type: 'task', label: 'Revue', assignee: 'academie', due: 'P5D', escalation: { after: 'P2D', to: ['federation'] } },
        { id: 'fin', type: 'end' },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'prevenir' },
        { id: 'e2', from: 'prevenir', to: 'revue' },
        { id: 'e3', from: 'revue', to: 'fin' },
      ],
    };
    const script = file('alertes-script.json', { tasks: { revue: [{ after: 'P10D' }] } });
    const result = await cli('simulate', file('alertes.json', alerting), '--script', script, '--start', '2027-01-04T09:00:00+01:00');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('2027-01-04 09:00 (Paris)  notification : Prévenir — « Dossier de {{nbJeunes}} jeunes » à Académie, Fédération');
    expect(result.stdout).toContain('2027-01-11 09:00 (Paris)  escalade : Revue (revue:1) — alerte Fédération');
  });
});

describe('passerelle simulate on a loop that never waits (issue 12)', () => {
  it('ends with limit after exactly 10,000 events instead of crashing', async () => {
    const result = await cli('simulate', file('boucle.json', loopWithoutWait()), '--script', file('boucle-script.json', { input: { k: true } }), '--json');
    expect(result.code).toBe(0);
    const timeline = JSON.parse(result.stdout);
    expect(timeline).toMatchObject({ result: 'limit', end: null });
    expect(timeline.events).toHaveLength(10_000);
    const text = await cli('simulate', join(dir, 'boucle.json'), '--script', join(dir, 'boucle-script.json'));
    expect(text.code).toBe(0);
  });
});

describe('passerelle simulate with a wait longer than a date can hold', () => {
  it('runs to completed at the last representable instant rather than crashing', async () => {
    const long = {
      ...base,
      key: 'attente-infinie',
      variables: [],
      phases: [],
      roles: [{ key: 'association', label: 'Association' }],
      nodes: [
        { id: 'start', type: 'start' },
        { id: 'attendre', type: 'timer', wait: 'P300000Y' },
        { id: 'fin', type: 'end' },
      ],
      edges: [
        { id: 'e1', from: 'start', to: 'attendre' },
        { id: 'e2', from: 'attendre', to: 'fin' },
      ],
    };
    const result = await cli('simulate', file('infinie.json', long), '--start', '2027-01-04T09:00:00+01:00', '--json');
    expect(result.code).toBe(0);
    const timeline = JSON.parse(result.stdout);
    expect(timeline.result).toBe('completed');
    expect(timeline.end).toBe('+275760-09-13T00:00:00.000Z');
  });
});
