import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../dsl/schema';
import { EMPTY_DECORATIONS } from '../../designer/src/diagram/decorations';
import { presentEdge } from '../../designer/src/diagram/present-edges';
import { diffDefinitions, diffMarks, removedGhosts } from '../../designer/src/graph/diff';

const ecole = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'templates', 'ecole-de-production.json'), 'utf8')) as Definition;

describe('differences between two versions', () => {
  it('finds nothing between a document and itself, even with its nodes moved', () => {
    const moved = { ...ecole, nodes: ecole.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) };
    expect(diffDefinitions(ecole, moved)).toEqual({ elements: [], document: [] });
  });

  it('names exactly the node whose due date changed, and the field', () => {
    const task = ecole.nodes.find((n) => n.type === 'task' && n.due)!;
    const changed = { ...ecole, nodes: ecole.nodes.map((n) => (n.id === task.id ? { ...n, due: 'P5M' } : n)) };
    const diff = diffDefinitions(ecole, changed);
    expect(diff.elements).toEqual([{ kind: 'node', id: task.id, change: 'changed', fields: ['due'], label: task.label }]);
    expect(diffMarks(diff)).toEqual({ [`node:${task.id}`]: 'changed' });
  });

  it('tells added and removed nodes and edges apart, and changed document parts', () => {
    const after: Definition = {
      ...ecole,
      name: 'Autre nom',
      nodes: [...ecole.nodes.slice(1), { id: 'nouvelle', type: 'end' }],
      edges: ecole.edges.map((e, i) => (i === 0 ? { ...e, label: 'changée' } : e)).slice(0, -1),
    };
    const diff = diffDefinitions(ecole, after);
    const marks = diffMarks(diff);
    expect(marks['node:nouvelle']).toBe('added');
    expect(marks[`node:${ecole.nodes[0].id}`]).toBe('removed');
    expect(marks[`edge:${ecole.edges[0].id}`]).toBe('changed');
    expect(diff.elements.find((e) => e.id === ecole.edges[0].id)?.fields).toEqual(['label']);
    expect(marks[`edge:${ecole.edges.at(-1)!.id}`]).toBe('removed');
    expect(diff.document).toEqual(['name']);
  });

  it('does not count a field present as undefined as a change', () => {
    const task = ecole.nodes.find((n) => n.type === 'task')!;
    const after = { ...ecole, nodes: ecole.nodes.map((n) => (n.id === task.id ? { ...n, instructions: undefined, ...(n.type === 'task' && n.instructions ? { instructions: n.instructions } : {}) } : n)) };
    expect(diffDefinitions(ecole, after as Definition).elements).toEqual([]);
  });
});

describe('removed elements drawn as ghosts', () => {
  it('places removed nodes at their old positions and ties removed edges to ghosts or to nodes still there', () => {
    const gone = ecole.nodes.find((n) => n.type === 'task' && ecole.edges.some((e) => e.to === n.id))!;
    const after: Definition = { ...ecole, nodes: ecole.nodes.filter((n) => n.id !== gone.id), edges: ecole.edges.filter((e) => e.from !== gone.id && e.to !== gone.id) };
    const diff = diffDefinitions(ecole, after);
    const ghosts = removedGhosts(ecole, diff);
    expect(ghosts.nodes.map((n) => [n.id, n.position, n.data.ghost, n.draggable, n.selectable])).toEqual([[`ghost:${gone.id}`, gone.position, true, false, false]]);
    const removedEdges = ecole.edges.filter((e) => e.from === gone.id || e.to === gone.id);
    expect(ghosts.edges.map((e) => e.id).sort()).toEqual(removedEdges.map((e) => `ghost:${e.id}`).sort());
    for (const e of ghosts.edges) {
      const original = removedEdges.find((x) => `ghost:${x.id}` === e.id)!;
      expect(e.source).toBe(original.from === gone.id ? `ghost:${gone.id}` : original.from);
      expect(e.target).toBe(original.to === gone.id ? `ghost:${gone.id}` : original.to);
    }
    expect(removedGhosts(ecole, diffDefinitions(ecole, ecole))).toEqual({ nodes: [], edges: [] });
  });

  it('lays out the old version when its removed nodes had no position', () => {
    const unplaced: Definition = { ...ecole, nodes: ecole.nodes.map(({ position: _p, ...n }) => n as Definition['nodes'][number]) };
    const after: Definition = { ...unplaced, nodes: unplaced.nodes.slice(0, -1) };
    const [ghost] = removedGhosts(unplaced, diffDefinitions(unplaced, after)).nodes;
    expect(Number.isFinite(ghost.position.x) && Number.isFinite(ghost.position.y)).toBe(true);
  });

  it('captions a ghost edge « supprimé »', () => {
    const edge = presentEdge({ id: 'ghost:e1', source: 'a', target: 'b', data: { edge: { outcome: 'approved' } } }, { ...EMPTY_DECORATIONS, nodeLabel: (id) => id });
    expect(edge.label).toBe('supprimé : Approuver');
    expect(edge.className).toBe('edge-removed');
  });
});
