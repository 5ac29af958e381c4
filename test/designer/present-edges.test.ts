import { describe, expect, it } from 'vitest';
import { EMPTY_DECORATIONS } from '../../designer/src/diagram/decorations';
import { createEdgePresenter, presentEdge, type EdgeContext } from '../../designer/src/diagram/present-edges';
import { isLoop, isReversal, loopPath } from '../../designer/src/diagram/process-edge';
import type { ProcessFlowEdge } from '../../designer/src/graph/convert';

const ctx = (over: Partial<EdgeContext> = {}): EdgeContext => ({ ...EMPTY_DECORATIONS, nodeLabel: (id) => id, ...over });
const edge = (id: string, data: ProcessFlowEdge['data'] extends infer D ? D extends { edge: infer E } ? E : never : never): ProcessFlowEdge => ({ id, source: 'revue', target: 'dossier', data: { edge: data } });

describe('edges as drawn', () => {
  it('captions outcomes in French, as the task page names its buttons', () => {
    expect(presentEdge(edge('a', { outcome: 'approved' }), ctx()).label).toBe('Approuver');
    expect(presentEdge(edge('b', { outcome: 'changes_requested' }), ctx()).label).toBe('Demander des modifications');
    expect(presentEdge(edge('c', { outcome: 'rejected' }), ctx()).label).toBe('Refuser');
    expect(presentEdge(edge('d', { outcome: 'done' }), ctx()).label).toBe('Terminer');
    expect(presentEdge(edge('e', { outcome: 'sent_back_twice' }), ctx()).label).toBe('sent back twice');
    expect(presentEdge(edge('f', { outcome: 'changes_requested' }), ctx()).ariaLabel).toBe('Transition de « revue » vers « dossier » : Demander des modifications');
  });

  it('hands back the same edge objects while nothing they show changed, and a new one for the edge whose problems changed', () => {
    const present = createEdgePresenter();
    const raw = [edge('a', { outcome: 'approved' }), edge('b', { default: true })];
    const first = present(raw, ctx());
    const again = present(raw, ctx({ problems: {} }));
    expect(again[0]).toBe(first[0]);
    expect(again[1]).toBe(first[1]);
    const flagged = present(raw, ctx({ problems: { 'edge:b': { errors: 1, warnings: 0, messages: ['x'] } } }));
    expect(flagged[0]).toBe(first[0]);
    expect(flagged[1]).not.toBe(first[1]);
    expect(flagged[1].className).toBe('edge-error');
  });

  it('draws a backward edge as an arc above both ends, its caption at the top', () => {
    expect(isLoop(800, 200)).toBe(true);
    expect(isLoop(200, 800)).toBe(false);
    expect(isLoop(1300, 1100)).toBe(false);
    expect(isReversal(1300, 1100)).toBe(true);
    expect(isReversal(800, 200)).toBe(false);
    const { path, labelX, labelY } = loopPath(800, 300, 200, 300);
    expect(path.startsWith('M 800 300')).toBe(true);
    expect(path.endsWith('L 200 300')).toBe(true);
    expect(labelX).toBe(500);
    expect(labelY).toBeLessThan(300 - 60);
  });
});
