// The minimal documents of issue 12, exactly as the issue gives them, kept as regression
// cases for the engine, the simulator, the validator and the command line.
import type { Definition } from '../../dsl/schema';

/** Point 1: a timer whose `until` variable has no value fires at once, so with `{ k: true }` this never waits. */
export const loopWithoutWait = (): Definition => ({
  format: 'passerelle.process/1', key: 'min', name: 'min', roles: [{ key: 'r', label: 'R' }],
  variables: [{ name: 'd', type: 'date' }, { name: 'k', type: 'boolean' }],
  nodes: [{ id: 's', type: 'start' }, { id: 'w', type: 'timer', until: 'd' },
    { id: 'n', type: 'notify', to: ['r'], subject: 'x', body: 'y' }, { id: 'g', type: 'exclusive' }, { id: 'x', type: 'end' }],
  edges: [{ id: 'e0', from: 's', to: 'w' }, { id: 'e1', from: 'w', to: 'n' }, { id: 'e2', from: 'n', to: 'g' },
    { id: 'e3', from: 'g', to: 'w', when: { var: 'k', op: 'exists' } }, { id: 'e4', from: 'g', to: 'x', default: true }],
});
