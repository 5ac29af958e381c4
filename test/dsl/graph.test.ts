import { describe, expect, it } from 'vitest';
import { OUTSIDE, buildGraph, commonDominator, cycles, dominates, dominators, reachableFrom, reaching } from '../../dsl/graph';

const graph = (size: number, pairs: [number, number][]) => buildGraph(size, pairs.map(([from, to]) => ({ from, to })));
const nodes = (seen: Uint8Array) => [...seen.keys()].filter((k) => seen[k]);

describe('graph', () => {
  it('follows edges forward and backward, ignoring ends outside the graph', () => {
    const g = graph(4, [[0, 1], [1, 2], [3, OUTSIDE], [OUTSIDE, 3]]);
    expect(nodes(reachableFrom(g, [0]))).toEqual([0, 1, 2]);
    expect(nodes(reaching(g, [2]))).toEqual([0, 1, 2]);
  });

  it('finds cycles among the allowed nodes only, self-loops included', () => {
    const g = graph(5, [[0, 1], [1, 2], [2, 1], [2, 3], [3, 4], [4, 3], [0, 0]]);
    const found = cycles(g, (k) => k !== 4).map((c) => c.sort());
    expect(found).toContainEqual([1, 2]);
    expect(found).toContainEqual([0]);
    expect(found).toHaveLength(2);
  });

  it('computes dominators: the fork of a diamond dominates its join', () => {
    // 0 → 1 → {2, 3} → 4
    const g = graph(5, [[0, 1], [1, 2], [1, 3], [2, 4], [3, 4]]);
    const dom = dominators(g, [0]);
    expect(dom.idom[4]).toBe(1);
    expect(commonDominator(dom, 2, 3)).toBe(1);
    expect(dominates(dom, 1, 4)).toBe(true);
    expect(dominates(dom, 2, 4)).toBe(false);
  });

  it('lets a loop back not change who dominates whom', () => {
    // 0 → 1 → 2 → 3, 3 → 1
    const g = graph(4, [[0, 1], [1, 2], [2, 3], [3, 1]]);
    const dom = dominators(g, [0]);
    expect([...dom.idom.slice(0, 4)]).toEqual([4, 0, 1, 2]);
  });

  it('handles a chain far deeper than the call stack', () => {
    const size = 200_000;
    const pairs: [number, number][] = [];
    for (let k = 0; k + 1 < size; k++) pairs.push([k, k + 1]);
    pairs.push([size - 1, 0]);
    const g = graph(size, pairs);
    expect(cycles(g, () => true)[0]).toHaveLength(size);
    expect(dominators(g, [0]).idom[size - 1]).toBe(size - 2);
  });
});
