import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../../dsl/validate';
import { largeDefinition, minimalDefinition } from '../support/definitions';

const CODES = new Set([
  'schema', 'duplicate_id', 'unknown_node', 'unknown_role', 'unknown_phase', 'unknown_variable', 'start_count',
  'no_end', 'edge_count', 'outcome_edges', 'gateway_edges', 'unreachable', 'dead_end', 'automatic_cycle',
  'join_deadlock', 'type_mismatch', 'bad_duration', 'reminder_without_due',
]);

/** Replaces the value at a random place of a JSON tree by `replacement`. */
function mutate(doc: unknown, choice: number, replacement: unknown): unknown {
  const places: { parent: Record<string, unknown>; key: string }[] = [];
  const visit = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return;
    for (const [key, child] of Object.entries(v)) {
      places.push({ parent: v as Record<string, unknown>, key });
      visit(child);
    }
  };
  const copy = JSON.parse(JSON.stringify(doc));
  visit(copy);
  const place = places[choice % places.length];
  if (replacement === undefined) delete place.parent[place.key];
  else place.parent[place.key] = replacement;
  return copy;
}

describe('validate: robustness', () => {
  it('never throws on arbitrary JSON and always answers with known codes and pointers', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        const result = validate(doc);
        expect(result.valid).toBe(false);
        for (const p of result.errors) expect(CODES.has(p.code) && (p.path === '' || p.path.startsWith('/'))).toBe(true);
      }),
    );
  });

  it('never throws on a definition with one part replaced by something else', () => {
    const base = largeDefinition(30);
    fc.assert(
      fc.property(fc.nat(), fc.oneof(fc.jsonValue(), fc.constant(undefined)), (choice, replacement) => {
        const result = validate(mutate(base, choice, replacement));
        for (const p of result.errors) {
          expect(CODES.has(p.code)).toBe(true);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reports every error of a mutated document at a pointer that exists or names a missing field', () => {
    const base = minimalDefinition();
    fc.assert(
      fc.property(fc.nat(), fc.jsonValue(), (choice, replacement) => {
        const doc = mutate(base, choice, replacement);
        for (const p of validate(doc).errors) {
          const parent = p.path.split('/').slice(1, -1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
          let v: unknown = doc;
          for (const s of parent) v = (v as Record<string, unknown> | undefined)?.[s];
          if (p.path !== '' && p.path !== '/nodes') expect(typeof v === 'object' && v !== null).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
