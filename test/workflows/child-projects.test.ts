// What a parent hands to the subprocess it starts.
import { describe, expect, it } from 'vitest';
import type { ProjectRef } from '../../workflows/activity-contract';
import { childProjectInput, childWorkflowId } from '../../workflows/child-projects';

const parent: ProjectRef = {
  id: 'p-1',
  workflowId: 'project-p-1',
  title: 'École de Vénissieux',
  definitionKey: 'ecole-de-production',
  definitionVersion: 3,
  bindings: { equipe: ['org-1'] },
};

describe('a child project', () => {
  it("takes a workflow id made from its parent's and its own, without colons", () => {
    expect(childWorkflowId('project-p-1', 'candidature:2')).toBe('project-p-1--candidature-2');
  });

  it("runs the loaded definition with the command's input, the parent's bindings and a title naming both", () => {
    const snapshot = { key: 'ami-candidature', version: 2, document: {} };
    const command = { type: 'start_child' as const, child: 'candidature:1', node: 'candidature', process: 'ami-candidature', input: { n: 1 } };
    expect(childProjectInput(parent, command, snapshot, 'c-1')).toStrictEqual({
      projectId: 'c-1',
      title: 'École de Vénissieux — ami-candidature',
      definition: snapshot,
      input: { n: 1 },
      bindings: { equipe: ['org-1'] },
      parentProjectId: 'p-1',
    });
  });
});
