// The driver's pure rules: the project a step belongs to, when a run is over, and when it
// continues as new. The driver itself runs in the workflow (test/integration/project-*).
import { describe, expect, it } from 'vitest';
import { start } from '../../dsl/engine';
import type { EngineState } from '../../dsl/engine-types';
import { continueAsNewDue, isFinished, projectRefOf } from '../../workflows/project-driver';
import { definition, path } from '../support/definitions';
import { ok, T0 } from '../dsl/fixtures';

const oneTask = definition({
  nodes: [{ id: 'start', type: 'start' }, { id: 'work', type: 'task', assignee: 'equipe' }, { id: 'end', type: 'end' }],
  edges: path('start', 'work', 'end'),
});
/** A project waiting on its one task, changed by `parts`. */
const state = (parts: Partial<EngineState> = {}): EngineState => ({ ...ok(start(oneTask, {}, T0)).state, ...parts });

describe('the project driver', () => {
  it('describes the project from the workflow input, with a parent only for a subprocess', () => {
    const input = {
      projectId: 'p-1',
      title: 'Stage',
      definition: { key: 'stage-3e', version: 4, document: {} },
      input: {},
      bindings: { equipe: ['org-1'] },
    };
    expect(projectRefOf(input, 'project-p-1')).toStrictEqual({
      id: 'p-1',
      workflowId: 'project-p-1',
      title: 'Stage',
      definitionKey: 'stage-3e',
      definitionVersion: 4,
      bindings: { equipe: ['org-1'] },
    });
    expect(projectRefOf({ ...input, parentProjectId: 'p-0' }, 'w').parentProjectId).toBe('p-0');
  });

  it('ends a run once completed or abandoned, but keeps a blocked one open for a cancel', () => {
    expect(isFinished(state({ status: 'completed' }))).toBe(true);
    expect(isFinished(state({ status: 'abandoned' }))).toBe(true);
    expect(isFinished(state({ status: 'running' }))).toBe(false);
    expect(isFinished(state({ status: 'blocked' }))).toBe(false);
  });

  it('continues as new when the history is long or Temporal suggests it, never with a child running', () => {
    const run = { state: state(), childrenInFlight: 0, suggested: false, historyLength: 10, after: 2_000 };
    expect(continueAsNewDue(run)).toBe(false);
    expect(continueAsNewDue({ ...run, historyLength: 2_000 })).toBe(true);
    expect(continueAsNewDue({ ...run, suggested: true })).toBe(true);
    expect(continueAsNewDue({ ...run, suggested: true, childrenInFlight: 1 })).toBe(false);
    const waitingForChild = state({ children: [{ id: 'sub:1', node: 'sub', process: 'ami-candidature' }] });
    expect(continueAsNewDue({ ...run, suggested: true, state: waitingForChild })).toBe(false);
  });
});
