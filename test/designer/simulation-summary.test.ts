import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../dsl/schema';
import { simulate } from '../../dsl/simulator';
import { scenarioDifference, spanInWords, summarize, type SimulationSummary } from '../../designer/src/graph/simulation-summary';

const ecole = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'templates', 'ecole-de-production.json'), 'utf8')) as Definition;
const DAY = 86_400_000;

describe('simulation summary', () => {
  it('says a span in the largest sensible unit', () => {
    expect(spanInWords(3 * 3600_000)).toBe('moins d’un jour');
    expect(spanInWords(5 * DAY)).toBe('5 jours');
    expect(spanInWords(21 * DAY)).toBe('3 semaines');
    expect(spanInWords(457 * DAY)).toBe('15 mois');
    expect(spanInWords(800 * DAY)).toBe('2 ans et 2 mois');
  });

  it('draws one bar per phase entered, end to end, and the path through the école de production', () => {
    const run = simulate({ definition: ecole, start: Date.parse('2027-01-04T08:00:00Z') });
    const s = summarize(run, ecole);
    expect(s.total).toMatch(/^Ce parcours dure /);
    expect(s.bars.length).toBeGreaterThanOrEqual(3);
    expect(s.bars[0].start).toBe(s.start);
    expect(s.bars.at(-1)!.end).toBe(s.end);
    for (let i = 1; i < s.bars.length; i++) expect(s.bars[i].start).toBe(s.bars[i - 1].end);
    expect(s.path).toContain(ecole.nodes.find((n) => n.type === 'start')!.id);
  });

  it('marks reminders and escalations of a late task', () => {
    const task = ecole.nodes.find((n) => n.type === 'task' && n.escalation && n.reminders?.length)!;
    const run = simulate({ definition: ecole, start: Date.parse('2027-01-04T08:00:00Z'), script: { tasks: { [task.id]: [{ after: 'P3Y' }] } } });
    const s = summarize(run, ecole);
    expect(s.marks.some((m) => m.type === 'reminder' && m.node === task.id)).toBe(true);
    expect(s.marks.some((m) => m.type === 'escalation' && m.node === task.id)).toBe(true);
  });
});

describe('two scenarios compared', () => {
  const run = (days: number, result: SimulationSummary['result'] = 'completed'): SimulationSummary => ({ result, start: 0, end: days * 86_400_000, total: '', bars: [], marks: [], path: [] });
  it('says how much longer or shorter scenario B is, in words', () => {
    expect(scenarioDifference(run(300), run(361))).toBe('Le scénario B dure 2 mois de plus');
    expect(scenarioDifference(run(30), run(9))).toBe('Le scénario B dure 3 semaines de moins');
    expect(scenarioDifference(run(30), run(30))).toBe('Les deux scénarios durent autant');
    expect(scenarioDifference(run(30), run(30, 'stuck'))).toBeNull();
  });
});
