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

/**
 * Point 2: `b` goes through the gateway's default edge, `a` later through `ok == true`, and
 * the join fills. Script: `a` after P2D with `{ ok: true }`, `b` after P1D.
 */
export const joinFilledThroughOneGateway = (): Definition => ({
  format: 'passerelle.process/1', key: 'min', name: 'min', roles: [{ key: 'r', label: 'R' }],
  variables: [{ name: 'ok', type: 'boolean' }],
  nodes: [{ id: 's', type: 'start' }, { id: 'p', type: 'parallel' }, { id: 'a', type: 'task', assignee: 'r', form: [{ var: 'ok' }] },
    { id: 'b', type: 'task', assignee: 'r' }, { id: 'g', type: 'exclusive' }, { id: 'y', type: 'task', assignee: 'r' },
    { id: 'n', type: 'task', assignee: 'r' }, { id: 'j', type: 'parallel' }, { id: 'x', type: 'end' }],
  edges: [{ id: 'e0', from: 's', to: 'p' }, { id: 'e1', from: 'p', to: 'a' }, { id: 'e2', from: 'p', to: 'b' },
    { id: 'e3', from: 'a', to: 'g' }, { id: 'e4', from: 'b', to: 'g' },
    { id: 'e5', from: 'g', to: 'y', when: { var: 'ok', op: '==', value: true } }, { id: 'e6', from: 'g', to: 'n', default: true },
    { id: 'e7', from: 'y', to: 'j' }, { id: 'e8', from: 'n', to: 'j' }, { id: 'e9', from: 'j', to: 'x' }],
});

export const joinFilledScript = { tasks: { a: [{ after: 'P2D', values: { ok: true } }], b: [{ after: 'P1D' }] } };
