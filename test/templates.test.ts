// The shipped process templates (templates/*.json): each one must be publishable as is
// (no error, no warning) and must run to its end with the default simulation script
// (spec section 8: first outcome at the due instant, timers wait, children run from beside).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addDuration } from '../dsl/durations';
import type { Definition } from '../dsl/schema';
import { simulate } from '../dsl/simulator';
import { validate } from '../dsl/validate';

const DIR = fileURLToPath(new URL('../templates/', import.meta.url));
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

const load = (file: string): Definition => JSON.parse(readFileSync(join(DIR, file), 'utf8'));
const byKey = new Map(FILES.map((f) => [basename(f, '.json'), load(f)]));

/** A Monday morning in Paris, winter time: calendar arithmetic crosses both DST changes. */
const START = Date.parse('2025-01-06T09:00:00+01:00');

const run = (definition: Definition) => simulate({ definition, start: START, children: (key) => byKey.get(key) });

describe('shipped templates', () => {
  it('include the creation path of an école de production and its AMI child', () => {
    expect(FILES).toContain('ecole-de-production.json');
    expect(FILES).toContain('ami-candidature.json');
  });

  describe.each(FILES)('%s', (file) => {
    const doc = load(file);

    it('validates with no error and no warning', () => {
      const result = validate(doc);
      expect(result.errors).toEqual([]);
      expect(result.warnings).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it('has the file name as its key', () => {
      expect(doc.key).toBe(basename(file, '.json'));
    });

    it('gives every node a label and a position, and a phase when the document has phases', () => {
      for (const node of doc.nodes) {
        expect(node.label, node.id).toBeTruthy();
        expect(node.position, node.id).toBeDefined();
        if (doc.phases?.length) expect(node.phase, node.id).toBeTruthy();
      }
    });

    it('only calls subprocesses that ship beside it', () => {
      for (const node of doc.nodes) if (node.type === 'subprocess') expect(byKey.has(node.process), node.process).toBe(true);
    });

    it('ends `completed` with the default simulation', () => {
      const result = run(doc);
      expect(result.result).toBe('completed');
      expect(result.end).not.toBeNull();
    });
  });

  describe('ecole-de-production', () => {
    const doc = byKey.get('ecole-de-production')!;

    it('takes between 12 and 18 months with the default simulation', () => {
      const result = run(doc);
      const end = Date.parse(result.end!);
      expect(end).toBeGreaterThanOrEqual(addDuration(START, 'P12M'));
      expect(end).toBeLessThanOrEqual(addDuration(START, 'P18M'));
    });

    it('goes through the six phases of the creation path in order', () => {
      const phases = run(doc)
        .events.filter((e) => e.type === 'phase_entered' && !e.process)
        .map((e) => e.phase);
      expect(phases).toEqual(['opportunite', 'faisabilite', 'pre_labellisation', 'mise_en_oeuvre', 'ouverture', 'amorcage']);
      expect(doc.phases?.map((p) => p.key)).toEqual(phases);
    });

    it('runs the AMI application as a child process during pré-labellisation', () => {
      const child = run(doc).events.filter((e) => e.process === 'ami-candidature');
      expect(child.some((e) => e.type === 'ended')).toBe(true);
    });
  });
});
