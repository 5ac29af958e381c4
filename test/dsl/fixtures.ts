// What the dsl tests share besides documents (those come from test/support/definitions.ts):
// instants, readers of engine steps that fail loudly when a step is refused, and readers of
// validation results.
import { expect } from 'vitest';
import type { Command, EngineState, Refusal, Step, StepResult } from '../../dsl/engine-types';
import type { ValidationResult } from '../../dsl/problems';
import type { ScriptError } from '../../dsl/simulator';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const at = (iso: string): number => Date.parse(iso);
export const iso = (ms: number): string => new Date(ms).toISOString();
/** 2027-01-04 09:00 Paris (a Monday in winter). */
export const T0 = at('2027-01-04T08:00:00Z');

export function ok(result: StepResult): Step {
  if ('error' in result) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result;
}

export function refusal(result: StepResult): Refusal {
  if (!('error' in result)) throw new Error(`expected a refusal, got ${types(result.commands).join(', ')}`);
  return result.error;
}

export function types(commands: Command[]): string[] {
  return commands.map((c) => c.type);
}

export function ofType<T extends Command['type']>(commands: Command[], type: T): Array<Extract<Command, { type: T }>> {
  return commands.filter((c): c is Extract<Command, { type: T }> => c.type === type);
}

export const openTaskIds = (state: EngineState): string[] => state.tasks.map((t) => t.id);

/** Freezes a value and everything in it, so any mutation throws (ES modules are strict). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function expectUnchanged(before: EngineState, after: EngineState): void {
  expect(after).toStrictEqual(before);
}

export const codes = (r: ValidationResult): string[] => r.errors.map((p) => p.code);

/** Problems as `code path`, the shortest faithful way to compare them in assertions. */
export const found = (problems: ValidationResult['errors']): string[] => problems.map((p) => `${p.code} ${p.path}`);

/** The ScriptError of this code, at this place (and with these field details), for `toThrow`. */
export const scriptError = (code: string, where: ScriptError['where'], details?: { field: string; code: string }[]) =>
  expect.objectContaining({
    name: 'ScriptError',
    refusal: expect.objectContaining({ code, ...(details ? { details: details.map((d) => expect.objectContaining(d)) } : {}) }),
    where,
  });
