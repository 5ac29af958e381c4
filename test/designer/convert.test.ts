import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../dsl/schema';
import { validate } from '../../dsl/validate';
import { fromGraph, toGraph } from '../../designer/src/graph/convert';
import { layoutPositions, withLayout } from '../../designer/src/graph/layout';
import { indexProblems, placeProblems } from '../../designer/src/graph/problems';

const TEMPLATES = join(import.meta.dirname, '..', '..', 'templates');
const templates = readdirSync(TEMPLATES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(TEMPLATES, f), 'utf8')) as Definition] as const);

const small: Definition = {
  format: 'passerelle.process/1',
  key: 'petite-approbation',
  name: 'Petite approbation',
  roles: [{ key: 'federation', label: 'Fédération' }],
  variables: [{ name: 'montant', type: 'integer' }],
  nodes: [
    { id: 'debut', type: 'start' },
    { id: 'revue', type: 'task', label: 'Revue', assignee: 'federation', outcomes: ['approved', 'rejected'], due: 'P5D' },
    { id: 'choix', type: 'exclusive' },
    { id: 'fin', type: 'end' },
    { id: 'refus', type: 'end', result: 'abandoned' },
  ],
  edges: [
    { id: 'e1', from: 'debut', to: 'revue' },
    { id: 'e2', from: 'revue', to: 'choix', outcome: 'approved' },
    { id: 'e3', from: 'revue', to: 'refus', outcome: 'rejected' },
    { id: 'e4', from: 'choix', to: 'fin', when: { var: 'montant', op: '>', value: 10 } },
    { id: 'e5', from: 'choix', to: 'fin' },
  ],
};

describe('document ↔ graph conversion', () => {
  it.each(templates)('gives back exactly the template %s after a round trip', (_name, doc) => {
    expect(templates.length).toBeGreaterThanOrEqual(7);
    const back = fromGraph(toGraph(doc));
    expect(back).toEqual(doc);
    expect(back.$schema).toBe('../docs/process.schema.json'); // kept for editors (docs/process-language.md)
    expect(JSON.stringify(back.edges)).toBe(JSON.stringify(doc.edges)); // edge order is meaning (gateway order)
  });

  it('turns nodes into React Flow nodes typed by the node type, holding every field but id and position', () => {
    const placed = withLayout(small);
    const graph = toGraph(placed);
    const revue = graph.nodes.find((n) => n.id === 'revue')!;
    expect(revue.type).toBe('task');
    expect(revue.position).toEqual(placed.nodes[1].position);
    expect(revue.data.node).toEqual({ type: 'task', label: 'Revue', assignee: 'federation', outcomes: ['approved', 'rejected'], due: 'P5D' });
    expect(graph.edges[1]).toMatchObject({ id: 'e2', source: 'revue', target: 'choix', data: { edge: { outcome: 'approved' } } });
    expect(graph.meta).toEqual({ format: small.format, key: small.key, name: small.name, roles: small.roles, variables: small.variables });
  });

  it('places nodes without positions by the layout yet writes no position back for them', () => {
    const graph = toGraph(small, layoutPositions);
    const xs = graph.nodes.map((n) => n.position.x);
    expect(new Set(xs).size).toBeGreaterThan(2);
    expect(graph.nodes.every((n) => n.data.autoPlaced)).toBe(true);
    expect(fromGraph(graph)).toEqual(small);
  });

  it('writes the position of a node once it has been moved', () => {
    const graph = toGraph(small, layoutPositions);
    graph.nodes[0] = { ...graph.nodes[0], position: { x: 5, y: 7 }, data: { node: graph.nodes[0].data.node } };
    expect(fromGraph(graph).nodes[0]).toEqual({ id: 'debut', type: 'start', position: { x: 5, y: 7 } });
  });

  it('lays out left to right: a node comes after the nodes leading to it', () => {
    const at = layoutPositions(small);
    expect(at.revue.x).toBeGreaterThan(at.debut.x);
    expect(at.choix.x).toBeGreaterThan(at.revue.x);
    expect(at.fin.x).toBeGreaterThan(at.choix.x);
  });
});

describe('problems on the canvas', () => {
  it('marks the edge missing its condition, not only its gateway', () => {
    const { errors, warnings } = validate(small);
    const placed = placeProblems(small, errors, warnings);
    const gateway = placed.filter((p) => p.code === 'gateway_edges');
    expect(gateway.map((p) => p.target)).toEqual([{ kind: 'node', id: 'choix' }, { kind: 'edge', id: 'e5' }]); // no default: the gateway's own
    expect(gateway[1].message).toContain('« e5 »');
    expect(indexProblems(placed)['edge:e5'].errors).toBe(1);
    expect(indexProblems(placed)['edge:e4']).toBeUndefined();
  });

  it('places a node problem on its node with the field at fault', () => {
    const doc: Definition = { ...small, nodes: small.nodes.map((n) => (n.id === 'revue' ? { ...n, due: '5 jours' } : n)), edges: [...small.edges.slice(0, 4), { ...small.edges[4], default: true }] };
    const placed = placeProblems(doc, validate(doc).errors, []);
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ code: 'bad_duration', target: { kind: 'node', id: 'revue' }, field: 'due' });
  });

  it('keeps document-level problems without a target', () => {
    const doc: Definition = { ...small, nodes: small.nodes.filter((n) => n.type !== 'start') };
    const placed = placeProblems(doc, validate(doc).errors, []);
    expect(placed.find((p) => p.code === 'start_count')?.target).toBeUndefined();
  });
});
