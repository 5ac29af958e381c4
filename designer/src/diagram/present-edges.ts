// Edges as drawn: caption (outcome, « par défaut », condition), arrow, French aria label and
// the classes that mark problems, differences, the simulated path or project progress. Pure.
import { MarkerType } from '@xyflow/react';
import type { Variable } from '../../../dsl/schema';
import { edgeCaption } from '../graph/conditions';
import type { ProcessFlowEdge } from '../graph/convert';
import type { Decorations } from './decorations';

export interface EdgeContext extends Pick<Decorations, 'problems' | 'diff' | 'path' | 'status'> {
  variables?: Variable[];
  nodeLabel: (id: string) => string;
}

export function presentEdge(e: ProcessFlowEdge, ctx: EdgeContext): ProcessFlowEdge {
  const data = e.data?.edge ?? {};
  const caption = edgeCaption(data, ctx.variables);
  const classes: string[] = [];
  const problems = ctx.problems[`edge:${e.id}`];
  if (problems?.errors) classes.push('edge-error');
  else if (problems?.warnings) classes.push('edge-warning');
  const diff = ctx.diff[`edge:${e.id}`];
  if (diff) classes.push(`edge-${diff}`);
  if (ctx.path[e.source] && ctx.path[e.target]) classes.push('edge-path');
  if (ctx.status[e.source] === 'done' && ctx.status[e.target] && ctx.status[e.target] !== 'pending') classes.push('edge-done');
  const from = ctx.nodeLabel(e.source);
  const to = ctx.nodeLabel(e.target);
  return {
    ...e,
    type: 'smoothstep',
    label: caption,
    className: classes.join(' ') || undefined,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    ariaLabel: `Transition de « ${from} » vers « ${to} »${caption ? ` : ${caption}` : ''}${problems?.errors ? ' (erreur)' : ''}`,
    labelBgPadding: [4, 2],
    labelBgBorderRadius: 3,
  };
}

export function presentEdges(edges: ProcessFlowEdge[], ctx: EdgeContext): ProcessFlowEdge[] {
  return edges.map((e) => presentEdge(e, ctx));
}
